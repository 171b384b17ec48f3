package ui

import (
	"testing"
	"time"

	"zhibu/store/storetest"
)

// TestVillageOf5000NeverBlocksTheUIThread opens every village screen on a village of 5,000 members
// with a year of their meetings and dues (DESIGN's scale for a village PC), with the UI
// thread's watchdog on (see township_watch_test.go): nothing a user opens may hold the UI
// thread over 100 ms.
func TestVillageOf5000NeverBlocksTheUIThread(t *testing.T) {
	if testing.Short() {
		t.Skip("a 5,000-member village takes a minute to make")
	}
	f := storetest.Village(t)
	f.VillageYear(t, 5000, 0)
	f.YearOfRecords(t)
	u, _ := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	settle()
	wd := newUIWatchdog(t)
	opening := ""
	uiWatch = func(d time.Duration) { wd.record("a result handed back to "+opening, d) }
	for _, sc := range u.shell.screens {
		opening = sc.ID
		wd.do("opening "+sc.ID, func() { u.shell.show(sc.ID) })
		settle()
	}
	wd.do("opening home again", func() { u.shell.show("home") })
	settle()
	wd.check(t)
}
