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

// BenchmarkLoginToHome measures, with 5,000 members, the time from pressing Enter on the
// password to a usable home screen (the shell drawn, the UI thread free: "usable-ms") and to
// the home screen with every figure and finding filled in ("filled-ms", off the UI thread).
func BenchmarkLoginToHome(b *testing.B) {
	f := storetest.Village(b)
	f.VillageYear(b, 5000, 0)
	yearOfRecords(b, f)
	benchLogin(b, f)
}

// yearOfRecords adds, through the store, a year of a branch's records for every member on
// the roll: a general meeting and a theme party day each month with everyone's attendance,
// and dues paid month by month (every tenth member stopped paying in August).
func yearOfRecords(b *testing.B, f *storetest.Fixture) {
	b.Helper()
	home, err := f.DB.Home(f.Ctx)
	if err != nil {
		b.Fatal(err)
	}
	ms, err := f.DB.Members(f.Ctx, store.MemberFilter{OrgID: home.ID})
	if err != nil {
		b.Fatal(err)
	}
	err = f.DB.Write(f.Ctx, func(tx *store.Tx) error {
		db := tx.DB()
		for mo := 1; mo <= 11; mo++ {
			month := fmt.Sprintf("2026-%02d", mo)
			day, err := db.NewThemeDay(f.Ctx, home.ID, month)
			if err != nil {
				return err
			}
			day.Topic = "主题党日 " + month
			if _, err := db.SaveMeeting(f.Ctx, day); err != nil {
				return err
			}
			gm := store.Meeting{OrgID: home.ID, Kind: store.MeetingGeneral, Date: month + "-05", Topic: "支部党员大会 " + month}
			for i, m := range ms {
				st := store.AttendPresent
				if i%9 == 0 {
					st = store.AttendLeave
				}
				gm.Attendance = append(gm.Attendance, store.Attendee{MemberID: m.ID, Status: st})
			}
			if _, err := db.SaveMeeting(f.Ctx, gm); err != nil {
				return err
			}
		}
		for i, m := range ms {
			last := 10
			if i%10 == 0 {
				last = 7
			}
			var ex []string
			for mo := 1; mo <= last; mo++ {
				ex = append(ex, fmt.Sprintf("2026-%02d", mo))
			}
			if _, err := db.PayDues(f.Ctx, store.PayRequest{MemberID: m.ID, Months: ex, PaidDate: "2026-11-10", Late: true}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
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
	b.ResetTimer()
	var usable, filled time.Duration
	for range b.N {
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
