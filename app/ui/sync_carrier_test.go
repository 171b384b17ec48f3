package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"zhibu/store"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

// An administrator adds a stock Syncthing carrier from the paired-PCs page: a wrong device ID
// is refused in the dialog with the reason and nothing recorded; a good one is listed; a
// read-only user cannot add one.
func TestSyncPageAddsACarrier(t *testing.T) {
	town := synctest.Township(t)
	other := synctest.Village(t, "410928001", "张庄村党支部") // its device ID stands in for a Syncthing's
	openSyncNode = func(*store.DB) (*exchange.Node, error) { return town.Node, nil }
	t.Cleanup(func() {
		openSyncNode = func(db *store.DB) (*exchange.Node, error) { return exchange.Open(db.Replica()) }
	})
	w := newTestWindow(t)
	s := &Session{Ctx: town.Ctx, DB: town.DB, Home: town.Org, Role: store.RoleTownship, Window: w,
		User: store.User{Name: "李委员", Role: store.RoleTownshipAdmin}}
	w.SetContent(makeSync(s))
	if !shows(w, "还没有中转节点") {
		t.Fatalf("no carrier line: %v", texts(w))
	}
	test.Tap(button(w, "添加 Syncthing 中转节点…"))
	id := entryWithPlaceholder(w, "ABCDEFG-HIJKLMN-…")
	name := entryWithPlaceholder(w, "如 乡镇机房")
	if id == nil || name == nil {
		t.Fatalf("no carrier form: %v", texts(w))
	}
	test.Type(id, "NOT-A-DEVICE")
	test.Type(name, "乡镇机房")
	test.Tap(button(w, "添加"))
	if !shows(w, "不是有效的设备号") {
		t.Errorf("a bad device ID is not explained: %v", texts(w))
	}
	if cs, _ := town.DB.Replica().Carriers(town.Ctx); len(cs) != 0 {
		t.Errorf("a bad device ID was recorded: %v", cs)
	}
	capture(t, w, "sync-carrier-bad.png")
	id.SetText(other.Node.Self())
	test.Tap(button(w, "添加"))
	cs, err := town.DB.Replica().Carriers(town.Ctx)
	if err != nil || len(cs) != 1 || cs[0].Name != "乡镇机房" || cs[0].DeviceID != other.Node.Self() {
		t.Fatalf("carriers after adding: %v %v", cs, err)
	}
	if !shows(w, "乡镇机房 —— 设备号 "+other.Node.Self()) {
		t.Errorf("the carrier is not listed: %v", texts(w))
	}
	capture(t, w, "sync-carrier.png")

	s.User = store.User{Name: "小王", Role: store.RoleReadOnly}
	w.SetContent(makeSync(s))
	if b := button(w, "添加 Syncthing 中转节点…"); b == nil || !b.Disabled() {
		t.Errorf("a read-only user may add carriers")
	}
}
