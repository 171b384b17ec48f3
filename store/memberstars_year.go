package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/store/rules"
)

// A member's year under the member star scheme (memberstars.go): the branch enters the
// targets (定标报星), the measured stars follow the records (动态评星), the branch judges the
// rest (评定), the township reviews the village's results (审核) and records the day of
// 挂牌授星. rateStars (stars.go) turns it into stars, as for a branch.

// MaxMemberStarNoteRunes bounds the notes of a 评定 and of a 审核.
const MaxMemberStarNoteRunes = 500

// Stages of a member's year.
const (
	MemberStarsDynamic  = "dynamic"  // during the year: measured stars only
	MemberStarsAssessed = "assessed" // the branch has judged the year (评定), awaiting 审核
	MemberStarsApproved = "approved" // the township approved the village's results (审核)
	MemberStarsReturned = "returned" // the township returned them to the branch
)

var memberStageLabels = map[string]string{MemberStarsDynamic: "Stars from the records (动态评星)",
	MemberStarsAssessed: "Assessed by the branch, awaiting the township's review", MemberStarsApproved: "Approved by the township",
	MemberStarsReturned: "Returned by the township"}

// MemberStageLabel names a stage in Chinese.
func MemberStageLabel(s string) string { return assets.T(memberStageLabels[s]) }

// Review states.
const (
	ReviewApproved = "approved"
	ReviewReturned = "returned"
)

// MemberStarReview is the township's 审核 of a village's member stars for a year.
type MemberStarReview struct {
	State      string `json:"state"` // approved, returned or "" not reviewed
	Note       string `json:"note"`
	ReviewedAt string `json:"reviewed_at"`
	ReviewedBy string `json:"reviewed_by"`
	PlaqueOn   string `json:"plaque_on"` // 挂牌授星
}

// MemberStarResult is a member's year: their own record and the posted result, never a rank.
type MemberStarResult struct {
	MemberID      string           `json:"id"`
	Name          string           `json:"name"`
	OrgID         string           `json:"org_id"`
	Year          int              `json:"year"`
	Category      string           `json:"category"`
	CategoryLabel string           `json:"category_label"`
	Center        bool             `json:"center"`     // 党员中心户
	Households    int              `json:"households"` // households the member leads
	Variant       string           `json:"variant"`
	Lines         []StarLine       `json:"lines"`
	DeclaredAt    string           `json:"declared_at"`
	AssessedAt    string           `json:"assessed_at"`
	AssessedBy    string           `json:"assessed_by"`
	Note          string           `json:"note"`
	Stage         string           `json:"stage"`
	Points        int              `json:"points"`        // Σ points of the stars earned
	Stars         int              `json:"stars"`         // points ÷ points per star
	Colour        string           `json:"colour"`        // gold, silver, red or ""
	RecordPoints  int              `json:"record_points"` // the year's 积分 (points.go), for information
	Review        MemberStarReview `json:"review"`

	AttendanceRate Rate `json:"attendance_rate"`
	DuesRate       Rate `json:"dues_rate"`
	ServiceRate    Rate `json:"service_rate"`
	CommitmentRate Rate `json:"commitment_rate"`
}

// memberStarRow is a member_stars row as stored.
type memberStarRow struct {
	member, category, targets, declaredAt, judged, note, at, by string
}

// DeclareMemberStars records a member's target stars for the year (定标报星), entered by the
// branch: star codes of the scheme of the member's category, with at most the scheme's number
// of self-chosen stars. Declaring again replaces the targets, until the township's review.
func (db *DB) DeclareMemberStars(ctx context.Context, memberID string, year int, codes []string) error {
	m, s, err := db.memberStarYear(ctx, memberID, year)
	if err != nil {
		return err
	}
	if codes, err = targetCodes(s, codes); err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "member_stars", yearRowID("member_stars", m.ID, year), map[string]any{"org_id": m.OrgID, "deleted": int64(0),
			"member_id": m.ID, "year": int64(year), "category": StarCategoryOf(m), "targets": strings.Join(codes, ","),
			"declared_at": db.now().Format("2006-01-02 15:04")})
		return err
	})
}

