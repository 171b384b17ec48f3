package cli

import (
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/store/storetest"
	"zhibu/sync/synctest"
)

// newerVersion is a simulated later Zhibu with a table this build does not know.
var newerVersion = &store.Future{
	Migrations: []string{`CREATE TABLE future_visits (
    id TEXT PRIMARY KEY, org_id TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
    day TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '') STRICT;`},
	Tables: []replica.Table{{Name: "future_visits", Fields: []string{"day", "note"}}},
}

// townshipHolding is a township whose village runs a newer version and sent it n rows of a
// table this build does not know: the township holds them (org_id and 2 fields each).
func townshipHolding(t *testing.T, n int) (*synctest.Device, *synctest.Device) {
	t.Helper()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	v.Reopen(t, newerVersion)
	err := v.DB.Replica().Write(v.Ctx, func(tx *replica.Tx) error {
		for i := 0; i < n; i++ {
			if _, err := tx.Put(v.Ctx, "future_visits", store.NewID(), map[string]any{"org_id": v.Org.ID, "day": "2026-12-01", "note": "新版本的记录"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	synctest.Sync(t, v, town)
	return town, v
}

// TestSyncHeldListAndDrop: issue 20 — "an administrator can list and drop" held changes. The
// list names the village the changes came from, the table, the field and how many; dropping
// needs --yes and an administrator, and empties the list.
func TestSyncHeldListAndDrop(t *testing.T) {
	town, _ := townshipHolding(t, 3)
	h := &harness{t: t, env: map[string]string{"ZHIBU_DB": town.Path, "ZHIBU_USER": town.Admin, "ZHIBU_PASSWORD": storetest.Password}}
	out := h.ok("sync", "held", "list")
	for _, want := range []string{"来自 张庄村党支部", "表 future_visits", "字段 note：3 条更改", "字段 day：3 条更改", "共 9 条暂存的更改"} {
		if !strings.Contains(out, want) {
			t.Errorf("sync held list does not say %q:\n%s", want, out)
		}
	}
	if js := h.ok("sync", "held", "list", "--json"); !strings.Contains(js, `"org_code": "410928001"`) && !strings.Contains(js, `"org_code":"410928001"`) {
		t.Errorf("--json: %s", js)
	}
	h.fails(2, "--yes", "sync", "held", "drop", "--from", "410928001")
	h.fails(2, "--from", "sync", "held", "drop", "--yes")
	if out := h.ok("sync", "held", "list"); !strings.Contains(out, "共 9 条") {
		t.Fatalf("a refused drop changed the list:\n%s", out)
	}
	if _, err := town.DB.AddUser(town.Ctx, "记录员", store.RoleRecorder, storetest.Password); err != nil {
		t.Fatal(err)
	}
	rec := &harness{t: t, env: map[string]string{"ZHIBU_DB": town.Path, "ZHIBU_USER": "记录员", "ZHIBU_PASSWORD": storetest.Password}}
	if code, _, _ := rec.run("sync", "held", "drop", "--from", "all", "--yes"); code == 0 {
		t.Error("a recorder dropped held changes")
	}
	if out := h.ok("sync", "held", "drop", "--from", "410928001", "--yes"); !strings.Contains(out, "已丢弃 9 条暂存的更改") {
		t.Errorf("drop says %q", out)
	}
	if out := h.ok("sync", "held", "list"); !strings.Contains(out, "没有暂存的更改") {
		t.Errorf("after the drop:\n%s", out)
	}
}
