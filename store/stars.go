package store

import (
	"context"
	"strconv"
	"strings"

	"zhibu/assets"
	"zhibu/store/replica"
)

// The branch's year under the star scheme: the village declares its target stars (定标报星),
// the stars with a measure are earned from its records as the year goes (动态评星), at the
// year's end it assesses itself (自评) and the township assesses it (考评) and awards the
// plaque (挂牌授星). The declaration and self-assessment are the village's rows (they sync
// up); the assessment is the township's (it syncs down). StarResults is the one computation
// of the result, for one village or every village at once.

// Colours and classes of a result.
const (
	ColourGold   = "gold"   // 金星
	ColourSilver = "silver" // 银星
	ColourRed    = "red"    // 红星
	Class1       = "class1" // 一类
	Class2       = "class2" // 二类
	Class3       = "class3" // 三类
)

var colourLabels = map[string]string{ColourGold: "Gold stars", ColourSilver: "Silver stars", ColourRed: "Red stars", "": "No colour"}
var classLabels = map[string]string{Class1: "First class", Class2: "Second class", Class3: "Third class"}

// ColourLabel names a colour in Chinese.
func ColourLabel(c string) string { return assets.T(colourLabels[c]) }

// ClassLabel names a class in Chinese.
func ClassLabel(c string) string { return assets.T(classLabels[c]) }

// Stages of a village's year.
const (
	StarsDynamic  = "dynamic"  // during the year: measured stars only, from the records
	StarsSelf     = "self"     // the village has assessed itself
	StarsAssessed = "assessed" // the township has assessed it
)

var stageLabels = map[string]string{StarsDynamic: "Points from the records (动态评星)", StarsSelf: "Self-assessed, awaiting the township",
	StarsAssessed: "Assessed by the township"}

// StarStageLabel names a stage in Chinese.
func StarStageLabel(s string) string { return assets.T(stageLabels[s]) }

// StarLine is how one star of the scheme stands for a village.
type StarLine struct {
	Star
	Target  bool    `json:"target"`         // declared (定标报星)
	Rate    float64 `json:"rate,omitempty"` // a measured star's figure
	Self    bool    `json:"self"`           // claimed in the self-assessment
	Awarded bool    `json:"awarded"`        // awarded by the township
	Earned  bool    `json:"earned"`
}

// StarResult is a village's year under the scheme.
type StarResult struct {
	OrgID      string     `json:"org_id"`
	OrgCode    string     `json:"org_code"`
	OrgName    string     `json:"org_name"`
	Year       int        `json:"year"`
	Variant    string     `json:"variant"`
	Lines      []StarLine `json:"lines"`
	Declared   string     `json:"declared_at"` // "" targets not declared: common and duty stars
	SelfAt     string     `json:"self_at"`
	SelfNote   string     `json:"self_note"`
	AssessedAt string     `json:"assessed_at"`
	AssessedBy string     `json:"assessed_by"`
	Note       string     `json:"note"`
	PlaqueOn   string     `json:"plaque_on"` // 挂牌授星
	Stage      string     `json:"stage"`
	Points     int        `json:"points"` // Σ points of the stars earned
	Stars      int        `json:"stars"`  // Points ÷ points per star
	Colour     string     `json:"colour"` // gold, silver, red or ""
	Class      string     `json:"class"`  // class1, class2, class3

	OnTimeRate     Rate `json:"on_time_rate"`
	AttendanceRate Rate `json:"attendance_rate"`
	DuesRate       Rate `json:"dues_rate"`
	TasksDue       int  `json:"tasks_due"`     // items whose deadline passed in the year
	TasksOnTime    int  `json:"tasks_on_time"` // of those, done by the deadline
	TaskRate       Rate `json:"task_rate"`
}

// StarIndicators are the records' figures the measured stars read.
type StarIndicators struct {
	OnTime, Attendance, Dues, Tasks Rate
	Service, Commitments            Rate // a member's (memberstars_year.go)
}

