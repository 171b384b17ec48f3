package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

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
	if v.title.Text != "学习党章" || v.date.Date() != "2026-10-15" || len(v.attend.Selected()) != 2 {
		t.Fatalf("from the lecture: %q %q %v", v.title.Text, v.date.Date(), v.attend.Selected())
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

// TestTrainingCorrections: a village corrects or deletes a training it recorded by mistake
// (issue 24: "a user who mistyped needs to correct or remove them"); attendees are ticked by
// member, so two members of the same name are told apart (by birth year) and the hours go to
// the one ticked; a training in a month the township approved cannot be changed (DOMAIN.md:
// "approve a village's month and lock it").
func TestTrainingCorrections(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, a)
	synctest.Sync(t, a, town)
	old := a.AddMember(t, "张伟", "1960-05-01", "1990-07-01", 5)
	young := a.AddMember(t, "张伟", "1985-03-01", "2010-07-01", 7)
	w := newTestWindow(t)
	s := &Session{Ctx: a.Ctx, DB: a.DB, User: store.User{Name: a.Admin, Role: store.RoleSecretary}, Home: a.Org, Role: store.RoleVillage, Window: w}
	v := newTrainingView(s)
	w.SetContent(v.content())
	labels := v.attend.labels
	if strings.Join(labels, " ") != "张伟（1960年生） 张伟（1985年生）" && strings.Join(labels, " ") != "张伟（1985年生） 张伟（1960年生）" {
		t.Fatalf("two members named 张伟 show as %v", labels)
	}
	hoursOf := func(id string) float64 {
		hs, _ := a.DB.TrainingHours(a.Ctx, a.Org.ID, 2026)
		for _, h := range hs {
			if h.MemberID == id {
				return h.Hours
			}
		}
		return -1
	}
	v.tabs.SelectIndex(2)
	v.title.SetText("集中轮训")
	v.date.SetDate("2026-10-15")
	v.hoursIn.SetText("8")
	v.attend.SetSelected([]string{young})
	v.record()
	if v.formErr.Label.Text != "" || hoursOf(young) != 8 || hoursOf(old) != 0 {
		t.Fatalf("record: %q, hours %v / %v", v.formErr.Label.Text, hoursOf(young), hoursOf(old))
	}
	// The hours were 6, and the older 张伟 was there too.
	v.pickTraining(0)
	if v.editing == "" || v.title.Text != "集中轮训" || v.hoursIn.Text != "8" || !v.del.Visible() || v.tabs.SelectedIndex() != 2 {
		t.Fatalf("pick: %q %q %q", v.editing, v.title.Text, v.hoursIn.Text)
	}
	v.hoursIn.SetText("6")
	v.attend.SetSelected([]string{young, old})
	v.record()
	if v.formErr.Label.Text != "" || hoursOf(young) != 6 || hoursOf(old) != 6 || len(v.list) != 1 || !strings.Contains(v.done.Text, "更正") {
		t.Fatalf("correct: %q %q, hours %v / %v", v.formErr.Label.Text, v.done.Text, hoursOf(young), hoursOf(old))
	}
	capture(t, w, "training-corrected.png")
	// October approved by the township: the training can no longer be changed here.
	synctest.Sync(t, a, town)
	if _, err := town.DB.ApproveMonth(town.Ctx, a.Org.Code, "2026-10"); err != nil {
		t.Fatal(err)
	}
	synctest.Sync(t, town, a)
	v.pickTraining(0)
	v.hoursIn.SetText("2")
	v.record()
	if !strings.Contains(v.formErr.Label.Text, "锁定") || hoursOf(old) != 6 {
		t.Errorf("a correction in a locked month: %q, hours %v", v.formErr.Label.Text, hoursOf(old))
	}
	if _, err := town.DB.UnlockMonth(town.Ctx, a.Org.Code, "2026-10", "更正培训记录"); err != nil {
		t.Fatal(err)
	}
	synctest.Sync(t, town, a)
	v.pickTraining(0)
	test.Tap(v.del)
	v.confirm.Confirm()
	if len(v.list) != 0 || hoursOf(young) != 0 || v.editing != "" || !strings.Contains(v.done.Text, "已删除") {
		t.Errorf("delete: %d trainings, hours %v, %q", len(v.list), hoursOf(young), v.done.Text)
	}
}
