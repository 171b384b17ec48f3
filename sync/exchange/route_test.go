package exchange_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

// aboutVillage writes, on the township's PC, one row of every kind the township keeps about
// a single village, each carrying the marker text, plus an announcement to every village.
func aboutVillage(t *testing.T, town, v *synctest.Device, mark string) map[string]string {
	t.Helper()
	rows := map[string]string{}
	ann, rect := store.NewID(), store.NewID()
	for _, r := range []struct {
		tbl  string
		vals map[string]any
	}{
		{"tasks", map[string]any{"village_id": v.Org.ID, "kind": "rectify", "title": mark + "整改"}},
		{"visits", map[string]any{"village_id": v.Org.ID, "day": "2026-11-20", "summary": mark + "督导"}},
		{"period_approvals", map[string]any{"village_id": v.Org.ID, "month": "2026-10", "state": "approved", "approved_by": mark + "审核"}},
		{"star_assessments", map[string]any{"village_id": v.Org.ID, "year": int64(2026), "note": mark + "评星"}},
		{"review_ratings", map[string]any{"village_id": v.Org.ID, "year": int64(2026), "comments": mark + "述职"}},
		{"announcements", map[string]any{"villages": v.Org.ID, "title": mark + "通知", "body": mark + "正文"}},
		{"announcement_files", map[string]any{"announcement_id": ann, "name": mark + "附件.pdf", "data": []byte(mark + "附件内容")}},
		// Issue 24 (source 003): the development plan, the 整顿 and its 约谈/列席.
		{"dev_plans", map[string]any{"target_id": v.Org.ID, "year": int64(2026), "quota": int64(2), "note": mark + "计划"}},
		{"rectifications", map[string]any{"village_id": v.Org.ID, "year": int64(2026), "plan": mark + "整顿方案"}},
		{"rectification_events", map[string]any{"rectification_id": rect, "kind": "talk", "note": mark + "约谈"}},
	} {
		id := store.NewID()
		switch r.tbl {
		case "announcements":
			id = ann
		case "rectifications":
			id = rect
		}
		r.vals["org_id"] = town.Org.ID
		put(t, town, r.tbl, id, r.vals)
		rows[r.tbl] = id
	}
	return rows
}

// fileHolds reports whether the database file (and its write-ahead log) holds the text.
func fileHolds(t *testing.T, path, text string) bool {
	t.Helper()
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(text)) {
			return true
		}
	}
	return false
}

// TestRowsReachOnlyTheVillageTheyConcern: what the township writes about village A (an item
// of its task list, a supervision visit, a month approval, a star assessment, a rating of
// its secretary's report, an announcement to A with its file, A's development plan, its 整顿
// and the 整顿's visits) reaches A's PC and never B's;
// B's database file, searched byte by byte after a full sync, holds none of it. An
// announcement to every village reaches both.
func TestRowsReachOnlyTheVillageTheyConcern(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	b := synctest.Village(t, "410928002", "李寨村党支部")
	synctest.Pair(t, town, a)
	synctest.Pair(t, town, b)
	synctest.Sync(t, a, town)
	synctest.Sync(t, b, town)
	forA := aboutVillage(t, town, a, "张庄机密")
	forB := aboutVillage(t, town, b, "李寨机密")
	put(t, town, "announcements", store.NewID(), map[string]any{"org_id": town.Org.ID, "title": "全体村通知", "villages": ""})
	for i := 0; i < 2; i++ {
		synctest.Sync(t, town, a)
		synctest.Sync(t, town, b)
	}
	has := func(d *synctest.Device, tbl, id string) bool {
		var n int
		if err := d.DB.SQL().QueryRow("SELECT count(*) FROM "+tbl+" WHERE id=?", id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n == 1
	}
	for tbl, id := range forA {
		if !has(a, tbl, id) {
			t.Errorf("%s about 张庄 did not reach 张庄", tbl)
		}
		if has(b, tbl, id) {
			t.Errorf("%s about 张庄 reached 李寨", tbl)
		}
	}
	for tbl, id := range forB {
		if !has(b, tbl, id) || has(a, tbl, id) {
			t.Errorf("%s about 李寨: on 李寨 %v, on 张庄 %v", tbl, has(b, tbl, id), has(a, tbl, id))
		}
	}
	for _, d := range []*synctest.Device{a, b} {
		var n int
		d.DB.SQL().QueryRow("SELECT count(*) FROM announcements WHERE title='全体村通知'").Scan(&n)
		if n != 1 {
			t.Errorf("%s: the announcement to every village is missing", d.Org.Name)
		}
	}
	// Nothing is left waiting for either village: their bundles say they hold what concerns them.
	st, err := exchange.Status(ctx, town.DB.Replica())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range st {
		if s.PendingOut != 0 {
			t.Errorf("pending for %s: %d", s.Name, s.PendingOut)
		}
	}
	if err := b.DB.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.DB.Close(); err != nil {
		t.Fatal(err)
	}
	if fileHolds(t, b.Path, "张庄机密") {
		t.Error("李寨's database file holds text the township wrote about 张庄")
	}
	if !fileHolds(t, a.Path, "张庄机密") || !fileHolds(t, b.Path, "李寨机密") {
		t.Error("a village's file lacks what the township wrote about it (the search would prove nothing)")
	}
	a.Reopen(t, nil)
	b.Reopen(t, nil)
}

// TestRowsAboutOthersRemovedOnArrival: a township on an older version sends a village every
// row it owns; the village keeps only those that concern it, removes the others in the same
// import without sending anything about it, and its file keeps nothing of them.
func TestRowsAboutOthersRemovedOnArrival(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	b := synctest.Village(t, "410928002", "李寨村党支部")
	synctest.Pair(t, town, a)
	synctest.Pair(t, town, b)
	synctest.Sync(t, b, town)
	forA := aboutVillage(t, town, a, "张庄机密")
	// What an older township would send 李寨: every change it made.
	var cs []replica.Change
	for tbl, id := range forA {
		h, err := town.DB.Replica().RowHistory(ctx, tbl, id)
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, h...)
	}
	for i := range cs {
		cs[i].Old, cs[i].Seq, cs[i].Origin, cs[i].At = nil, 0, "", 0
	}
	before, _ := b.DB.Replica().Changes(ctx, 0, "local", 0)
	r := b.Node.Import(ctx, forge(t, town, b, 100, cs))
	if r.Status != exchange.Applied {
		t.Fatalf("import: %s %s", r.Status, r.English)
	}
	for tbl, id := range forA {
		var n int
		b.DB.SQL().QueryRow("SELECT count(*) FROM "+tbl+" WHERE id=?", id).Scan(&n)
		if n != 0 {
			t.Errorf("%s about 张庄 kept on 李寨", tbl)
		}
	}
	if after, _ := b.DB.Replica().Changes(ctx, 0, "local", 0); len(after) != len(before) {
		t.Errorf("the removal was logged as %d local changes (it must not travel)", len(after)-len(before))
	}
	if err := b.DB.Close(); err != nil {
		t.Fatal(err)
	}
	if fileHolds(t, b.Path, "张庄机密") {
		t.Error("李寨's database file still holds text about 张庄")
	}
	b.Reopen(t, nil)
}
