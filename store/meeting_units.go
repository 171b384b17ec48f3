package store

import (
	"context"
	"database/sql"
	"sort"
	"strconv"
	"time"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/store/rules"
)

// The required meetings of a branch (DOMAIN.md "Township KPIs"): for each kind the rules
// require, one per unit (month, quarter, year) — per party group for 党小组会, 支委会 only
// where the branch has a committee — from the branch's records start on. A unit's meeting is
// on time if one of that kind is dated inside it (when it was typed in does not matter: the
// entry delay is information for the township); missing if none is dated inside it. The
// same computation serves the checks (one branch) and the township figures (every village,
// loaded in a few queries: orgLifeOf).

// orgLife is what a branch's required meetings are computed from.
type orgLife struct {
	meetings  []MeetingSummary // of the years overlapping the period, oldest first
	groups    []Org
	committee bool
	start     time.Time // first day of the month the branch's records start (zero: unknown)
	setup     time.Time // when the branch began using the app (zero: unknown)
}

// meetingNeeds are the rule figures the requirements need, read once.
type meetingNeeds struct {
	count     map[string]int // kind → meetings per unit
	grace     int            // days after a unit's end a record still counts as on time
	committee int            // full members from which a branch has a committee
}

func (db *DB) meetingNeeds(ctx context.Context) (meetingNeeds, error) {
	n := meetingNeeds{count: map[string]int{}}
	for _, req := range requirements {
		need := 1
		if req.def.Count != nil {
			v, err := db.RuleValue(ctx, req.rule.Key)
			if err != nil {
				return n, err
			}
			if need, err = strconv.Atoi(v); err != nil || need < 0 {
				need = 1
			}
		}
		n.count[req.kind] = need
	}
	var err error
	if n.grace, err = db.ruleInt(ctx, rules.RecordGraceDays.Key); err != nil {
		return n, err
	}
	n.committee, err = db.ruleInt(ctx, rules.CommitteeMinFull.Key)
	return n, err
}

// units lists, for every requirement and unit overlapping p, the meetings held and how
// many of them were on time.
func (n meetingNeeds) units(in *orgLife, p Period, today time.Time) []unitStatus {
	var out []unitStatus
	for _, req := range requirements {
		if req.def.NeedsCommittee && !in.committee {
			continue
		}
		scopes := []Org{{}}
		if req.def.PerGroup {
			scopes = in.groups
		}
		for _, u := range p.Split(req.unit) {
			if !in.start.IsZero() && !u.End().After(in.start) {
				continue // before the branch's records start
			}
			for _, g := range scopes {
				s := unitStatus{req: req, unit: u, group: g, need: n.count[req.kind], ended: !today.Before(u.End()),
					started: !today.Before(u.Start()), lastPart: lastPart(u, today)}
				for _, m := range in.meetings {
					if m.Kind == req.kind && m.GroupID == g.ID && u.Contains(mustDay(m.Date)) {
						s.held = append(s.held, m)
					}
				}
				// A meeting counts by the date it was held, never by when it was typed in
				// (DOMAIN "按时召开率"; issue 23): every meeting dated inside the unit is on
				// time, up to the count required. Entered after the grace days, in a unit that
				// ended while the app was in use, it is kept as information for the township.
				due := u.End().AddDate(0, 0, n.grace)
				for i, m := range s.held {
					if i >= s.need {
						break // extra meetings in the same unit do not count twice
					}
					s.onTime++
					if !m.Recorded.IsZero() && m.Recorded.After(due) && !in.setup.IsZero() && in.setup.Before(u.End()) {
						s.enteredLate = append(s.enteredLate, m)
					}
				}
				out = append(out, s)
			}
		}
	}
	return out
}

