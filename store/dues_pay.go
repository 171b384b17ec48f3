package store

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/store/rules"
)

// Dues payments: one row per member and month (the ID is derived from both, so the same
// month recorded on two PCs is one row), and the branch's 党费使用明细.

var duesSpace = uuid.MustParse("6f7a6869-6275-4475-6573-000000000000")

func duesPaymentID(memberID, month string) string {
	return uuid.NewSHA1(duesSpace, []byte(memberID+"\x00"+month)).String()
}

// DuesPayment is one month's dues of one member. Amount in fen.
type DuesPayment struct {
	ID       string `json:"id"`
	OrgID    string `json:"org_id"`
	MemberID string `json:"member_id"`
	Month    string `json:"month"`
	Amount   int64  `json:"amount"`
	PaidDate string `json:"paid_date"`
	Note     string `json:"note"`
	// PaidElsewhere: the 流入地 党组织 a 流动党员 paid this month to ("" paid here).
	PaidElsewhere string `json:"paid_elsewhere,omitempty"`
}

// PayRequest records dues for one or more months of one member.
type PayRequest struct {
	MemberID string
	Months   []string // YYYY-MM
	Total    int64    // fen for all months together, split evenly; 0: the computed amount each month
	PaidDate string   // YYYY-MM-DD; "": today
	Late     bool     // accept months older than the back-payment limit
	Note     string
	// Elsewhere: a 流动党员 paid these months to the 流入地 党组织 named here (with the
	// 流动党员活动证); the months count as paid, the amount (if any) as paid there.
	Elsewhere string
}

func parseMonth(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01", strings.TrimSpace(s))
	return t, err == nil
}

// ExpandMonths turns "2026-03", "2026-01,2026-02" or a quarter "2026Q1" into months.
func ExpandMonths(s string) ([]string, error) {
	var out []string
	for _, part := range strings.Split(s, ",") {
		part = strings.ToUpper(strings.TrimSpace(part))
		if part == "" {
			continue
		}
		if strings.Contains(part, "Q") {
			from, _, err := periodRange(part)
			if err != nil {
				return nil, err
			}
			for i := 0; i < 3; i++ {
				out = append(out, from.AddDate(0, i, 0).Format("2006-01"))
			}
			continue
		}
		t, ok := parseMonth(part)
		if !ok {
			return nil, assets.Wrap(ErrInvalid, "The month %s is not valid; write it as YYYY-MM, e.g. 2026-03, or a quarter such as 2026Q1.", part)
		}
		out = append(out, t.Format("2006-01"))
	}
	if len(out) == 0 {
		return nil, assets.Wrap(ErrInvalid, "Name the month the dues are for, e.g. 2026-03.")
	}
	return out, nil
}