func (in StarIndicators) of(m string) float64 {
	switch m {
	case MeasureOnTime:
		return in.OnTime.Or(0)
	case MeasureAttendance:
		return in.Attendance.Or(0)
	case MeasureDues:
		return in.Dues.Or(0)
	case MeasureMemberAttendance:
		return in.Attendance.Or(0)
	case MeasureMemberDues:
		return in.Dues.Or(0)
	case MeasureMemberService:
		return in.Service.Or(0)
	case MeasureMemberCommitments:
		return in.Commitments.Or(0)
	}
	return in.Tasks.Or(1) // no item was due: none was late (as before this type existed)
}

// declaration and assessment rows as stored.
type starDeclaration struct {
	org, targets, declaredAt, self, selfNote, selfAt string
}

type starAssessment struct {
	village, awarded, note, at, by, plaque string
}

// rateStars computes a result from the scheme, the figures and the rows: a star counts only
// if declared (no declaration: every common and duty star, and the self-chosen ones the
// township awarded, as a branch that declared on paper); a measured star is earned when
// its figure reaches the threshold; a judged star when the township awarded it, or, before
// the township's assessment, when the self-assessment claims it. Stars = points ÷ points per
// star; the colour and class follow the grade rules.
func rateStars(s StarScheme, in StarIndicators, d starDeclaration, a starAssessment) StarResult {
	r := StarResult{Year: s.Year, Variant: s.Variant, Declared: d.declaredAt, SelfAt: d.selfAt, SelfNote: d.selfNote,
		AssessedAt: a.at, AssessedBy: a.by, Note: a.note, PlaqueOn: a.plaque, Stage: StarsDynamic,
		OnTimeRate: in.OnTime, AttendanceRate: in.Attendance, DuesRate: in.Dues, TaskRate: in.Tasks}
	targets, self, awarded := codeSet(d.targets), codeSet(d.self), codeSet(a.awarded)
	switch {
	case a.at != "":
		r.Stage = StarsAssessed
	case d.selfAt != "":
		r.Stage = StarsSelf
	}
	for _, x := range s.Stars {
		l := StarLine{Star: x, Target: targets[x.Code], Self: self[x.Code], Awarded: awarded[x.Code]}
		if d.declaredAt == "" {
			l.Target = x.Group != StarChosen || l.Awarded // chosen on paper: the township's award says which
		}
		if x.Measure != "" {
			l.Rate = in.of(x.Measure) // shown for every measured star, earned only by a target
		}
		switch {
		case !l.Target:
		case x.Measure != "":
			l.Earned = l.Rate >= x.Threshold
		case r.Stage == StarsAssessed:
			l.Earned = l.Awarded
		case r.Stage == StarsSelf:
			l.Earned = l.Self
		}
		if l.Earned {
			r.Points += x.Points
		}
		r.Lines = append(r.Lines, l)
	}
	g := s.Grades
	r.Stars = r.Points / max(g.PerStar, 1)
	switch {
	case r.Stars >= g.Gold:
		r.Colour = ColourGold
	case r.Stars >= g.Silver:
		r.Colour = ColourSilver
	case r.Stars >= g.Red:
		r.Colour = ColourRed
	}
	switch {
	case r.Stars >= g.Class1:
		r.Class = Class1
	case r.Stars >= g.Class2:
		r.Class = Class2
	default:
		r.Class = Class3
	}
	return r
}

func codeSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out[c] = true
		}
	}
	return out
}

