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

// TestCorrectingATraining: a training recorded by mistake is corrected or deleted by the branch
// that recorded it — its records are its own (DESIGN.md: "a village: its own rows"; issue 24
// follow-up: "the township cannot edit a village's trainings") — and a training in a month the
// township approved is locked like a meeting (DOMAIN.md, What the township needs: "approve a
// village's month and lock it"). Deletes are tombstones that reach the township; village B
// never holds A's trainings (DESIGN.md: a row travels only to PCs in its audience).
func TestCorrectingATraining(t *testing.T) {
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
	oct, err := a.DB.AddTraining(a.Ctx, store.NewTraining{Title: "春季党员集中轮训", Date: "2026-10-15", Tenths: 80, Attendees: []string{sec, mem}})
	if err != nil {
		t.Fatal(assets.Chinese(err))
	}
	nov, err := a.DB.AddTraining(a.Ctx, store.NewTraining{Title: "网络学习", Date: "2026-11-05", Kind: store.TrainingOnline, Tenths: 20,
		Attendees: []string{mem}})
	if err != nil {
		t.Fatal(assets.Chinese(err))
	}
	// A mistyped title, hours and attendance corrected: the member left out loses the hours.
	fix := store.NewTraining{Title: "秋季党员集中轮训", Date: "2026-10-16", Tenths: 60, Kind: store.TrainingCentral, Organiser: "乡镇党委",
		Attendees: []string{sec}}
	if err := a.DB.UpdateTraining(a.Ctx, oct, store.NewTraining{Title: "", Date: "2026-10-16", Tenths: 60, Attendees: []string{sec}}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("an edit without a title: %v", err)
	}
	if err := a.DB.UpdateTraining(a.Ctx, oct, fix); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	ts, _ := a.DB.Trainings(a.Ctx, "", 2026)
	if len(ts) != 2 || ts[1].ID != oct || ts[1].Title != "秋季党员集中轮训" || ts[1].Date != "2026-10-16" || ts[1].Hours != 6 ||
		len(ts[1].Attendees) != 1 || ts[1].Attendees[0] != sec {
		t.Fatalf("after the edit: %+v", ts)
	}
	hours := func(d *synctest.Device) map[string]float64 {
		hs, err := d.DB.TrainingHours(d.Ctx, a.Org.ID, 2026)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]float64{}
		for _, h := range hs {
			out[h.Name] = h.Hours
		}
		return out
	}
	if h := hours(a); h["王书记"] != 6 || h["赵红梅"] != 2 {
		t.Errorf("hours after the edit %v, want 王书记 6, 赵红梅 2", h)
	}
	synctest.Sync(t, a, town)
	if h := hours(town); h["王书记"] != 6 || h["赵红梅"] != 2 {
		t.Errorf("the township's hours after the sync %v", h)
	}
	// The township cannot change a village's training.
	if err := town.DB.UpdateTraining(town.Ctx, oct, fix); !errors.Is(err, store.ErrDenied) || !strings.Contains(assets.Chinese(err), "村") {
		t.Errorf("the township edited A's training: %v", err)
	}
	if err := town.DB.DeleteTraining(town.Ctx, oct); !errors.Is(err, store.ErrDenied) {
		t.Errorf("the township deleted A's training: %v", err)
	}
	// The township approves October: A's October training is locked, November's is not.
	if _, err := town.DB.ApproveMonth(town.Ctx, a.Org.Code, "2026-10"); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	synctest.Sync(t, town, a)
	locked := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, store.ErrMonthLocked) || !strings.Contains(assets.Chinese(err), "解锁") {
			t.Errorf("%s in a locked month: %v", what, assets.Chinese(err))
		}
	}
	locked("edit", a.DB.UpdateTraining(a.Ctx, oct, store.NewTraining{Title: "改", Date: "2026-10-16", Tenths: 60, Attendees: []string{sec}}))
	locked("move out", a.DB.UpdateTraining(a.Ctx, nov, store.NewTraining{Title: "网络学习", Date: "2026-10-20", Tenths: 20, Attendees: []string{mem}}))
	locked("delete", a.DB.DeleteTraining(a.Ctx, oct))
	_, err = a.DB.AddTraining(a.Ctx, store.NewTraining{Title: "补录", Date: "2026-10-20", Tenths: 20, Attendees: []string{mem}})
	locked("add", err)
	if ts, _ := a.DB.Trainings(a.Ctx, "", 2026); len(ts) != 2 || ts[1].Title != "秋季党员集中轮训" {
		t.Errorf("a refused change changed the trainings: %+v", ts)
	}
	if err := a.DB.DeleteTraining(a.Ctx, nov); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	synctest.Sync(t, a, town)
	synctest.Sync(t, town, b)
	if h := hours(town); h["赵红梅"] != 0 || h["王书记"] != 6 {
		t.Errorf("the township's hours after the delete %v", h)
	}
	if n := count(t, town, "SELECT count(*) FROM trainings WHERE deleted=0"); n != 1 {
		t.Errorf("the township holds %d live trainings of A, want 1", n)
	}
	if n := count(t, b, "SELECT count(*) FROM trainings") + count(t, b, "SELECT count(*) FROM training_attendance"); n != 0 {
		t.Errorf("village B holds %d rows of A's trainings", n)
	}
}

