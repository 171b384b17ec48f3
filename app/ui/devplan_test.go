package ui

import (
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/sync/synctest"
)

// TestDevPlanScreen: source 003 「制定并印发《全县xxxx年发展党员指导性计划》…每季度…调度」. The
// township clerk sets a village's quota on the 发展党员计划 screen (a quota that is not a
// number is refused in Chinese and writes nothing); clicking the village puts its plan back
// into the form; after the sync the village sees its own plan and nobody else's.
func TestDevPlanScreen(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	b := synctest.Village(t, "410928002", "李寨村党支部")
	for _, v := range []*synctest.Device{a, b} {
		synctest.Pair(t, town, v)
		synctest.Sync(t, v, town)
	}
	session := func(d *synctest.Device, role, userRole string) *devPlanView {
		w := newTestWindow(t)
		s := &Session{Ctx: d.Ctx, DB: d.DB, User: store.User{Name: d.Admin, Role: userRole}, Home: d.Org, Role: role, Window: w}
		v := newDevPlanView(s)
		w.SetContent(v.content())
		return v
	}
	tv := session(town, store.RoleTownship, store.RoleTownshipAdmin)
	if len(tv.list) != 2 || tv.cell(0, 1) != "—" || tv.cell(0, 5) != "未下达" {
		t.Fatalf("before any plan: %+v", tv.list)
	}
	tv.village.SetSelectedIndex(0)
	tv.quota.SetText("两名")
	tv.set()
	if !strings.Contains(tv.problem.Label.Text, "整数") {
		t.Errorf("a quota in words: %q", tv.problem.Label.Text)
	}
	if ps, _ := town.DB.Plans(town.Ctx, 2026); ps[0].HasPlan || ps[1].HasPlan {
		t.Fatal("a refused quota was written")
	}
	tv.quota.SetText("2")
	tv.note.SetText("按县委下达计划")
	tv.set()
	if tv.problem.Label.Text != "" || !strings.Contains(tv.done.Text, "2") || tv.cell(0, 1) != "2" || tv.cell(0, 5) != "进行中" {
		t.Fatalf("set: %q %q %+v", tv.problem.Label.Text, tv.done.Text, tv.list)
	}
	tv.village.ClearSelected()
	tv.quota.SetText("")
	tv.pick(0)
	if tv.village.Selected != tv.list[0].Name || tv.quota.Text != "2" || tv.note.Text != "按县委下达计划" {
		t.Errorf("pick: %q %q %q", tv.village.Selected, tv.quota.Text, tv.note.Text)
	}
	capture(t, tv.s.Window, "devplan-township.png")
	synctest.Sync(t, town, a)
	synctest.Sync(t, town, b)
	av := session(a, store.RoleVillage, store.RoleSecretary)
	if !strings.Contains(av.own.Text, "2026年发展党员指导性计划：2 名") || !strings.Contains(av.own.Text, "按县委下达计划") {
		t.Errorf("village A sees %q", av.own.Text)
	}
	bv := session(b, store.RoleVillage, store.RoleSecretary)
	if !strings.Contains(bv.own.Text, "尚未下达") {
		t.Errorf("village B sees %q", bv.own.Text)
	}
	capture(t, av.s.Window, "devplan-village.png")
}
