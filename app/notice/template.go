package notice

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"text/template"

	"zhibu/assets"
	"zhibu/store"
)

// TemplateData is what a notice's wording may use. It is fixed: a template written by the
// township for one version of Zhibu keeps working in the next.
type TemplateData struct {
	Org      string // the branch, e.g. 张庄村党支部
	Issuer   string // 中共张庄村支部委员会
	Period   string // 2026年第四季度, 2026年11月, 2026年
	From, To string // the 公示 period, e.g. 2026年11月30日
	Workdays int    // its length in working days
	Count    int    // rows in the table
	Date     string // the notice's date, 2026年11月29日

	Subject      string // decision: the matter; theme-day: the month's theme
	Content      string // decision: the matter and its plan
	Body         string // decision: 村民代表会议 or 村民会议
	VotesDue     int64
	VotesPresent int64
	VotesFor     int64
	Result       string // decision: the implementation result ("" for the resolution notice)
	EventDate    string // theme-day: the day of the activity
	Note         string // theme-day: the programme's note
	Collected    string // dues: yuan collected in the period, "123.40"
	Spent        string // dues: yuan spent in the period
	Payers       int    // dues: members who paid
	Place        string // theme-day-report: where the day was held
	Expected     int    // theme-day-report: members expected (应到)
	Present      int    // theme-day-report: members present (实到)
	Absent       int    // theme-day-report: members not present
	Absence      string // theme-day-report: the absent by reason, "请假 2、流动在外 3"
	Photos       int    // theme-day-report: photos in the record
	Stars        int    // branch-stars: the stars the branch was rated
	Colour       string // branch-stars: 金星, 银星, 红星 or 未达星级
	Class        string // branch-stars: 一类, 二类 or 三类
	// Steps: branch-stars, star-list: the steps of the rating that were recorded, in words
	// (「定标报星、自评和乡镇党委考评」): a step nobody recorded is not claimed.
	Steps    string
	Reviewed bool   // member-stars: the township has reviewed (审核) the result
	StarText string // center-plate: the member's stars of last year, "★★★★★★★（7星）", or ""
	Leader   string // rectify-plan: the 包联 leader (Subject: the reasons, Content: the plan in words, Result: the closing)
}

// Wording is a notice's text after its template ran.
type Wording struct {
	Title   string
	Preface []string
	Footer  []string
}

// maxWording bounds a template's output: a runaway template gives a message, not a
// hundred-page notice.
const maxWording = 20000

// Wording runs a notice kind's template: the township's if it sent one down, else the
// built-in one. A template that does not parse or run is refused with a clear message and
// nothing is printed.
func loadWording(ctx context.Context, db *store.DB, kind string, data TemplateData) (Wording, error) {
	builtin, ok := assets.NoticeTemplate(kind)
	if !ok {
		return Wording{}, assets.Errorf("Unknown kind of notice %s.", kind)
	}
	override, has, err := db.NoticeTemplate(ctx, kind)
	if err != nil {
		return Wording{}, err
	}
	w, err := ExecTemplate(builtin, override, data)
	if err != nil && has {
		return Wording{}, assets.Wrap(err, "The township's wording of this notice has a mistake: %s. Ask the township office to correct it.", assets.English(err))
	}
	return w, err
}

// CheckTemplate reports whether text is a usable wording for a notice kind (the township
// calls it before sending a template down).
func CheckTemplate(kind, text string) error {
	builtin, ok := assets.NoticeTemplate(kind)
	if !ok {
		return assets.Errorf("Unknown kind of notice %s.", kind)
	}
	sample := TemplateData{Org: "张庄村党支部", Issuer: "中共张庄村支部委员会", Period: "2026年第四季度", From: "2026年11月30日",
		To: "2026年12月4日", Workdays: 5, Count: 3, Date: "2026年11月29日", Subject: "村道硬化", Content: "硬化村道1.2公里",
		Body: "村民代表会议", VotesDue: 30, VotesPresent: 28, VotesFor: 26, EventDate: "2026年12月10日", Collected: "120.00", Spent: "80.00", Payers: 12,
		Place: "村党群服务中心", Expected: 30, Present: 26, Absent: 4, Absence: "请假 1、流动在外 3", Photos: 2,
		Stars: 7, Colour: "银星", Class: "二类", Reviewed: true, StarText: "★★★★★★★（7星）"}
	_, err := ExecTemplate(builtin, text, sample)
	return err
}

// ExecTemplate parses the built-in wording, lets override redefine any of its blocks, and
// runs the blocks title, preface and footer with data.
func ExecTemplate(builtin, override string, data TemplateData) (Wording, error) {
	t, err := template.New("notice").Option("missingkey=error").Parse(builtin)
	if err == nil && strings.TrimSpace(override) != "" {
		t, err = t.Parse(override)
	}
	if err != nil {
		return Wording{}, assets.Wrap(err, "The wording template does not read correctly (%s).", shortErr(err))
	}
	var w Wording
	run := func(name string) (string, error) {
		var buf limitedBuffer
		if t.Lookup(name) == nil {
			return "", nil
		}
		if err := t.ExecuteTemplate(&buf, name, data); err != nil {
			return "", assets.Wrap(err, "The wording template does not read correctly (%s).", shortErr(err))
		}
		return buf.String(), nil
	}
	title, err := run("title")
	if err != nil {
		return w, err
	}
	w.Title = strings.Join(strings.Fields(title), "")
	if w.Title == "" {
		return w, assets.Errorf("The wording template gives the notice no title.")
	}
	pre, err := run("preface")
	if err != nil {
		return w, err
	}
	w.Preface = paragraphs(pre)
	foot, err := run("footer")
	if err != nil {
		return w, err
	}
	w.Footer = paragraphs(foot)
	return w, nil
}

// paragraphs splits template output into paragraphs: every non-blank line is one.
func paragraphs(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func shortErr(err error) string {
	s := err.Error()
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}

var errTooLong = errors.New("template output too long")

type limitedBuffer struct{ bytes.Buffer }

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > maxWording {
		return 0, errTooLong
	}
	return b.Buffer.Write(p)
}