// TestCorrectingThePlanAndTheRectification: source 003 (发展党员指导性计划; 软弱涣散党组织整顿,
// 「约谈提醒、列席组织生活会」) — the plan and the 整顿 are the township's: it corrects or deletes
// them, a village cannot (DESIGN.md: "a township: its subtree"); a deleted 整顿 takes its
// visits and the items the village has not worked on, and an item the village already
// reported on stays in its 整改台账. Nothing of A's reaches B.
func TestCorrectingThePlanAndTheRectification(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	b := synctest.Village(t, "410928002", "李寨村党支部")
	for _, v := range []*synctest.Device{a, b} {
		synctest.Pair(t, town, v)
		synctest.Sync(t, v, town)
	}
	// The plan.
	if err := town.DB.SetPlan(town.Ctx, a.Org.Code, 2026, 3, ""); err != nil {
		t.Fatal(err)
	}
	synctest.Sync(t, town, a)
	if err := a.DB.DeletePlan(a.Ctx, a.Org.Code, 2026); !errors.Is(err, store.ErrDenied) {
		t.Errorf("a village deleted its plan: %v", err)
	}
	if err := town.DB.DeletePlan(town.Ctx, b.Org.Code, 2026); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleting a plan never set: %v", err)
	}
	if err := town.DB.DeletePlan(town.Ctx, a.Org.Code, 2026); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	synctest.Sync(t, town, a)
	if ps, _ := a.DB.Plans(a.Ctx, 2026); len(ps) != 1 || ps[0].HasPlan {
		t.Errorf("village A still sees a plan after the delete: %+v", ps)
	}

	// The 整顿.
	id, items, err := town.DB.AddRectification(town.Ctx, store.NewRectification{VillageCode: a.Org.Code, Year: 2026, Reasons: []string{"orglife"},
		Leader: "张副书记", Items: []store.NewTask{{Title: "召开专题组织生活会", Due: "2026-12-20"}, {Title: "健全三会一课制度", Due: "2026-12-25"}}})
	if err != nil {
		t.Fatal(assets.Chinese(err))
	}
	edit := store.RectifyEdit{Reasons: []string{"orglife", "disunity"}, ReasonText: "班子不团结", Leader: "李委员", Plan: "一月一调度"}
	if err := town.DB.UpdateRectification(town.Ctx, id, store.RectifyEdit{Reasons: []string{"orglife"}}); !errors.Is(err, store.ErrInvalid) ||
		!strings.Contains(assets.Chinese(err), "包联") {
		t.Errorf("an edit without a leader: %v", err)
	}
	if err := town.DB.UpdateRectification(town.Ctx, id, edit); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	if err := town.DB.RecordRectifyEvent(town.Ctx, id, store.RectifyTalk, "2026-11-20", "张副书记", "约谈书记"); err != nil {
		t.Fatal(err)
	}
	if err := town.DB.RecordRectifyEvent(town.Ctx, id, store.RectifyAttend, "2026-11-21", "张副书记", "记错了"); err != nil {
		t.Fatal(err)
	}
	r := rectificationOf(t, town, id)
	if len(r.Events) != 2 {
		t.Fatalf("events %+v", r.Events)
	}
	talk, wrong := r.Events[0].ID, r.Events[1].ID
	if err := town.DB.UpdateRectifyEvent(town.Ctx, talk, store.RectifyTalk, "2026-11-30", "李委员", "约谈书记"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("an event moved into the future: %v", err)
	}
	if err := town.DB.UpdateRectifyEvent(town.Ctx, talk, store.RectifyTalk, "2026-11-19", "李委员", "约谈支部书记，指出组织生活不正常"); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	if err := town.DB.DeleteRectifyEvent(town.Ctx, wrong); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	for _, v := range []*synctest.Device{a, b} {
		synctest.Sync(t, town, v)
	}
	ra := rectificationOf(t, a, id)
	if ra.Leader != "李委员" || len(ra.Reasons) != 2 || ra.Plan != "一月一调度" || len(ra.Events) != 1 || ra.Events[0].Day != "2026-11-19" ||
		ra.Events[0].By != "李委员" || !strings.Contains(ra.Events[0].Note, "组织生活不正常") {
		t.Errorf("village A sees %+v", ra)
	}
	if err := a.DB.UpdateRectification(a.Ctx, id, edit); !errors.Is(err, store.ErrDenied) {
		t.Errorf("a village edited its own 整顿: %v", err)
	}
	if err := a.DB.DeleteRectifyEvent(a.Ctx, talk); !errors.Is(err, store.ErrDenied) {
		t.Errorf("a village deleted the township's 约谈: %v", err)
	}
	if n := count(t, b, "SELECT count(*) FROM rectifications") + count(t, b, "SELECT count(*) FROM rectification_events") +
		count(t, b, "SELECT count(*) FROM tasks") + count(t, b, "SELECT count(*) FROM dev_plans"); n != 0 {
		t.Errorf("village B holds %d rows of A's plan and rectification", n)
	}
	// A works on the first item; then the township finds it named A by mistake and deletes it.
	if err := a.DB.TaskProgress(a.Ctx, items[0], "已安排专题组织生活会"); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	synctest.Sync(t, a, town)
	kept, err := town.DB.DeleteRectification(town.Ctx, id)
	if err != nil || kept != 1 {
		t.Fatalf("delete: kept %d, %v", kept, err)
	}
	synctest.Sync(t, town, a)
	if rs, _ := a.DB.Rectifications(a.Ctx, "", 0); len(rs) != 0 {
		t.Errorf("village A still sees %d rectifications", len(rs))
	}
	ts, _ := a.DB.Tasks(a.Ctx, store.TaskFilter{})
	if len(ts) != 1 || ts[0].ID != items[0] {
		t.Errorf("A's ledger after the delete: %+v (want only the item it worked on)", ts)
	}
	if n := count(t, a, "SELECT count(*) FROM rectification_events WHERE deleted=0"); n != 0 {
		t.Errorf("A holds %d live events of a deleted 整顿", n)
	}
}

func rectificationOf(t *testing.T, d *synctest.Device, id string) store.Rectification {
	t.Helper()
	rs, err := d.DB.Rectifications(d.Ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no rectification %s in %+v", id, rs)
	return store.Rectification{}
}
