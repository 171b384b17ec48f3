package notice

import (
	"context"
	"io"
	"strconv"
	"strings"
	"time"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/rules"
)

// Notice kinds (DOMAIN.md, 党务公开 and the notice board).
const (
	Development    = "development"      // 发展对象公示
	Probation      = "probation"        // 预备党员转正公示
	Dues           = "dues"             // 党费收缴及使用情况公示
	Stars          = "stars"            // 积分/星级评定结果公示
	ThemeDay       = "theme-day"        // 主题党日活动安排
	ThemeDayReport = "theme-day-report" // 主题党日活动情况 (after the day, from its record)
	Decision       = "decision"         // 四议两公开: 决议公开 / 实施结果公开
	Birthdays      = "birthdays"        // 政治生日名单
	Appraisal      = "appraisal"        // 民主评议结果
	BranchStars    = "branch-stars"     // 党组织星级评定结果公示 (one village)
	StarList       = "star-list"        // 村党组织星级评定结果 (the township's list)
	MemberStars    = "member-stars"     // 星级党员评定结果公示 (one village's members)
	CenterPlate    = "center-plate"     // 党员中心户 标识牌 (one member)
	RectifyPlan    = "rectify-plan"     // 整顿工作方案 of a weak branch (the township's, one 整顿)
)

// KindInfo describes a notice kind for the CLI and the GUI.
type KindInfo struct {
	Kind      string
	Label     string // catalog key
	Period    string // store.PeriodMonth, PeriodQuarter, PeriodYear, or "" when the kind has none
	Subject   bool   // takes a subject (a decision, or one candidate)
	Publicity bool   // a 公示 with a period of working days
}

var kinds = []KindInfo{
	{Development, "Development targets (发展对象公示)", "", true, true},
	{Probation, "Full membership of probationary members (转正公示)", "", true, true},
	{Dues, "Dues collected and used (党费公示)", store.PeriodQuarter, false, true},
	{Stars, "Points and stars (积分星级公示)", store.PeriodQuarter, false, true},
	{ThemeDay, "Theme party day programme (主题党日安排)", store.PeriodMonth, false, false},
	{ThemeDayReport, "Theme party day report (主题党日活动情况)", "", true, false},
	{Decision, "Village decision (四议两公开)", "", true, false},
	{Birthdays, "Political birthdays (政治生日名单)", store.PeriodQuarter, false, false},
	{Appraisal, "Democratic appraisal results (民主评议结果)", store.PeriodYear, false, true},
	{BranchStars, "Branch star rating (星级评定结果公示)", store.PeriodYear, false, true},
	{StarList, "Star ratings of the village branches (township)", store.PeriodYear, false, true},
	{MemberStars, "Star-rated party members (星级党员公示)", store.PeriodYear, false, true},
	{CenterPlate, "Plate of a party member central household (党员中心户标识牌)", "", true, false},
	{RectifyPlan, "Rectification plan of a weak branch (整顿工作方案)", "", true, false},
}

// Kinds lists the notice kinds in menu order.
func Kinds() []KindInfo { return append([]KindInfo(nil), kinds...) }

// LookupKind finds a kind by its slug or its Chinese label.
func LookupKind(s string) (KindInfo, bool) {
	s = strings.TrimSpace(s)
	for _, k := range kinds {
		if k.Kind == s || assets.T(k.Label) == s {
			return k, true
		}
	}
	return KindInfo{}, false
}

// Request says which notice to print.
type Request struct {
	Kind    string
	OrgID   string    // "" this installation's organisation
	Period  string    // "" the current month, quarter or year, as the kind needs
	Subject string    // a decision's ID; a candidate's ID to print one candidate only
	Paper   Paper     // "" A4
	Start   time.Time // first day of the 公示; zero: the notice's date
}

// builder fills in a kind's data and tables.
type builder func(ctx context.Context, b *build) error

