package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"zhibu/assets"
)

// 评星定级, 科学设星: the township sets each year's star scheme — which stars exist, each with
// its standard and points, and the rules that turn stars into a colour (金/银/红) and a class
// (一类/二类/三类). The seed is the "532" model (5 common stars, 3 duty stars, 2 chosen by the
// village from a list); the 十星 variant lists ten stars every branch aims for. Both are local
// practice (DOMAIN.md "积分 and 星级"), so every figure is the township's to change; these
// defaults are the one place they live.

// Scheme variants.
const (
	Scheme532 = "532" // 5 common + 3 duty + 2 self-chosen stars
	SchemeTen = "ten" // 十星级: ten stars
)

// Star groups.
const (
	StarCommon = "common" // 共性星: every branch
	StarDuty   = "duty"   // 职责星: the branch's duties
	StarChosen = "chosen" // 自选星: the branch picks Grades.Chosen of them
)

// Measures: a star with a measure is earned from the records (动态评星), never typed; the
// figures are the township KPIs (store/kpi.go) and the task list (store/task.go).
const (
	MeasureOnTime     = "on_time"    // 按时召开率
	MeasureAttendance = "attendance" // 党员平均参会率
	MeasureDues       = "dues"       // 党费收缴率
	MeasureTasks      = "tasks"      // items closed on time ÷ items due
)

var measureLabels = map[string]string{MeasureOnTime: "On-time rate", MeasureAttendance: "Average attendance",
	MeasureDues: "Dues collection rate", MeasureTasks: "Items closed on time"}

// MeasureLabel names a measure in Chinese ("" for a star the township judges).
func MeasureLabel(m string) string {
	if m == "" {
		return assets.T("Judged at the assessment")
	}
	return assets.T(measureLabels[m])
}

// Measures lists the measures in order.
func Measures() []string {
	return []string{MeasureOnTime, MeasureAttendance, MeasureDues, MeasureTasks}
}

var starGroupLabels = map[string]string{StarCommon: "Common star", StarDuty: "Duty star", StarChosen: "Self-chosen star"}

// StarGroupLabel names a star group in Chinese.
func StarGroupLabel(g string) string { return assets.T(starGroupLabels[g]) }

// Star is one star of a scheme.
type Star struct {
	Code      string  `json:"code"` // stable within the scheme: c1…, d1…, o1…
	Group     string  `json:"group"`
	Name      string  `json:"name"`
	Standard  string  `json:"standard"`
	Points    int     `json:"points"`              // what the star is worth (积分换星)
	Measure   string  `json:"measure,omitempty"`   // "" judged at the assessment
	Threshold float64 `json:"threshold,omitempty"` // the rate that earns a measured star
}

// StarGrades turn a year's stars into a colour and a class.
type StarGrades struct {
	PerStar int `json:"per_star"` // points for one star ("积分换星": 10 points = 1 star)
	Gold    int `json:"gold"`     // at least this many stars: 金星
	Silver  int `json:"silver"`   // 银星
	Red     int `json:"red"`      // 红星; fewer: no colour
	Class1  int `json:"class1"`   // at least this many stars: 一类党组织
	Class2  int `json:"class2"`   // 二类; fewer: 三类
	Chosen  int `json:"chosen"`   // self-chosen stars a village declares
}

// DefaultStarGrades are the seed's grade rules: of ten stars, 9 or more gold, 7–8 silver,
// 5–6 red; 8 or more 一类, 5–7 二类.
var DefaultStarGrades = StarGrades{PerStar: 10, Gold: 9, Silver: 7, Red: 5, Class1: 8, Class2: 5, Chosen: 2}

// StarScheme is a year's scheme.
type StarScheme struct {
	Year    int        `json:"year"`
	Variant string     `json:"variant"`
	Stars   []Star     `json:"stars"`
	Grades  StarGrades `json:"grades"`
	SetAt   string     `json:"set_at"`
	Default bool       `json:"default"` // the township has not set one: the seed applies
}

// Star finds a star by code.
func (s StarScheme) Star(code string) (Star, bool) {
	for _, x := range s.Stars {
		if x.Code == code {
			return x, true
		}
	}
	return Star{}, false
}

// seedStar is a default star; name and standard are catalog keys.
type seedStar struct {
	code, group, name, standard, measure string
	threshold                            float64
}

var seed532 = []seedStar{
	{"c1", StarCommon, "Organisation building star", "The three meetings and one lecture and the theme party day are held on time (按时召开率 at least 90%).", MeasureOnTime, 0.9},
	{"c2", StarCommon, "Member education star", "Members take part in organisational life (average attendance at least 85%).", MeasureAttendance, 0.85},
	{"c3", StarCommon, "Dues management star", "Dues are collected in full every month (党费收缴率 at least 95%).", MeasureDues, 0.95},
	{"c4", StarCommon, "Task completion star", "Items set by the township and rectifications are closed by their deadline (at least 80%).", MeasureTasks, 0.8},
	{"c5", StarCommon, "Conduct star", "The committee is united, clean and free of breaches of discipline.", "", 0},
	{"d1", StarDuty, "Industry development star", "The collective economy grows and villagers' incomes rise.", "", 0},
	{"d2", StarDuty, "Village governance star", "Disputes are settled in the village; no petitions bypassing levels.", "", 0},
	{"d3", StarDuty, "Service to the people star", "Practical things are done for the villagers, who are satisfied.", "", 0},
	{"o1", StarChosen, "Civility star", "Old customs are reformed and a civil atmosphere prevails.", "", 0},
	{"o2", StarChosen, "Liveable village star", "The living environment is improved and the village kept clean.", "", 0},
	{"o3", StarChosen, "Safe village star", "Public safety is good and the village is peaceful.", "", 0},
	{"o4", StarChosen, "Party brand star", "The branch builds a distinctive party-building brand.", "", 0},
}

