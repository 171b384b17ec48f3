package ui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/store"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
	"zhibu/sync/usb"
)

// Issue 22: after 「其他文件夹…」 the U盘 tab's drop-down still showed the first drive although
// the bundle went to the chosen folder. The drop-down shows the chosen folder, the stick is
// not drawn, and 写入 writes there.
func TestUSBTabShowsTheChosenFolder(t *testing.T) {
	town := synctest.Township(t)
	village := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, village)
	village.AddMember(t, "张建国", "1965-03-01", "1990-07-01", 11)
	stick := filepath.Join(t.TempDir(), "STICK-A")
	other := filepath.Join(t.TempDir(), "带去乡镇的文件夹")
	for _, d := range []string{stick, other} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
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
	findTabs(t, page).SelectIndex(1)
	if !shows(w, stick) {
		t.Fatalf("the only stick is not chosen at first: %q", texts(w))
	}
	test.Tap(button(w, "其他文件夹…"))
	// In the app's file dialog: type the folder in the path box, Enter, 选择这个文件夹.
	var where *keyEntry
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		if k, ok := o.(*keyEntry); ok && where == nil {
			where = k
		}
	}
	if where == nil {
		t.Fatal("the folder dialog has no path box")
	}
	where.SetText(other)
	where.OnSubmitted(other)
	test.Tap(button(w, "选择这个文件夹"))
	if w.Canvas().Overlays().Top() != nil {
		t.Fatalf("the folder dialog is still open: %q", texts(w))
	}
	var sel *widget.Select
	for _, o := range objects(w) {
		if x, ok := o.(*widget.Select); ok && x.Visible() {
			sel = x
		}
	}
	if sel == nil || sel.Selected != other {
		t.Fatalf("the drop-down's choice after 其他文件夹…: %+v", sel)
	}
	if !shows(w, other) || shows(w, stick) {
		t.Errorf("the drop-down draws %q, want the chosen folder %s and not the stick", texts(w), other)
	}
	capture(t, w, "usb-other-folder.png")
	test.Tap(button(w, "把同步包写入U盘"))
	settle()
	if got, _ := filepath.Glob(filepath.Join(other, usb.Folder, "*.zbundle")); len(got) != 1 {
		t.Errorf("bundles in the chosen folder: %v", got)
	}
	if got, _ := filepath.Glob(filepath.Join(stick, usb.Folder, "*.zbundle")); len(got) != 0 {
		t.Errorf("bundles on the stick not chosen: %v", got)
	}
	fyne.CurrentApp().Preferences().SetString(usbTargetPref, "")
}
