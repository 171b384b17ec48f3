package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"zhibu/store"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
	"zhibu/sync/usb"
)

// The township's sync page: its device ID in groups, the paired village, writing bundles to
// a stick, and a conflict that a person resolves by taking the other PC's value.
func TestSyncPage(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	village := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, village)
	id := village.AddMember(t, "张建国", "1965-03-01", "1990-07-01", 11)
	synctest.Sync(t, town, village)
	// Both PCs change the phone before syncing again.
	setPhone := func(d *synctest.Device, phone string) {
		m, _ := d.DB.Member(d.Ctx, id)
		m.Phone = phone
		if err := d.DB.UpdateMember(d.Ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	setPhone(village, "13800000001")
	town.Clock.Add(60_000_000_000)
	setPhone(town, "13900000002")
	if r := town.Node.Import(ctx, synctest.Send(t, village, town)); r.Conflicts != 1 {
		t.Fatalf("import: %+v", r)
	}

	stick := t.TempDir()
	openSyncNode = func(*store.DB) (*exchange.Node, error) { return town.Node, nil }
	drives = func() []string { return []string{stick} }
	t.Cleanup(func() {
		openSyncNode = func(db *store.DB) (*exchange.Node, error) { return exchange.Open(db.Replica()) }
		drives = usb.Drives
	})

	w := newTestWindow(t)
	s := &Session{Ctx: town.Ctx, DB: town.DB, Home: town.Org, Role: store.RoleTownship, Window: w}
	w.SetContent(makeSyncPanel(s))
	if !shows(w, "已配对 1 台电脑") || !shows(w, "1 处冲突待处理") {
		t.Errorf("home panel: %v", texts(w))
	}
	page := makeSync(s)
	w.SetContent(page)
	first := strings.SplitN(town.Node.Self(), "-", 2)[0]
	if !shows(w, first) || !shows(w, "冲突（1）") {
		t.Errorf("sync page lacks the device ID or the paired village: %v", texts(w))
	}
	capture(t, w, "sync-peers.png")

	tabs := findTabs(t, page)
	tabs.SelectIndex(1)
	test.Tap(button(w, "把同步包写入U盘"))
	settle()
	files, _ := filepath.Glob(filepath.Join(stick, usb.Folder, "*.zbundle"))
	if len(files) != 1 || !shows(w, "已为张庄村党支部写入同步包") {
		t.Errorf("bundles written: %v; page: %v", files, texts(w))
	}
	capture(t, w, "sync-usb.png")

	tabs.SelectIndex(2)
	test.Tap(button(w, "立即同步"))
	if !shows(w, "请先输入对方电脑的地址") {
		t.Errorf("sync without an address: %v", texts(w))
	}
	capture(t, w, "sync-lan.png")
	if shows(w, "sync serve") || labelContains(w, "sync serve") {
		t.Errorf("the LAN tab tells people to run a command: %v", texts(w))
	}
	// Waiting for the other PC runs in the background until stopped (or the port is taken,
	// which is said).
	test.Tap(button(w, "等待对方连接"))
	if !labelContains(w, "正在等待已配对的电脑连接") && !labelContains(w, "无法在端口") {
		t.Errorf("waiting shows nothing: %v", texts(w))
	}
	capture(t, w, "sync-lan-waiting.png")
	if b := button(w, "停止等待"); b != nil {
		test.Tap(b)
		if button(w, "等待对方连接") == nil || labelContains(w, "正在等待已配对的电脑连接") {
			t.Errorf("stop waiting left it waiting: %v", texts(w))
		}
	}

	tabs.SelectIndex(3)
	if !shows(w, "13800000001") || !shows(w, "13900000002") || !shows(w, "冲突（1）") {
		t.Errorf("conflict not shown with both values: %v", texts(w))
	}
	capture(t, w, "sync-conflicts.png")
	test.Tap(button(w, "改用另一台电脑的值"))
	if m, _ := town.DB.Member(town.Ctx, id); m.Phone != "13800000001" {
		t.Errorf("phone after taking the village's value: %s", m.Phone)
	}
	if !shows(w, "没有未处理的冲突") {
		t.Errorf("conflict still listed: %v", texts(w))
	}
	os.Remove(files[0])
}

func findTabs(t *testing.T, page fyne.CanvasObject) *container.AppTabs {
	t.Helper()
	for _, o := range test.LaidOutObjects(page) {
		if tabs, ok := o.(*container.AppTabs); ok {
			return tabs
		}
	}
	t.Fatal("no tabs on the sync page")
	return nil
}
