package store

import (
	"context"
	"database/sql"
	"time"

	"zhibu/store/replica"
	"zhibu/store/rules"
)

// duesMonths are a village's dues figures for the KPIs.
type duesMonths struct {
	due, paid   int // member-months of the period due, and paid
	warn, alarm int // members owing dues.warn_months or more; unpaid dues.alarm_months in a row
}

// duesMonthsOf counts dues months for every village at once. It follows DuesStatuses'
// rule (dues are owed from the later of the branch's first dues month and the member's
// joining month, for months ended before asOf) without a query per member;
// TestKPIDuesAgreeWithDuesStatuses keeps the two in step.
func (db *DB) duesMonthsOf(ctx context.Context, orgIDs []string, p Period, asOf time.Time) (map[string]duesMonths, error) {
	org := ""
	if len(orgIDs) == 1 {
		org = orgIDs[0]
	}
	// The home's quarter and the star rating's year count from the same book: read once per
	// state of the records.
	b, err := db.duesBook(ctx, org)
	if err != nil {
		return nil, err
	}
	start, members, paid, own, free, warn, alarm := b.start, b.members, b.paid, b.own, b.free, b.warn, b.alarm
	end := time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0).Format("2006-01")
	from, to := p.Start().Format("2006-01"), p.Last().Format("2006-01")
	out := map[string]duesMonths{}
	for _, m := range members {
		s := start[m.org]
		if s == "" || free[m.id] {
			continue // the branch keeps no dues in the app yet, or the member owes 0.00: nothing is owed
		}
		if len(m.joined) >= 7 && m.joined[:7] > s {
			s = m.joined[:7]
		}
		if own[m.id] > s {
			s = own[m.id]
		}
		d := out[m.org]
		unpaid, run := 0, 0
		for t, ok := parseMonth(s); ok && t.Format("2006-01") <= end; t = t.AddDate(0, 1, 0) {
			mo := t.Format("2006-01")
			in := mo >= from && mo <= to
			if in {
				d.due++
			}
			if _, ok := paid[m.id][mo]; ok {
				run = 0
				if in {
					d.paid++
				}
				continue
			}
			unpaid++
			run++
		}
		if run >= alarm {
			d.alarm++
		}
		if unpaid >= warn {
			d.warn++
		}
		out[m.org] = d
	}
	return out, nil
}

// duesBook is what duesMonthsOf counts from (one organisation, or every one: ""), shared
// between callers as long as the records do not change: read only.
type duesBook struct {
	start       map[string]string // organisation → its first dues month
	members     []duesMember
	paid        map[string]map[string]paidMonth // member → month → what was paid for it
	last        map[string]string               // member → the latest month paid for
	own         map[string]string
	free        map[string]bool // members who owe 0.00
	warn, alarm int
}

// duesPair is a member and a month (or an organisation and a month).
type duesPair struct{ a, b string }

type duesMember struct{ id, org, joined string }

// paidMonth is what a member paid for one month: the sum of the payments, and whether one of
// them was paid at the 流入地 (paid elsewhere).
type paidMonth struct {
	amount    int64
	elsewhere bool
}

// duesBook is the dues book of the organisation (every one: ""), read once per state of
// the records (shared_figures.go): the KPIs and DuesStatuses count from it.
func (db *DB) duesBook(ctx context.Context, org string) (*duesBook, error) {
	return shared(ctx, db, "dues book "+org, func() (*duesBook, error) { return db.duesBookOf(ctx, org) })
}

// duesBookOf reads the dues book of the organisation (every one: "").
func (db *DB) duesBookOf(ctx context.Context, org string) (*duesBook, error) {
	warn, err := db.ruleInt(ctx, rules.DuesWarn.Key)
	if err != nil {
		return nil, err
	}
	alarm, err := db.ruleInt(ctx, rules.DuesAlarm.Key)
	if err != nil {
		return nil, err
	}
	scan := func(s replica.Scanner) (duesPair, error) {
		var x duesPair
		var b sql.NullString
		err := s.Scan(&x.a, &b)
		x.b = b.String
		return x, err
	}
	// The branch's first dues month: its setting, else its earliest payment.
	start := map[string]string{}
	first, err := replica.Collect(ctx, db.sql, scan, `SELECT org_id, min(month) FROM dues_payments WHERE deleted=0 AND (?='' OR org_id=?) GROUP BY org_id`, org, org)
	if err != nil {
		return nil, err
	}
	for _, x := range first {
		start[x.a] = x.b
	}
	set, err := replica.Collect(ctx, db.sql, scan, `SELECT org_id, value FROM settings WHERE deleted=0 AND key='dues.start_month' AND (?='' OR org_id=?)`, org, org)
	if err != nil {
		return nil, err
	}
	for _, x := range set {
		if x.b != "" {
			start[x.a] = x.b
		}
	}
	members, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (duesMember, error) {
		var m duesMember
		return m, s.Scan(&m.id, &m.org, &m.joined)
	}, `SELECT id, org_id, joined_date FROM members WHERE deleted=0 AND state IN ('','active') AND (?='' OR org_id=?)`, org, org)
	if err != nil {
		return nil, err
	}
	type payment struct {
		member, month, elsewhere string
		amount                   int64
	}
	pays, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (payment, error) {
		var p payment
		return p, s.Scan(&p.member, &p.month, &p.amount, &p.elsewhere)
	}, `SELECT member_id, month, amount, paid_elsewhere FROM dues_payments WHERE deleted=0 AND (?='' OR org_id=?)`, org, org)
	if err != nil {
		return nil, err
	}
	paid := map[string]map[string]paidMonth{}
	last := map[string]string{}
	for _, p := range pays {
		if paid[p.member] == nil {
			paid[p.member] = map[string]paidMonth{}
		}
		pm := paid[p.member][p.month]
		pm.amount += p.amount
		pm.elsewhere = pm.elsewhere || p.elsewhere != ""
		paid[p.member][p.month] = pm
		last[p.member] = max(last[p.member], p.month)
	}
	own, err := db.memberDuesStarts(ctx, org, nil)
	if err != nil {
		return nil, err
	}
	// Members whose approved amount is 0.00 (免交) owe nothing.
	waived, err := replica.Collect(ctx, db.sql, scan, `SELECT id, '' FROM dues_profiles WHERE deleted=0 AND fixed=0 AND (?='' OR org_id=?)`, org, org)
	if err != nil {
		return nil, err
	}
	free := map[string]bool{}
	for _, x := range waived {
		free[x.a] = true
	}
	return &duesBook{start: start, members: members, paid: paid, last: last, own: own, free: free, warn: warn, alarm: alarm}, nil
}
