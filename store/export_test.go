package store

import (
	"context"
	"encoding/json"
	"sort"
	"time"

	"zhibu/assets"
	"zhibu/store/rules"
)

// MembersFromTable is Members read from the table, not the roster in memory (to compare
// the two, and as the baseline of BenchmarkMemberSearch30k).
func (db *DB) MembersFromTable(ctx context.Context, f MemberFilter) ([]Member, error) {
	return db.membersFromTable(ctx, f)
}

// The per-member (and per-candidate) queries PointsResults and Candidates made before they
// were batched: the baseline of their benchmarks and the oracle of their tests.

// PointsResultsPerMember is PointsResults as it was, with a few queries per member.
func (db *DB) PointsResultsPerMember(ctx context.Context, orgID, period string) ([]PointsResult, error) {
	ms, err := db.Members(ctx, MemberFilter{OrgID: orgID})
	if err != nil {
		return nil, err
	}
	return db.pointsResultsPerMember(ctx, ms, period)
}

// CandidatesPerCandidate is Candidates as it was, with a query per candidate.
func (db *DB) CandidatesPerCandidate(ctx context.Context, orgID string, all bool) ([]Candidate, error) {
	return db.candidatesPerCandidate(ctx, orgID, all)
}

func (db *DB) pointsResultsPerMember(ctx context.Context, ms []Member, period string) ([]PointsResult, error) {
	from, to, err := periodRange(period)
	if err != nil {
		return nil, err
	}
	perStar, err := db.ruleInt(ctx, rules.PointsPerStar.Key)
	if err != nil || perStar <= 0 {
		perStar = 10
	}
	duesPts, err := db.ruleInt(ctx, rules.PointsDues.Key)
	if err != nil {
		return nil, err
	}
	layout, err := db.RuleValue(ctx, rules.PointsLayout.Key)
	if err != nil {
		return nil, err
	}
	out := make([]PointsResult, 0, len(ms))
	for _, m := range ms {
		r := PointsResult{MemberID: m.ID, Name: m.Name, Layout: layout, Entries: []PointsEntry{}}
		rows, err := db.sql.QueryContext(ctx, `SELECT id, org_id, member_id, date, kind, points, reason FROM points_entries
			WHERE deleted=0 AND member_id=? AND date>=? AND date<=? ORDER BY date, id`, m.ID, fmtDay(from), fmtDay(to))
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var e PointsEntry
			if err := rows.Scan(&e.ID, &e.OrgID, &e.MemberID, &e.Date, &e.Kind, &e.Points, &e.Reason); err != nil {
				rows.Close()
				return nil, err
			}
			r.Entries = append(r.Entries, e)
		}
		rows.Close()
		pays, err := db.sql.QueryContext(ctx, `SELECT month, paid_date FROM dues_payments WHERE deleted=0 AND member_id=?
			AND month>=? AND month<=? ORDER BY month`, m.ID, from.Format("2006-01"), to.Format("2006-01"))
		if err != nil {
			return nil, err
		}
		for pays.Next() {
			var month, paid string
			if err := pays.Scan(&month, &paid); err != nil {
				pays.Close()
				return nil, err
			}
			mt, _ := parseMonth(month)
			if paid <= fmtDay(mt.AddDate(0, 1, -1)) && duesPts != 0 {
				r.Entries = append(r.Entries, PointsEntry{MemberID: m.ID, OrgID: m.OrgID, Date: paid, Kind: "dues", Points: duesPts,
					Reason: assets.T("Dues for %s paid on time", month), Auto: true})
			}
		}
		pays.Close()
		auto, err := db.memberPartPointsPerMember(ctx, m, from, to)
		if err != nil {
			return nil, err
		}
		r.Entries = append(r.Entries, auto...)
		one := map[string][]PointsEntry{}
		list, _ := json.Marshal([]string{m.ID})
		if err := db.attendancePoints(ctx, string(list), map[string]string{m.ID: m.OrgID}, from, to, one); err != nil {
			return nil, err
		}
		r.Entries = append(r.Entries, one[m.ID]...)
		sort.SliceStable(r.Entries, func(i, j int) bool { return r.Entries[i].Date < r.Entries[j].Date })
		scoreStars(&r, perStar)
		out = append(out, r)
	}
	return out, nil
}

func (db *DB) memberPartPointsPerMember(ctx context.Context, m Member, from, to time.Time) ([]PointsEntry, error) {
	var out []PointsEntry
	f, t := fmtDay(from), fmtDay(to)
	for _, q := range []struct {
		rule, kind, sql string
		reason          func(string) string
	}{
		{rules.PointsService.Key, "service", `SELECT date, activity FROM member_services WHERE deleted=0 AND member_id=? AND date>=? AND date<=?`,
			func(s string) string { return assets.T("Volunteer service: %s", s) }},
		{rules.PointsCommitment.Key, "duty", `SELECT done_date, content FROM member_commitments WHERE deleted=0 AND member_id=? AND done_date<>'' AND done_date>=? AND done_date<=?`,
			func(s string) string { return assets.T("Commitment fulfilled: %s", s) }},
		{rules.PointsVisit.Key, "duty", `SELECT c.date, h.name FROM member_contacts c JOIN member_households h ON h.id=c.household_id
			WHERE c.deleted=0 AND c.kind='household' AND c.member_id=? AND c.date>=? AND c.date<=?`,
			func(s string) string { return assets.T("Visit to the household of %s", s) }},
	} {
		pts, err := db.ruleInt(ctx, q.rule)
		if err != nil {
			return nil, err
		}
		rows, err := db.sql.QueryContext(ctx, q.sql, m.ID, f, t)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var date, what string
			if err := rows.Scan(&date, &what); err != nil {
				rows.Close()
				return nil, err
			}
			if pts != 0 {
				out = append(out, PointsEntry{MemberID: m.ID, OrgID: m.OrgID, Date: date, Kind: q.kind, Points: pts, Reason: q.reason(what), Auto: true})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
func (db *DB) candidatesPerCandidate(ctx context.Context, orgID string, all bool) ([]Candidate, error) {
	q := "SELECT " + mustTable("candidates").selectList() + " FROM candidates WHERE deleted=0 AND (?='' OR org_id=?)"
	if !all {
		q += " AND state='active'"
	}
	rows, err := db.sql.QueryContext(ctx, q+" ORDER BY name, id", orgID, orgID)
	if err != nil {
		return nil, err
	}
	var out []Candidate
	for rows.Next() {
		c, err := scanCandidate(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Steps, err = db.candidateSteps(ctx, out[i].ID); err != nil {
			return nil, err
		}
		db.maskCandidate(ctx, &out[i])
	}
	return out, nil
}

// SetWeakPasswordForTest gives a user a password set before the password rule (as an old
// database holds), bypassing the rule.
func SetWeakPasswordForTest(t interface{ Fatal(...any) }, db *DB, name, pw string) {
	hash, err := hashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.sql.ExecContext(context.Background(), "UPDATE users SET pw_hash=? WHERE name=?", hash, name); err != nil {
		t.Fatal(err)
	}
}
