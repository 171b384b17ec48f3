package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"zhibu/store"
	"zhibu/store/storetest"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestWorkdays(t *testing.T) {
	f := storetest.Village(t)
	cal, err := f.DB.Calendar(f.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		date string
		work bool
	}{
		{"2026-09-19", false}, // Saturday
		{"2026-09-20", true},  // Sunday worked for National Day (调休)
		{"2026-09-30", true},
		{"2026-10-01", false},
		{"2026-10-07", false}, // last day of the National Day holiday
		{"2026-10-08", true},
		{"2026-10-10", true}, // Saturday worked
		{"2026-10-11", false},
		{"2026-02-14", true},  // Saturday before the Spring Festival, worked
		{"2026-02-16", false}, // Spring Festival Monday
		{"2025-10-08", false}, // 2025 National Day ran to 8 October
		{"2025-09-28", true},
		{"2027-10-04", true}, // a Monday of a year not shipped: ordinary week
	} {
		if got := cal.IsWorkday(day(c.date)); got != c.work {
			t.Errorf("%s: workday=%v, want %v", c.date, got, c.work)
		}
	}
	// A 5-working-day 公示 around the National Day holiday.
	for _, c := range []struct{ start, end string }{
		{"2026-09-28", "2026-10-09"}, // Mon: 28, 29, 30, then 8, 9
		{"2026-09-30", "2026-10-12"}, // 30, 8, 9, 10 (Saturday worked), 12
		{"2026-09-19", "2026-09-24"}, // starts Saturday: the Sunday 20th is worked
		{"2026-10-03", "2026-10-13"}, // starts in the holiday: 8, 9, 10 (Saturday worked), 12, 13
		{"2026-11-02", "2026-11-06"}, // an ordinary week
	} {
		if got := cal.WorkdaysEnd(day(c.start), 5).Format(time.DateOnly); got != c.end {
			t.Errorf("5 working days from %s end %s, want %s", c.start, got, c.end)
		}
	}
}

func TestCalendarEditedByTownshipOnly(t *testing.T) {
	v := storetest.Village(t)
	if err := v.DB.SetCalendarDay(v.Ctx, "2027-10-01", store.DayHoliday, "国庆节"); !errors.Is(err, store.ErrDenied) {
		t.Fatalf("village edited the calendar: %v", err)
	}
	tw := storetest.Township(t)
	ctx := tw.Ctx
	for _, c := range []struct{ date, kind, name string }{
		{"2027-10-01", store.DayHoliday, "国庆节"},
		{"2027-09-26", store.DayWorkday, "国庆节调休"},
		{"2026-10-07", store.DayNormal, ""}, // cancels a shipped holiday
	} {
		if err := tw.DB.SetCalendarDay(ctx, c.date, c.kind, c.name); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.DB.SetCalendarDay(ctx, "2027-13-01", store.DayHoliday, ""); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("bad date accepted: %v", err)
	}
	cal, _ := tw.DB.Calendar(ctx)
	for date, want := range map[string]bool{"2027-10-01": false, "2027-09-26": true, "2026-10-07": true} {
		if got := cal.IsWorkday(day(date)); got != want {
			t.Errorf("%s workday=%v want %v", date, got, want)
		}
	}
	if err := tw.DB.ResetCalendarDay(ctx, "2026-10-07"); err != nil {
		t.Fatal(err)
	}
	cal, _ = tw.DB.Calendar(context.Background())
	if cal.IsWorkday(day("2026-10-07")) {
		t.Error("reset did not restore the shipped holiday")
	}
	var n int
	tw.DB.SQL().QueryRow("SELECT count(*) FROM row_born WHERE tbl='calendar_days'").Scan(&n)
	if n == 0 {
		t.Error("calendar edits are not versioned for sync")
	}
}
