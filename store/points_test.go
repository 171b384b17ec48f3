package store_test

import (
	"errors"
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
)

func TestPointsAndStars(t *testing.T) {
	f := storetest.Village(t)
	home, _ := f.DB.Home(f.Ctx)
	m := f.AddMember(t, "何丽华", "1970-01-01", "2000-07-01", 44)
	other := f.AddMember(t, "唐俊杰", "1980-01-01", "2010-07-01", 45)
	add := func(e store.PointsEntry) error {
		_, err := f.DB.AddPoints(f.Ctx, e)
		return err
	}
	for _, e := range []store.PointsEntry{
		{MemberID: m, Date: "2026-01-10", Kind: "attendance", Reason: "主题党日"}, // default 2
		{MemberID: m, Date: "2026-05-01", Kind: "duty", Points: 12, Reason: "网格员履职"},
		{MemberID: m, Date: "2026-06-10", Kind: "扣分", Points: 2, Reason: "无故缺席党员大会"}, // stored −2
		{MemberID: m, Date: "2025-12-31", Kind: "study", Points: 3, Reason: "上年学习"},  // outside 2026
	} {
		if err := add(e); err != nil {
			t.Fatal(err)
		}
	}
	// A volunteer service earns its points from the service record (default 5), not typed twice.
	if _, err := f.DB.AddService(f.Ctx, store.Service{MemberID: m, Date: "2026-03-05", Activity: "学雷锋志愿服务", Hours: 2}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []store.PointsEntry{
		{MemberID: m, Date: "2026-03-05", Kind: "service", Reason: "学雷锋志愿服务"}, // computed from the service record
		{MemberID: m, Date: "2026-12-31", Kind: "service", Reason: "x"},
		{MemberID: m, Date: "2026-01-01", Kind: "gold", Reason: "x"},
		{MemberID: m, Date: "2026-01-01", Kind: "service"},
		{MemberID: m, Date: "2026-01-01", Kind: "other", Reason: "x"}, // no default for other
		{MemberID: m, Date: "2026-01-01", Kind: "duty", Points: 500, Reason: "x"},
	} {
		if err := add(bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%+v accepted: %v", bad, err)
		}
	}
	// Dues paid within the month earn a point each; paid late, none.
	f.DB.PayDues(f.Ctx, store.PayRequest{MemberID: m, Months: []string{"2026-11"}, PaidDate: "2026-11-05"})
	f.DB.PayDues(f.Ctx, store.PayRequest{MemberID: m, Months: []string{"2026-10"}, PaidDate: "2026-11-05"})
	r, err := f.DB.MemberPoints(f.Ctx, m, "2026")
	if err != nil {
		t.Fatal(err)
	}
	if r.Points != 2+5+12-2+1 || r.Stars != 1 || r.Layout != "stars" {
		t.Fatalf("2026: %d points %d stars (%s) %+v", r.Points, r.Stars, r.Layout, r.Entries)
	}
	if q, _ := f.DB.MemberPoints(f.Ctx, m, "2026Q1"); q.Points != 7 || q.Stars != 0 {
		t.Errorf("Q1: %d points", q.Points)
	}
	// The 532 layout, a township setting: duty 12 → 1 duty star; common 2−2+1 → 0; self 5 → 0.
	twID, _ := f.DB.AddOrg(f.Ctx, store.Org{Code: "410928", Name: "城关镇党委", Kind: store.KindTownship})
	if err := f.DB.SetSetting(f.Ctx, twID, "rule.points.layout", "532"); err != nil {
		t.Fatal(err)
	}
	rs, err := f.DB.PointsResults(f.Ctx, home.ID, "2026")
	if err != nil || len(rs) != 2 {
		t.Fatal(rs, err)
	}
	if rs[0].MemberID != m || rs[1].MemberID != other {
		t.Errorf("results are not in roll order")
	}
	if r := rs[0]; r.Layout != "532" || r.Groups["duty"] != 1 || r.Groups["common"] != 0 || r.Groups["self"] != 0 || r.Stars != 1 {
		t.Errorf("532: %+v", r)
	}
}

func TestBirthdays(t *testing.T) {
	f := storetest.Village(t)
	home, _ := f.DB.Home(f.Ctx)
	f.AddMember(t, "甲", "1950-01-01", "1976-10-01", 1)
	f.AddMember(t, "乙", "1950-01-02", "2004-02-29", 3) // leap day
	f.AddMember(t, "丙", "1950-01-03", "2000-12-31", 5)
	f.AddMember(t, "丁", "1990-01-04", "2026-11-01", 7) // joined this year: no anniversary yet
	for _, c := range []struct {
		period string
		want   []string
	}{
		{"2026Q4", []string{"甲 2026-10-01 50", "丙 2026-12-31 26"}},
		{"2026Q1", []string{"乙 2026-02-28 22"}},
		{"2028Q1", []string{"乙 2028-02-29 24"}},
		{"2026-12", []string{"丙 2026-12-31 26"}},
	} {
		bs, err := f.DB.Birthdays(f.Ctx, home.ID, c.period)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, b := range bs {
			got = append(got, b.Name+" "+b.Date+" "+itoa(b.Anniversary))
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: %v, want %v", c.period, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: %v, want %v", c.period, got, c.want)
			}
		}
	}
}

