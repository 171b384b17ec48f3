package store

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"time"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/store/rules"
)

// 积分 / 星级: points a member earns (attendance, service, dues on time) or loses, and the
// stars they make in a period. Each member sees their own record and the posted result;
// there is deliberately no ranking (DOMAIN.md: no leaderboards, no check-ins).

// PointsKind is what points were given for.
var PointsKind = &enum{name: "points kind", values: []enumValue{
	{"attendance", "Attendance"}, {"service", "Volunteer service"}, {"duty", "Duty of a post"}, {"study", "Study"},
	{"dues", "Dues on time"}, {"deduction", "Deduction"}, {"other", "Other"}},
	aliases: map[string]string{"参会": "attendance", "服务": "service", "志愿服务": "service", "履职": "duty", "学习": "study",
		"扣分": "deduction", "党费": "dues"}}

// PointsEntry is one addition or deduction.
type PointsEntry struct {
	ID       string `json:"id"`
	OrgID    string `json:"org_id"`
	MemberID string `json:"member_id"`
	Date     string `json:"date"`
	Kind     string `json:"kind"`
	Points   int    `json:"points"`
	Reason   string `json:"reason"`
	Auto     bool   `json:"auto,omitempty"` // computed (dues paid on time), not typed in
}

// pointsDefault is the rule giving a kind's default points.
var pointsDefault = map[string]string{"attendance": rules.PointsAttendance.Key, "service": rules.PointsService.Key,
	"deduction": rules.PointsDeduction.Key, "dues": rules.PointsDues.Key}

// AddPoints records points for a member; Points 0 takes the kind's default from the rules.
// A deduction is stored negative whatever the sign typed.
func (db *DB) AddPoints(ctx context.Context, e PointsEntry) (string, error) {
	m, err := db.Member(ctx, e.MemberID)
	if err != nil {
		return "", err
	}
	kind, ok := PointsKind.Parse(e.Kind)
	if !ok || kind == "" {
		return "", assets.Wrap(ErrInvalid, "The kind of points must be one of: %s.", strings.Join(PointsKind.Labels(), "、"))
	}
	if kind == "service" || kind == "dues" {
		// Computed from the records: typing them again would count them twice.
		return "", assets.Wrap(ErrInvalid, "Points for %s are computed from the records; record the service (member service add) or the dues payment instead.", PointsKind.Label(kind))
	}
	d, ok := parseDay(e.Date)
	if !ok {
		return "", assets.Wrap(ErrInvalid, "The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-10-01.", e.Date)
	}
	if d.After(db.today()) {
		return "", assets.Wrap(ErrInvalid, "The date %s is in the future; points are given for work done.", e.Date)
	}
	if e.Points == 0 {
		if key, ok := pointsDefault[kind]; ok {
			if e.Points, err = db.ruleInt(ctx, key); err != nil {
				return "", err
			}
		}
	}
	if e.Points == 0 {
		return "", assets.Wrap(ErrInvalid, "Enter how many points.")
	}
	if kind == "deduction" && e.Points > 0 {
		e.Points = -e.Points
	}
	if e.Points < -100 || e.Points > 100 {
		return "", assets.Wrap(ErrInvalid, "At most 100 points can be given or deducted at once.")
	}
	if strings.TrimSpace(e.Reason) == "" {
		return "", assets.Wrap(ErrInvalid, "Say what the points are for.")
	}
	id := NewID()
	err = db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "points_entries", id, map[string]any{"org_id": m.OrgID, "member_id": m.ID, "date": fmtDay(d),
			"kind": kind, "points": int64(e.Points), "reason": strings.TrimSpace(e.Reason)})
		return err
	})
	return id, err
}

// DeletePoints removes an entry made by mistake.
func (db *DB) DeletePoints(ctx context.Context, id string) error {
	return db.Write(ctx, func(tx *Tx) error { return tx.r.Delete(ctx, "points_entries", id) })
}

// PointsResult is one member's points and stars in a period.
type PointsResult struct {
	MemberID string         `json:"id"`
	Name     string         `json:"name"`
	Points   int            `json:"points"`
	Stars    int            `json:"stars"`
	Layout   string         `json:"layout"`           // "stars" or "532"
	Groups   map[string]int `json:"groups,omitempty"` // 532: stars in common, duty, self
	Entries  []PointsEntry  `json:"entries"`
}

// MemberPoints returns one member's record in a period: the entries typed in plus the
// computed ones: a point for each month's dues paid within that month, and the points of the
// member's volunteer services, commitments fulfilled and household visits (memberpart.go).
func (db *DB) MemberPoints(ctx context.Context, memberID, period string) (PointsResult, error) {
	m, err := db.Member(ctx, memberID)
	if err != nil {
		return PointsResult{}, err
	}
	rs, err := db.pointsResults(ctx, []Member{m}, period)
	if err != nil {
		return PointsResult{}, err
	}
	return rs[0], nil
}

