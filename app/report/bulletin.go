package report

import (
	"context"
	"io"
	"strconv"
	"strings"

	"zhibu/app/notice"
	"zhibu/assets"
	"zhibu/store"
)

// The township's 通报 (bulletin) on its villages for a month, quarter or year: each village's
// compliance from the one KPI computation (按时召开率, 党员平均参会率, 党费收缴率), the
// task-list items closed in the period and overdue at its end, the good practice the clerk
// writes, signed by the township committee with the date in Chinese numerals. Villages are
// listed in code order, never ranked, and no member is named (central guidance of 2023
// discourages rankings: DOMAIN.md "积分 and 星级").

// MaxGoodPracticeRunes bounds the good practice text a bulletin prints.
const MaxGoodPracticeRunes = 3000

// Bulletin builds the 通报 of a period as the notices' renderer draws it. Only a township
// makes one.
func Bulletin(ctx context.Context, db *store.DB, p store.Period, goodPractice string) (notice.Document, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return notice.Document{}, err
	}
	if home.Kind != store.KindTownship {
		return notice.Document{}, assets.Wrap(store.ErrDenied, "The bulletin on the villages is made by the township office.")
	}
	goodPractice = strings.TrimSpace(goodPractice)
	if k := len([]rune(goodPractice)); k > MaxGoodPracticeRunes {
		return notice.Document{}, assets.Wrap(store.ErrInvalid, "The good practice text is too long (%d characters; at most %d). Shorten it.", k, MaxGoodPracticeRunes)
	}
	ks, err := db.KPIs(ctx, p, nil)
	if err != nil {
		return notice.Document{}, err
	}
	t := store.Totals(ks, p)
	closed, overdue, behind := 0, 0, 0
	for _, k := range ks {
		closed += k.Tasks.Closed
		overdue += k.Tasks.OverdueAtEnd
		if k.Tasks.OverdueAtEnd > 0 {
			behind++
		}
	}
	doc := notice.Document{Title: assets.T("Bulletin on the party-building work of the village branches in %s", p.Label()),
		Issuer: notice.IssuerOf(home.Name), Date: db.Now(), Paper: notice.A4}
	doc.Preface = []string{assets.T("To the village party organisations:"),
		assets.T("The %s party committee reviewed the records of the %d village party organisations of the whole %s for %s: the three meetings and one lecture, members' attendance, dues collection and the rectification of the items raised. The results are as follows.", TownWord(home.Name), len(ks), TownWord(home.Name), p.Label()),
		assets.T("1. Overall. On-time rate of the required meetings %s (%d of %d held on time); average attendance %s; dues collection rate %s. Items of the task lists closed in the period: %d; overdue and not rectified at its end: %d, in %d villages.",
			store.Percent(t.OnTimeRate), t.OnTime, t.Required, store.Percent(t.AttendanceRate), store.Percent(t.DuesRate), closed, overdue, behind),
		assets.T("2. Each village (in the order of their codes; not a ranking):")}
	table := notice.Table{Columns: []notice.Column{{Header: assets.T("No."), Weight: 0.6}, {Header: assets.T("Village party organisation"), Weight: 2.6, Align: "L"},
		{Header: assets.T("On-time rate"), Weight: 1.1}, {Header: assets.T("Attendance (column)"), Weight: 1.1}, {Header: assets.T("Dues rate (column)"), Weight: 1.1},
		{Header: assets.T("Items closed"), Weight: 1}, {Header: assets.T("Items overdue"), Weight: 1}},
		Empty: assets.T("No village.")}
	for i, k := range ks {
		table.Rows = append(table.Rows, []string{strconv.Itoa(i + 1), k.OrgName, store.Percent(k.OnTimeRate), store.Percent(k.AttendanceRate),
			store.Percent(k.DuesRate), strconv.Itoa(k.Tasks.Closed), strconv.Itoa(k.Tasks.OverdueAtEnd)})
	}
	doc.Tables = []notice.Table{table}
	doc.Footer = []string{assets.T("3. Good practice.")}
	if goodPractice == "" {
		doc.Footer = append(doc.Footer, assets.T("None noted in this period."))
	}
	for _, para := range strings.Split(goodPractice, "\n") {
		if para = strings.TrimSpace(para); para != "" {
			doc.Footer = append(doc.Footer, para)
		}
	}
	doc.Footer = append(doc.Footer, assets.T("4. Requirements. The village party organisations with overdue items are to rectify them at once and record the completion with its evidence in the rectification ledger; the township party committee will follow them up at its next supervision visit."))
	return doc, nil
}

// PrintBulletin builds the 通报 and writes it as PDF.
func PrintBulletin(ctx context.Context, db *store.DB, p store.Period, goodPractice string, w io.Writer) (notice.Document, error) {
	doc, err := Bulletin(ctx, db, p, goodPractice)
	if err != nil {
		return doc, err
	}
	return doc, notice.Render(w, doc)
}
