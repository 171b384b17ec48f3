package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/store"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

// The sync-folder tab writes the township's bundle into the folder, and the LAN tab offers
// the broadcast only while this PC accepts connections.
func TestSyncFolderTab(t *testing.T) {
	town := synctest.Township(t)
	village := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, village)
	town.DB.SetSetting(town.Ctx, town.Org.ID, "theme", "学党史")
	openSyncNode = func(*store.DB) (*exchange.Node, error) { return town.Node, nil }
	t.Cleanup(func() {
		openSyncNode = func(db *store.DB) (*exchange.Node, error) { return exchange.Open(db.Replica()) }
	})

	w := newTestWindow(t)
	s := &Session{Ctx: town.Ctx, DB: town.DB, Home: town.Org, Role: store.RoleTownship, Window: w}
	page := makeSync(s)
	w.SetContent(page)
	tabs := findTabs(t, page)

	tabs.SelectIndex(2)
	var announce *widget.Check
	for _, o := range test.LaidOutObjects(page) {
		if c, ok := o.(*widget.Check); ok && c.Text == "在办公网络中广播本机（其他电脑不用输入地址就能找到它）" {
			announce = c
		}
	}
	if announce == nil || announce.Disabled() || !announce.Checked { // on while waiting for the other PC
		t.Fatalf("announce switch: %+v", announce)
	}

	capture(t, w, "sync-lan-announce.png")
	tabs.SelectIndex(4)
	test.Tap(button(w, "立即同步"))
	if !shows(w, "请先输入或选择同步文件夹") {
		t.Errorf("sync without a folder: %v", texts(w))
	}
	dir := t.TempDir()
	var entry *widget.Entry
	for _, o := range test.LaidOutObjects(page) {
		if e, ok := o.(*widget.Entry); ok && strings.Contains(e.PlaceHolder, "Zhibu-sync") {
			entry = e
		}
	}
	if entry == nil {
		t.Fatal("no folder entry")
	}
	test.Type(entry, dir)
	test.Tap(button(w, "立即同步"))
	waitFor(t, func() bool { return shows(w, "已为张庄村党支部写入同步包") })
	if es, _ := os.ReadDir(dir); len(es) != 1 {
		t.Errorf("folder holds %d files, want the bundle for the village", len(es))
	}
	capture(t, w, "sync-folder.png")
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
