package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"

	"zhibu/assets"
	"zhibu/store/storetest"
)

// Every screen in the navigation is in view without scrolling for a village and a township
// administrator (the longest lists) on a 1366×768 screen at 100 % text, less the taskbar and
// the title bar (a 1366×700 window).
func TestNavigationFits(t *testing.T) {
	for _, f := range []*storetest.Fixture{storetest.Village(t), storetest.Township(t)} {
		u, w := newTestUI(t, f)
		w.Resize(fyne.NewSize(1366, 700))
		login(t, u, f.Admin, storetest.Password)
		last := u.shell.screens[len(u.shell.screens)-1]
		if !shows(w, assets.T(last.Title)) {
			t.Errorf("%s: the last of %d navigation entries (%s) is out of view", u.role, len(u.shell.screens), assets.T(last.Title))
		}
		capture(t, w, "nav-"+u.role+".png")
	}
}

// navTinted lists the navigation titles drawn with the selection tint (the theme's
// translucent party red over white: clearly redder than green), read off the window's pixels
// down the navigation's left edge; rows are as tall as the list's item and its separator.
func navTinted(t *testing.T, u *appUI, w fyne.Window) []string {
	t.Helper()
	settle()
	img := w.Canvas().Capture()
	scale := float32(img.Bounds().Dx()) / w.Canvas().Size().Width
	nav := u.shell.nav
	top := fyne.CurrentApp().Driver().AbsolutePositionForObject(nav)
	pitch := nav.CreateItem().MinSize().Height + nav.Theme().Size(fynetheme.SizeNamePadding)
	var out []string
	for i, sc := range u.shell.screens {
		y := top.Y + float32(i)*pitch + pitch/2 - nav.GetScrollOffset()
		if y > top.Y+nav.Size().Height {
			break
		}
		r, g, _, _ := img.At(int((top.X+3)*scale), int(y*scale)).RGBA()
		if r>>8 > g>>8+20 {
			out = append(out, assets.T(sc.Title))
		}
	}
	return out
}

// Exactly one navigation row is tinted, the shown screen's, however the screen was opened:
// the sidebar, the guide's buttons, the home screen's links, the top bar's guide button
// (issue 22: the guide's 打开 buttons left 首页 tinted while 党员名册 was shown).
func TestNavigationHighlightsTheShownScreen(t *testing.T) {
	f := orglifeVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	check := func(how string) {
		t.Helper()
		title := ""
		for _, sc := range u.shell.screens {
			if sc.ID == u.shell.current {
				title = assets.T(sc.Title)
			}
		}
		if got := navTinted(t, u, w); len(got) != 1 || got[0] != title {
			t.Errorf("after %s (%s shown) the navigation tints %q", how, title, got)
		}
	}
	check("login")
	test.Tap(button(w, "打开指南"))
	check("the home screen's 打开指南")
	test.Tap(button(w, "打开“党员名册”"))
	check("the guide's 打开“党员名册”")
	test.Tap(button(w, "使用指南"))
	check("the top bar's 使用指南")
	test.Tap(button(w, "打开“主题党日”"))
	check("the guide's 打开“主题党日”")
	test.Tap(button(w, "使用指南"))
	test.Tap(button(w, "打开“同步”"))
	check("the guide's 打开“同步”")
	u.shell.show("home")
	check("首页")
	if b := button(w, "去处理"); b != nil {
		test.Tap(b)
		check("a home reminder's 去处理")
	} else {
		t.Error("no 去处理 on the home screen")
	}
	capture(t, w, "nav-highlight.png")
}
