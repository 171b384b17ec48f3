package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/rules"
)

func init() {
	registerScreen(Screen{ID: "calendar", Title: "Working-day calendar", Icon: navIcon(fynetheme.IconNameHistory), Order: 71, Make: makeCalendar})
}

// makeCalendar lists a year's public holidays and make-up working days; on a township PC
// an administrator edits them (the changes reach the villages by sync). A small tool
// computes the end of a 公示 of working days.
func makeCalendar(s *Session) fyne.CanvasObject {
	year := s.DB.Now().Year()
	var days []store.CalendarDay
	table := newTextTable([]string{assets.T("Date"), assets.T("Day of the week"), assets.T("Kind of day"), assets.T("Holiday name"), assets.T("Set by")},
		[]float32{120, 90, 120, 260, 160}, func() int { return len(days) },
		func(r, c int) string {
			d := days[r]
			switch c {
			case 0:
				return d.Date
			case 1:
				t, _ := time.Parse(time.DateOnly, d.Date) // the store checked it when it was set
				return assets.T(t.Weekday().String())
			case 2:
				return dayKindLabel(d.Kind)
			case 3:
				return d.Label()
			}
			if d.Shipped {
				return assets.T("National schedule")
			}
			return assets.T("Set by the township")
		}, nil)
	problem := newProblemLabel()
	load := func() {
		cal, err := s.DB.Calendar(s.Ctx)
		if err != nil {
			problem.Set(assets.Chinese(err))
			return
		}
		days = cal.Days(year)
		table.Refresh()
	}
	load()
	var years []string
	for y := year - 1; y <= year+1; y++ {
		years = append(years, strconv.Itoa(y))
	}
	yearSel := newSelect(years, func(v string) { year, _ = strconv.Atoi(v); load() }) // the options are years
	yearSel.SetSelected(strconv.Itoa(year))
	shipped := make([]string, len(rules.CalendarShippedYears))
	for i, y := range rules.CalendarShippedYears {
		shipped[i] = strconv.Itoa(y)
	}
	note := hint(assets.T("The national holidays of %s are built in. The township adds later years when the State Council publishes them; villages receive them with the next sync.", strings.Join(shipped, "、")))

	// The 公示 tool.
	fig, figErr := s.DB.PipelineFigures(s.Ctx)
	start := newDateField(s.Window)
	start.SetDate(s.DB.Now().Format("2006-01-02"))
	result := widget.NewLabel("")
	compute := widget.NewButton(assets.T("Compute the end of a publicity notice"), func() {
		t, err := time.Parse(time.DateOnly, start.Date())
		if err != nil {
			result.SetText(assets.T("The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-10-01.", start.Date()))
			return
		}
		cal, err := s.DB.Calendar(s.Ctx)
		if err == nil {
			err = figErr
		}
		if err != nil {
			result.Importance = widget.DangerImportance
			result.SetText(assets.Chinese(err))
			return
		}
		end := cal.WorkdaysEnd(t, fig.PublicityDays)
		text := assets.T("%d working days from %s end on %s.", fig.PublicityDays, start.Date(), end.Format(time.DateOnly)+" "+assets.T(end.Weekday().String()))
		result.Importance = widget.MediumImportance
		if w := cal.UnknownYearWarning(t, end); w != "" {
			text += "\n" + w
			result.Importance = widget.WarningImportance
		}
		result.Wrapping = fyne.TextWrapWord
		result.SetText(text)
	})
	top := container.NewVBox(heading(assets.T("Working-day calendar")), note,
		container.NewHBox(fixedWidth(100, yearSel), widget.NewLabel("  "), start, compute), result)

	var bottom fyne.CanvasObject = problem.Label
	if s.Role == store.RoleTownship && s.User.CanAdmin() {
		date := newDateField(s.Window)
		date.SetPlaceHolder(assets.T("Date (YYYY-MM-DD)"))
		kinds := []string{store.DayHoliday, store.DayWorkday, store.DayNormal}
		labels := []string{dayKindLabel(kinds[0]), dayKindLabel(kinds[1]), dayKindLabel(kinds[2])}
		kind := newSelect(labels, nil)
		kind.SetSelectedIndex(0)
		name := newEntry()
		name.SetPlaceHolder(assets.T("Name of the holiday"))
		// A day typed and not saved is unsaved work (leaveguard.go).
		form := s.guardForm(func() bool {
			if err := s.DB.SetCalendarDay(s.Ctx, date.Date(), kinds[kind.SelectedIndex()], name.Text); err != nil {
				problem.Set(assets.Chinese(err))
				return false
			}
			problem.Set("")
			load()
			return true
		}, date, kind, name)
		save := primaryButton(assets.T("Save"), fynetheme.DocumentSaveIcon(), form.tap)
		reset := widget.NewButton(assets.T("Back to the national schedule"), func() {
			if err := s.DB.ResetCalendarDay(s.Ctx, date.Date()); err != nil {
				problem.Set(assets.Chinese(err))
				return
			}
			load()
		})
		table.OnSelected = func(id widget.TableCellID) {
			table.UnselectAll()
			if id.Row >= 0 && id.Row < len(days) {
				row := days[id.Row]
				s.ask(func() {
					date.SetDate(row.Date)
					name.SetText(row.Name)
					form.mark()
				}, nil, true)
			}
		}
		bottom = container.NewVBox(container.NewHBox(date, fixedWidth(140, kind), fixedWidth(220, name), save, reset), problem.Label)
	}
	return container.NewBorder(top, bottom, nil, nil, table)
}

func dayKindLabel(kind string) string {
	switch kind {
	case store.DayHoliday:
		return assets.T("day off")
	case store.DayWorkday:
		return assets.T("Make-up working day")
	}
	return assets.T("ordinary day")
}
