package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	registerScreen(Screen{ID: "birthdays", Title: "Political birthdays", Icon: navIcon(fynetheme.IconNameMediaRecord), Order: 52, Roles: []string{store.RoleVillage}, Make: makeBirthdays})
}

// makeBirthdays lists the members whose joining anniversary (政治生日) falls in this quarter
// (or another period), for the quarterly ceremony.
func makeBirthdays(s *Session) fyne.CanvasObject {
	now := s.DB.Now()
	q := store.QuarterOf(now)
	periods := []store.Period{q, store.QuarterOf(q.End()), store.YearOf(now)}
	labels := make([]string, len(periods))
	for i, p := range periods {
		labels[i] = p.Label()
	}
	var rows []store.Birthday
	count := widget.NewLabel("")
	table := newTextTable([]string{assets.T("Date"), assets.T("Name"), assets.T("Joining date"), assets.T("Years in the party")},
		[]float32{130, 120, 130, 120}, func() int { return len(rows) },
		func(r, c int) string {
			b := rows[r]
			switch c {
			case 0:
				return b.Date
			case 1:
				return b.Name
			case 2:
				return b.JoinedDate
			}
			return b.Standing()
		}, nil)
	problem := newProblemLabel()
	sel := newSelect(labels, func(string) {})
	sel.OnChanged = func(string) {
		var err error
		rows, err = s.DB.Birthdays(s.Ctx, s.Home.ID, periods[sel.SelectedIndex()].String())
		if err != nil {
			problem.Set(assets.Chinese(err))
		}
		count.SetText(assets.T("%d political birthdays in %s.", len(rows), sel.Selected))
		table.Refresh()
	}
	sel.SetSelectedIndex(0)
	top := container.NewVBox(heading(assets.T("Political birthdays")),
		hint(assets.T("Members whose joining anniversary falls in the period, for the branch's political birthday ceremony.")),
		container.NewHBox(fixedWidth(180, sel), count), problem.Label)
	return container.NewBorder(top, nil, nil, nil, table)
}
