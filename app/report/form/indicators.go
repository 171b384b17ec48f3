// Package form fills an upper level's own .xlsx forms (一张表) from the records: a cell holds
// a placeholder such as {{按时召开率}}, a row between {{#各村}} and {{/各村}} repeats once per
// village, and every figure comes from the store's one KPI computation (store.KPIs), the
// same as the overview and the quarterly report.
package form

import (
	"strings"
	"time"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/rules"
)

// Kinds of value an indicator gives.
const (
	kindCount = "count" // a whole number
	kindRate  = "rate"  // a fraction (0.85); null when there is nothing to count
	kindText  = "text"
	kindDate  = "date"
)

// Levels at which an indicator has a value.
const (
	LevelVillage  = "village"  // only inside a row repeated per village
	LevelTownship = "township" // only outside it
	LevelBoth     = "both"     // a village's figure in its row, the township's total outside
)

// Indicator is one named figure a form may ask for.
type Indicator struct {
	Name       string `json:"name"`  // slug (on_time_rate)
	Label      string `json:"label"` // the Chinese name a placeholder uses (按时召开率)
	Definition string `json:"definition"`
	Unit       string `json:"unit"`
	Level      string `json:"level"`
	Period     string `json:"period_rule"`
	Kind       string `json:"kind"`

	get func(c *scope) value
}

// value is an indicator's value in one place of the form.
type value struct {
	kind string
	num  float64
	null bool // a rate with nothing to count: 「—」
	text string
	date time.Time
}

// scope is what a placeholder is filled from: a village's figures in its repeated row, the
// township's totals elsewhere.
type scope struct {
	k       store.KPI
	village bool
	seq     int // 序号: the village's place in the repeated rows, from 1
	home    store.Org
	period  store.Period
	today   time.Time
	count   int // villages
}

func count(n int) value { return value{kind: kindCount, num: float64(n)} }

// rateOf is the KPI's own rate, or null where its denominator is zero (DOMAIN.md: a rate
// with nothing to count is no data, never 100 %).
func rateOf(r store.Rate, denom int) value {
	if denom == 0 || !r.Valid() {
		return value{kind: kindRate, null: true}
	}
	return value{kind: kindRate, num: float64(r)}
}

func text(s string) value { return value{kind: kindText, text: s} }

// Period rules (how an indicator relates to the period asked for).
const (
	periodIn   = "Counted over the period"
	periodEnd  = "As at the end of the period (today for the current one)"
	periodNow  = "As of the day the form is filled"
	periodNone = "Does not depend on the period"
)

