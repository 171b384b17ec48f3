package store_test

import (
	"errors"
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/sync/synctest"
)

// TestRectificationOfAWeakBranch: source 003 「软弱涣散党组织整顿」, 「开展后进党支部整改工作…约谈
// 提醒、列席组织生活会」. The township names village A for the year with reasons from the list
// and in words, a 包联 leader and a plan whose items are 整改台账 items (source 整顿); it records a
// 约谈 and a 列席; A sees its own plan and items after the sync and reports them done; B holds
// nothing of it (audience rule); the township cannot close (销号) before every item is
// accepted, then closes it with a review; the KPIs (overview and report) show it.
func TestRectificationOfAWeakBranch(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	b := synctest.Village(t, "410928002", "李寨村党支部")
	for _, v := range []*synctest.Device{a, b} {
		synctest.Pair(t, town, v)
		synctest.Sync(t, v, town)
	}
	n := store.NewRectification{VillageCode: a.Org.Code, Year: 2026, Reasons: []string{"disunity", "orglife"},
		ReasonText: "村两委换届后长期不团结", Leader: "张副书记", Plan: "一月一调度，年底前销号",
		Items: []store.NewTask{{Title: "召开专题组织生活会", Due: "2026-12-20"}, {Title: "健全三会一课制度", Due: "2026-12-25"}}}
	if _, _, err := a.DB.AddRectification(a.Ctx, n); !errors.Is(err, store.ErrDenied) {
		t.Errorf("a village named itself weak: %v", err)
	}
	bad := n
	bad.Leader = ""
	if _, _, err := town.DB.AddRectification(town.Ctx, bad); !errors.Is(err, store.ErrInvalid) || !strings.Contains(assets.Chinese(err), "包联") {
		t.Errorf("no leader: %v", err)
	}
	bad = n
	bad.Items = []store.NewTask{{Title: "召开专题组织生活会", Due: "2026-12-20"}, {Title: "健全三会一课制度"}}
	if _, _, err := town.DB.AddRectification(town.Ctx, bad); !errors.Is(err, store.ErrInvalid) || !strings.Contains(assets.Chinese(err), "第2条") {
		t.Errorf("second item without deadline: %v", err)
	}
	if ts, _ := town.DB.Tasks(town.Ctx, store.TaskFilter{}); len(ts) != 0 {
		t.Fatalf("a refused plan raised %d items", len(ts))
	}
	id, items, err := town.DB.AddRectification(town.Ctx, n)
	if err != nil || len(items) != 2 {
		t.Fatalf("add: %v %v", items, assets.Chinese(err))
	}
	if _, _, err := town.DB.AddRectification(town.Ctx, n); !errors.Is(err, store.ErrDuplicateRow) {
		t.Errorf("named twice for the year: %v", err)
	}
	if err := town.DB.RecordRectifyEvent(town.Ctx, id, store.RectifyTalk, "2026-11-20", "张副书记", "约谈支部书记，指出班子不团结问题"); err != nil {
		t.Fatal(err)
	}
	if err := town.DB.RecordRectifyEvent(town.Ctx, id, store.RectifyAttend, "2026-11-25", "张副书记", "列席专题组织生活会"); err != nil {
		t.Fatal(err)
	}
	for _, v := range []*synctest.Device{a, b} {
		synctest.Sync(t, town, v)
	}
	if n := count(t, b, "SELECT count(*) FROM rectifications") + count(t, b, "SELECT count(*) FROM rectification_events") +
		count(t, b, "SELECT count(*) FROM tasks"); n != 0 {
		t.Errorf("village B holds %d rows of A's rectification", n)
	}
	rs, err := a.DB.Rectifications(a.Ctx, "", 0)
	if err != nil || len(rs) != 1 || rs[0].Leader != "张副书记" || len(rs[0].Items) != 2 || len(rs[0].Events) != 2 || rs[0].Items[0].Source != "整顿" {
		t.Fatalf("village A sees %+v %v", rs, err)
	}
	if m := rs[0].Months; len(m) != 1 || m[0].Month != "2026-11" || m[0].Talks != 1 || m[0].Attended != 1 {
		t.Errorf("monthly progress %+v", m)
	}
	fs, _ := a.DB.Check(a.Ctx, a.Org.ID, "2026Q4")
	found := false
	for _, f := range fs {
		found = found || f.Kind == "rectification_open" && strings.Contains(f.Title, "0")
	}
	if !found {
		t.Errorf("A's check does not mention its rectification: %+v", fs)
	}
	for _, it := range rs[0].Items {
		if err := a.DB.TaskDone(a.Ctx, it.ID, "2026-11-28", "已完成", "", nil); err != nil {
			t.Fatal(err)
		}
	}
	synctest.Sync(t, a, town)
	if err := town.DB.CloseRectification(town.Ctx, id, "2026-11-29", "班子团结，组织生活正常"); !errors.Is(err, store.ErrInvalid) || !strings.Contains(assets.Chinese(err), "2") {
		t.Errorf("closed before the items were accepted: %v", err)
	}
	for _, it := range items {
		if err := town.DB.AcceptTask(town.Ctx, it); err != nil {
			t.Fatal(err)
		}
	}
	if err := town.DB.CloseRectification(town.Ctx, id, "2026-11-29", ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("closed without a review: %v", err)
	}
	if err := town.DB.CloseRectification(town.Ctx, id, "2026-11-29", "班子团结，组织生活正常"); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	q, _ := store.ParsePeriod("2026Q4")
	ks, _ := town.DB.KPIs(town.Ctx, q, nil)
	for _, k := range ks {
		r := k.Branchwork.Rectification
		switch k.OrgID {
		case a.Org.ID:
			if r == nil || r.ClosedOn != "2026-11-29" || r.Items != 2 || r.Accepted != 2 || r.Talks != 1 || r.Attended != 1 || len(r.Reasons) != 3 {
				t.Errorf("KPIs of A: %+v", r)
			}
		case b.Org.ID:
			if r != nil {
				t.Errorf("KPIs of B: %+v", r)
			}
		}
	}
	synctest.Sync(t, town, a)
	if rs, _ := a.DB.Rectifications(a.Ctx, "", 2026); len(rs) != 1 || rs[0].ClosedOn != "2026-11-29" || rs[0].Review == "" {
		t.Errorf("A sees the closing as %+v", rs)
	}
}