var seedTen = []seedStar{
	{"c1", StarCommon, "Organisation building star", "The three meetings and one lecture and the theme party day are held on time (按时召开率 at least 90%).", MeasureOnTime, 0.9},
	{"c2", StarCommon, "Member education star", "Members take part in organisational life (average attendance at least 85%).", MeasureAttendance, 0.85},
	{"c3", StarCommon, "Dues management star", "Dues are collected in full every month (党费收缴率 at least 95%).", MeasureDues, 0.95},
	{"c4", StarCommon, "Task completion star", "Items set by the township and rectifications are closed by their deadline (at least 80%).", MeasureTasks, 0.8},
	{"c5", StarCommon, "Leadership team star", "The committee is united, clean and free of breaches of discipline.", "", 0},
	{"c6", StarCommon, "Industry development star", "The collective economy grows and villagers' incomes rise.", "", 0},
	{"c7", StarCommon, "Village governance star", "Disputes are settled in the village; no petitions bypassing levels.", "", 0},
	{"c8", StarCommon, "Service to the people star", "Practical things are done for the villagers, who are satisfied.", "", 0},
	{"c9", StarCommon, "Civility star", "Old customs are reformed and a civil atmosphere prevails.", "", 0},
	{"c10", StarCommon, "Liveable village star", "The living environment is improved and the village kept clean.", "", 0},
}

// percentInText is the first percentage written in a star's standard (「不低于90%」, 「85.5 %」).
var percentInText = regexp.MustCompile(`\d+(?:\.\d+)?\s*[%％]`)

// standardAt is a measured star's standard saying its own threshold: the percentage in the
// text is the threshold's (a township that lowers 按时召开率 to 85% prints 85%, not the
// seed's 90%), or the threshold is added when the text names none. Judged stars keep theirs.
func standardAt(x Star) string {
	if x.Measure == "" || x.Threshold <= 0 {
		return x.Standard
	}
	pct := strconv.FormatFloat(math.Round(x.Threshold*1000)/10, 'f', -1, 64) + "%"
	if loc := percentInText.FindStringIndex(x.Standard); loc != nil {
		return x.Standard[:loc[0]] + pct + x.Standard[loc[1]:]
	}
	if x.Standard == "" {
		return assets.T("At least %s.", pct)
	}
	return x.Standard + assets.T(" (at least %s)", pct)
}

// SchemeVariants lists the variants a township chooses from.
func SchemeVariants() []string { return []string{Scheme532, SchemeTen} }

// SchemeVariantLabel names a variant in Chinese.
func SchemeVariantLabel(v string) string {
	if v == SchemeTen {
		return assets.T("Ten stars (十星级)")
	}
	return assets.T("532 model (5 common, 3 duty, 2 self-chosen stars)")
}

// DefaultStarScheme is the seed scheme of a variant for a year.
func DefaultStarScheme(variant string, year int) StarScheme {
	seed := seed532
	grades := DefaultStarGrades
	if variant == SchemeTen {
		seed, grades.Chosen = seedTen, 0
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

// starSpace derives the IDs of the yearly rows of the star rating and the 述职评议 from (table,
// organisation, year), so the same row written on two devices converges.
var starSpace = uuid.MustParse("7a686962-752d-5374-6172-730000000000")

func yearRowID(table, orgID string, year int) string {
	return uuid.NewSHA1(starSpace, []byte(table+"\x00"+orgID+"\x00"+strconv.Itoa(year))).String()
}

// StarSchemeFor returns the year's scheme in force on this PC: the township's, else the 532
// seed (Default set).
func (db *DB) StarSchemeFor(ctx context.Context, year int) (StarScheme, error) {
	var s StarScheme
	var stars, grades string
	err := db.sql.QueryRowContext(ctx, `SELECT s.year, s.variant, s.stars, s.grades, s.set_at FROM star_schemes s JOIN orgs o ON o.id=s.org_id
		WHERE s.deleted=0 AND s.year=? AND o.kind=? ORDER BY s.id LIMIT 1`, year, KindTownship).Scan(&s.Year, &s.Variant, &stars, &grades, &s.SetAt)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultStarScheme(Scheme532, year), nil
	}
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal([]byte(stars), &s.Stars); err != nil {
		return s, assets.Wrap(err, "The star scheme of %d received from the township cannot be read. Ask the township office to save it again.", year)
	}
	if err := json.Unmarshal([]byte(grades), &s.Grades); err != nil {
		return s, assets.Wrap(err, "The star scheme of %d received from the township cannot be read. Ask the township office to save it again.", year)
	}
	for i := range s.Stars { // a scheme saved before standards followed their thresholds
		s.Stars[i].Standard = standardAt(s.Stars[i])
	}
	return s, nil
}

// SetStarScheme stores the township's scheme for its year; it goes down with the next sync.
// A scheme that does not add up is refused with what to correct, and nothing is stored.
func (db *DB) SetStarScheme(ctx context.Context, s StarScheme) error {
	home, err := db.Home(ctx)
	if err != nil {
		return err
	}
	if home.Kind != KindTownship {
		return assets.Wrap(ErrDenied, "Only the township sets the star scheme; it reaches the villages with the next sync.")
	}
	if err := db.mayAdmin(ctx); err != nil {
		return err
	}
	if err := checkScheme(&s); err != nil {
		return err
	}
	stars, _ := json.Marshal(s.Stars)
	grades, _ := json.Marshal(s.Grades)
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "star_schemes", yearRowID("star_schemes", home.ID, s.Year), map[string]any{"org_id": home.ID, "deleted": int64(0),
			"year": int64(s.Year), "variant": s.Variant, "stars": string(stars), "grades": string(grades), "set_at": db.now().Format("2006-01-02 15:04")})
		return err
	})
}