// AssessMemberStars records the branch's 评定 of a member's year: the judged stars among the
// targets it considers earned, and a note. The measured stars need no claim: the records
// decide them. Assessing again replaces it, until the township's review.
func (db *DB) AssessMemberStars(ctx context.Context, memberID string, year int, codes []string, note string) error {
	m, s, err := db.memberStarYear(ctx, memberID, year)
	if err != nil {
		return err
	}
	if year > db.today().Year() {
		return assets.Wrap(ErrInvalid, "The year %d has not begun; the branch assesses a year once it is under way.", year)
	}
	row, err := db.memberStarRow(ctx, m.ID, year)
	if err != nil {
		return err
	}
	if row.declaredAt == "" {
		return assets.Wrap(ErrInvalid, "Enter %s's target stars first (定标报星), then assess the year.", m.Name)
	}
	if note = strings.TrimSpace(note); len([]rune(note)) > MaxMemberStarNoteRunes {
		return assets.Wrap(ErrInvalid, "The note is %d characters long; at most %d fit.", len([]rune(note)), MaxMemberStarNoteRunes)
	}
	standing := rateStars(s, StarIndicators{}, starDeclaration{targets: row.targets, declaredAt: row.declaredAt}, starAssessment{})
	if codes, err = judgedTargets(s, standing, codes, false); err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "member_stars", yearRowID("member_stars", m.ID, year), map[string]any{"judged": strings.Join(codes, ","),
			"note": note, "assessed_at": db.now().Format("2006-01-02 15:04"), "assessed_by": tx.User()})
		return err
	})
}

// memberStarYear checks the village PC may write a member's star year and returns the member
// and the scheme of their category.
func (db *DB) memberStarYear(ctx context.Context, memberID string, year int) (Member, StarScheme, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return Member{}, StarScheme{}, err
	}
	if home.Kind == KindTownship && !demoVillageRows(ctx) {
		return Member{}, StarScheme{}, assets.Wrap(ErrDenied, "A member's target stars and the branch's assessment are recorded on the village's PC; the township reviews them.")
	}
	if err := db.mayWrite(ctx); err != nil {
		return Member{}, StarScheme{}, err
	}
	if year < 2000 || year > db.today().Year()+1 {
		return Member{}, StarScheme{}, assets.Wrap(ErrInvalid, "The year %d is not valid; write it as YYYY, e.g. 2026.", year)
	}
	m, err := db.Member(ctx, memberID)
	if err != nil {
		return m, StarScheme{}, err
	}
	if m.State != "" && m.State != "active" {
		return m, StarScheme{}, assets.Wrap(ErrInvalid, "%s is no longer on the roll; stars are set for members on the roll.", m.Name)
	}
	rv, err := db.memberReview(ctx, m.OrgID, year)
	if err != nil {
		return m, StarScheme{}, err
	}
	if rv.State == ReviewApproved {
		return m, StarScheme{}, assets.Wrap(ErrInvalid, "The township has approved the member stars of %d; ask it to return them before changing them.", year)
	}
	row, err := db.memberStarRow(ctx, m.ID, year)
	if err != nil {
		return m, StarScheme{}, err
	}
	cat := StarCategoryOf(m)
	if row.category != "" {
		cat = row.category // the targets were declared under this scheme
	}
	s, err := db.MemberScheme(ctx, cat, year)
	return m, s, err
}

func (db *DB) memberStarRow(ctx context.Context, memberID string, year int) (memberStarRow, error) {
	rows, err := db.memberStarRows(ctx, year, `["`+memberID+`"]`)
	if err != nil {
		return memberStarRow{}, err
	}
	return rows[memberID], nil
}

// memberStarRows reads the year's member_stars rows of the members (who: their IDs as a JSON
// array), by member.
func (db *DB) memberStarRows(ctx context.Context, year int, who string) (map[string]memberStarRow, error) {
	rows, err := replica.Collect(ctx, db.sql, func(sc replica.Scanner) (memberStarRow, error) {
		var r memberStarRow
		return r, sc.Scan(&r.member, &r.category, &r.targets, &r.declaredAt, &r.judged, &r.note, &r.at, &r.by)
	}, `SELECT member_id, category, targets, declared_at, judged, note, assessed_at, assessed_by FROM member_stars
		WHERE deleted=0 AND year=? AND member_id IN (SELECT value FROM json_each(?))`, year, who)
	if err != nil {
		return nil, err
	}
	out := make(map[string]memberStarRow, len(rows))
	for _, r := range rows {
		out[r.member] = r
	}
	return out, nil
}

