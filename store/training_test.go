package store_test

import (
	"errors"
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/synctest"
)

// TestTrainingHours: 中国共产党党员教育管理工作条例 (2019) — 「党员每年集中学习培训时间一般不少于
// 32学时」, 「基层党组织书记和班子成员每年集中学习培训时间一般不少于56学时」, and 预备党员 are trained
// once in the probation (the figures checked against the text; the article numbers were not
// verified, so none is cited). A 党课 recorded as a meeting becomes a training with its date,
// topic and those present; the hours are summed per member for the year against 32 or 56;
// the fourth quarter's check names those short; the township sees its village secretaries'
// hours (书记培训覆盖, source 003) and no village sees another's trainings.
func TestTrainingHours(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	b := synctest.Village(t, "410928002", "李寨村党支部")
	for _, v := range []*synctest.Device{a, b} {
		synctest.Pair(t, town, v)
		synctest.Sync(t, v, town)
	}
	sec, err := a.DB.AddMember(a.Ctx, store.Member{Name: "王书记", IDNumber: storetest.ValidID("1970-01-01", 1), JoinedDate: "2000-07-01",
		Position: "secretary"})
	if err != nil {
		t.Fatal(assets.Chinese(err))
	}
	mem := a.AddMember(t, "赵红梅", "1975-03-01", "2005-07-01", 3)
	pro, err := a.DB.AddMember(a.Ctx, store.Member{Name: "吴小龙", IDNumber: storetest.ValidID("1999-09-09", 41), JoinedDate: "2026-06-01", Status: "probationary"})
	if err != nil {
		t.Fatal(assets.Chinese(err))
	}
	mt, err := a.DB.SaveMeeting(a.Ctx, store.Meeting{Kind: store.MeetingLecture, Date: "2026-10-15", Topic: "学习党章",
		Attendance: []store.Attendee{{MemberID: sec, Status: store.AttendPresent}, {MemberID: mem, Status: store.AttendPresent},
			{MemberID: pro, Status: store.AttendLeave}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.DB.AddTraining(a.Ctx, store.NewTraining{MeetingID: mt.ID}); !errors.Is(err, store.ErrInvalid) || !strings.Contains(assets.Chinese(err), "学时") {
		t.Errorf("a training without hours: %v", err)
	}
	id, err := a.DB.AddTraining(a.Ctx, store.NewTraining{MeetingID: mt.ID, Tenths: 30})
	if err != nil {
		t.Fatal(assets.Chinese(err))
	}
	if _, err := a.DB.AddTraining(a.Ctx, store.NewTraining{Title: "村党组织书记集中轮训", Date: "2026-09-10", Kind: store.TrainingSchool,
		Organiser: "县委党校", Tenths: 400, Attendees: []string{sec}}); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	ts, err := a.DB.Trainings(a.Ctx, "", 2026)
	if err != nil || len(ts) != 2 || ts[0].ID != id || ts[0].Title != "学习党章" || ts[0].Kind != store.TrainingLecture || len(ts[0].Attendees) != 2 {
		t.Fatalf("trainings %+v %v", ts, err)
	}
	hs, err := a.DB.TrainingHours(a.Ctx, a.Org.ID, 2026)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]store.MemberHours{}
	for _, h := range hs {
		got[h.Name] = h
	}
	if h := got["王书记"]; h.Hours != 43 || h.Required != 56 || !h.Short {
		t.Errorf("secretary %+v, want 43 of 56", h)
	}
	if h := got["赵红梅"]; h.Hours != 3 || h.Required != 32 || !h.Short {
		t.Errorf("member %+v, want 3 of 32", h)
	}
	fs, err := a.DB.Check(a.Ctx, a.Org.ID, "2026Q4")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, f := range fs {
		kinds[f.Kind] = f.Title
	}
	if !strings.Contains(kinds["training_short_cadre"], "王书记 43") || !strings.Contains(kinds["training_short_cadre"], "56") ||
		!strings.Contains(kinds["training_short"], "赵红梅 3") || !strings.Contains(kinds["training_probation"], "吴小龙") {
		t.Errorf("fourth-quarter findings %v", kinds)
	}
	if fs, _ := a.DB.Check(a.Ctx, a.Org.ID, "2026Q2"); len(fs) > 0 {
		for _, f := range fs {
			if f.Kind == "training_short" {
				t.Errorf("a reminder of hours before the fourth quarter: %s", f.Title)
			}
		}
	}
	synctest.Sync(t, a, town)
	synctest.Sync(t, town, b)
	if n := count(t, b, "SELECT count(*) FROM trainings"); n != 0 {
		t.Errorf("village B holds %d of A's trainings", n)
	}
	q, _ := store.ParsePeriod("2026Q4")
	ks, err := town.DB.KPIs(town.Ctx, q, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range ks {
		if k.OrgID == a.Org.ID {
			s := k.Branchwork.Secretary
			if s == nil || s.Name != "王书记" || s.Hours != 43 || s.Required != 56 || s.Met {
				t.Errorf("the township sees A's secretary as %+v", s)
			}
		}
	}
}
