// Package rules is the one place that holds the figures of party branch work: meeting
// frequencies, dues rates, pipeline deadlines, 公示 periods, points schemes. Each rule names
// its source (条例 and article where known), its national default, and whether the township
// may change it. A revision of the rules is an edit here.
package rules

import (
	"fmt"
	"sort"
)

// Rule is one figure of the rules.
type Rule struct {
	Key      string // stable English key, e.g. "theme_day.day_of_month"
	Label    string // catalog key: what the figure is, for the settings screen
	Default  string // national default (or common local practice, see Local)
	Source   string // the document, e.g. "中国共产党支部工作条例（试行）(2018) 第十五条"
	Local    bool   // common local practice rather than national text
	Settable bool   // the township may change it (DOMAIN.md "(setting)")
	// Verified says where the article number in Source was checked against the text ("" when
	// it was not: the number is inferred, or the figure is local practice).
	Verified string
	Note     string // catalog key: what is not yet confirmed, or where a local figure comes from
}

var all = map[string]Rule{}

// Register adds a rule; each rules file registers its figures in a var block at package
// level: var ThemeDayDay = Register(Rule{…}).
func Register(r Rule) Rule {
	if _, dup := all[r.Key]; dup {
		panic(fmt.Sprintf("rules: %s registered twice", r.Key))
	}
	all[r.Key] = r
	return r
}

// All lists every rule by key.
func All() []Rule {
	out := make([]Rule, 0, len(all))
	for _, r := range all {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// Lookup finds a rule by key.
func Lookup(key string) (Rule, bool) {
	r, ok := all[key]
	return r, ok
}

// SettingKey is the settings key under which a township overrides a rule.
func SettingKey(ruleKey string) string { return "rule." + ruleKey }
