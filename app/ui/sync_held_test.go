package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/store/storetest"
	"zhibu/sync/exchange"
	"zhibu/sync/pairing"
	"zhibu/sync/synctest"
)

// laterVersion is a simulated later Zhibu with a table this build does not know.
var laterVersion = &store.Future{
	Migrations: []string{`CREATE TABLE future_visits (
    id TEXT PRIMARY KEY, org_id TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
    day TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '') STRICT;`},
	Tables: []replica.Table{{Name: "future_visits", Fields: []string{"day", "note"}}},
}

// TestHeldChangesListedAndDropped: issue 20 — an administrator sees on the sync page the
// changes a newer village sent for a table this version does not know (from which village,
// which table, how many), and drops them after a confirmation naming what goes.
func TestHeldChangesListedAndDropped(t *testing.T) {
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	v.Reopen(t, laterVersion)
	err := v.DB.Replica().Write(v.Ctx, func(tx *replica.Tx) error {
		for i := 0; i < 4; i++ {
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
	openSyncNode = func(*store.DB) (*exchange.Node, error) { return town.Node, nil }
	t.Cleanup(func() {
		openSyncNode = func(db *store.DB) (*exchange.Node, error) { return exchange.Open(db.Replica()) }
	})
	u, w := newTestUI(t, town.Fixture)
	login(t, u, town.Admin, storetest.Password)
	u.shell.show("sync")
	if !shows(w, "暂存的更改") {
		t.Fatalf("the administrator's sync page has no 暂存的更改 tab: %v", texts(w))
	}
	h := newHeldView(u.shell.sess)
	w.SetContent(h.view())
	cells := strings.Join(texts(w), "|")
	for _, want := range []string{"张庄村党支部", "future_visits", "note", "4", "共 12 条暂存的更改"} {
		if !strings.Contains(cells, want) {
			t.Errorf("the held changes list lacks %q: %s", want, cells)
		}
	}
	capture(t, w, "sync-held.png")
	h.drop(0)
	if all := strings.ReplaceAll(strings.Join(texts(w), ""), " ", ""); !strings.Contains(all, "丢弃张庄村党支部") || !strings.Contains(all, "future_visits的12条暂存更改") {
		t.Fatalf("the confirmation does not say what goes: %v", texts(w))
	}
	tapDialogButton(t, w, "取消")
	if n, _ := town.DB.Replica().FutureCount(town.Ctx); n != 12 {
		t.Fatalf("cancel dropped something: %d held", n)
	}
	h.drop(0)
	tapDialogButton(t, w, "丢弃")
	settle()
	if n, _ := town.DB.Replica().FutureCount(town.Ctx); n != 0 || !shows(w, "没有暂存的更改") {
		t.Fatalf("after dropping: %d held; %v", n, texts(w))
	}

	// A recorder sees no such tab.
	if _, err := town.DB.AddUser(town.Ctx, "记录员", store.RoleRecorder, storetest.Password); err != nil {
		t.Fatal(err)
	}
	u2, w2 := newTestUI(t, town.Fixture)
	login(t, u2, "记录员", storetest.Password)
	u2.shell.show("sync")
	if shows(w2, "暂存的更改") {
		t.Error("a recorder's sync page offers to drop held changes")
	}
}

// TestPairingOverrideFromTheWindow: issue 20 — the pairing override, until now only
// "pair import --override --reason" on the command line, is reachable from the pairing
// screen for an administrator: the refusal is shown without command-line options, an empty
// reason is refused inside the dialog, the reason given is recorded and shown under the
// paired PCs.
func TestPairingOverrideFromTheWindow(t *testing.T) {
	town := synctest.Township(t)
	stranger := synctest.Village(t, "520101001", "外乡村党支部") // not under this township's code
	e, err := pairing.Make(stranger.Ctx, stranger.DB, stranger.Node.ID)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "stranger"+pairing.Ext)
	if _, err := pairing.Export(stranger.Ctx, stranger.DB, stranger.Node.ID, path); err != nil {
		t.Fatal(err)
	}
	openSyncNode = func(*store.DB) (*exchange.Node, error) { return town.Node, nil }
	t.Cleanup(func() {
		openSyncNode = func(db *store.DB) (*exchange.Node, error) { return exchange.Open(db.Replica()) }
	})
	u, w := newTestUI(t, town.Fixture)
	login(t, u, town.Admin, storetest.Password)
	v := &syncView{s: u.shell.sess, problem: newProblemLabel(), node: town.Node}
	v.conflict = newConflictList(v.s, v.refreshStatus)
	w.SetContent(v.peersTab())
	v.confirmEnrolment(path)
	tapDialogButton(t, w, "配对")
	if !shows(w, "配对被拒绝") || !shows(w, "仍然配对") {
		t.Fatalf("no override offered: %v", texts(w))
	}
	for _, tx := range texts(w) {
		if strings.Contains(tx, "--override") || strings.Contains(tx, "zhibu pair import") {
			t.Errorf("the window shows a command-line option: %q", tx)
		}
	}
	capture(t, w, "pair-override.png")
	tapDialogButton(t, w, "仍然配对") // no reason yet
	if !shows(w, "请写明为什么要越过规则") {
		t.Fatalf("an empty reason was not refused: %v", texts(w))
	}
	if _, err := town.DB.Replica().Peer(town.Ctx, e.DeviceID); err == nil {
		t.Fatal("paired without a reason")
	}
	es, _ := dialogWidgets(t, w)
	if len(es) == 0 {
		t.Fatal("no reason box")
	}
	test.Type(es[0], "县里临时借用的电脑，培训结束即解除")
	tapDialogButton(t, w, "仍然配对")
	if _, err := town.DB.Replica().Peer(town.Ctx, e.DeviceID); err != nil {
		t.Fatalf("not paired after the override: %v", err)
	}
	ovr, err := pairing.Overrides(town.Ctx, town.DB)
	if o, ok := ovr[e.DeviceID]; err != nil || !ok || o.Reason != "县里临时借用的电脑，培训结束即解除" || o.User != town.Admin {
		t.Fatalf("override recorded as %+v %v", ovr, err)
	}
	settle()
	if all := strings.ReplaceAll(strings.Join(texts(w), ""), " ", ""); !strings.Contains(all, "外乡村党支部是"+town.Admin) || !strings.Contains(all, "理由：县里临时借用的电脑") {
		t.Errorf("the paired PCs do not show the override and its reason: %v", texts(w))
	}
	capture(t, w, "pair-override-shown.png")
}
