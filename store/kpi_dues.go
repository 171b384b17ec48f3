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
	warn, err := db.ruleInt(ctx, rules.DuesWarn.Key)
	if err != nil {
		return nil, err
	}
	alarm, err := db.ruleInt(ctx, rules.DuesAlarm.Key)
	if err != nil {
		return nil, err
	}
	org := ""
	if len(orgIDs) == 1 {
		org = orgIDs[0]
	}
	type pair struct{ a, b string }
	scan := func(s replica.Scanner) (pair, error) {
		var x pair
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
	type member struct{ id, org, joined string }
	members, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (member, error) {
		var m member
		return m, s.Scan(&m.id, &m.org, &m.joined)
	}, `SELECT id, org_id, joined_date FROM members WHERE deleted=0 AND state IN ('','active') AND (?='' OR org_id=?)`, org, org)
	if err != nil {
		return nil, err
	}
	pays, err := replica.Collect(ctx, db.sql, scan, `SELECT member_id, month FROM dues_payments WHERE deleted=0 AND (?='' OR org_id=?)`, org, org)
	if err != nil {
		return nil, err
	}
	paid := map[pair]bool{}
	for _, x := range pays {
		paid[x] = true
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
			if paid[pair{m.id, mo}] {
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
