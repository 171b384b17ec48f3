package cli

import (
	"fmt"
	"strconv"
	"time"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	register(&command{name: "calendar list", summary: "List public holidays and make-up working days", usage: "[--year Y] [--json]",
		flags: []flagSpec{{name: "year", help: "Year (default: this year)"}}, auth: authOptional, run: runCalendarList})
	for _, k := range []struct{ name, kind, summary string }{
		{"calendar add holiday", store.DayHoliday, "Mark a day as a public holiday (township)"},
		{"calendar add workday", store.DayWorkday, "Mark a weekend day as a make-up working day (township)"},
		{"calendar add normal", store.DayNormal, "Mark a day as an ordinary day, cancelling a shipped holiday (township)"},
	} {
		kind := k.kind
		register(&command{name: k.name, summary: k.summary, usage: "--date YYYY-MM-DD [--name N]",
			flags: []flagSpec{{name: "date", help: "Date YYYY-MM-DD"}, {name: "name", help: "Name of the holiday"}},
			auth:  authAdmin, run: func(e *Env) error { return runCalendarAdd(e, kind) }})
	}
	register(&command{name: "calendar reset", summary: "Undo the township's change to a day (the shipped schedule applies)", usage: "--date YYYY-MM-DD",
		flags: []flagSpec{{name: "date", help: "Date YYYY-MM-DD"}}, auth: authAdmin, run: runCalendarReset})
	register(&command{name: "calendar workdays", summary: "Show the last day of a period of working days (e.g. a publicity notice)",
		usage: "--from YYYY-MM-DD [--days N]", flags: []flagSpec{{name: "from", help: "First day"}, {name: "days", help: "Working days (default: the publicity period)"}},
		auth: authOptional, run: runCalendarWorkdays})
	register(&command{name: "birthdays", summary: "List members whose political birthday falls in a period", usage: "[--period P] [--json]",
		flags: []flagSpec{{name: "period", help: "Period: month 2026-11, quarter 2026Q4 or year 2026 (default: this quarter)"}},
		auth:  authOptional, run: runBirthdays})
}

func runCalendarList(e *Env) error {
	year := e.DB.Now().Year()
	if s := e.Flag("year"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 2000 || y > 2999 {
			return usagef("Option --%s needs a whole number.", "year")
		}
		year = y
	}
	cal, err := e.DB.Calendar(e.Ctx)
	if err != nil {
		return err
	}
	days := cal.Days(year)
	if e.JSON {
		type row struct {
			store.CalendarDay
			Label string `json:"label"`
		}
		rows := []row{}
		for _, d := range days {
			rows = append(rows, row{d, d.Label()})
		}
		return e.printJSON(rows)
	}
	for _, d := range days {
		kind := assets.T("day off")
		switch d.Kind {
		case store.DayWorkday:
			kind = assets.T("working day")
		case store.DayNormal:
			kind = assets.T("ordinary day")
		}
		t, _ := time.Parse(time.DateOnly, d.Date)
		fmt.Fprintf(e.Out, "%s %s\t%s\t%s\n", d.Date, weekday(t), kind, d.Label())
	}
	if len(days) == 0 {
		fmt.Fprintln(e.Out, assets.T("No holidays are recorded for %d. The township adds them when the State Council publishes the schedule.", year))
	}
	return nil
}

func weekday(t time.Time) string {
	return assets.T(t.Weekday().String()) // "Monday" … are catalog keys
}

func runCalendarAdd(e *Env, kind string) error {
	if e.Flag("date") == "" {
		return usagef("Option --%s is required.", "date")
	}
	if err := e.DB.SetCalendarDay(e.Ctx, e.Flag("date"), kind, e.Flag("name")); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Saved %s in the calendar.", e.Flag("date")))
	return nil
}

func runCalendarReset(e *Env) error {
	if e.Flag("date") == "" {
		return usagef("Option --%s is required.", "date")
	}
	if err := e.DB.ResetCalendarDay(e.Ctx, e.Flag("date")); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Saved %s in the calendar.", e.Flag("date")))
	return nil
}

func runCalendarWorkdays(e *Env) error {
	from, err := time.Parse(time.DateOnly, e.Flag("from"))
	if err != nil {
		return usagef("The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-10-01.", e.Flag("from"))
	}
	f, err := e.DB.PipelineFigures(e.Ctx)
	if err != nil {
		return err
	}
	n := f.PublicityDays
	if e.Has("days") {
		if n, err = intFlag(e, "days"); err != nil || n < 1 {
			return usagef("Option --%s needs a whole number.", "days")
		}
	}
	end := f.Cal.WorkdaysEnd(from, n)
	warning := f.Cal.UnknownYearWarning(from, end)
	if e.JSON {
		return e.printJSON(map[string]any{"from": e.Flag("from"), "days": n, "end": end.Format(time.DateOnly),
			"unknown_years": f.Cal.UnknownYears(from, end), "warning": warning})
	}
	fmt.Fprintln(e.Out, assets.T("%d working days from %s end on %s.", n, e.Flag("from"), end.Format(time.DateOnly)+" "+weekday(end)))
	if warning != "" {
		fmt.Fprintln(e.Out, "【"+store.SeverityLabel(store.SeverityWarning)+"】 "+warning)
	}
	return nil
}

func runBirthdays(e *Env) error {
	p, err := periodFlag(e, store.CurrentQuarter(e.DB.Now()))
	if err != nil {
		return err
	}
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	bs, err := e.DB.Birthdays(e.Ctx, home.ID, p.String())
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(bs)
	}
	for _, b := range bs {
		fmt.Fprintf(e.Out, "%s  %s\t%s\n", b.Date, b.Name, assets.T("joined %s (political birthday no. %d), party standing: %s", b.JoinedDate, b.Anniversary, b.Standing()))
	}
	fmt.Fprintln(e.Out, assets.T("%d political birthdays in %s.", len(bs), p.Label()))
	return nil
}