// catalogue builds the indicators; the meeting kinds and categories come from the rules.
func catalogue() []Indicator {
	var list []Indicator
	add := func(name, label, def, unit, level, period, kind string, get func(c *scope) value) {
		list = append(list, Indicator{Name: name, Label: label, Definition: def, Unit: unit, Level: level, Period: period, Kind: kind, get: get})
	}
	// Names and dates.
	add("village_name", "村名", "Name of the village branch", "", LevelVillage, periodNone, kindText, func(c *scope) value { return text(c.k.OrgName) })
	add("village_code", "村代码", "Code of the village branch", "", LevelVillage, periodNone, kindText, func(c *scope) value { return text(c.k.OrgCode) })
	add("seq", "序号", "Number of the village's row: 1, 2, 3 …", "", LevelVillage, periodNone, kindCount, func(c *scope) value { return count(c.seq) })
	add("township_name", "乡镇名", "Name of the township (this PC's organisation)", "", LevelBoth, periodNone, kindText, func(c *scope) value { return text(c.home.Name) })
	add("period", "期间", "The period filled, in Chinese (2026年第四季度)", "", LevelBoth, periodNone, kindText, func(c *scope) value { return text(c.period.Label()) })
	add("fill_date", "填报日期", "The day the form is filled (a date)", "", LevelBoth, periodNow, kindDate, func(c *scope) value { return value{kind: kindDate, date: c.today} })
	add("villages", "村数", "Number of villages in the form", "个", LevelTownship, periodNone, kindCount, func(c *scope) value { return count(c.count) })
	add("last_sync", "最后同步", "When the village's records last arrived (YYYY-MM-DD HH:MM; empty if never)", "", LevelVillage, periodNow, kindText, func(c *scope) value { return text(c.k.LastSync) })
	// Members.
	add("members", "党员数", "Members on the roll (在册)", "人", LevelBoth, periodNow, kindCount, func(c *scope) value { return count(c.k.Members) })
	add("full_members", "正式党员数", "Full members on the roll", "人", LevelBoth, periodNow, kindCount, func(c *scope) value { return count(c.k.Full) })
	add("probationary_members", "预备党员数", "Probationary members on the roll (members on the roll less full members)", "人", LevelBoth, periodNow, kindCount, func(c *scope) value { return count(c.k.Members - c.k.Full) })
	for _, cat := range []struct{ slug, label string }{{"working", "在职"}, {"no_post", "无职"}, {"floating", "流动"}, {"elderly", "夕阳红"}, {"", "未分类"}} {
		cat := cat
		add("members."+or(cat.slug, "none"), "党员数."+cat.label, assets.T("Members on the roll of the category %s", cat.label), "人", LevelBoth, periodNow, kindCount,
			func(c *scope) value { return count(c.k.Categories[cat.slug]) })
	}
	// Meetings: all kinds, then each kind.
	add("required", "应开会议数", "Required meetings of the period (statutory frequency, from the branch's records start)", "次", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(c.k.Required) })
	add("on_time", "按时召开数", "Required meetings held within their own month or quarter", "次", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(c.k.OnTime) })
	add("late", "补开会议数", "Required meetings held later than their own month or quarter", "次", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(c.k.Late) })
	add("missing", "未开会议数", "Required meetings not held", "次", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(c.k.Missing) })
	add("on_time_rate", "按时召开率", "On-time meetings ÷ required meetings (— when none was required)", "%", LevelBoth, periodIn, kindRate, func(c *scope) value { return rateOf(c.k.OnTimeRate, c.k.Required) })
	for _, mk := range rules.MeetingKinds {
		slug := mk.Slug
		label := store.MeetingKind.Label(slug)
		kind := func(c *scope) store.KindKPI {
			for _, m := range c.k.Meetings {
				if m.Kind == slug {
					return m
				}
			}
			return store.KindKPI{}
		}
		add(slug+".required", label+".应开", assets.T("Required meetings of the kind %s in the period", label), "次", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(kind(c).Required) })
		add(slug+".on_time", label+".按时", assets.T("Meetings of the kind %s held on time", label), "次", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(kind(c).OnTime) })
		add(slug+".late", label+".补开", assets.T("Meetings of the kind %s held late", label), "次", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(kind(c).Late) })
		add(slug+".missing", label+".未开", assets.T("Meetings of the kind %s not held", label), "次", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(kind(c).Missing) })
	}
	// Attendance.
	add("expected", "应到人次", "Σ members expected at the period's general, group, lecture and theme-day meetings", "人次", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(c.k.Expected) })
	add("present", "实到人次", "Σ members present at those meetings (floating members reached another way count)", "人次", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(c.k.Present) })
	add("attendance_rate", "党员平均参会率", "Present ÷ expected (— when nobody was expected)", "%", LevelBoth, periodIn, kindRate, func(c *scope) value { return rateOf(c.k.AttendanceRate, c.k.Expected) })
	// Dues.
	add("dues_due", "党费应交月数", "Member-months of dues due in the period", "人·月", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(c.k.DuesDue) })
	add("dues_paid", "党费已交月数", "Of those, member-months paid", "人·月", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(c.k.DuesPaid) })
	add("dues_rate", "党费收缴率", "Months paid ÷ months due (— when nothing was due)", "%", LevelBoth, periodIn, kindRate, func(c *scope) value { return rateOf(c.k.DuesRate, c.k.DuesDue) })
	add("arrears_3m", "欠缴3个月以上人数", "Members owing dues for 3 months or more", "人", LevelBoth, periodEnd, kindCount, func(c *scope) value { return count(c.k.Arrears3m) })
	add("arrears_6m", "连续6个月未交人数", "Members who have not paid dues for 6 months in a row", "人", LevelBoth, periodEnd, kindCount, func(c *scope) value { return count(c.k.Arrears6m) })
	// Candidates by stage.
	for i, st := range []string{"入党申请人数", "入党积极分子数", "发展对象数", "接收预备党员中", "预备期人数"} {
		slug := store.StageSlugs[i+1]
		add("candidates."+slug, st, assets.T("Candidates now at stage %d of the 25 steps (%s)", i+1, st), "人", LevelBoth, periodNow, kindCount,
			func(c *scope) value { return count(c.k.Stages[slug]) })
	}
	add("candidates_overdue", "发展党员逾期步骤数", "Candidates with a step past its deadline", "人", LevelBoth, periodNow, kindCount, func(c *scope) value { return count(c.k.Overdue) })
	// Notices, tasks, approvals.
	add("notices_posted", "公示张贴数", "Notices printed in the period and recorded as posted", "份", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(c.k.NoticesPosted) })
	add("notices_printed", "公示打印数", "Notices printed in the period", "份", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(c.k.NoticesPrinted) })
	add("tasks_open", "整改未销号数", "Task-list items not yet accepted", "项", LevelBoth, periodNow, kindCount, func(c *scope) value { return count(c.k.Tasks.Open) })
	add("tasks_overdue", "整改逾期数", "Open task-list items past their deadline", "项", LevelBoth, periodNow, kindCount, func(c *scope) value { return count(c.k.Tasks.Overdue) })
	add("tasks_closed", "本期整改销号数", "Task-list items accepted during the period", "项", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(c.k.Tasks.Closed) })
	add("approved_months", "已审核月数", "Months of the period the township approved and locked", "个", LevelBoth, periodIn, kindCount, func(c *scope) value { return count(len(c.k.ApprovedMonths)) })
	for i := range list {
		list[i].Definition = assets.T(list[i].Definition)
		list[i].Period = assets.T(list[i].Period)
	}
	return list
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// Indicators is the catalogue, in the order a person reads it.
func Indicators() []Indicator { return catalogue() }

