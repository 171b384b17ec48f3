package store

import (
	"context"
	"encoding/json"

	"zhibu/assets"
)

// Member stars (农牧民党员 星级管理) and 党员中心户: the branch-star scheme (starscheme.go)
// and its 五道程序 applied to members (seed 002: 「7组不同的农牧民党员设星模式…为部分优秀农牧民
// 党员(党员中心户)制定了党员标识牌」). The township sets a scheme per member category
// (科学设星); the branch enters each member's targets (定标报星); the measured stars are earned
// from the records through the year (动态评星: the member's attendance, dues on time, service
// and commitments, from the points computation, points.go); the branch judges the rest at the
// year's end (评定); the township reviews the village's results (审核) and awards the plaques
// (挂牌授星). The result is the member's own and the posted one: it is never ranked (central
// guidance against 指尖上的形式主义; DOMAIN.md "积分 and 星级").

// Member star categories: the four 党员类别 of the member file and 党员中心户.
const (
	StarCatWorking  = "working"
	StarCatNoPost   = "no_post"
	StarCatFloating = "floating"
	StarCatElderly  = "elderly"
	StarCatCenter   = "center"
)

// StarCategory is the category a member's stars are set under.
var StarCategory = &enum{name: "star category", values: []enumValue{
	{StarCatWorking, "Working members (在职党员)"}, {StarCatNoPost, "Members without a post (无职党员)"},
	{StarCatFloating, "Floating members (流动党员)"}, {StarCatElderly, "Elderly members (夕阳红党员)"},
	{StarCatCenter, "Party member central households (党员中心户)"}},
	aliases: map[string]string{"在职": StarCatWorking, "无职": StarCatNoPost, "流动": StarCatFloating, "夕阳红": StarCatElderly,
		"中心户": StarCatCenter, "党员中心户": StarCatCenter, "在职党员": StarCatWorking, "无职党员": StarCatNoPost,
		"流动党员": StarCatFloating, "夕阳红党员": StarCatElderly}}

// StarCategoryOf is the scheme a member's stars follow: 党员中心户 if marked, else the
// member's 党员类别 (无职 when none is recorded, the usual case of a village member).
func StarCategoryOf(m Member) string {
	if m.More["center"] == "yes" {
		return StarCatCenter
	}
	if m.Category == "" {
		return StarCatNoPost
	}
	return m.Category
}

// Measures of member stars: each reads the member's own records for the year.
const (
	MeasureMemberAttendance  = "member_attendance"  // present ÷ expected at the meetings counted in attendance
	MeasureMemberDues        = "member_dues"        // months paid within their month ÷ months due
	MeasureMemberService     = "member_service"     // months with a volunteer service ÷ months of the year so far ("x+N")
	MeasureMemberCommitments = "member_commitments" // commitments fulfilled ÷ made (承诺践诺)
)

var memberMeasureLabels = map[string]string{MeasureMemberAttendance: "Attendance at organisational life",
	MeasureMemberDues: "Dues paid on time", MeasureMemberService: "Months with a volunteer service",
	MeasureMemberCommitments: "Commitments fulfilled"}

// MemberMeasures lists the measures of member stars in order.
func MemberMeasures() []string {
	return []string{MeasureMemberAttendance, MeasureMemberDues, MeasureMemberService, MeasureMemberCommitments}
}

// MemberMeasureLabel names a member measure in Chinese ("" for a star judged at 评定).
func MemberMeasureLabel(m string) string {
	if m == "" {
		return assets.T("Judged at the branch's assessment")
	}
	return assets.T(memberMeasureLabels[m])
}

// The seed member stars. The five common stars are the same for every category; the duty
// stars follow the category's mode of management (DOMAIN.md 分类管理: 在职→承诺式, 无职→定岗式,
// 流动→跟踪式, 夕阳红→关爱式, and the 中心户's households); the self-chosen ones are a shared list.
var memberCommon = []seedStar{
	{"c1", StarCommon, "Political study star", "Takes part in organisational life (attendance at least 80%).", MeasureMemberAttendance, 0.8},
	{"c2", StarCommon, "Dues star", "Pays the dues within the month (months on time at least 90%).", MeasureMemberDues, 0.9},
	{"c3", StarCommon, "Volunteer service star", "Serves at least one month in two (x+N service).", MeasureMemberService, 0.5},
	{"c4", StarCommon, "Commitment star", "Fulfils the year's public commitments (at least 80%).", MeasureMemberCommitments, 0.8},
	{"c5", StarCommon, "Discipline star", "Keeps the Party's discipline and the village's rules.", "", 0},
}

