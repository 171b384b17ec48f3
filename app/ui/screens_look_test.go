package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"

	"zhibu/store/storetest"
)

// The screens that cut text off at 1366×768 (issue 11), rendered in the whole window with
// the demo village at 100 % and 150 % text: ZHIBU_SHOTS=DIR writes them to look at. The
// test checks that each screen is built and fits the window's width.
func TestScreensAt1366(t *testing.T) {
	f := orglifeVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	for _, pct := range []int{100, 150} {
		fyne.CurrentApp().Preferences().SetInt(textSizePref(u.user.ID), pct)
		u.onLogin(u.user)
		for _, id := range []string{"pipeline", "transfers", "dues", "stars"} {
			u.shell.show(id)
			settle()
			if u.shell.current != id {
				t.Fatalf("%s not shown", id)
			}
			if min := w.Content().MinSize(); min.Width > 1366 {
				t.Errorf("%s at %d%%: the window needs %.0f units of width, more than 1366", id, pct, min.Width)
			}
			capture(t, w, fmt.Sprintf("look-%s-%d.png", id, pct))
		}
	}
	setTextSize(100)
}