// byName finds an indicator by its Chinese name or slug.
func byName(list []Indicator, name string) (Indicator, bool) {
	for _, in := range list {
		if in.Label == name || in.Name == name {
			return in, true
		}
	}
	return Indicator{}, false
}

// synonyms are the words forms use for an indicator under another name.
var synonyms = map[string]string{
	"参会人数": "实到人次", "参会人次": "实到人次", "实到人数": "实到人次", "应到人数": "应到人次",
	"参会率": "党员平均参会率", "平均参会率": "党员平均参会率", "出席率": "党员平均参会率",
	"党员总数": "党员数", "党员人数": "党员数", "在册党员": "党员数", "流动党员": "党员数.流动", "流动党员数": "党员数.流动",
	"在职党员": "党员数.在职", "无职党员": "党员数.无职", "老党员": "党员数.夕阳红",
	"党费收缴": "党费收缴率", "收缴率": "党费收缴率", "按时召开": "按时召开率", "召开率": "按时召开率",
	"积极分子": "入党积极分子数", "申请人": "入党申请人数", "支部名称": "村名", "村庄": "村名", "单位": "村名",
	"日期": "填报日期", "季度": "期间", "乡镇": "乡镇名",
}

// suggest names the indicator a person most likely meant by an unknown name.
func suggest(list []Indicator, name string) string {
	if s, ok := synonyms[name]; ok {
		return s
	}
	best, bestScore := "", 0.0
	rn := []rune(name)
	for _, in := range list {
		rl := []rune(in.Label)
		d := editDistance(rn, rl)
		score := 1 - float64(d)/float64(max(len(rn), len(rl)))
		if strings.Contains(in.Label, name) || strings.Contains(name, in.Label) {
			score += 0.3
		}
		if score > bestScore {
			best, bestScore = in.Label, score
		}
	}
	if bestScore < 0.34 {
		return ""
	}
	return best
}

func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// LevelLabel says in Chinese where an indicator of the level may stand.
func LevelLabel(level string) string {
	switch level {
	case LevelVillage:
		return assets.T("village rows")
	case LevelTownship:
		return assets.T("township")
	}
	return assets.T("village rows or township")
}