// memberReview is the township's review of a village's member stars for the year.
func (db *DB) memberReview(ctx context.Context, villageID string, year int) (MemberStarReview, error) {
	rs, err := replica.Collect(ctx, db.sql, func(sc replica.Scanner) (MemberStarReview, error) {
		var r MemberStarReview
		return r, sc.Scan(&r.State, &r.Note, &r.ReviewedAt, &r.ReviewedBy, &r.PlaqueOn)
	}, `SELECT r.state, r.note, r.reviewed_at, r.reviewed_by, r.plaque_on FROM member_star_reviews r JOIN orgs o ON o.id=r.org_id
		WHERE r.deleted=0 AND r.village_id=? AND r.year=? AND o.kind=? ORDER BY r.id LIMIT 1`, villageID, year, KindTownship)
	if err != nil || len(rs) == 0 {
		return MemberStarReview{}, err
	}
	return rs[0], nil
}

// ReviewMemberStars records the township's 审核 of a village's member stars for a year:
// approved (with the day of 挂牌授星, if held) or returned to the branch with a note saying
// what to correct. It reaches that village only.
func (db *DB) ReviewMemberStars(ctx context.Context, code string, year int, r MemberStarReview) error {
	home, err := db.Home(ctx)
	if err != nil {
		return err
	}
	if home.Kind != KindTownship {
		return assets.Wrap(ErrDenied, "Only the township reviews the member stars (审核); the branch assesses them (评定).")
	}
	if err := db.mayAdmin(ctx); err != nil {
		return err
	}
	v, err := db.villageByCode(ctx, code)
	if err != nil {
		return err
	}
	if year < 2000 || year > db.today().Year() {
		return assets.Wrap(ErrInvalid, "The year %d is not valid; a year is reviewed once it has begun, e.g. 2026.", year)
	}
	r.Note = strings.TrimSpace(r.Note)
	switch r.State {
	case ReviewApproved:
	case ReviewReturned:
		if r.Note == "" {
			return assets.Wrap(ErrInvalid, "Say what the branch is to correct when returning its member stars.")
		}
		r.PlaqueOn = ""
	default:
		return assets.Wrap(ErrInvalid, "Approve or return the member stars.")
	}
	if len([]rune(r.Note)) > MaxMemberStarNoteRunes {
		return assets.Wrap(ErrInvalid, "The note is %d characters long; at most %d fit.", len([]rune(r.Note)), MaxMemberStarNoteRunes)
	}
	if r.PlaqueOn = strings.TrimSpace(r.PlaqueOn); r.PlaqueOn != "" {
		d, ok := parseDay(r.PlaqueOn)
		if !ok {
			return assets.Wrap(ErrInvalid, "The date %s is not a date; write it as YYYY-MM-DD, e.g. 2026-12-31.", r.PlaqueOn)
		}
		if d.After(db.today()) {
			return assets.Wrap(ErrInvalid, "The date %s is in the future; give the day the plaque was awarded.", r.PlaqueOn)
		}
		r.PlaqueOn = fmtDay(d)
	}
	if r.State == ReviewApproved {
		var n int
		if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM member_stars WHERE deleted=0 AND org_id=? AND year=? AND assessed_at<>''",
			v.ID, year).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return assets.Wrap(ErrInvalid, "%s has not assessed any member's stars for %d yet (or they have not been synced); nothing to approve.", v.Name, year)
		}
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "member_star_reviews", yearRowID("member_star_reviews", v.ID, year), map[string]any{"org_id": home.ID,
			"deleted": int64(0), "village_id": v.ID, "year": int64(year), "state": r.State, "note": r.Note,
			"reviewed_at": db.now().Format("2006-01-02 15:04"), "reviewed_by": tx.User(), "plaque_on": r.PlaqueOn})
		return err
	})
}

// MemberStarResults computes the year's member stars of an organisation's members on the
// roll, in roll (pinyin) order — the posted result, not a ranking.
func (db *DB) MemberStarResults(ctx context.Context, orgID string, year int) ([]MemberStarResult, error) {
	ms, err := db.Members(ctx, MemberFilter{OrgID: orgID})
	if err != nil {
		return nil, err
	}
	return db.memberStarResults(ctx, orgID, year, ms)
}

// MemberStarResultOf is one member's year.
func (db *DB) MemberStarResultOf(ctx context.Context, memberID string, year int) (MemberStarResult, error) {
	m, err := db.Member(ctx, memberID)
	if err != nil {
		return MemberStarResult{}, err
	}
	rs, err := db.memberStarResults(ctx, m.OrgID, year, []Member{m})
	if err != nil {
		return MemberStarResult{}, err
	}
	return rs[0], nil
}

