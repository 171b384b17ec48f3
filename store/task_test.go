package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/synctest"
)

// TestTaskLoop: the township raises a rectification item for two villages after a visit;
// each village sees only its own; village A marks it done with a photo, village B does
// not; after the sync the township accepts A's and returns B's with a reason, and after the
// next sync A sees its item closed and B sees it open, returned, with the reason; when B
// then marks it done the township sees it done again. Each step arrives exactly once,
// however often the PCs sync; when the clocks pass the deadline an open item is a finding on
// both sides.
func TestTaskLoop(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	b := synctest.Village(t, "410928002", "李寨村党支部")
	for _, v := range []*synctest.Device{a, b} {
		synctest.Pair(t, town, v)
		synctest.Sync(t, v, town)
	}
	ids, err := town.DB.AddTask(town.Ctx, []string{"410928001", "410928002"}, store.NewTask{Kind: store.TaskRectify,
		Title: "三会一课记录不全", Detail: "10月支部委员会无记录", Owner: "支部书记", Source: "督导", Due: "2026-12-10"})
	if err != nil || len(ids) != 2 {
		t.Fatalf("add: %v %v", ids, err)
	}
	// Bad input changes nothing.
	for name, n := range map[string]store.NewTask{
		"no title":     {Due: "2026-12-10"},
		"bad deadline": {Title: "x", Due: "12/10"},
		"bad kind":     {Title: "x", Due: "2026-12-10", Kind: "wish"},
	} {
		if _, err := town.DB.AddTask(town.Ctx, []string{"all"}, n); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := a.DB.AddTask(a.Ctx, []string{"410928002"}, store.NewTask{Title: "x", Due: "2026-12-10"}); !errors.Is(err, store.ErrDenied) {
		t.Errorf("a village raised an item for another: %v", err)
	}
	if all, _ := town.DB.Tasks(town.Ctx, store.TaskFilter{}); len(all) != 2 {
		t.Fatalf("the refusals changed the list: %+v", all)
	}

	sync := func() {
		for _, v := range []*synctest.Device{a, b} {
			synctest.Sync(t, town, v)
			synctest.Sync(t, v, town)
		}
	}
	sync()
	for _, v := range []*synctest.Device{a, b} {
		ts, err := v.DB.Tasks(v.Ctx, store.TaskFilter{})
		if err != nil || len(ts) != 1 || ts[0].VillageID != v.Org.ID || ts[0].State != store.TaskOpen || ts[0].Title != "三会一课记录不全" {
			t.Fatalf("%s sees %+v %v", v.Org.Name, ts, err)
		}
		if ts[0].DaysLeft != 11 {
			t.Errorf("days left %d, want 11 (2026-11-29 → 2026-12-10)", ts[0].DaysLeft)
		}
	}
	idA, idB := ids[0], ids[1]
	// A village cannot touch the other's item, nor review its own.
	if err := a.DB.TaskProgress(a.Ctx, idB, "看看"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("A recorded progress on B's item: %v", err)
	}
	if err := a.DB.TaskProgress(a.Ctx, idA, "已补记10月支委会记录"); err != nil {
		t.Fatal(err)
	}
	if err := a.DB.TaskDone(a.Ctx, idA, "2026-11-29", "记录已补齐", "photo.jpg", append(pngOf(10, 10), make([]byte, store.MaxPhotoBytes)...)); !errors.Is(err, store.ErrInvalid) || !strings.Contains(err.Error(), "1 MB") {
		t.Errorf("a photo over 1 MB: %v", err)
	}
	if err := a.DB.TaskDone(a.Ctx, idA, "2026-11-29", "记录已补齐", "photo.png", []byte("not a picture")); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("a file that is not a photo: %v", err)
	}
	if err := a.DB.TaskDone(a.Ctx, idA, "2026-11-29", " ", "", nil); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("no note: %v", err)
	}
	if err := a.DB.TaskDone(a.Ctx, idA, "2026-11-29", "记录已补齐", "photo.png", pngOf(40, 30)); err != nil {
		t.Fatal(err)
	}
	if err := a.DB.AcceptTask(a.Ctx, idA); !errors.Is(err, store.ErrDenied) {
		t.Errorf("the village accepted the township's item: %v", err)
	}
	if err := town.DB.AcceptTask(town.Ctx, idB); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("the township accepted an item not done: %v", err)
	}
	sync()
	sync() // twice: nothing arrives again

	ta, err := town.DB.Task(town.Ctx, idA)
	if err != nil || ta.State != store.TaskDone || len(ta.Events) != 2 || ta.DoneOn != "2026-11-29" {
		t.Fatalf("the township sees A's item as %+v %v", ta, err)
	}
	if name, photo, err := town.DB.TaskPhoto(town.Ctx, ta.Events[1].ID); err != nil || name != "photo.png" || len(photo) == 0 {
		t.Errorf("the photo arrived as %q %d bytes %v", name, len(photo), err)
	}
	if tb, _ := town.DB.Task(town.Ctx, idB); tb.State != store.TaskOpen || len(tb.Events) != 0 {
		t.Errorf("B's item: %+v", tb)
	}
	if err := town.DB.AcceptTask(town.Ctx, idA); err != nil {
		t.Fatal(err)
	}
	if err := town.DB.ReturnTask(town.Ctx, idB, " "); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("a return without a reason: %v", err)
	}
	if err := town.DB.ReturnTask(town.Ctx, idB, "未见整改措施，请于12月10日前补报"); err != nil {
		t.Fatal(err)
	}
	if err := town.DB.ReturnTask(town.Ctx, idA, "x"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("returned an accepted item: %v", err)
	}
	sync()
	sync()
	if got, _ := a.DB.Task(a.Ctx, idA); got.State != store.TaskAccepted {
		t.Errorf("A sees its item as %s", got.State)
	}
	if err := a.DB.TaskProgress(a.Ctx, idA, "再补一条"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("progress on a closed item: %v", err)
	}
	gotB, _ := b.DB.Task(b.Ctx, idB)
	if gotB.State != store.TaskOpen || !gotB.Returned || gotB.Reason != "未见整改措施，请于12月10日前补报" || len(gotB.Events) != 0 {
		t.Errorf("B sees its item as %+v", gotB)
	}
	if store.TaskStateLabel(gotB) != "已退回" {
		t.Errorf("B's item is labelled %s", store.TaskStateLabel(gotB))
	}
	// B's progress arrives once, however often the PCs sync.
	if err := b.DB.TaskProgress(b.Ctx, idB, "正在补报"); err != nil {
		t.Fatal(err)
	}
	sync()
	sync()
	if tb, _ := town.DB.Task(town.Ctx, idB); len(tb.Events) != 1 || tb.Events[0].Note != "正在补报" || !tb.Returned {
		t.Errorf("the township sees B's item as %+v", tb)
	}
	var n int
	town.DB.SQL().QueryRow("SELECT count(*) FROM task_events").Scan(&n)
	if n != 3 {
		t.Errorf("task_events on the township: %d rows, want 3 (A's progress and completion, B's progress)", n)
	}

	// The deadline passes: B's open item is overdue on both sides, A's accepted one is not.
	for _, d := range []*synctest.Device{town, a, b} {
		d.Clock.Set(time.Date(2026, 12, 11, 9, 0, 0, 0, storetest.DefaultTime.Location()))
	}
	for _, d := range []*synctest.Device{town, b} {
		fs, err := d.DB.Check(d.Ctx, b.Org.ID, "2026-12")
		if err != nil {
			t.Fatal(err)
		}
		if n := countKind(fs, "task_overdue"); n != 1 {
			t.Errorf("%s: %d overdue findings for B, want 1: %+v", d.Org.Name, n, fs)
		}
		if ts, _ := d.DB.Tasks(d.Ctx, store.TaskFilter{State: "overdue"}); len(ts) != 1 || ts[0].ID != idB {
			t.Errorf("%s lists overdue %+v", d.Org.Name, ts)
		}
	}
	for _, d := range []*synctest.Device{town, a} {
		fs, _ := d.DB.Check(d.Ctx, a.Org.ID, "2026-12")
		if n := countKind(fs, "task_overdue"); n != 0 {
			t.Errorf("%s: A's accepted item is overdue", d.Org.Name)
		}
	}
}

func countKind(fs []store.Finding, kind string) int {
	n := 0
	for _, f := range fs {
		if f.Kind == kind {
			n++
		}
	}
	return n
}