// StarResults computes the year's result of the villages (nil: on a township every village,
// on a village its own), in code order. It reads everything in a fixed number of queries:
// the KPIs once for all villages, the task list once, the declarations and assessments once.
func (db *DB) StarResults(ctx context.Context, year int, orgIDs []string) ([]StarResult, error) {
	s, err := db.StarSchemeFor(ctx, year)
	if err != nil {
		return nil, err
	}
	ks, err := db.KPIs(ctx, Period{Kind: PeriodYear, Year: year}, orgIDs)
	if err != nil {
		return nil, err
	}
	tasks, err := db.Tasks(ctx, TaskFilter{})
	if err != nil {
		return nil, err
	}
	type taskCount struct{ due, onTime int }
	tc := map[string]*taskCount{}
	today := fmtDay(db.today())
	y := strconv.Itoa(year) + "-"
	for _, t := range tasks {
		if !strings.HasPrefix(t.Due, y) {
			continue
		}
		closed := t.State != TaskOpen && t.DoneOn != "" && t.DoneOn <= t.Due
		if !closed && t.Due >= today {
			continue // not due yet and not closed: it counts once its deadline passes
		}
		c := tc[t.VillageID]
		if c == nil {
			c = &taskCount{}
			tc[t.VillageID] = c
		}
		c.due++
		if closed {
			c.onTime++
		}
	}
	declOf, assOf, err := db.starRows(ctx, year, "")
	if err != nil {
		return nil, err
	}
	out := make([]StarResult, 0, len(ks))
	for _, k := range ks {
		in := StarIndicators{OnTime: k.OnTimeRate, Attendance: k.AttendanceRate, Dues: k.DuesRate, Tasks: 1}
		c := tc[k.OrgID]
		if c == nil {
			c = &taskCount{}
		}
		in.Tasks = rate(c.onTime, c.due)
		r := rateStars(s, in, declOf[k.OrgID], assOf[k.OrgID])
		r.OrgID, r.OrgCode, r.OrgName, r.TasksDue, r.TasksOnTime = k.OrgID, k.OrgCode, k.OrgName, c.due, c.onTime
		out = append(out, r)
	}
	return out, nil
}

// StarResultOf is one village's result for the year.
func (db *DB) StarResultOf(ctx context.Context, orgID string, year int) (StarResult, error) {
	rs, err := db.StarResults(ctx, year, []string{orgID})
	if err != nil {
		return StarResult{}, err
	}
	if len(rs) == 0 {
		return StarResult{}, ErrNotFound
	}
	return rs[0], nil
}

// starRows reads the year's declarations (by village) and the township's assessments (by
// village), of one village or ("" orgID) all.
func (db *DB) starRows(ctx context.Context, year int, orgID string) (map[string]starDeclaration, map[string]starAssessment, error) {
	decls, err := replica.Collect(ctx, db.sql, func(sc replica.Scanner) (starDeclaration, error) {
		var d starDeclaration
		return d, sc.Scan(&d.org, &d.targets, &d.declaredAt, &d.self, &d.selfNote, &d.selfAt)
	}, "SELECT org_id, targets, declared_at, self_stars, self_note, self_at FROM star_declarations WHERE deleted=0 AND year=? AND (?='' OR org_id=?)", year, orgID, orgID)
	if err != nil {
		return nil, nil, err
	}
	declOf := map[string]starDeclaration{}
	for _, d := range decls {
		declOf[d.org] = d
	}
	asss, err := replica.Collect(ctx, db.sql, func(sc replica.Scanner) (starAssessment, error) {
		var a starAssessment
		return a, sc.Scan(&a.village, &a.awarded, &a.note, &a.at, &a.by, &a.plaque)
	}, `SELECT a.village_id, a.awarded, a.note, a.assessed_at, a.assessed_by, a.plaque_on FROM star_assessments a JOIN orgs o ON o.id=a.org_id
		WHERE a.deleted=0 AND a.year=? AND o.kind=? AND (?='' OR a.village_id=?)`, year, KindTownship, orgID, orgID)
	if err != nil {
		return nil, nil, err
	}
	assOf := map[string]starAssessment{}
	for _, a := range asss {
		assOf[a.village] = a
	}
	return declOf, assOf, nil
}

// starStanding is a village's result without the records' figures: what the declaration and
// assessment say (targets, claims, awards), for the checks of a new self-assessment or
// assessment, which may run inside a transaction.
func (db *DB) starStanding(ctx context.Context, s StarScheme, orgID string) (StarResult, error) {
	d, a, err := db.starRows(ctx, s.Year, orgID)
	if err != nil {
		return StarResult{}, err
	}
	return rateStars(s, StarIndicators{}, d[orgID], a[orgID]), nil
}
