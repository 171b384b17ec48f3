package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// adminScreens are shown only to users who manage accounts and settings.
var adminScreens = map[string]bool{"users": true, "backup": true}

// shell is the logged-in window: a top bar, the navigation on the left and the current
// screen on the right.
type shell struct {
	u       *appUI
	sess    *Session
	screens []Screen
	current string
	leave   context.CancelFunc // cancels the current screen's background work

	nav     *escList // the navigation; the shown screen's row is its only selected one
	body    *fyne.Container
	scroll  *container.Scroll // holds body: a screen larger than the window scrolls inside it
	content fyne.CanvasObject
}

func newShell(u *appUI, user store.User) *shell {
	s := &shell{u: u}
	s.sess = &Session{Ctx: store.WithUser(u.ctx, user.Name), DB: u.db, User: user, Home: u.home, Role: u.role, Window: u.w, Demo: u.demo}
	s.sess.startClean = u.startClean
	s.sess.Show = s.show
	s.sess.Refresh = func() { s.show(s.current) }
	s.sess.restore = u.restore
	for _, sc := range Screens(u.role) {
		if adminScreens[sc.ID] && !user.CanAdmin() {
			continue
		}
		s.screens = append(s.screens, sc)
	}

	s.nav = newEscList(
		func() int { return len(s.screens) },
		func() fyne.CanvasObject {
			// A compact row (icon and text, no label padding): a village's two dozen screens
			// fit a 1366×768 window at 100 % text without scrolling (TestNavigationFits).
			text := canvas.NewText("支部台账导航", fynetheme.Color(fynetheme.ColorNameForeground))
			text.TextSize = fynetheme.TextSize()
			return container.New(layout.NewCustomPaddedLayout(1, 1, 6, 4), container.NewHBox(widget.NewIcon(fynetheme.HomeIcon()), text))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container).Objects[0].(*fyne.Container)
			icon := s.screens[i].Icon
			if icon == nil {
				icon = fynetheme.NavigateNextIcon()
			}
			row.Objects[0].(*widget.Icon).SetResource(icon)
			text := row.Objects[1].(*canvas.Text)
			text.Text = assets.T(s.screens[i].Title)
			text.TextSize = fynetheme.TextSize()
			text.Color = fynetheme.Color(fynetheme.ColorNameForeground)
			text.Refresh()
		})
	s.nav.OnSelected = func(i widget.ListItemID) {
		if s.screens[i].ID != s.current {
			s.show(s.screens[i].ID)
		}
	}

	s.body = container.NewStack()
	// The screen and the top bar scroll inside the window rather than grow it: a window
	// grows to its content's minimum size, past the screen's edge (1584×1131 was seen with
	// the 各村问题汇总 tab at 125 % text), hiding 退出登录 and the screen's buttons.
	s.scroll = container.NewScroll(s.body)
	split := container.NewHSplit(s.nav, s.scroll)
	split.Offset = 0.14
	s.content = container.NewBorder(container.NewHScroll(s.topBar()), nil, nil, nil, split)
	if len(s.screens) > 0 {
		s.show(s.screens[0].ID)
	}
	return s
}

// topBar shows the organisation, the user with the role, and lock / log-out.
func (s *shell) topBar() fyne.CanvasObject {
	org := canvas.NewText(s.u.home.Name, fynetheme.Color(fynetheme.ColorNamePrimary))
	org.TextSize = 20 * textScale()
	who := widget.NewLabel(assets.T("%s (%s)", s.sess.User.Name, store.RoleLabelOn(s.sess.User.Role, s.sess.Role)))
	lock := widget.NewButtonWithIcon(assets.T("Lock"), fynetheme.VisibilityOffIcon(), s.u.lock)
	logout := widget.NewButtonWithIcon(assets.T("Log out"), fynetheme.LogoutIcon(), func() { s.sess.leaving(s.u.logout) })
	help := widget.NewButtonWithIcon(assets.T("Guide"), fynetheme.QuestionIcon(), func() { s.show("guide") })
	if !s.has("guide") {
		help.Hide() // the county: the guide is a branch's and a township's first week
	}
	bar := toolbarRow([]fyne.CanvasObject{org}, help, s.textSizeSelect(), who, lock, logout)
	if s.u.demo {
		return container.NewVBox(container.NewPadded(bar), s.demoBanner(), widget.NewSeparator())
	}
	return container.NewVBox(container.NewPadded(bar), widget.NewSeparator())
}

// textSizeSelect chooses the text size (100/125/150 %), remembered for the user on this PC.
func (s *shell) textSizeSelect() fyne.CanvasObject {
	var labels []string
	for _, p := range textSizes {
		labels = append(labels, assets.T("Text %d%%", p))
	}
	key := textSizePref(s.sess.User.ID)
	cur := fyne.CurrentApp().Preferences().IntWithFallback(key, 100)
	sel := newSafeSelect(labels, nil)
	for i, p := range textSizes {
		if p == cur {
			sel.SetSelectedIndex(i)
		}
	}
	sel.OnChanged = func(string) {
		p := textSizes[sel.SelectedIndex()]
		if p == fyne.CurrentApp().Preferences().IntWithFallback(key, 100) {
			return
		}
		fyne.CurrentApp().Preferences().SetInt(key, p)
		setTextSize(p)
		// Rebuild what is on screen so that headings and tiles take the new size too.
		current := s.current
		s.u.onLogin(s.sess.User)
		s.u.shell.show(current)
	}
	return sel
}

// show switches to the screen with the id, once the open form's unsaved changes are saved or
// given up (leaving asks); 取消 stays where it was.
// has reports whether the screen is one of this PC's and user's.
func (s *shell) has(id string) bool {
	for _, sc := range s.screens {
		if sc.ID == id {
			return true
		}
	}
	return false
}

func (s *shell) show(id string) {
	s.u.idle.touch()
	if s.sess.unsaved() {
		s.selectNav(s.current)
		s.nav.Refresh() // the row he clicked is drawn as chosen otherwise
		s.sess.leaving(func() { s.show(id) })
		return
	}
	for i, sc := range s.screens {
		if sc.ID != id {
			continue
		}
		s.current = id
		if s.leave != nil {
			s.leave()
		}
		s.sess.screen, s.leave = context.WithCancel(s.sess.Ctx)
		s.sess.Keys, s.sess.guard = &keyMap{}, nil
		s.nav.Select(i)
		s.u.w.Canvas().Unfocus() // a focused entry of the screen left keeps blinking (and redrawing) off screen
		s.body.Objects = []fyne.CanvasObject{sc.Make(s.sess)}
		s.body.Refresh()
		return
	}
}

// selectNav marks the screen with the id in the navigation (without showing it again).
func (s *shell) selectNav(id string) {
	for i, sc := range s.screens {
		if sc.ID == id {
			s.nav.Select(i)
		}
	}
}

// close stops the current screen's background work (on lock and log-out).
func (s *shell) close() {
	if s.leave != nil {
		s.leave()
	}
	s.sess.Keys = nil
}