func itoa(n int) string {
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

// Issue 23 item 9: the points rules name attendance (points.attendance) and 无故缺席
// (points.deduction); the points come from the attendance recorded with the meeting, as dues,
// service and commitments already do, not typed a second time (504aede: none).
func TestAttendanceMakesPoints(t *testing.T) {
	f := storetest.Village(t)
	home, _ := f.DB.Home(f.Ctx)
	a := f.AddMember(t, "王参会", "1960-01-01", "1990-07-01", 21)
	b := f.AddMember(t, "李缺席", "1962-01-01", "1991-07-01", 23)
	save := func(kind, date, bStatus string) {
		t.Helper()
		m := store.Meeting{OrgID: home.ID, Kind: kind, Date: date, Topic: "学习党章",
			Attendance: []store.Attendee{{MemberID: a, Status: store.AttendPresent}, {MemberID: b, Status: bStatus}}}
		if _, err := f.DB.SaveMeeting(f.Ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	save(store.MeetingGeneral, "2026-10-10", store.AttendUnexcused)
	save(store.MeetingThemeDay, "2026-11-10", store.AttendLeave)
	rs, err := f.DB.PointsResults(f.Ctx, home.ID, "2026Q4")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, r := range rs {
		got[r.MemberID] = r.Points
	}
	// Defaults: 2 points a meeting attended, −2 for an absence without reason, nothing for leave.
	if got[a] != 4 || got[b] != -2 {
		t.Errorf("points %d and %d, want 4 (two meetings attended) and -2 (one 无故缺席, one on leave)", got[a], got[b])
	}
}

// Issue 23 item 8: 党章 第九条 "党员如果没有正当理由，连续六个月不参加党的组织生活…就被认为是
// 自行脱党" — the second half, checked like dues (504aede checked dues only). 流动在外 reached
// by 送学上门 counts as taking part.
func TestSixMonthsWithoutOrgLife第九条(t *testing.T) {
	f := storetest.Village(t) // today 2026-11-29
	home, _ := f.DB.Home(f.Ctx)
	present := f.AddMember(t, "王常到", "1960-01-01", "1990-07-01", 21)
	gone := f.AddMember(t, "李不来", "1962-01-01", "1991-07-01", 23)
	recent := f.AddMember(t, "赵近缺", "1963-01-01", "1992-07-01", 25)
	away := f.AddMember(t, "周外出", "1985-01-01", "2010-07-01", 27)
	for _, date := range []string{"2026-05-10", "2026-06-10", "2026-07-10", "2026-08-10", "2026-09-10", "2026-10-10", "2026-11-10"} {
		rs := store.AttendUnexcused
		if date < "2026-08-01" {
			rs = store.AttendPresent
		}
		m := store.Meeting{OrgID: home.ID, Kind: store.MeetingThemeDay, Date: date, Topic: "主题党日",
			Attendance: []store.Attendee{{MemberID: present, Status: store.AttendPresent}, {MemberID: gone, Status: store.AttendUnexcused},
				{MemberID: recent, Status: rs}, {MemberID: away, Status: store.AttendFloating, Note: "送学上门"}}}
		if _, err := f.DB.SaveMeeting(f.Ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	fs, err := f.DB.Check(f.Ctx, home.ID, "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, x := range fs {
		if x.Kind == "orglife_absent" {
			got[x.Subject] = x.Severity + " " + x.Source
		}
	}
	if len(got) != 2 || got[gone] != "alarm 中国共产党章程 第九条" || !strings.HasPrefix(got[recent], "warning") {
		t.Errorf("org-life findings %v, want 李不来 alarm (第九条), 赵近缺 warning, nobody else", got)
	}
}