var memberDuty = map[string][]seedStar{
	StarCatWorking: {
		{"d1", StarDuty, "Post excellence star", "Does well at the post held in the village.", "", 0},
		{"d2", StarDuty, "Leading example star", "Leads villagers to develop industry and raise incomes.", "", 0},
		{"d3", StarDuty, "Pledge star", "Keeps the pledges made on taking the post (承诺式).", "", 0}},
	StarCatNoPost: {
		{"d1", StarDuty, "Post set star", "Holds a post set by the branch and does its duties (定岗式).", "", 0},
		{"d2", StarDuty, "Neighbourhood star", "Helps settle disputes and keeps the neighbourhood in order.", "", 0},
		{"d3", StarDuty, "Getting rich star", "Develops a trade and helps others do the same.", "", 0}},
	StarCatFloating: {
		{"d1", StarDuty, "Keeping in touch star", "Reports to the branch regularly while away (跟踪式).", "", 0},
		{"d2", StarDuty, "Home town star", "Brings information, jobs or projects back to the village.", "", 0},
		{"d3", StarDuty, "Good name star", "Keeps a good name where they work.", "", 0}},
	StarCatElderly: {
		{"d1", StarDuty, "Passing on star", "Passes experience on to younger members (关爱式).", "", 0},
		{"d2", StarDuty, "Good advice star", "Offers advice on the village's affairs.", "", 0},
		{"d3", StarDuty, "Family tradition star", "Keeps a good family tradition.", "", 0}},
	StarCatCenter: {
		{"d1", StarDuty, "Linking households star", "Keeps in touch with the households led and knows their needs.", "", 0},
		{"d2", StarDuty, "Policy star", "Explains the Party's policies to the households led.", "", 0},
		{"d3", StarDuty, "Helping households star", "Helps the households led with their difficulties.", "", 0}},
}

var memberChosen = []seedStar{
	{"o1", StarChosen, "Civility star", "Leads in reforming old customs.", "", 0},
	{"o2", StarChosen, "Clean village star", "Leads in keeping the village clean.", "", 0},
	{"o3", StarChosen, "Safety star", "Helps keep the village safe.", "", 0},
	{"o4", StarChosen, "Learning star", "Learns and teaches a skill.", "", 0},
}

// DefaultMemberScheme is the seed member scheme of a category: 532 (5 common, 3 duty, 2 of
// the self-chosen list) or 十星 (the same ten stars all aimed for).
func DefaultMemberScheme(category, variant string, year int) StarScheme {
	if _, ok := memberDuty[category]; !ok {
		category = StarCatNoPost
	}
	grades := DefaultStarGrades
	seed := append(append(append([]seedStar{}, memberCommon...), memberDuty[category]...), memberChosen...)
	if variant == SchemeTen {
		grades.Chosen = 0
		seed = append(append([]seedStar{}, memberCommon...), memberDuty[category]...)
		for _, x := range memberChosen[:2] {
			x.group = StarCommon
			seed = append(seed, x)
		}
	} else {
		variant = Scheme532
	}
	s := StarScheme{Year: year, Variant: variant, Grades: grades, Default: true}
	for _, x := range seed {
		s.Stars = append(s.Stars, Star{Code: x.code, Group: x.group, Name: assets.T(x.name), Standard: assets.T(x.standard),
			Points: grades.PerStar, Measure: x.measure, Threshold: x.threshold})
	}
	return s
}