// PointsResults returns the period result of every member on an organisation's roll, in
// roll (pinyin) order: the posted result, not a ranking.
func (db *DB) PointsResults(ctx context.Context, orgID, period string) ([]PointsResult, error) {
	ms, err := db.Members(ctx, MemberFilter{OrgID: orgID})
	if err != nil {
		return nil, err
	}
	return db.pointsResults(ctx, ms, period)
}

// pointsResults works the results of the members out in a fixed number of queries (each
// kind of record for all of them at once, BenchmarkPointsResults5000): the entries typed
// in, the dues paid within their month, and the member part's computed points.
func (db *DB) pointsResults(ctx context.Context, ms []Member, period string) ([]PointsResult, error) {
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
	ids := make([]string, len(ms))
	orgOf := make(map[string]string, len(ms))
	for i, m := range ms {
		ids[i], orgOf[m.ID] = m.ID, m.OrgID
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	who := string(list)
	// Each member's entries in the order the per-member queries gave them: typed in by
	// date, dues by month, then the member part (memberPartPoints); sorted by date below.
	byMember := make(map[string][]PointsEntry, len(ms))
	typed, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (PointsEntry, error) {
		var e PointsEntry
		return e, s.Scan(&e.ID, &e.OrgID, &e.MemberID, &e.Date, &e.Kind, &e.Points, &e.Reason)
	}, `SELECT id, org_id, member_id, date, kind, points, reason FROM points_entries
		WHERE deleted=0 AND member_id IN (SELECT value FROM json_each(?)) AND date>=? AND date<=? ORDER BY date, id`, who, fmtDay(from), fmtDay(to))
	if err != nil {
		return nil, err
	}
	for _, e := range typed {
		byMember[e.MemberID] = append(byMember[e.MemberID], e)
	}
	type paid struct{ member, month, date string }
	pays, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (paid, error) {
		var p paid
		return p, s.Scan(&p.member, &p.month, &p.date)
	}, `SELECT member_id, month, paid_date FROM dues_payments WHERE deleted=0 AND member_id IN (SELECT value FROM json_each(?))
		AND month>=? AND month<=? ORDER BY month, rowid`, who, from.Format("2006-01"), to.Format("2006-01"))
	if err != nil {
		return nil, err
	}
	for _, p := range pays {
		mt, _ := parseMonth(p.month)
		if p.date <= fmtDay(mt.AddDate(0, 1, -1)) && duesPts != 0 {
			byMember[p.member] = append(byMember[p.member], PointsEntry{MemberID: p.member, OrgID: orgOf[p.member], Date: p.date, Kind: "dues", Points: duesPts,
				Reason: assets.T("Dues for %s paid on time", p.month), Auto: true})
		}
	}
	if err := db.memberPartPoints(ctx, who, orgOf, from, to, byMember); err != nil {
		return nil, err
	}
	if err := db.attendancePoints(ctx, who, orgOf, from, to, byMember); err != nil {
		return nil, err
	}
	out := make([]PointsResult, 0, len(ms))
	for _, m := range ms {
		r := PointsResult{MemberID: m.ID, Name: m.Name, Layout: layout, Entries: byMember[m.ID]}
		if r.Entries == nil {
			r.Entries = []PointsEntry{}
		}
		sort.SliceStable(r.Entries, func(i, j int) bool { return r.Entries[i].Date < r.Entries[j].Date })
		scoreStars(&r, perStar)
		out = append(out, r)
	}
	return out, nil
}

// scoreStars totals the points and turns them into stars: "stars" gives one star per
// perStar points; "532" gives up to 5 common stars (attendance, study, dues, deductions),
// 3 duty stars and 2 self-chosen stars (service, other).
func scoreStars(r *PointsResult, perStar int) {
	groups := map[string]int{}
	for _, e := range r.Entries {
		r.Points += e.Points
		switch e.Kind {
		case "duty":
			groups["duty"] += e.Points
		case "service", "other":
			groups["self"] += e.Points
		default:
			groups["common"] += e.Points
		}
	}
	if r.Layout != "532" {
		r.Layout = "stars"
		if r.Points > 0 {
			r.Stars = r.Points / perStar
		}
		return
	}
	r.Groups = map[string]int{}
	for g, limit := range map[string]int{"common": 5, "duty": 3, "self": 2} {
		n := 0
		if groups[g] > 0 {
			n = min(groups[g]/perStar, limit)
		}
		r.Groups[g] = n
		r.Stars += n
	}
}