var builders = map[string]builder{
	Development: buildDevelopment, Probation: buildProbation, Dues: buildDues, Stars: buildStars,
	ThemeDay: buildThemeDay, ThemeDayReport: buildThemeDayReport, Decision: buildDecision, Birthdays: buildBirthdays, Appraisal: buildAppraisal,
	BranchStars: buildBranchStars, StarList: buildStarList, MemberStars: buildMemberStars, CenterPlate: buildCenterPlate,
	RectifyPlan: buildRectifyPlan,
}

// build is the state of one notice being built.
type build struct {
	db     *store.DB
	req    Request
	org    store.Org
	period store.Period
	date   time.Time
	data   TemplateData
	doc    Document
}

// Build collects a notice's data from the store and its wording from the template.
func Build(ctx context.Context, db *store.DB, req Request) (Document, error) {
	info, ok := LookupKind(req.Kind)
	if !ok {
		return Document{}, assets.Errorf("Unknown kind of notice %s.", req.Kind)
	}
	req.Kind = info.Kind
	b := &build{db: db, req: req}
	var err error
	if req.OrgID == "" {
		b.org, err = db.Home(ctx)
	} else {
		b.org, err = db.Org(ctx, req.OrgID)
	}
	if err != nil {
		return Document{}, err
	}
	now := db.Now()
	b.date = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if info.Kind == ThemeDay && req.Period == "" {
		if req.Period, err = b.defaultThemeMonth(ctx); err != nil {
			return Document{}, err
		}
	}
	if info.Period != "" {
		if b.period, err = choosePeriod(req.Period, info.Period, b.date); err != nil {
			return Document{}, err
		}
		b.data.Period = b.period.Label()
	} else if req.Period != "" {
		return Document{}, assets.Errorf("This notice has no period; leave out --period.")
	}
	contact, err := db.NoticeContact(ctx, b.org.ID)
	if err != nil {
		return Document{}, err
	}
	b.doc = Document{Issuer: contact.Issuer, Date: b.date, Paper: req.Paper}
	if b.doc.Issuer == "" {
		b.doc.Issuer = IssuerOf(b.org.Name)
	}
	if b.doc.Paper == "" {
		b.doc.Paper = A4
	}
	b.data.Org, b.data.Issuer, b.data.Date = b.org.Name, b.doc.Issuer, ShortDate(b.date)
	if info.Publicity {
		if err := b.publicity(ctx); err != nil {
			return Document{}, err
		}
	}
	if info.Publicity || info.Kind == Decision {
		b.doc.Contact = contactLine(contact)
	}
	if err := builders[info.Kind](ctx, b); err != nil {
		return Document{}, err
	}
	w, err := loadWording(ctx, db, info.Kind, b.data)
	if err != nil {
		return Document{}, err
	}
	b.doc.Title, b.doc.Preface, b.doc.Footer = w.Title, w.Preface, append(w.Footer, b.doc.Footer...)
	return b.doc, nil
}

// Print builds a notice and writes it as PDF.
func Print(ctx context.Context, db *store.DB, req Request, w io.Writer) (Document, error) {
	doc, err := Build(ctx, db, req)
	if err != nil {
		return doc, err
	}
	return doc, Render(w, doc)
}

func choosePeriod(s, kind string, today time.Time) (store.Period, error) {
	if s == "" {
		switch kind {
		case store.PeriodMonth:
			return store.MonthOf(today), nil // theme-day: see defaultThemeMonth
		case store.PeriodYear:
			return store.YearOf(today), nil
		}
		return store.QuarterOf(today), nil
	}
	p, err := store.ParsePeriod(s)
	if err != nil {
		return p, err
	}
	if p.Kind != kind {
		switch kind {
		case store.PeriodMonth:
			return p, assets.Errorf("This notice is for one month; write the period as YYYY-MM, e.g. 2026-11.")
		case store.PeriodYear:
			return p, assets.Errorf("This notice is for one year; write the period as YYYY, e.g. 2026.")
		}
		return p, assets.Errorf("This notice is for one quarter; write the period as YYYYQn, e.g. 2026Q4.")
	}
	return p, nil
}

