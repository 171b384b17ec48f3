package storetest

import (
	"fmt"
	"testing"

	"zhibu/store"
)

// YearOfRecords adds, through the store and in one transaction, a year (January to
// November 2026) of a branch's records for every member on the roll of the fixture's
// organisation: a theme party day each month and a general meeting each quarter, with
// everyone's attendance, and dues paid month by month (every tenth member stopped paying
// after July, so the home screen has arrears to count).
func (f *Fixture) YearOfRecords(t testing.TB) {
	t.Helper()
	home, err := f.DB.Home(f.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := f.DB.Members(f.Ctx, store.MemberFilter{OrgID: home.ID})
	if err != nil {
		t.Fatal(err)
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
			if mo%3 != 0 {
				continue
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
			var months []string
			for mo := 1; mo <= last; mo++ {
				months = append(months, fmt.Sprintf("2026-%02d", mo))
			}
			if _, err := db.PayDues(f.Ctx, store.PayRequest{MemberID: m.ID, Months: months, PaidDate: "2026-11-10", Late: true}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
