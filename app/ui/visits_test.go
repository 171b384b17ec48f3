package ui

import (
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/sync/synctest"
)

// TestVisitsScreen: the township clerk records a visit to a village on the 督导 screen; a
// visit without visitors and one whose second finding has no deadline are refused with the
// store's Chinese sentence (naming the finding) and write nothing; the corrected visit raises
// its two findings as 督导 items; after the sync the village sees the visit and the items,
// read only. The screens are captured at 1366×768.
func TestVisitsScreen(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, a)
	synctest.Sync(t, a, town)
	session := func(d *synctest.Device, role, userRole string) *visitsView {
		w := newTestWindow(t)
		s := &Session{Ctx: d.Ctx, DB: d.DB, User: store.User{Name: d.Admin, Role: userRole}, Home: d.Org, Role: role, Window: w}
		v := newVisitsView(s)
		w.SetContent(v.content())
		return v
	}
	tv := session(town, store.RoleTownship, store.RoleTownshipAdmin)
	tv.tabs.SelectIndex(1)
	tv.newVillage.SetSelectedIndex(0)
	tv.newDay.SetDate("2026-11-27")
	tv.newChecked.SetText("三会一课记录、党费收缴台账、公示栏")
	tv.newSummary.SetText("主题党日“x+N”志愿服务坚持得好")
	f1 := tv.addRow()
	f1.title.SetText("10月支委会无会议记录")
	f1.due.SetDate("2026-12-10")
	f1.evidence.SetText("补开支委会的会议记录照片")
	f2 := tv.addRow()
	f2.title.SetText("公示栏党费公示未更新")
	tv.record() // no visitors
	if !strings.Contains(tv.formErr.Label.Text, "督导人员") {
		t.Errorf("no visitors: %q", tv.formErr.Label.Text)
	}
	tv.newVisitors.SetText("李委员、赵干事")
	tv.record() // the second finding has no deadline
	if !strings.Contains(tv.formErr.Label.Text, "第2条问题") {
		t.Errorf("second finding without deadline: %q", tv.formErr.Label.Text)
	}
	if vs, _ := town.DB.Visits(town.Ctx, ""); len(vs) != 0 {
		t.Fatalf("a refused visit was written: %+v", vs)
	}
	if ts, _ := town.DB.Tasks(town.Ctx, store.TaskFilter{}); len(ts) != 0 {
		t.Fatalf("a refused visit raised %d items", len(ts))
	}
	capture(t, tv.s.Window, "visits-township-refused.png")
	f2.due.SetDate("2026-12-15")
	tv.record()
	if tv.formErr.Label.Text != "" || len(tv.list) != 1 || len(tv.list[0].Findings) != 2 {
		t.Fatalf("record: %q %+v", tv.formErr.Label.Text, tv.list)
	}
	if len(tv.findings) != 0 || tv.newVisitors.Text != "" {
		t.Errorf("the form was not cleared after recording")
	}
	ts, _ := town.DB.Tasks(town.Ctx, store.TaskFilter{VisitID: tv.list[0].ID})
	if len(ts) != 2 || ts[0].Source != "督导" || ts[0].Evidence != "补开支委会的会议记录照片" || ts[0].Owner != "支部书记" || ts[0].VillageID != a.Org.ID {
		t.Errorf("the items raised: %+v", ts)
	}
	if !shows(tv.s.Window, "10月支委会无会议记录") || !shows(tv.s.Window, "李委员、赵干事") || tv.cell(0, 4) != "2" {
		t.Errorf("the township does not show the visit: %q", texts(tv.s.Window))
	}
	capture(t, tv.s.Window, "visits-township.png")

	synctest.Sync(t, town, a)
	av := session(a, store.RoleVillage, store.RoleSecretary)
	if len(av.list) != 1 || av.cell(0, 1) != "李委员、赵干事" {
		t.Fatalf("the village lists %+v", av.list)
	}
	if len(av.tabs.Items) != 1 {
		t.Errorf("the village has a tab to record visits")
	}
	av.open(0)
	if !shows(av.s.Window, "公示栏党费公示未更新") || !shows(av.s.Window, "补开支委会的会议记录照片") {
		t.Errorf("the village does not see the findings: %q", texts(av.s.Window))
	}
	capture(t, av.s.Window, "visits-village.png")
	// The item in the village's ledger says which visit found it.
	lv := newTasksView(av.s)
	av.s.Window.SetContent(lv.content())
	lv.open(0)
	if !shows(av.s.Window, "2026-11-27 督导时发现（督导人员：李委员、赵干事）") {
		t.Errorf("the ledger does not name the visit: %q", lv.detail.Text)
	}
}
