package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/synctest"
)

// dialogWidgets lists the entries and tick boxes of the top dialog, in layout order.
func dialogWidgets(t *testing.T, w fyne.Window) ([]*widget.Entry, map[string]*widget.Check) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	var es []*widget.Entry
	cs := map[string]*widget.Check{}
	for _, o := range test.LaidOutObjects(top) {
		switch x := o.(type) {
		case *widget.Entry:
			es = append(es, x)
		case *widget.Check:
			cs[x.Text] = x
		}
	}
	return es, cs
}

// TestAnnouncementsReachTheVillageAndAreReadBack walks what issue 21 asks of 通知: the clerk
// ticks the villages in a list (no codes typed); a mistake keeps the dialog open with
// everything typed and says what to do; the village's home counts the unread 通知, its 通知
// screen opens it and its attachment; after the village syncs, the township sees who read it.
func TestAnnouncementsReachTheVillageAndAreReadBack(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, a)
	synctest.Sync(t, a, town)
	home, _ := town.DB.Home(town.Ctx)
	if _, err := town.DB.AddOrg(town.Ctx, store.Org{Code: "410928002", Name: "李寨村党支部", Kind: store.KindVillage, ParentID: home.ID}); err != nil {
		t.Fatal(err)
	}

	// The township sends to 张庄村 only, choosing it in the list.
	u, w := newTestUI(t, town.Fixture)
	login(t, u, town.Admin, storetest.Password)
	v := newAnnouncementsView(u.shell.sess)
	w.SetContent(v.content())
	test.Tap(button(w, "下发通知…"))
	es, cs := dialogWidgets(t, w)
	if len(es) < 2 || cs["全部村"] == nil || cs["张庄村党支部"] == nil || cs["李寨村党支部"] == nil {
		t.Fatalf("the form has %d entries and tick boxes %v; want the villages to tick", len(es), cs)
	}
	test.Type(es[0], "关于冬季培训的通知")
	test.Tap(cs["全部村"]) // untick: no village chosen now
	tapDialogButton(t, w, "发送")
	if !shows(w, "请勾选要发给哪些村") || w.Canvas().Overlays().Top() == nil || es[0].Text != "关于冬季培训的通知" {
		t.Fatalf("no village ticked: dialog open %v, title %q, texts %v", w.Canvas().Overlays().Top() != nil, es[0].Text, texts(w))
	}
	cs["张庄村党支部"].SetChecked(true) // as a tick does (the test driver's tap misses a box inside the scroll)
	tapDialogButton(t, w, "发送")   // no text yet: the store refuses, the dialog keeps the title
	if w.Canvas().Overlays().Top() == nil || es[0].Text != "关于冬季培训的通知" || !shows(w, "请填写通知的标题和正文") {
		t.Fatalf("an empty text lost the dialog or the title: %q %v", es[0].Text, texts(w))
	}
	test.Type(es[1], "各村党支部：12月15日前组织党员参加冬季培训。")
	tapDialogButton(t, w, "发送")
	if w.Canvas().Overlays().Top() != nil {
		t.Fatalf("the dialog is still open after sending: %v", texts(w))
	}
	as, err := town.DB.Announcements(town.Ctx)
	if err != nil || len(as) != 1 || len(as[0].Villages) != 1 || as[0].Villages[0] != a.Org.ID {
		t.Fatalf("sent %+v %v, want one announcement for 张庄村 only", as, err)
	}
	if !shows(w, "张庄村党支部：尚未收到") || shows(w, "李寨村党支部：") {
		t.Fatalf("the township's detail: %v", texts(w))
	}

	// The village: one unread on its home; opening it marks it read.
	synctest.Sync(t, town, a)
	uv, wv := newTestUI(t, a.Fixture)
	login(t, uv, a.Admin, storetest.Password)
	uv.shell.show("home")
	if !shows(wv, "通知：1 条未读") {
		t.Fatalf("the village's home does not count the unread 通知: %v", texts(wv))
	}
	capture(t, wv, "village-home-unread.png")
	vv := newAnnouncementsView(uv.shell.sess)
	wv.SetContent(vv.content())
	if !shows(wv, "未读") || !shows(wv, "关于冬季培训的通知") {
		t.Fatalf("the village's 通知 list: %v", texts(wv))
	}
	vv.open(0)
	settle()
	if !shows(wv, "12月15日前组织党员参加冬季培训") || !shows(wv, "已读") {
		t.Fatalf("the opened 通知: %v", texts(wv))
	}
	capture(t, wv, "village-announcement.png")
	wv.SetContent(makeHome(uv.shell.sess))
	if !shows(wv, "通知：1 条全部已读") {
		t.Fatalf("after reading, the home says: %v", texts(wv))
	}

	// Back at the township: who read it.
	synctest.Sync(t, a, town)
	v.reload(as[0].ID)
	settle()
	if !shows(w, "张庄村党支部：已收到；") || !shows(w, "由 "+a.Admin+" 阅读") {
		t.Fatalf("the township does not see the reading: %v", texts(w))
	}
	capture(t, w, "township-announcement-read.png")
	if all := strings.Join(tableTexts(v.table), " "); !strings.Contains(all, "1 / 1") {
		t.Errorf("the list does not say 1 / 1 read: %s", all)
	}
}
