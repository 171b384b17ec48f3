package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/store"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
	"zhibu/sync/usb"
)

// Issue 22: the village's sync page opened on device numbers and Syncthing words, and a
// write said 「32141 处修改」. Now it says, in the records the secretary keeps, what the
// township will have (members, meetings, dues, up to which date) and what came from it;
// the device ID is behind 「详细」.
func TestVillageSyncPageSaysItInRecords(t *testing.T) {
	town := synctest.Township(t)
	village := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, village)
	village.AddMember(t, "张建国", "1965-03-01", "1990-07-01", 11)
	village.AddMember(t, "李秀英", "1970-05-01", "1995-07-01", 11)

	stick := t.TempDir()
	openSyncNode = func(*store.DB) (*exchange.Node, error) { return village.Node, nil }
	drives = func() []string { return []string{stick} }
	t.Cleanup(func() {
		openSyncNode = func(db *store.DB) (*exchange.Node, error) { return exchange.Open(db.Replica()) }
		drives = usb.Drives
	})
	w := newTestWindow(t)
	s := &Session{Ctx: village.Ctx, DB: village.DB, Home: village.Org, Role: store.RoleVillage, Window: w,
		User: store.User{Name: village.Admin, Role: store.RoleSecretary}}
	page := makeSync(s)
	w.SetContent(page)
	settle()
	first := strings.SplitN(village.Node.Self(), "-", 2)[0]
	if reallyShows(w, first) {
		t.Error("the device ID is shown before 详细")
	}
	if !labelContains(w, "城关镇党委：上次收到") || !labelContains(w, "党员 2 名") {
		t.Errorf("the page does not say the state in records: %q", texts(w))
	}
	capture(t, w, "sync-village-words.png")
	test.Tap(button(w, "详细"))
	if !reallyShows(w, first) {
		t.Error("详细 does not show the device ID")
	}

	tabs := findTabs(t, page)
	tabs.SelectIndex(1)
	test.Tap(button(w, "把同步包写入U盘"))
	settle()
	if !labelContains(w, "城关镇党委就有本村现在的台账：在册党员 2 名") || reallyShows(w, "处修改") {
		t.Errorf("the write is not said in records: %q", texts(w))
	}
	capture(t, w, "sync-village-written.png")

	// The township sends a notice; the village reads it.
	if _, err := town.DB.SendAnnouncement(town.Ctx, "关于开展主题党日的通知", "本月主题：学习党章", nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := usb.Export(town.Ctx, town.Node, filepath.Join(stick, usb.Folder), nil); err != nil {
		t.Fatal(err)
	}
	test.Tap(button(w, "从U盘读取同步包"))
	settle()
	if !labelContains(w, "已读取城关镇党委的同步文件") || !labelContains(w, "乡镇新通知 1 条") {
		t.Errorf("the read is not said in records: %q", texts(w))
	}
	capture(t, w, "sync-village-read.png")
}

// reallyShows reports whether a label or text containing s is drawn: it and every container
// and widget around it are visible (texts and labelContains look at the object's own flag).
func reallyShows(w fyne.Window, s string) bool {
	var walk func(o fyne.CanvasObject) bool
	walk = func(o fyne.CanvasObject) bool {
		if o == nil || !o.Visible() {
			return false
		}
		switch x := o.(type) {
		case *widget.Label:
			return strings.Contains(x.Text, s)
		case *canvas.Text:
			return strings.Contains(x.Text, s)
		case *fyne.Container:
			for _, c := range x.Objects {
				if walk(c) {
					return true
				}
			}
			return false
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				if walk(c) {
					return true
				}
			}
		}
		return false
	}
	if walk(w.Content()) {
		return true
	}
	for _, o := range w.Canvas().Overlays().List() {
		if walk(o) {
			return true
		}
	}
	return false
}
