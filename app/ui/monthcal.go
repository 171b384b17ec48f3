package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
)

// monthCalendar is a month of day buttons with the month in Chinese (Fyne's widget.Calendar
// prints its month header with Go's English month names and cannot be translated).
type monthCalendar struct {
	month  time.Time // first day of the month shown
	picked time.Time
	onPick func(time.Time)
	title  *widget.Label
	days   *fyne.Container
	box    *fyne.Container
}

var weekdayShort = []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

func newMonthCalendar(at time.Time, onPick func(time.Time)) fyne.CanvasObject {
	c := &monthCalendar{picked: at, onPick: onPick, title: widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})}
	c.month = time.Date(at.Year(), at.Month(), 1, 0, 0, 0, 0, time.Local)
	prev := widget.NewButtonWithIcon("", fynetheme.NavigateBackIcon(), func() { c.show(c.month.AddDate(0, -1, 0)) })
	next := widget.NewButtonWithIcon("", fynetheme.NavigateNextIcon(), func() { c.show(c.month.AddDate(0, 1, 0)) })
	today := widget.NewButton(assets.T("Today"), func() { c.onPick(time.Now()) })
	head := container.NewBorder(nil, nil, prev, container.NewHBox(today, next), c.title)
	var names []fyne.CanvasObject
	for _, d := range weekdayShort {
		names = append(names, widget.NewLabelWithStyle(assets.T(d), fyne.TextAlignCenter, fyne.TextStyle{}))
	}
	c.days = container.NewGridWithColumns(7)
	c.box = container.NewVBox(head, container.NewGridWithColumns(7, names...), c.days)
	c.show(c.month)
	return c.box
}

func (c *monthCalendar) show(month time.Time) {
	c.month = month
	c.title.SetText(assets.T("%d-%d (calendar month)", month.Year(), int(month.Month())))
	var cells []fyne.CanvasObject
	lead := (int(month.Weekday()) + 6) % 7 // Monday first
	for range lead {
		cells = append(cells, widget.NewLabel(""))
	}
	last := month.AddDate(0, 1, -1).Day()
	for d := 1; d <= last; d++ {
		day := time.Date(month.Year(), month.Month(), d, 0, 0, 0, 0, time.Local)
		b := widget.NewButton(itoa(d), func() { c.onPick(day) })
		if day.Year() == c.picked.Year() && day.YearDay() == c.picked.YearDay() {
			b.Importance = widget.HighImportance
		}
		cells = append(cells, b)
	}
	c.days.Objects = cells
	c.days.Refresh()
}
