package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// BenchmarkLoginToHome measures, with 5,000 members and a year of their meetings and dues,
// the time from pressing Enter on the password to a usable home screen (the shell drawn,
// the UI thread free: "usable-ms") and to the home screen with every figure and finding filled in ("filled-ms", off the UI thread;
// DESIGN.md: < 1 s). A member is edited before each login, so the figures are worked out afresh.
func BenchmarkLoginToHome(b *testing.B) {
	f := storetest.Village(b)
	f.VillageYear(b, 5000, 0)
	f.YearOfRecords(b)
	benchLogin(b, f)
}

// BenchmarkTownshipLoginToHome is the same on a township PC with 40 demo villages.
func BenchmarkTownshipLoginToHome(b *testing.B) {
	f := storetest.Township(b)
	if err := demo.Fill(f.Ctx, f.DB, demo.Options{Villages: 40, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	benchLogin(b, f)
}

func benchLogin(b *testing.B, f *storetest.Fixture) {
	a := test.NewTempApp(b)
	a.Settings().SetTheme(Theme())
	busyShowAfter = 0
	inlineWork = false
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1366, 768))
	u := newAppUI(w, f.Path, f.Clock.Now)
	u.attach(f.DB)
	// Each login follows a change to the records, so that nothing worked out for the home
	// before (store/shared_figures.go) is reused: the figures are computed from the tables.
	ms, err := f.DB.Members(f.Ctx, store.MemberFilter{Limit: 1})
	if err != nil || len(ms) == 0 {
		b.Fatal("no member to edit", err)
	}
	b.ResetTimer()
	var usable, filled time.Duration
	for i := range b.N {
		m := ms[0]
		m.Notes = fmt.Sprint("第", i, "次走访")
		if err := f.DB.UpdateMember(f.Ctx, m); err != nil {
			b.Fatal(err)
		}
		u.showLogin("")
		u.loginF.name.SetText(f.Admin)
		u.loginF.password.SetText(storetest.Password)
		start := time.Now()
		u.loginF.password.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		for u.shell == nil { // the login check runs off the UI thread
			time.Sleep(time.Millisecond)
		}
		usable += time.Since(start)
		settle()
		filled += time.Since(start)
		u.logout()
	}
	b.ReportMetric(float64(usable.Milliseconds())/float64(b.N), "usable-ms")
	b.ReportMetric(float64(filled.Milliseconds())/float64(b.N), "filled-ms")
}
