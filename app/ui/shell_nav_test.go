package ui

import (
	"testing"

	"fyne.io/fyne/v2"

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