// memberPartPoints adds the computed entries of the members' part in village life in a
// period (who: their IDs as a JSON array) to byMember, one query per kind of record.
func (db *DB) memberPartPoints(ctx context.Context, who string, orgOf map[string]string, from, to time.Time, byMember map[string][]PointsEntry) error {
	f, t := fmtDay(from), fmtDay(to)
	for _, q := range []struct {
		rule, kind, sql string
		reason          func(string) string
	}{
		{rules.PointsService.Key, "service", `SELECT member_id, date, activity FROM member_services WHERE deleted=0 AND member_id IN (SELECT value FROM json_each(?))
			AND date>=? AND date<=? ORDER BY rowid`,
			func(s string) string { return assets.T("Volunteer service: %s", s) }},
		{rules.PointsCommitment.Key, "duty", `SELECT member_id, done_date, content FROM member_commitments WHERE deleted=0 AND member_id IN (SELECT value FROM json_each(?))
			AND done_date<>'' AND done_date>=? AND done_date<=? ORDER BY rowid`,
			func(s string) string { return assets.T("Commitment fulfilled: %s", s) }},
		{rules.PointsVisit.Key, "duty", `SELECT c.member_id, c.date, h.name FROM member_contacts c JOIN member_households h ON h.id=c.household_id
			WHERE c.deleted=0 AND c.kind='household' AND c.member_id IN (SELECT value FROM json_each(?)) AND c.date>=? AND c.date<=? ORDER BY c.rowid`,
			func(s string) string { return assets.T("Visit to the household of %s", s) }},
	} {
		pts, err := db.ruleInt(ctx, q.rule)
		if err != nil {
			return err
		}
		type done struct{ member, date, what string }
		rows, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (done, error) {
			var d done
			return d, s.Scan(&d.member, &d.date, &d.what)
		}, q.sql, who, f, t)
		if err != nil {
			return err
		}
		if pts == 0 {
			continue
		}
		for _, d := range rows {
			byMember[d.member] = append(byMember[d.member], PointsEntry{MemberID: d.member, OrgID: orgOf[d.member], Date: d.date, Kind: q.kind, Points: pts,
				Reason: q.reason(d.what), Auto: true})
		}
	}
	return nil
}

// attendancePoints adds the points the points rules name for organisational life: each
// meeting of a kind counted in attendance (rules.MeetingKinds Attendance) attended earns
// points.attendance, each 无故缺席 costs points.deduction — from the attendance recorded with
// the meeting, so nothing is typed twice.
func (db *DB) attendancePoints(ctx context.Context, who string, orgOf map[string]string, from, to time.Time, byMember map[string][]PointsEntry) error {
	attend, err := db.ruleInt(ctx, rules.PointsAttendance.Key)
	if err != nil {
		return err
	}
	deduct, err := db.ruleInt(ctx, rules.PointsDeduction.Key)
	if err != nil {
		return err
	}
	var kinds []string
	for _, k := range rules.MeetingKinds {
		if k.Attendance {
			kinds = append(kinds, k.Slug)
		}
	}
	kindList, err := json.Marshal(kinds)
	if err != nil {
		return err
	}
	type row struct{ member, date, kind, status string }
	rows, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (row, error) {
		var r row
		return r, s.Scan(&r.member, &r.date, &r.kind, &r.status)
	}, `SELECT a.member_id, m.date, m.kind, a.status FROM meeting_attendance a JOIN meetings m ON m.id=a.meeting_id AND m.deleted=0
		WHERE a.deleted=0 AND a.member_id IN (SELECT value FROM json_each(?)) AND m.kind IN (SELECT value FROM json_each(?))
		AND m.date>=? AND m.date<=? AND a.status IN (?, ?) ORDER BY m.date, m.id`, who, string(kindList), fmtDay(from), fmtDay(to),
		AttendPresent, AttendUnexcused)
	if err != nil {
		return err
	}
	for _, r := range rows {
		e := PointsEntry{MemberID: r.member, OrgID: orgOf[r.member], Date: r.date, Auto: true}
		switch {
		case r.status == AttendPresent && attend != 0:
			e.Kind, e.Points, e.Reason = "attendance", attend, assets.T("Attended the %s of %s", MeetingKind.Label(r.kind), r.date)
		case r.status == AttendUnexcused && deduct != 0:
			e.Kind, e.Points, e.Reason = "deduction", -abs(deduct), assets.T("Absent without reason from the %s of %s", MeetingKind.Label(r.kind), r.date)
		default:
			continue
		}
		byMember[r.member] = append(byMember[r.member], e)
	}
	return nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
