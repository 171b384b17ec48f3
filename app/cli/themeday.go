package cli

import (
	"fmt"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	register(&command{name: "theme-day set", summary: "Set a month's theme-day theme and set items (on a township PC: sent down to every village)",
		usage: "--month YYYY-MM --theme T [--items \"item；item；…\"] [--note N]",
		flags: []flagSpec{{name: "month", help: "Month (YYYY-MM)"}, {name: "theme", help: "The month's theme"},
			{name: "items", help: "Set items (规定动作), separated by ；"}, {name: "note", help: "Note on the theme"}},
		auth: authWrite, run: runThemeSet})
	register(&command{name: "theme-day show", summary: "Show a month's theme, set items and what was recorded",
		usage: "[--month YYYY-MM] [--json]", flags: []flagSpec{{name: "month", help: "Month (YYYY-MM); default: this month"}},
		auth: authOptional, run: runThemeShow})
	register(&command{name: "theme-day record", summary: "Record the month's theme day: set items from the theme, own items, attendance",
		usage: "--month YYYY-MM [--date D] [--done \"text；text；…\"] [--own \"item:done；…\"] [--absent ID:reason,…]",
		flags: append(meetingFlags(), []flagSpec{{name: "month", help: "Month (YYYY-MM); default: this month"},
			{name: "done", help: "What was done for each set item, in order, separated by ；"},
			{name: "own", help: "Own items (自选动作) as item:what was done, separated by ；"},
			{name: "present", help: "Members present (IDs, comma-separated); members not listed are absent"},
			{name: "absent", help: "Absent members as ID:reason or ID:reason:note (reasons: leave 请假, floating 流动在外, sick 病, unexcused 无故)"}}...),
		auth: authWrite, run: runThemeRecord})
}

func monthFlag(e *Env) (store.Period, error) {
	if v := e.Flag("month"); v != "" {
		p, err := store.ParsePeriod(v)
		if err != nil || p.Kind != store.PeriodMonth {
			return p, usagef("The month %s is not valid; write it as YYYY-MM, e.g. 2026-11.", v)
		}
		return p, nil
	}
	return store.MonthOf(e.DB.Now()), nil
}

func runThemeSet(e *Env) error {
	if e.Flag("month") == "" || e.Flag("theme") == "" {
		return usagef("Give the month and the theme: --month 2026-11 --theme \"…\".")
	}
	p, err := monthFlag(e)
	if err != nil {
		return err
	}
	id, err := e.DB.SetTheme(e.Ctx, store.Theme{Month: p.String(), Title: e.Flag("theme"), SetItems: splitItems(e.Flag("items")), Note: e.Flag("note")})
	if err != nil {
		return err
	}
	return e.printID(id)
}

// splitItems splits a list of items at ； or ; or new lines (not at commas, which items contain).
func splitItems(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '；' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func runThemeShow(e *Env) error {
	p, err := monthFlag(e)
	if err != nil {
		return err
	}
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	th, ok, err := e.DB.ThemeFor(e.Ctx, home.ID, p.String())
	if err != nil {
		return err
	}
	held, err := e.DB.Meetings(e.Ctx, store.MeetingFilter{OrgID: home.ID, Kind: store.MeetingThemeDay, Period: &p})
	if err != nil {
		return err
	}
	day, err := e.DB.ThemeDayIn(e.Ctx, p)
	if err != nil {
		return err
	}
	if e.JSON {
		var t *store.Theme
		if ok {
			t = &th
		}
		return e.printJSON(map[string]any{"month": p.String(), "day": day.Format("2006-01-02"),
			"theme": t, "meetings": held})
	}
	fmt.Fprintln(e.Out, assets.T("Theme party day of %s: the fixed day is %s.", p.Label(), day.Format("2006-01-02")))
	if !ok {
		fmt.Fprintln(e.Out, assets.T("No theme has come from the township for this month; the branch may set its own with \"zhibu theme-day set\"."))
	} else {
		src := assets.T("(the branch's own)")
		if th.FromTownship {
			src = assets.T("(from the township)")
		}
		fmt.Fprintf(e.Out, "%s：%s %s\n", assets.T("Theme of the month"), th.Title, src)
		for i, it := range th.SetItems {
			fmt.Fprintf(e.Out, "  %d. %s\n", i+1, it)
		}
	}
	for _, s := range held {
		fmt.Fprintf(e.Out, "%s  %s  %s  %s\n", s.ID, s.Date, s.Topic, assets.T("expected %d, present %d, absent %d", s.Expected, s.Present, s.Absent))
	}
	if len(held) == 0 {
		fmt.Fprintln(e.Out, assets.T("The theme day of this month has not been recorded yet."))
	}
	return nil
}

func runThemeRecord(e *Env) error {
	p, err := monthFlag(e)
	if err != nil {
		return err
	}
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	m, err := e.DB.NewThemeDay(e.Ctx, home.ID, p.String())
	if err != nil {
		return err
	}
	if err := applyMeetingFlags(e, &m); err != nil {
		return err
	}
	m.Kind = store.MeetingThemeDay
	if m.Topic == "" {
		return usagef("No theme has come for this month: give the topic with --topic.")
	}
	if e.Has("present") || e.Has("absent") {
		if m.Attendance, err = attendance(e, m); err != nil {
			return err
		}
	}
	done := splitItems(e.Flag("done"))
	n := 0
	for i := range m.Items {
		if m.Items[i].Kind == "set" && n < len(done) {
			m.Items[i].Done = done[n]
			n++
		}
	}
	for _, o := range splitItems(e.Flag("own")) {
		title, what, _ := strings.Cut(strings.ReplaceAll(o, "：", ":"), ":")
		m.Items = append(m.Items, store.MeetingItem{Kind: "own", Title: title, Done: what})
	}
	s, err := e.DB.SaveMeeting(e.Ctx, m)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(s)
	}
	fmt.Fprintln(e.Out, s.ID)
	return nil
}