// defaultThemeMonth is this month, or next month once this month's theme day has passed and
// next month's programme is known.
func (b *build) defaultThemeMonth(ctx context.Context) (string, error) {
	this := store.MonthOf(b.date)
	day, err := b.db.ThemeDayIn(ctx, this)
	if err != nil || !b.date.After(day) {
		return this.String(), err
	}
	next := store.MonthOf(this.End()).String()
	_, ok, err := b.db.ThemeFor(ctx, b.org.ID, next)
	if err != nil || !ok {
		return this.String(), err
	}
	return next, nil
}

// publicity sets the 公示 period: the rule's working days from the start day (or the next
// working day), counted on the township's calendar of holidays and make-up days.
func (b *build) publicity(ctx context.Context) error {
	v, err := b.db.RuleValue(ctx, rules.PipelinePublicity.Key)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		n = 5
	}
	cal, err := b.db.Calendar(ctx)
	if err != nil {
		return err
	}
	start := b.req.Start
	if start.IsZero() {
		start = b.recordedPublicityStart(ctx)
	}
	dated := !start.IsZero()
	if start.IsZero() {
		start = b.date
	}
	for !cal.IsWorkday(start) {
		start = start.AddDate(0, 0, 1)
	}
	b.data.From, b.data.To, b.data.Workdays = ShortDate(start), ShortDate(cal.WorkdaysEnd(start, n)), n
	// A 公示 printed ahead of its start (--start), or whose start is already recorded in the
	// candidates' files, is dated the day it starts.
	if dated {
		b.doc.Date, b.data.Date = start, ShortDate(start)
	}
	return nil
}

// recordedPublicityStart is the start of the 公示 as recorded in the files of the candidates
// the notice lists (the 发展对象公示 or 转正公示 step), when they all have the same one: the
// notice then shows the period the pipeline counts from (the earliest day of step 15 or 23
// follows it), not one starting on the day it happens to be printed. Zero otherwise.
func (b *build) recordedPublicityStart(ctx context.Context) time.Time {
	var step int
	var want func(c *store.Candidate) bool
	switch b.req.Kind {
	case Development:
		step, want = store.StepPublicity, func(c *store.Candidate) bool { return c.Has(7) && !c.Has(15) }
	case Probation:
		step, want = store.StepConfirmPublicity, func(c *store.Candidate) bool { return c.Has(15) && !c.Has(23) }
	default:
		return time.Time{} // dues, stars, appraisal: the 公示 starts when it is posted
	}
	cs, err := b.candidates(ctx, want, "%s")
	if err != nil || len(cs) == 0 {
		return time.Time{} // the builder says what is wrong
	}
	var start time.Time
	for i := range cs {
		d := cs[i].DateOf(step)
		if d.IsZero() || (!start.IsZero() && !d.Equal(start)) {
			return time.Time{}
		}
		start = d
	}
	return start
}

// IssuerOf derives the issuing body from the branch's name: 张庄村党支部 → 中共张庄村支部委员会,
// 李村党总支 → 中共李村总支部委员会.
func IssuerOf(org string) string {
	name := strings.TrimPrefix(strings.TrimSpace(org), "中共")
	for _, s := range []struct{ suffix, body string }{{"党总支部", "总支部委员会"}, {"党总支", "总支部委员会"}, {"总支部", "总支部委员会"},
		{"党支部", "支部委员会"}, {"支部", "支部委员会"}, {"党委", "委员会"}} {
		if strings.HasSuffix(name, s.suffix) {
			return "中共" + strings.TrimSuffix(name, s.suffix) + s.body
		}
	}
	return "中共" + name + "支部委员会"
}

func contactLine(c store.NoticeContact) string {
	blank := "＿＿＿＿＿＿"
	phone, person := c.Phone, c.Person
	if phone == "" {
		phone = blank
	}
	if person == "" {
		person = blank
	}
	return assets.T("Supervision telephone: %s    Contact person: %s", phone, person)
}

// seq numbers the rows of a table from 1.
func seq(i int) string { return strconv.Itoa(i + 1) }

// monthText writes YYYY-MM-DD as 1995.12 for a table cell (birth dates: the month is
// enough in public).
func monthText(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.Format("2006.01")
}

// dayText writes YYYY-MM-DD as 2026.11.29 for a table cell.
func dayText(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.Format("2006.01.02")
}