func (db *DB) memberStarResults(ctx context.Context, orgID string, year int, ms []Member) ([]MemberStarResult, error) {
	if year < 2000 || year > 2100 {
		return nil, assets.Wrap(ErrInvalid, "The year %d is not valid; write it as YYYY, e.g. 2026.", year)
	}
	schemes, err := db.MemberSchemes(ctx, year)
	if err != nil {
		return nil, err
	}
	ind, err := db.memberIndicators(ctx, orgID, year, ms)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	list, _ := json.Marshal(ids)
	rows, err := db.memberStarRows(ctx, year, string(list))
	if err != nil {
		return nil, err
	}
	hh, err := db.householdCounts(ctx, string(list))
	if err != nil {
		return nil, err
	}
	rv, err := db.memberReview(ctx, orgID, year)
	if err != nil {
		return nil, err
	}
	out := make([]MemberStarResult, 0, len(ms))
	for _, m := range ms {
		row := rows[m.ID]
		cat := StarCategoryOf(m)
		if row.category != "" {
			cat = row.category
		}
		s := schemes[cat]
		in := ind[m.ID]
		d := starDeclaration{targets: row.targets, declaredAt: row.declaredAt, self: row.judged, selfAt: row.at}
		var a starAssessment
		if rv.State == ReviewApproved && row.at != "" {
			a = starAssessment{awarded: row.judged, at: rv.ReviewedAt, by: rv.ReviewedBy, plaque: rv.PlaqueOn}
		}
		sr := rateStars(s, in.StarIndicators, d, a)
		r := MemberStarResult{MemberID: m.ID, Name: m.Name, OrgID: m.OrgID, Year: year, Category: cat, CategoryLabel: StarCategory.Label(cat),
			Center: m.More["center"] == "yes", Households: hh[m.ID], Variant: s.Variant, Lines: sr.Lines, DeclaredAt: row.declaredAt,
			AssessedAt: row.at, AssessedBy: row.by, Note: row.note, Points: sr.Points, Stars: sr.Stars, Colour: sr.Colour,
			RecordPoints: in.points, Review: rv, AttendanceRate: in.Attendance, DuesRate: in.Dues, ServiceRate: in.Service,
			CommitmentRate: in.Commitments}
		switch {
		case sr.Stage == StarsAssessed:
			r.Stage = MemberStarsApproved
		case rv.State == ReviewReturned && row.at != "" && row.at <= rv.ReviewedAt:
			r.Stage = MemberStarsReturned
		case row.at != "":
			r.Stage = MemberStarsAssessed
		default:
			r.Stage = MemberStarsDynamic
		}
		out = append(out, r)
	}
	return out, nil
}

// memberFigures are a member's figures for the measured stars and the year's points.
type memberFigures struct {
	StarIndicators
	points int
}