// MemberSchemes returns the year's member schemes in force on this PC, by category: the
// township's where it set one, else the 532 seed (Default set).
func (db *DB) MemberSchemes(ctx context.Context, year int) (map[string]StarScheme, error) {
	out := map[string]StarScheme{}
	for _, c := range StarCategory.Slugs() {
		out[c] = DefaultMemberScheme(c, Scheme532, year)
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT s.category, s.variant, s.stars, s.grades, s.set_at FROM member_star_schemes s
		JOIN orgs o ON o.id=s.org_id WHERE s.deleted=0 AND s.year=? AND o.kind=? ORDER BY s.id`, year, KindTownship)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		s := StarScheme{Year: year}
		var cat, stars, grades string
		if err := rows.Scan(&cat, &s.Variant, &stars, &grades, &s.SetAt); err != nil {
			return nil, err
		}
		if _, ok := out[cat]; !ok {
			continue // a category of a later version: kept, not used here
		}
		if json.Unmarshal([]byte(stars), &s.Stars) != nil || json.Unmarshal([]byte(grades), &s.Grades) != nil {
			return nil, assets.Wrap(ErrInvalid, "The member star scheme of %d received from the township cannot be read. Ask the township office to save it again.", year)
		}
		out[cat] = s
	}
	return out, rows.Err()
}

// MemberScheme is the year's scheme of one category.
func (db *DB) MemberScheme(ctx context.Context, category string, year int) (StarScheme, error) {
	all, err := db.MemberSchemes(ctx, year)
	if err != nil {
		return StarScheme{}, err
	}
	s, ok := all[category]
	if !ok {
		return StarScheme{}, assets.Wrap(ErrInvalid, "The member category must be one of: %s.", joinLabels(StarCategory))
	}
	return s, nil
}

// SetMemberScheme stores the township's member scheme of a category for its year; it reaches
// every village with the next sync. A scheme that does not add up is refused with what to
// correct, and nothing is stored.
func (db *DB) SetMemberScheme(ctx context.Context, category string, s StarScheme) error {
	cat, ok := StarCategory.Parse(category)
	if !ok || cat == "" {
		return assets.Wrap(ErrInvalid, "The member category must be one of: %s.", joinLabels(StarCategory))
	}
	home, err := db.Home(ctx)
	if err != nil {
		return err
	}
	if home.Kind != KindTownship {
		return assets.Wrap(ErrDenied, "Only the township sets the member star schemes; they reach the villages with the next sync.")
	}
	if err := db.mayAdmin(ctx); err != nil {
		return err
	}
	if err := checkSchemeOf(&s, memberMeasureLabels); err != nil {
		return err
	}
	// 科学设星 comes before 定标报星: once members of the category have declared their targets
	// under the year's scheme, changing its stars would move the goalposts of a year under
	// way, so the change is refused; the township sets the next year's scheme instead.
	n, err := db.memberTargetsDeclared(ctx, cat, s.Year)
	if err != nil {
		return err
	}
	if n > 0 {
		return assets.Wrap(ErrInvalid, "%d members (%s) have already entered their target stars for %d under this scheme (定标报星), so it can no longer be changed for %d. Set the scheme of %d instead.",
			n, StarCategory.Label(cat), s.Year, s.Year, s.Year+1)
	}
	stars, _ := json.Marshal(s.Stars)
	grades, _ := json.Marshal(s.Grades)
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "member_star_schemes", yearRowID("member_star_schemes", home.ID+"/"+cat, s.Year), map[string]any{
			"org_id": home.ID, "deleted": int64(0), "year": int64(s.Year), "category": cat, "variant": s.Variant,
			"stars": string(stars), "grades": string(grades), "set_at": db.now().Format("2006-01-02 15:04")})
		return err
	})
}

// MemberTargetsDeclared counts the members of a category whose targets for the year this PC
// holds (the township: those the villages have sent); more than none fixes the category's
// scheme of that year.
func (db *DB) MemberTargetsDeclared(ctx context.Context, category string, year int) (int, error) {
	return db.memberTargetsDeclared(ctx, category, year)
}

func (db *DB) memberTargetsDeclared(ctx context.Context, category string, year int) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM member_stars WHERE deleted=0 AND year=? AND category=? AND declared_at<>''`,
		year, category).Scan(&n)
	return n, err
}
