package cli

import (
	"strconv"
	"strings"

	"zhibu/store"
)

// The per-star options shared by "stars scheme" and "stars members scheme": the same editing
// the township's scheme editor does (app/ui/schemeform.go), one star at a time.

// schemeEditFlags are the options of a per-star change.
func schemeEditFlags(measures []string) []flagSpec {
	return []flagSpec{
		{name: "star", help: "Code of the star to change, or a new code to add a star (e.g. s1)"},
		{name: "remove", help: "Code of the star to remove"},
		{name: "name", help: "The star's name"},
		{name: "group", help: "The star's group: common 共性星, duty 职责星 or chosen 自选星"},
		{name: "measure", help: measureHelp(measures)},
		{name: "threshold", help: "The percentage a measured star needs, e.g. 80"},
		{name: "points", help: "Points the star is worth"},
		{name: "standard", help: "The star's standard (text)"},
	}
}

// measureHelp explains --measure for the branch's or the members' measures.
func measureHelp(measures []string) string {
	if len(measures) > 0 && strings.HasPrefix(measures[0], "member_") {
		return "What measures it: judged (at the branch's assessment), or member_attendance, member_dues, member_service, member_commitments"
	}
	return "What measures it: judged (at the township's assessment), or on_time, attendance, dues, tasks"
}

// schemeEdited applies the per-star options to the scheme in force; changed is false when
// none was given.
func schemeEdited(e *Env, s store.StarScheme, measures []string) (store.StarScheme, bool, error) {
	code, remove := strings.TrimSpace(e.Flag("star")), strings.TrimSpace(e.Flag("remove"))
	detail := false
	for _, f := range []string{"name", "group", "measure", "threshold", "points", "standard"} {
		detail = detail || e.Flag(f) != ""
	}
	switch {
	case code == "" && remove == "":
		if detail {
			return s, false, usagef("Name the star to change with --star CODE.")
		}
		return s, false, nil
	case code != "" && remove != "":
		return s, false, usagef("Change one star (--star) or remove one (--remove), not both.")
	}
	stars := append([]store.Star{}, s.Stars...)
	if remove != "" {
		for i, x := range stars {
			if x.Code == remove {
				s.Stars = append(stars[:i], stars[i+1:]...)
				return s, true, nil
			}
		}
		return s, false, usagef("The scheme has no star %s.", remove)
	}
	i := -1
	for j, x := range stars {
		if x.Code == code {
			i = j
		}
	}
	if i < 0 {
		if e.Flag("name") == "" {
			return s, false, usagef("A new star needs a name (--name).")
		}
		stars = append(stars, store.Star{Code: code, Group: store.StarDuty, Points: s.Grades.PerStar})
		i = len(stars) - 1
	}
	x := &stars[i]
	if v := e.Flag("name"); v != "" {
		x.Name = v
	}
	if v := e.Flag("standard"); v != "" {
		x.Standard = v
	}
	if v := e.Flag("group"); v != "" {
		switch v {
		case store.StarCommon, store.StarDuty, store.StarChosen:
			x.Group = v
		default:
			return s, false, usagef("The group must be common, duty or chosen.")
		}
	}
	if v := e.Flag("points"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return s, false, usagef("%s: write a whole number, e.g. 10.", "--points")
		}
		x.Points = n
	}
	if v := e.Flag("measure"); v != "" {
		if v == "judged" {
			x.Measure, x.Threshold = "", 0
		} else {
			known := false
			for _, m := range measures {
				known = known || m == v
			}
			if !known {
				return s, false, usagef("The measure must be judged or one of: %s.", strings.Join(measures, ", "))
			}
			if x.Measure != v && x.Threshold == 0 && e.Flag("threshold") == "" {
				x.Threshold = 0.8
			}
			x.Measure = v
		}
	}
	if v := e.Flag("threshold"); v != "" {
		p, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
		if err != nil {
			return s, false, usagef("%s: write the standard as a percentage, e.g. 90.", "--threshold")
		}
		if x.Measure == "" {
			return s, false, usagef("A judged star has no threshold; give --measure as well.")
		}
		x.Threshold = p / 100
	}
	s.Stars = stars
	return s, true, nil
}