// orgLifeOf loads what the required meetings of the organisations (every village and
// branch: nil) are computed from, for the years overlapping p: a handful of queries in all.
func (db *DB) orgLifeOf(ctx context.Context, orgIDs []string, p Period, n meetingNeeds) (map[string]*orgLife, error) {
	out := map[string]*orgLife{}
	want := func(id string) bool {
		if orgIDs == nil {
			return true
		}
		_, ok := out[id]
		return ok
	}
	get := func(id string) *orgLife {
		if out[id] == nil {
			out[id] = &orgLife{}
		}
		return out[id]
	}
	for _, id := range orgIDs {
		get(id)
	}
	org := ""
	if len(orgIDs) == 1 {
		org = orgIDs[0]
	}
	for _, y := range p.Split(PeriodYear) {
		ms, err := db.Meetings(ctx, MeetingFilter{OrgID: org, Period: &y})
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if want(m.OrgID) {
				get(m.OrgID).meetings = append(get(m.OrgID).meetings, m)
			}
		}
	}
	groups, err := db.queryOrgs(ctx, "SELECT "+orgCols+" FROM orgs WHERE deleted=0 AND kind=? AND (?='' OR parent_id=?) ORDER BY code, name", KindGroup, org, org)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		if want(g.ParentID) {
			get(g.ParentID).groups = append(get(g.ParentID).groups, g)
		}
	}
	type count struct {
		org string
		n   int
		s   sql.NullString
	}
	scanCount := func(s replica.Scanner) (count, error) {
		var c count
		return c, s.Scan(&c.org, &c.n, &c.s)
	}
	full, err := replica.Collect(ctx, db.sql, scanCount, `SELECT org_id, count(*), NULL FROM members
		WHERE deleted=0 AND state IN ('','active') AND status='full' AND (?='' OR org_id=?) GROUP BY org_id`, org, org)
	if err != nil {
		return nil, err
	}
	for _, c := range full {
		if want(c.org) {
			get(c.org).committee = c.n >= n.committee
		}
	}
	// The records start: the branch's setting, else the earlier of its first meeting's month
	// and the month it began using the app.
	first, err := replica.Collect(ctx, db.sql, scanCount, `SELECT org_id, 0, min(date) FROM meetings
		WHERE deleted=0 AND (?='' OR org_id=?) GROUP BY org_id`, org, org)
	if err != nil {
		return nil, err
	}
	for _, c := range first {
		if d, ok := parseDay(c.s.String); ok && want(c.org) {
			get(c.org).start = MonthOf(d).Start()
		}
	}
	setup, err := replica.Collect(ctx, db.sql, scanCount, `SELECT row_id, 0, born FROM row_born
		WHERE tbl='orgs' AND (?='' OR row_id=?)`, org, org)
	if err != nil {
		return nil, err
	}
	for _, c := range setup {
		h, err := strconv.ParseInt(c.s.String, 10, 64)
		if err != nil || !want(c.org) {
			continue
		}
		l := get(c.org)
		l.setup = replica.HLC(h).Wall()
		if m := MonthOf(l.setup).Start(); l.start.IsZero() || m.Before(l.start) {
			l.start = m
		}
	}
	set, err := replica.Collect(ctx, db.sql, scanCount, `SELECT org_id, 0, value FROM settings
		WHERE deleted=0 AND key=? AND (?='' OR org_id=?)`, recordsStartKey, org, org)
	if err != nil {
		return nil, err
	}
	for _, c := range set {
		if m, err := ParsePeriod(c.s.String); err == nil && m.Kind == PeriodMonth && want(c.org) {
			get(c.org).start = m.Start()
		}
	}
	for _, l := range out {
		sort.SliceStable(l.meetings, func(i, j int) bool { return l.meetings[i].Date < l.meetings[j].Date })
	}
	return out, nil
}

// recordsStartKey is the branch setting of the month its records start (YYYY-MM).
const recordsStartKey = "records.start_month"

// RecordsStart returns the month an organisation's records start in the app as set ("" if
// not set: then the earlier of its first meeting's month and the month it began using the
// app).
func (db *DB) RecordsStart(ctx context.Context, orgID string) (string, error) {
	return db.Setting(ctx, orgID, recordsStartKey, "")
}

// SetRecordsStart sets the month an organisation's records start (YYYY-MM): no meeting is
// required of it before that month.
func (db *DB) SetRecordsStart(ctx context.Context, orgID, month string) error {
	p, err := ParsePeriod(month)
	if err != nil || p.Kind != PeriodMonth {
		return assets.Wrap(ErrInvalid, "The month %s is not valid; write it as YYYY-MM, e.g. 2026-11.", month)
	}
	return db.SetSetting(ctx, orgID, recordsStartKey, p.String())
}
