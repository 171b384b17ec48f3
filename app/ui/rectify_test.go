package ui

import (
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/sync/synctest"
)

// TestRectifyScreen: source 003 「软弱涣散党组织整顿」, 「约谈提醒、列席组织生活会」. The township
// names a village on the 整顿 screen (without a 包联 leader it is refused in Chinese and nothing
// is written), records a 约谈; the village sees its own rectification with the items and the
// talk after the sync; another village sees none.
func TestRectifyScreen(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	b := synctest.Village(t, "410928002", "李寨村党支部")
	for _, v := range []*synctest.Device{a, b} {
		synctest.Pair(t, town, v)
		synctest.Sync(t, v, town)
	}
	session := func(d *synctest.Device, role, userRole string) *rectifyView {
		w := newTestWindow(t)
		s := &Session{Ctx: d.Ctx, DB: d.DB, User: store.User{Name: d.Admin, Role: userRole}, Home: d.Org, Role: role, Window: w}
		v := newRectifyView(s)
		w.SetContent(v.content())
		return v
	}
	tv := session(town, store.RoleTownship, store.RoleTownshipAdmin)
	tv.tabs.SelectIndex(1)
	tv.village.SetSelectedIndex(0)
	tv.reasons.SetSelected([]string{"班子不团结", "组织生活不正常"})
	tv.items.SetText("召开专题组织生活会|2026-12-20\n健全三会一课制度|2026-12-25")
	tv.name()
	if !strings.Contains(tv.addErr.Label.Text, "包联") {
		t.Errorf("no leader: %q", tv.addErr.Label.Text)
	}
	if rs, _ := town.DB.Rectifications(town.Ctx, "", 0); len(rs) != 0 {
		t.Fatal("a refused rectification was written")
	}
	tv.leader.SetText("张副书记")
	tv.name()
	if tv.addErr.Label.Text != "" || len(tv.list) != 1 || !strings.Contains(tv.detail.Text, "班子不团结") || !strings.Contains(tv.detail.Text, "召开专题组织生活会") {
		t.Fatalf("name: %q %q", tv.addErr.Label.Text, tv.detail.Text)
	}
	tv.tabs.SelectIndex(2)
	tv.day.SetDate("2026-11-27")
	tv.by.SetText("张副书记")
	tv.note.SetText("约谈支部书记")
	tv.recordEvent()
	if tv.visitErr.Label.Text != "" || !strings.Contains(tv.detail.Text, "约谈支部书记") || !strings.Contains(tv.detail.Text, "2026-11：约谈 1 次") {
		t.Fatalf("talk: %q %q", tv.visitErr.Label.Text, tv.detail.Text)
	}
	tv.review.SetText("班子团结")
	tv.closeIt()
	if !strings.Contains(tv.visitErr.Label.Text, "未验收") {
		t.Errorf("closed with open items: %q", tv.visitErr.Label.Text)
	}
	tv.tabs.SelectIndex(0)
	capture(t, tv.s.Window, "rectify-township.png")
	synctest.Sync(t, town, a)
	synctest.Sync(t, town, b)
	av := session(a, store.RoleVillage, store.RoleSecretary)
	if len(av.list) != 1 || !strings.Contains(av.detail.Text, "张副书记") || !strings.Contains(av.detail.Text, "约谈支部书记") {
		t.Errorf("village A sees %q", av.detail.Text)
	}
	capture(t, av.s.Window, "rectify-village.png")
	bv := session(b, store.RoleVillage, store.RoleSecretary)
	if len(bv.list) != 0 || !strings.Contains(bv.detail.Text, "没有被列为") {
		t.Errorf("village B sees %d: %q", len(bv.list), bv.detail.Text)
	}
}
