package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/synctest"
)

// syncCounted exchanges bundles both ways between a and b and returns how many changes each
// side applied (a's from b, b's from a).
func syncCounted(t *testing.T, a, b *synctest.Device) (toA, toB int) {
	t.Helper()
	r := b.Node.Import(context.Background(), synctest.Send(t, a, b))
	if r.Status != "applied" {
		t.Fatalf("import %s → %s: %s %s", a.Org.Name, b.Org.Name, r.Status, r.English)
	}
	toB = r.Applied
	r = a.Node.Import(context.Background(), synctest.Send(t, b, a))
	if r.Status != "applied" {
		t.Fatalf("import %s → %s: %s %s", b.Org.Name, a.Org.Name, r.Status, r.English)
	}
	return r.Applied, toB
}

func count(t *testing.T, d *synctest.Device, q string, args ...any) int {
	t.Helper()
	var n int
	if err := d.DB.SQL().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestVisitRectificationLoop is issue 13's "done" story across three PCs through the real
// bundle path: after visits to two villages the township clerk records each visit with its
// finding, which raises a rectification item stating the evidence required; each village
// sees its own visit and item (with the evidence required) and marks it done with a photo;
// after the next sync the township sees both done with their photos, accepts one and
// returns the other with a reason; after the next sync each village sees the result. Every
// change arrives exactly once each way (a repeated sync applies nothing, no row is doubled),
// and when the deadline passes the returned item is overdue on both sides.
func TestVisitRectificationLoop(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	b := synctest.Village(t, "410928002", "李寨村党支部")
	villages := []*synctest.Device{a, b}
	for _, v := range villages {
		synctest.Pair(t, town, v)
		synctest.Sync(t, v, town)
	}
	syncAll := func() (applied int) {
		for _, v := range villages {
			up, down := syncCounted(t, town, v)
			applied += up + down
		}
		return applied
	}
	finding := store.NewTask{Title: "三会一课记录不全", Detail: "10月支委会无会议记录", Owner: "支部书记", Due: "2026-12-10",
		Evidence: "补开支委会的会议记录照片"}
	visitIDs := map[string]string{}
	for _, v := range villages {
		id, ids, err := town.DB.AddVisit(town.Ctx, store.NewVisit{VillageCode: v.Org.Code, Day: "2026-11-27", Visitors: "李委员、赵干事",
			Checked: "三会一课记录、党费收缴台账", Summary: "主题党日活动扎实", Findings: []store.NewTask{finding}})
		if err != nil || len(ids) != 1 {
			t.Fatalf("visit %s: %v %v", v.Org.Name, ids, err)
		}
		visitIDs[v.Org.ID] = id
	}
	if n := syncAll(); n == 0 {
		t.Fatal("the first sync carried nothing")
	}
	if n := syncAll(); n != 0 {
		t.Errorf("a repeated sync applied %d changes, want 0", n)
	}
	for _, v := range villages {
		vs, err := v.DB.Visits(v.Ctx, "")
		if err != nil || len(vs) != 1 || vs[0].VillageID != v.Org.ID || vs[0].Visitors != "李委员、赵干事" || len(vs[0].Findings) != 1 {
			t.Fatalf("%s sees visits %+v %v", v.Org.Name, vs, err)
		}
		ts, err := v.DB.Tasks(v.Ctx, store.TaskFilter{})
		if err != nil || len(ts) != 1 {
			t.Fatalf("%s sees %d items %v", v.Org.Name, len(ts), err)
		}
		task := ts[0]
		if task.Evidence != "补开支委会的会议记录照片" || task.Source != "督导" || task.VisitID != visitIDs[v.Org.ID] || task.Kind != store.TaskRectify {
			t.Errorf("%s sees the item as %+v", v.Org.Name, task)
		}
		if err := v.DB.TaskDone(v.Ctx, task.ID, "2026-11-29", "已补开支委会并完善记录", "记录.png", pngOf(64, 48)); err != nil {
			t.Fatal(err)
		}
	}
	if n := syncAll(); n == 0 {
		t.Fatal("the completions did not travel")
	}
	if n := syncAll(); n != 0 {
		t.Errorf("a repeated sync applied %d changes, want 0", n)
	}
	if n := count(t, town, "SELECT count(*) FROM task_events"); n != 2 {
		t.Errorf("the township holds %d completions, want 2", n)
	}
	var accepted, returned string
	for _, v := range villages {
		ts, _ := town.DB.Tasks(town.Ctx, store.TaskFilter{VillageID: v.Org.ID})
		if len(ts) != 1 || ts[0].State != store.TaskDone || len(ts[0].Events) != 1 || ts[0].Evidence == "" {
			t.Fatalf("the township sees %s's item as %+v", v.Org.Name, ts)
		}
		e := ts[0].Events[0]
		if name, photo, err := town.DB.TaskPhoto(town.Ctx, e.ID); err != nil || name != "记录.png" || len(photo) == 0 {
			t.Errorf("%s's photo arrived as %q, %d bytes, %v", v.Org.Name, name, len(photo), err)
		}
		if v == a {
			accepted = ts[0].ID
			if err := town.DB.AcceptTask(town.Ctx, accepted); err != nil {
				t.Fatal(err)
			}
		} else {
			returned = ts[0].ID
			if err := town.DB.ReturnTask(town.Ctx, returned, "照片看不清会议记录内容，请重新拍摄"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := syncAll(); n == 0 {
		t.Fatal("the reviews did not travel")
	}
	if n := syncAll(); n != 0 {
		t.Errorf("a repeated sync applied %d changes, want 0", n)
	}
	if got, _ := a.DB.Task(a.Ctx, accepted); got.State != store.TaskAccepted {
		t.Errorf("A sees its item as %s", got.State)
	}
	got, _ := b.DB.Task(b.Ctx, returned)
	if got.State != store.TaskOpen || !got.Returned || got.Reason != "照片看不清会议记录内容，请重新拍摄" {
		t.Errorf("B sees its item as %+v", got)
	}
	// The township holds both villages' items and visits; each village only its own (rows
	// are routed to the village they concern, issue 19).
	for d, want := range map[*synctest.Device]int{town: 2, a: 1, b: 1} {
		if n := count(t, d, "SELECT count(*) FROM tasks"); n != want {
			t.Errorf("%s holds %d items, want %d (none doubled, none of another village)", d.Org.Name, n, want)
		}
		if n := count(t, d, "SELECT count(*) FROM visits"); n != want {
			t.Errorf("%s holds %d visits, want %d", d.Org.Name, n, want)
		}
	}

	// The deadline passes: B's returned item is overdue on both sides, A's closed one is not.
	for _, d := range []*synctest.Device{town, a, b} {
		d.Clock.Set(time.Date(2026, 12, 11, 9, 0, 0, 0, storetest.DefaultTime.Location()))
	}
	for _, d := range []*synctest.Device{town, b} {
		fs, err := d.DB.Check(d.Ctx, b.Org.ID, "2026-12")
		if err != nil {
			t.Fatal(err)
		}
		if n := countKind(fs, "task_overdue"); n != 1 {
			t.Errorf("%s: %d overdue findings for B, want 1", d.Org.Name, n)
		}
	}
	for _, d := range []*synctest.Device{town, a} {
		if fs, _ := d.DB.Check(d.Ctx, a.Org.ID, "2026-12"); countKind(fs, "task_overdue") != 0 {
			t.Errorf("%s: A's accepted item is overdue", d.Org.Name)
		}
	}

	// The township's figures: in November A's item was closed and B's not yet due; in December
	// (to date) B's is overdue; now A has nothing open and B one item, overdue.
	want := map[string]map[string]store.TaskKPI{
		"2026-11": {a.Org.ID: {Open: 0, Closed: 1}, b.Org.ID: {Open: 1, Overdue: 1}},
		"2026-12": {a.Org.ID: {Open: 0}, b.Org.ID: {Open: 1, Overdue: 1, OverdueAtEnd: 1}},
	}
	for period, per := range want {
		p, _ := store.ParsePeriod(period)
		ks, err := town.DB.KPIs(town.Ctx, p, nil)
		if err != nil || len(ks) != 2 {
			t.Fatalf("KPIs %s: %v %v", period, len(ks), err)
		}
		for _, k := range ks {
			if k.Tasks != per[k.OrgID] {
				t.Errorf("%s %s: tasks %+v, want %+v", period, k.OrgName, k.Tasks, per[k.OrgID])
			}
		}
	}
}

// TestAddVisitBadInput: a wrong visit or a wrong finding is refused with a Chinese sentence
// saying what to fix, and nothing is written (neither the visit nor the other findings).
func TestAddVisitBadInput(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, a)
	synctest.Sync(t, a, town)
	good := func() store.NewVisit {
		return store.NewVisit{VillageCode: "410928001", Day: "2026-11-27", Visitors: "李委员", Checked: "党费收缴",
			Findings: []store.NewTask{{Title: "党费未按月收缴", Due: "2026-12-20"}, {Title: "公示栏未更新", Due: "2026-12-20"}}}
	}
	cases := []struct {
		name  string
		edit  func(*store.NewVisit)
		words string
	}{
		{"no village", func(v *store.NewVisit) { v.VillageCode = "" }, "请选择"},
		{"unknown village", func(v *store.NewVisit) { v.VillageCode = "999" }, ""},
		{"bad date", func(v *store.NewVisit) { v.Day = "11/27" }, "YYYY-MM-DD"},
		{"future date", func(v *store.NewVisit) { v.Day = "2026-12-05" }, "2026-12-05"},
		{"no visitors", func(v *store.NewVisit) { v.Visitors = " " }, "督导人员"},
		{"nothing checked", func(v *store.NewVisit) { v.Checked = "" }, "督导内容"},
		{"second finding without deadline", func(v *store.NewVisit) { v.Findings[1].Due = "" }, "第2条问题"},
		{"first finding without title", func(v *store.NewVisit) { v.Findings[0].Title = "" }, "第1条问题"},
		{"evidence too long", func(v *store.NewVisit) { v.Findings[1].Evidence = strings.Repeat("照", 201) }, "201"},
	}
	for _, c := range cases {
		v := good()
		c.edit(&v)
		_, _, err := town.DB.AddVisit(town.Ctx, v)
		if !errors.Is(err, store.ErrInvalid) && !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if msg := assets.Chinese(err); !strings.Contains(msg, c.words) || msg == "" || strings.ContainsAny(msg, "abcdefghijklmnopqrstuvwxyz") && c.words != "YYYY-MM-DD" {
			t.Errorf("%s: the message %q does not say %q in Chinese", c.name, msg, c.words)
		}
	}
	if _, _, err := a.DB.AddVisit(a.Ctx, good()); !errors.Is(err, store.ErrDenied) {
		t.Errorf("a village recorded a visit: %v", err)
	}
	if n := count(t, town, "SELECT count(*) FROM visits"); n != 0 {
		t.Errorf("the refusals wrote %d visits", n)
	}
	if n := count(t, town, "SELECT count(*) FROM tasks"); n != 0 {
		t.Errorf("the refusals wrote %d items", n)
	}
	// A visit with no findings is a record of its own.
	v := good()
	v.Findings = nil
	id, ids, err := town.DB.AddVisit(town.Ctx, v)
	if err != nil || id == "" || len(ids) != 0 {
		t.Fatalf("a visit without findings: %q %v %v", id, ids, err)
	}
	if vs, _ := town.DB.Visits(town.Ctx, ""); len(vs) != 1 || len(vs[0].Findings) != 0 {
		t.Errorf("visits: %+v", vs)
	}
}
