package notice

import (
	"context"
	"sort"
	"strconv"

	"zhibu/assets"
	"zhibu/store"
)

// Builders of the notices about the branch's own work: dues, the theme day, decisions.

func buildDues(ctx context.Context, b *build) error {
	months := b.period.Split(store.PeriodMonth)
	from, to := months[0].String(), months[len(months)-1].String()
	pays, err := b.db.DuesPayments(ctx, b.org.ID, from, to)
	if err != nil {
		return err
	}
	ms, err := b.db.Members(ctx, store.MemberFilter{OrgID: b.org.ID, All: true})
	if err != nil {
		return err
	}
	type sum struct {
		months []string
		fen    int64
	}
	per := map[string]*sum{}
	var collected int64
	for _, p := range pays {
		s := per[p.MemberID]
		if s == nil {
			s = &sum{}
			per[p.MemberID] = s
		}
		s.months = append(s.months, p.Month)
		s.fen += p.Amount
		collected += p.Amount
	}
	paid := Table{Caption: assets.T("Dues collected"), Columns: []Column{{Header: assets.T("No."), Weight: 0.7}, {Header: assets.T("Name"), Weight: 1.5},
		{Header: assets.T("Months paid"), Weight: 3.2, Align: "L"}, {Header: assets.T("Amount (yuan)"), Weight: 1.4, Align: "R"}},
		Empty: assets.T("No dues were recorded in this period.")}
	for _, m := range ms { // roll (pinyin) order
		s := per[m.ID]
		if s == nil {
			continue
		}
		sort.Strings(s.months)
		paid.Rows = append(paid.Rows, []string{seq(len(paid.Rows)), m.Name, monthList(s.months), store.Yuan(s.fen)})
		b.doc.Subjects = append(b.doc.Subjects, m.Name)
	}
	if len(paid.Rows) > 0 {
		paid.Rows = append(paid.Rows, []string{"", assets.T("Total"), "", store.Yuan(collected)})
	}
	uses, err := b.db.DuesUses(ctx, b.org.ID, b.period.FirstDay(), b.period.LastDay())
	if err != nil {
		return err
	}
	used := Table{Caption: assets.T("Dues used"), Columns: []Column{{Header: assets.T("No."), Weight: 0.7}, {Header: assets.T("Date"), Weight: 1.8},
		{Header: assets.T("Used for"), Weight: 3.3, Align: "L"}, {Header: assets.T("Amount (yuan)"), Weight: 1.4, Align: "R"}},
		Empty: assets.T("No dues were used in this period.")}
	var spent int64
	for i, u := range uses {
		what := u.Purpose
		if u.Note != "" {
			what += "（" + u.Note + "）"
		}
		used.Rows = append(used.Rows, []string{seq(i), dayText(u.Date), what, store.Yuan(u.Amount)})
		spent += u.Amount
	}
	if len(used.Rows) > 0 {
		used.Rows = append(used.Rows, []string{"", assets.T("Total"), "", store.Yuan(spent)})
	}
	b.data.Collected, b.data.Spent, b.data.Payers, b.data.Count = store.Yuan(collected), store.Yuan(spent), len(per), len(per)
	b.doc.Tables = []Table{paid, used}
	return nil
}

// monthList writes months of one year compactly: 2026年10月、11月、12月.
func monthList(months []string) string {
	out := ""
	year := ""
	for i, m := range months {
		if i > 0 {
			out += "、"
		}
		if len(m) == 7 && m[:4] != year {
			year = m[:4]
			out += year + "年"
		}
		if len(m) == 7 {
			n, _ := strconv.Atoi(m[5:])
			out += strconv.Itoa(n) + "月"
		} else {
			out += m
		}
	}
	return out
}

func buildThemeDay(ctx context.Context, b *build) error {
	month := b.period.String()
	th, ok, err := b.db.ThemeFor(ctx, b.org.ID, month)
	if err != nil {
		return err
	}
	if !ok {
		return assets.Errorf("There is no theme-day programme for %s yet. Enter the month's theme and set items first (or sync to receive the township's).", b.period.Label())
	}
	day, err := b.db.ThemeDayIn(ctx, b.period)
	if err != nil {
		return err
	}
	b.data.Subject, b.data.Note, b.data.EventDate = th.Title, th.Note, ShortDate(day)
	t := Table{Columns: []Column{{Header: assets.T("No."), Weight: 0.7}, {Header: assets.T("Activity"), Weight: 5, Align: "L"}, {Header: assets.T("Kind of item"), Weight: 1.6}},
		Empty: assets.T("The programme lists no items yet.")}
	for i, it := range th.SetItems {
		t.Rows = append(t.Rows, []string{seq(i), it, assets.T("Set item (规定动作)")})
	}
	b.data.Count = len(t.Rows)
	b.doc.Tables = []Table{t}
	return nil
}

func buildDecision(ctx context.Context, b *build) error {
	if b.req.Subject == "" {
		return assets.Errorf("Name the decision to publish with --subject (its ID; \"zhibu decision list\" shows them).")
	}
	d, err := b.db.Decision(ctx, b.req.Subject)
	if err != nil {
		return err
	}
	if d.OrgID != b.org.ID {
		return assets.Errorf("The decision %s belongs to another organisation.", d.ID)
	}
	if d.ResolvedOn == "" {
		return assets.Errorf("\"%s\" has not been resolved by the villagers' (representatives') meeting yet, so there is nothing to publish.", d.Title)
	}
	b.data.Subject, b.data.Content, b.data.Body = d.Title, d.Content, d.BodyLabel()
	b.data.VotesDue, b.data.VotesPresent, b.data.VotesFor, b.data.Result = d.VotesDue, d.VotesPresent, d.VotesFor, d.Result
	t := Table{Columns: []Column{{Header: assets.T("No."), Weight: 0.7}, {Header: assets.T("Step"), Weight: 4, Align: "L"}, {Header: assets.T("Date"), Weight: 2}}}
	last := 4
	if d.Result != "" {
		last = 5 // the result notice also shows when the resolution was published
	}
	for i, date := range d.Dates()[:last] {
		if date == "" {
			continue
		}
		step := assets.T(store.DecisionStepKeys[i])
		if i == 1 && d.Merged {
			step = assets.T("Discussed together with the proposal (the secretary is also the village head)")
		}
		t.Rows = append(t.Rows, []string{seq(len(t.Rows)), step, dayText(date)})
	}
	b.doc.Tables = []Table{t}
	b.data.Count = len(t.Rows)
	return nil
}