func checkScheme(s *StarScheme) error { return checkSchemeOf(s, measureLabels) }

// checkSchemeOf checks a scheme whose measured stars read the given measures (the branch's or
// a member's).
func checkSchemeOf(s *StarScheme, measures map[string]string) error {
	if s.Year < 2000 || s.Year > 2100 {
		return assets.Wrap(ErrInvalid, "The year %d is not valid; write it as YYYY, e.g. 2026.", s.Year)
	}
	if s.Variant != SchemeTen {
		s.Variant = Scheme532
	}
	if len(s.Stars) == 0 {
		return assets.Wrap(ErrInvalid, "The scheme lists no stars; add at least one.")
	}
	seen := map[string]bool{}
	chosen := 0
	for i := range s.Stars {
		x := &s.Stars[i]
		x.Code, x.Name, x.Standard = strings.TrimSpace(x.Code), strings.TrimSpace(x.Name), strings.TrimSpace(x.Standard)
		if x.Code == "" || seen[x.Code] {
			return assets.Wrap(ErrInvalid, "Each star needs a code of its own (star %d).", i+1)
		}
		seen[x.Code] = true
		if x.Name == "" {
			return assets.Wrap(ErrInvalid, "Star %d has no name; enter it.", i+1)
		}
		if _, ok := starGroupLabels[x.Group]; !ok {
			return assets.Wrap(ErrInvalid, "Star %s has no group; choose common, duty or self-chosen.", x.Name)
		}
		if x.Group == StarChosen {
			chosen++
		}
		if x.Points < 1 || x.Points > 100 {
			return assets.Wrap(ErrInvalid, "Star %s is worth %d points; give it 1 to 100.", x.Name, x.Points)
		}
		if x.Measure != "" {
			if _, ok := measures[x.Measure]; !ok {
				return assets.Wrap(ErrInvalid, "Star %s has an unknown measure %s.", x.Name, x.Measure)
			}
			if x.Threshold <= 0 || x.Threshold > 1 {
				return assets.Wrap(ErrInvalid, "Star %s needs a threshold between 1%% and 100%%.", x.Name)
			}
			x.Standard = standardAt(*x)
		}
	}
	g := s.Grades
	switch {
	case g.PerStar < 1:
		return assets.Wrap(ErrInvalid, "Give the points for one star (at least 1).")
	case !(g.Gold >= g.Silver && g.Silver >= g.Red && g.Red >= 1):
		return assets.Wrap(ErrInvalid, "The stars for gold, silver and red must go down: gold at least silver, silver at least red, red at least 1.")
	case !(g.Class1 >= g.Class2 && g.Class2 >= 1):
		return assets.Wrap(ErrInvalid, "The stars for a first-class branch must be at least those for a second-class one, and both at least 1.")
	case g.Chosen < 0 || g.Chosen > chosen:
		return assets.Wrap(ErrInvalid, "A village is to choose %d self-chosen stars, but the scheme offers %d.", g.Chosen, chosen)
	}
	return nil
}

// schemeSent is the year's star scheme as an item the township sent down (SentDown), if it
// set one.
func (db *DB) schemeSent(ctx context.Context, townID, month string) (SentItem, bool, error) {
	p, err := ParsePeriod(month)
	if err != nil {
		p = YearOf(db.today())
	}
	id := yearRowID("star_schemes", townID, p.Year)
	var n int
	if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM star_schemes WHERE id=? AND deleted=0", id).Scan(&n); err != nil || n == 0 {
		return SentItem{}, false, err
	}
	return SentItem{Table: "star_schemes", ID: id, Kind: "scheme", Name: assets.T("Star scheme of %d", p.Year)}, true, nil
}