// memberIndicators computes the members' figures for the year from the records, with the
// township KPIs' definitions applied to one member (DOMAIN.md "Township KPIs"): attendance
// = present ÷ expected at the meetings of the kinds counted in attendance, a floating member
// reached by 送学上门 counting as present; dues = months paid within their month (the points
// computation's "dues on time") ÷ months due (DuesStatuses' rule); service = months with a
// volunteer service (the points computation's service entries) ÷ the year's months so far;
// commitments = fulfilled ÷ made in the year.
func (db *DB) memberIndicators(ctx context.Context, orgID string, year int, ms []Member) (map[string]memberFigures, error) {
	out := make(map[string]memberFigures, len(ms))
	if len(ms) == 0 {
		return out, nil
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	list, _ := json.Marshal(ids)
	who := string(list)
	first, last := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	today := db.today()
	monthsSoFar := 12
	switch {
	case year > today.Year():
		monthsSoFar = 0
	case year == today.Year():
		monthsSoFar = int(today.Month())
	}
	pts, err := db.pointsResults(ctx, ms, first.Format("2006"))
	if err != nil {
		return nil, err
	}
	// Months of dues due in the year: from the member's start to the month before asOf.
	asOf := last.AddDate(0, 0, 1)
	if today.Before(asOf) {
		asOf = today
	}
	due := map[string]int{}
	if orgID != "" {
		sts, err := db.DuesStatuses(ctx, orgID, asOf)
		if err != nil {
			return nil, err
		}
		end := time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
		for _, st := range sts {
			if st.From == "" || st.Monthly <= 0 {
				continue
			}
			from, _ := parseMonth(st.From)
			if from.Before(first) {
				from = first
			}
			for t := from; !t.After(end); t = t.AddDate(0, 1, 0) {
				due[st.MemberID]++
			}
		}
	}
	type att struct {
		member            string
		expected, present int
	}
	var kinds []string
	for _, k := range rules.MeetingKinds {
		if k.Attendance {
			kinds = append(kinds, k.Slug)
		}
	}
	kindList, _ := json.Marshal(kinds)
	atts, err := replica.Collect(ctx, db.sql, func(sc replica.Scanner) (att, error) {
		var a att
		return a, sc.Scan(&a.member, &a.expected, &a.present)
	}, `SELECT a.member_id, count(*), coalesce(sum(a.status='present' OR (a.status='floating' AND a.note<>'')),0)
		FROM meeting_attendance a JOIN meetings m ON m.id=a.meeting_id AND m.deleted=0
		WHERE a.deleted=0 AND a.member_id IN (SELECT value FROM json_each(?)) AND m.kind IN (SELECT value FROM json_each(?))
		AND m.date>=? AND m.date<=? GROUP BY a.member_id`, who, string(kindList), fmtDay(first), fmtDay(last))
	if err != nil {
		return nil, err
	}
	attOf := map[string]att{}
	for _, a := range atts {
		attOf[a.member] = a
	}
	type com struct {
		member     string
		made, kept int
	}
	coms, err := replica.Collect(ctx, db.sql, func(sc replica.Scanner) (com, error) {
		var c com
		return c, sc.Scan(&c.member, &c.made, &c.kept)
	}, `SELECT member_id, count(*), coalesce(sum(done_date<>''),0) FROM member_commitments
		WHERE deleted=0 AND year=? AND member_id IN (SELECT value FROM json_each(?)) GROUP BY member_id`, year, who)
	if err != nil {
		return nil, err
	}
	comOf := map[string]com{}
	for _, c := range coms {
		comOf[c.member] = c
	}
	for _, p := range pts {
		onTime := 0
		served := map[string]bool{}
		for _, e := range p.Entries {
			switch {
			case e.Auto && e.Kind == "dues":
				onTime++
			case e.Auto && e.Kind == "service" && len(e.Date) >= 7:
				served[e.Date[:7]] = true
			}
		}
		a, c := attOf[p.MemberID], comOf[p.MemberID]
		f := memberFigures{points: p.Points}
		f.Attendance = rate(a.present, a.expected)
		f.Dues = rate(min(onTime, due[p.MemberID]), due[p.MemberID])
		f.Service = rate(min(len(served), monthsSoFar), monthsSoFar)
		f.Commitments = rate(c.kept, c.made)
		out[p.MemberID] = f
	}
	return out, nil
}

// householdCounts counts the households each member leads (member_households).
func (db *DB) householdCounts(ctx context.Context, who string) (map[string]int, error) {
	type n struct {
		member string
		count  int
	}
	rows, err := replica.Collect(ctx, db.sql, func(sc replica.Scanner) (n, error) {
		var x n
		return x, sc.Scan(&x.member, &x.count)
	}, "SELECT member_id, count(*) FROM member_households WHERE deleted=0 AND member_id IN (SELECT value FROM json_each(?)) GROUP BY member_id", who)
	out := map[string]int{}
	for _, x := range rows {
		out[x.member] = x.count
	}
	return out, err
}

// demoVillageRows marks a context in which the demo of a township writes its villages' own
// rows (the member stars they would have sent), as it writes their members and meetings.
type demoVillageRowsKey struct{}

func demoVillageRows(ctx context.Context) bool {
	v, _ := ctx.Value(demoVillageRowsKey{}).(bool)
	return v
}

// AsDemoVillage lets the township's demo (store/demo) enter a demo village's member stars
// (定标报星 and 评定) on the township's PC, as if the village had sent them. Only a data file
// marked as demo accepts it.
func (db *DB) AsDemoVillage(ctx context.Context) (context.Context, error) {
	demo, err := db.IsDemo(ctx)
	if err != nil {
		return ctx, err
	}
	if !demo {
		return ctx, assets.Wrap(ErrDenied, "A member's target stars and the branch's assessment are recorded on the village's PC; the township reviews them.")
	}
	return context.WithValue(ctx, demoVillageRowsKey{}, true), nil
}
