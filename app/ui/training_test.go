package ui

import (
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/synctest"
)

// TestTrainingScreen: 中国共产党党员教育管理工作条例 (2019) — members ≥ 32 class hours a year,
// secretaries and committee members ≥ 56. The village records a 党课 as a training by choosing
// the meeting (topic, date and those present come from it); hours without a number are
// refused in Chinese; the hours tab shows each member against 32 or 56; after the sync the
// township sees the village secretary's hours (书记培训覆盖, source 003).
func TestTrainingScreen(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, a)
	synctest.Sync(t, a, town)
	sec, err := a.DB.AddMember(a.Ctx, store.Member{Name: "王书记", IDNumber: storetest.ValidID("1970-01-01", 1), JoinedDate: "2000-07-01", Position: "secretary"})
	if err != nil {
		t.Fatal(err)
	}
	mem := a.AddMember(t, "赵红梅", "1975-03-01", "2005-07-01", 3)
	if _, err := a.DB.SaveMeeting(a.Ctx, store.Meeting{Kind: store.MeetingLecture, Date: "2026-10-15", Topic: "学习党章",
		Attendance: []store.Attendee{{MemberID: sec, Status: store.AttendPresent}, {MemberID: mem, Status: store.AttendPresent}}}); err != nil {
		t.Fatal(err)
	}
	session := func(d *synctest.Device, role, userRole string) *trainingView {
		w := newTestWindow(t)
		s := &Session{Ctx: d.Ctx, DB: d.DB, User: store.User{Name: d.Admin, Role: userRole}, Home: d.Org, Role: role, Window: w}
		v := newTrainingView(s)
		w.SetContent(v.content())
		return v
	}
	v := session(a, store.RoleVillage, store.RoleSecretary)
	v.tabs.SelectIndex(2)
	v.lecture.SetSelectedIndex(0)
	if v.title.Text != "学习党章" || v.date.Date() != "2026-10-15" || len(v.attend.Selected) != 2 {
		t.Fatalf("from the lecture: %q %q %v", v.title.Text, v.date.Date(), v.attend.Selected)
	}
	v.hoursIn.SetText("三")
	v.record()
	if !strings.Contains(v.formErr.Label.Text, "学时") {
		t.Errorf("hours in words: %q", v.formErr.Label.Text)
	}
	if ts, _ := a.DB.Trainings(a.Ctx, "", 2026); len(ts) != 0 {
		t.Fatal("a refused training was written")
	}
	v.hoursIn.SetText("3")
	v.record()
	if v.formErr.Label.Text != "" || !strings.Contains(v.done.Text, "学习党章") || len(v.list) != 1 {
		t.Fatalf("record: %q %q %d", v.formErr.Label.Text, v.done.Text, len(v.list))
	}
	v.tabs.SelectIndex(0)
	row := map[string][]string{}
	for i := range v.hours {
		row[v.hoursCell(i, 0)] = []string{v.hoursCell(i, 2), v.hoursCell(i, 3), v.hoursCell(i, 4)}
	}
	if strings.Join(row["王书记"], " ") != "3 56 还差 53 学时" || strings.Join(row["赵红梅"], " ") != "3 32 还差 29 学时" {
		t.Errorf("hours %v", row)
	}
	capture(t, v.s.Window, "training-village.png")
	synctest.Sync(t, a, town)
	tv := session(town, store.RoleTownship, store.RoleTownshipAdmin)
	if len(tv.hours) != 1 || tv.hoursCell(0, 0) != "张庄村党支部" || tv.hoursCell(0, 1) != "王书记" || tv.hoursCell(0, 2) != "3" {
		t.Errorf("township sees %+v", tv.hours)
	}
	capture(t, tv.s.Window, "training-township.png")
}