// PayDues records a member's dues for the months asked. Every month is checked first:
// before the member joined, already paid, more than a year ahead, or older than the
// back-payment limit (unless Late) refuses the whole payment.
func (db *DB) PayDues(ctx context.Context, req PayRequest) ([]DuesPayment, error) {
	m, err := db.Member(ctx, req.MemberID)
	if err != nil {
		return nil, err
	}
	if m.State != "active" && m.State != "" {
		return nil, assets.Wrap(ErrInvalid, "%s is no longer on the roll (%s); no dues can be recorded.", m.Name, State.Label(m.State))
	}
	today := db.today()
	paid := today
	if req.PaidDate != "" {
		var ok bool
		if paid, ok = parseDay(req.PaidDate); !ok {
			return nil, assets.Wrap(ErrInvalid, "The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-10-01.", req.PaidDate)
		}
		if paid.After(today) {
			return nil, assets.Wrap(ErrInvalid, "The payment date %s is in the future. Enter the day the money was received.", req.PaidDate)
		}
	}
	req.Elsewhere = strings.TrimSpace(req.Elsewhere)
	if req.Elsewhere != "" && m.Category != "floating" {
		return nil, assets.Wrap(ErrInvalid, "%s is not a floating member; only a floating member pays dues to the party organisation where they work.", m.Name)
	}
	if req.Total < 0 {
		return nil, assets.Wrap(ErrInvalid, "The amount must be more than zero.")
	}
	if len(req.Months) == 0 {
		return nil, assets.Wrap(ErrInvalid, "Name the month the dues are for, e.g. 2026-03.")
	}
	backpay, err := db.ruleInt(ctx, rules.DuesBackpay.Key)
	if err != nil {
		return nil, err
	}
	monthly, _, err := db.MonthlyDues(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	joined, _ := parseDay(m.JoinedDate)
	firstDue := time.Date(joined.Year(), joined.Month(), 1, 0, 0, 0, 0, time.UTC)
	paidMonth := time.Date(paid.Year(), paid.Month(), 1, 0, 0, 0, 0, time.UTC)
	note := strings.TrimSpace(req.Note)
	if req.Late && note == "" {
		note = assets.T("late payment agreed by the branch")
	}
	seen := map[string]bool{}
	var out []DuesPayment
	for _, s := range req.Months {
		mt, ok := parseMonth(s)
		if !ok {
			return nil, assets.Wrap(ErrInvalid, "The month %s is not valid; write it as YYYY-MM, e.g. 2026-03, or a quarter such as 2026Q1.", s)
		}
		month := mt.Format("2006-01")
		if seen[month] {
			return nil, assets.Wrap(ErrInvalid, "The month %s is named twice.", month)
		}
		seen[month] = true
		switch {
		case !joined.IsZero() && mt.Before(firstDue):
			return nil, assets.Wrap(ErrInvalid, "%s joined the party on %s; dues are due from %s, not for %s.", m.Name, m.JoinedDate, firstDue.Format("2006-01"), month)
		case mt.After(addMonths(paidMonth, 12)):
			return nil, assets.Wrap(ErrInvalid, "Dues can be paid at most 12 months ahead; %s is too far ahead.", month)
		case mt.Before(addMonths(paidMonth, -backpay)) && !req.Late:
			return nil, assets.Wrap(ErrInvalid, "%s is more than %d months back. Back-payment is normally accepted for at most %d months (six months unpaid without reason counts as leaving the party, 党章 第九条). If the branch has decided to accept it, record it again marked as a late payment.", month, backpay, backpay)
		}
		var have string
		err := db.sql.QueryRowContext(ctx, "SELECT paid_date FROM dues_payments WHERE id=? AND deleted=0", duesPaymentID(m.ID, month)).Scan(&have)
		if err == nil {
			return nil, assets.Wrap(ErrDuplicateRow, "The dues of %s for %s were already recorded (paid on %s).", m.Name, month, have)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		p := DuesPayment{ID: duesPaymentID(m.ID, month), OrgID: m.OrgID, MemberID: m.ID, Month: month,
			Amount: monthly, PaidDate: fmtDay(paid), Note: note, PaidElsewhere: req.Elsewhere}
		if req.Elsewhere != "" {
			p.Amount = 0 // not received by this branch
		}
		out = append(out, p)
	}
	if req.Total > 0 {
		n := int64(len(out))
		for i := range out {
			out[i].Amount = req.Total / n
			if int64(i) < req.Total%n {
				out[i].Amount++
			}
		}
	}
	for _, p := range out {
		if p.Amount <= 0 && p.PaidElsewhere == "" && monthly > 0 {
			return nil, assets.Wrap(ErrInvalid, "The amount must be more than zero.")
		}
	}
	err = db.Write(ctx, func(tx *Tx) error {
		for _, p := range out {
			if _, err := tx.r.Put(ctx, "dues_payments", p.ID, map[string]any{"org_id": p.OrgID, "deleted": int64(0),
				"member_id": p.MemberID, "month": p.Month, "amount": p.Amount, "paid_date": p.PaidDate, "note": p.Note,
				"paid_elsewhere": p.PaidElsewhere}); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// CancelDuesPayment removes a payment recorded by mistake (a tombstone).
func (db *DB) CancelDuesPayment(ctx context.Context, memberID, month string) error {
	id := duesPaymentID(memberID, month)
	var n int
	db.sql.QueryRowContext(ctx, "SELECT count(*) FROM dues_payments WHERE id=? AND deleted=0", id).Scan(&n)
	if n == 0 {
		return assets.Wrap(ErrNotFound, "No dues were recorded for %s.", month)
	}
	return db.Write(ctx, func(tx *Tx) error { return tx.r.Delete(ctx, "dues_payments", id) })
}

// DuesPayments lists an organisation's payments for months from..to (YYYY-MM, inclusive).
func (db *DB) DuesPayments(ctx context.Context, orgID, from, to string) ([]DuesPayment, error) {
	return replica.Collect(ctx, db.sql, func(s replica.Scanner) (DuesPayment, error) {
		var p DuesPayment
		return p, s.Scan(&p.ID, &p.OrgID, &p.MemberID, &p.Month, &p.Amount, &p.PaidDate, &p.Note, &p.PaidElsewhere)
	}, `SELECT id, org_id, member_id, month, amount, paid_date, note, paid_elsewhere FROM dues_payments
		WHERE deleted=0 AND (?='' OR org_id=?) AND month>=? AND month<=? ORDER BY month, member_id`, orgID, orgID, from, to)
}

// DuesStatus is one member's dues position on a day.
type DuesStatus struct {
	MemberID    string      `json:"id"`
	Name        string      `json:"name"`
	Monthly     int64       `json:"monthly"` // fen
	Basis       string      `json:"basis"`   // how the amount was worked out (Chinese)
	From        string      `json:"from"`    // first month dues are owed ("" none yet)
	Unpaid      []string    `json:"unpaid"`  // months due and not paid, oldest first
	Consecutive int         `json:"consecutive"`
	Alarm       bool        `json:"alarm"` // unpaid for dues.alarm_months in a row (党章 第九条)
	Owed        int64       `json:"owed"`  // fen
	LastPaid    string      `json:"last_paid"`
	Short       []DuesShort `json:"short"` // months paid below the computed amount
}

// DuesShort is a month paid below the member's computed monthly amount.
type DuesShort struct {
	Month string `json:"month"`
	Paid  int64  `json:"paid"`  // fen
	Due   int64  `json:"due"`   // fen
	Short int64  `json:"short"` // fen
}

// ShortTotal is what the underpaid months lack together, in fen.
func (s DuesStatus) ShortTotal() int64 {
	var n int64
	for _, x := range s.Short {
		n += x.Short
	}
	return n
}

// duesStart is the month of the organisation's earliest recorded payment ("" if none): the
// dues start when the branch never set DuesStartKey.
func (db *DB) duesStart(ctx context.Context, orgID string) (string, error) {
	var first sql.NullString
	err := db.sql.QueryRowContext(ctx, "SELECT min(month) FROM dues_payments WHERE org_id=? AND deleted=0", orgID).Scan(&first)
	return first.String, err
}

// DuesStatuses returns every active member's dues position on asOf: months whose last day
// is before asOf and that are unpaid, counted from the later of the branch's dues start
// month and the member's own start (see dues_start.go); and months paid below the computed
// amount.
func (db *DB) DuesStatuses(ctx context.Context, orgID string, asOf time.Time) ([]DuesStatus, error) {
	start, _, err := db.DuesStartMonth(ctx, orgID)
	if err != nil {
		return nil, err
	}
	members, err := db.Members(ctx, MemberFilter{OrgID: orgID})
	if err != nil {
		return nil, err
	}
	own, err := db.memberDuesStarts(ctx, orgID, members)
	if err != nil {
		return nil, err
	}
	end := time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0).Format("2006-01")
	// The payments as the KPIs read them (one book, shared while the records do not change).
	book, err := db.duesBook(ctx, orgID)
	if err != nil {
		return nil, err
	}
	paid, last := book.paid, book.last
	rates, err := db.DuesRates(ctx)
	if err != nil {
		return nil, err
	}
	profiles, err := db.duesProfiles(ctx, orgID)
	if err != nil {
		return nil, err
	}
	alarm, err := db.ruleInt(ctx, rules.DuesAlarm.Key)
	if err != nil {
		return nil, err
	}
	out := []DuesStatus{}
	for _, m := range members {
		p, ok := profiles[m.ID]
		if !ok {
			p = DuesProfile{MemberID: m.ID, Kind: DefaultDuesKind}
		}
		amt, basis := ComputeDues(p, rates)
		st := DuesStatus{MemberID: m.ID, Name: m.Name, Monthly: amt, Basis: basis, LastPaid: last[m.ID], Unpaid: []string{}, Short: []DuesShort{}}
		// A member whose approved amount is 0.00 (免交) owes nothing: paid up every month.
		if start != "" && amt > 0 {
			st.From = max(start, own[m.ID])
			for t, _ := parseMonth(st.From); t.Format("2006-01") <= end; t = t.AddDate(0, 1, 0) {
				mo := t.Format("2006-01")
				if _, ok := paid[m.ID][mo]; ok {
					st.Consecutive = 0
					continue
				}
				st.Unpaid = append(st.Unpaid, mo)
				st.Consecutive++
				st.Owed += amt
			}
		}
		for mo, p := range paid[m.ID] {
			if p.amount < amt && !p.elsewhere {
				st.Short = append(st.Short, DuesShort{Month: mo, Paid: p.amount, Due: amt, Short: amt - p.amount})
			}
		}
		sort.Slice(st.Short, func(i, j int) bool { return st.Short[i].Month < st.Short[j].Month })
		st.Alarm = st.Consecutive >= alarm
		out = append(out, st)
	}
	return out, nil
}

// DuesArrears lists members with unpaid months on asOf, most months first.
func (db *DB) DuesArrears(ctx context.Context, orgID string, asOf time.Time) ([]DuesStatus, error) {
	all, err := db.DuesStatuses(ctx, orgID, asOf)
	if err != nil {
		return nil, err
	}
	return arrearsOf(all), nil
}

// arrearsOf keeps the statuses with unpaid months, most months first.
func arrearsOf(all []DuesStatus) []DuesStatus {
	out := []DuesStatus{}
	for _, s := range all {
		if len(s.Unpaid) > 0 {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Unpaid) > len(out[j].Unpaid) })
	return out
}

// DuesUse is one entry of 党费使用明细. Amount in fen.
type DuesUse struct {
	ID      string `json:"id"`
	OrgID   string `json:"org_id"`
	Date    string `json:"date"`
	Amount  int64  `json:"amount"`
	Purpose string `json:"purpose"`
	Note    string `json:"note"`
}

// AddDuesUse records how the branch spent dues and returns the entry's ID.
func (db *DB) AddDuesUse(ctx context.Context, u DuesUse) (string, error) {
	if _, ok := parseDay(u.Date); !ok {
		return "", assets.Wrap(ErrInvalid, "The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-10-01.", u.Date)
	}
	if u.Amount <= 0 {
		return "", assets.Wrap(ErrInvalid, "The amount must be more than zero.")
	}
	u.Purpose = strings.TrimSpace(u.Purpose)
	if u.Purpose == "" {
		return "", assets.Wrap(ErrInvalid, "Say what the money was used for.")
	}
	if u.OrgID == "" {
		home, err := db.Home(ctx)
		if err != nil {
			return "", err
		}
		u.OrgID = home.ID
	}
	id := NewID()
	err := db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "dues_uses", id, map[string]any{"org_id": u.OrgID, "date": u.Date, "amount": u.Amount,
			"purpose": u.Purpose, "note": strings.TrimSpace(u.Note)})
		return err
	})
	return id, err
}

// DuesUses lists an organisation's dues use entries between two dates (inclusive).
func (db *DB) DuesUses(ctx context.Context, orgID, from, to string) ([]DuesUse, error) {
	return replica.Collect(ctx, db.sql, func(s replica.Scanner) (DuesUse, error) {
		var u DuesUse
		return u, s.Scan(&u.ID, &u.OrgID, &u.Date, &u.Amount, &u.Purpose, &u.Note)
	}, `SELECT id, org_id, date, amount, purpose, note FROM dues_uses
		WHERE deleted=0 AND org_id=? AND date>=? AND date<=? ORDER BY date, id`, orgID, from, to)
}
