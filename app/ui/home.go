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
	registerScreen(Screen{ID: "home", Title: "Home", Icon: navIcon(fynetheme.IconNameHome), Order: 0, Make: makeHome})
}

var weekdayKeys = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// makeHome shows a greeting, the roll's counts and the panels other areas register.
func makeHome(s *Session) fyne.CanvasObject {
	now := s.DB.Now()
	greet := heading(assets.T("Hello, %s!", s.User.Name))
	today := widget.NewLabel(assets.T("Today is %d-%d-%d, %s.", now.Year(), int(now.Month()), now.Day(), assets.T(weekdayKeys[now.Weekday()])))

	items := []fyne.CanvasObject{greet, today}
	f := store.MemberFilter{}
	if s.Role == store.RoleVillage {
		f.OrgID = s.Home.ID
	}
	ms, err := s.DB.Members(s.Ctx, f)
	if err != nil {
		p := newProblemLabel()
		p.Set(assets.Chinese(err))
		items = append(items, p.Label)
	} else {
		prob := 0
		for _, m := range ms {
			if m.Status == "probationary" {
				prob++
			}
		}
		tiles := []fyne.CanvasObject{
			countTile(assets.T("Members on the roll"), len(ms), true),
			countTile(assets.T("Full members"), len(ms)-prob, false),
			countTile(assets.T("Probationary members"), prob, false),
		}
		if s.Role == store.RoleTownship {
			if vs, err := s.DB.Orgs(s.Ctx, store.KindVillage); err == nil {
				tiles = append(tiles, countTile(assets.T("Villages"), len(vs), false))
			}
		}
		items = append(items, container.NewGridWithColumns(4, tiles...))
		if len(ms) == 0 && s.User.CanWrite() {
			items = append(items, hint(assets.T("There are no members yet. Open \"Members\" on the left to add them one by one or to import a roster from Excel.")))
		}
	}
	for _, p := range HomePanels(s.Role) {
		items = append(items, widget.NewSeparator(), p.Make(s))
	}
	return container.NewVScroll(container.NewPadded(container.NewVBox(items...)))
}
