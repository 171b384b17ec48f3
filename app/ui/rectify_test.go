package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

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
	if tv.visitErr.Label.Text != "" || !strings.Contains(eventsText(tv), "约谈支部书记") || !strings.Contains(tv.detail.Text, "2026-11：约谈 1 次") {
		t.Fatalf("talk: %q %q %q", tv.visitErr.Label.Text, tv.detail.Text, eventsText(tv))
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

// eventsText is the text of the township's rows of visits.
func eventsText(v *rectifyView) string {
	var b strings.Builder
	for _, o := range v.events.Objects {
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				if l, ok := x.(*widget.Label); ok {
					b.WriteString(l.Text + "\n")
				}
			}
		}
	}
	return b.String()
}

// TestRectifyCorrections: the township corrects what it recorded by mistake on the 整顿 screen
// (source 003: 软弱涣散党组织整顿; issue 24: "a user who mistyped needs to correct or remove
// them"): the leader in the correction dialog (an empty one refused inside the dialog, nothing
// changed), a visit's note, deleting a visit and the whole rectification after a confirmation;
// the village sees the corrections after the sync.
func TestRectifyCorrections(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, a)
	synctest.Sync(t, a, town)
	id, _, err := town.DB.AddRectification(town.Ctx, store.NewRectification{VillageCode: a.Org.Code, Year: 2026, Reasons: []string{"orglife"},
		Leader: "张副书记", Items: []store.NewTask{{Title: "召开专题组织生活会", Due: "2026-12-20"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, note := range []string{"约谈支部书记", "记错了"} {
		if err := town.DB.RecordRectifyEvent(town.Ctx, id, store.RectifyTalk, "2026-11-20", "张副书记", note); err != nil {
			t.Fatal(err)
		}
	}
	w := newTestWindow(t)
	s := &Session{Ctx: town.Ctx, DB: town.DB, User: store.User{Name: town.Admin, Role: store.RoleTownshipAdmin}, Home: town.Org,
		Role: store.RoleTownship, Window: w}
	v := newRectifyView(s)
	w.SetContent(v.content())
	if !v.actions.Visible() || len(v.events.Objects) != 3 {
		t.Fatalf("actions shown %v, %d event rows", v.actions.Visible(), len(v.events.Objects))
	}
	v.edit()
	v.edLeader.SetText(" ")
	test.Tap(v.dlg.ok)
	if !strings.Contains(v.dlg.problem.Label.Text, "包联") {
		t.Errorf("an empty leader: %q", v.dlg.problem.Label.Text)
	}
	if r, _ := town.DB.Rectifications(town.Ctx, "", 0); r[0].Leader != "张副书记" {
		t.Fatal("a refused correction was written")
	}
	v.edLeader.SetText("李委员")
	test.Tap(v.dlg.ok)
	if !strings.Contains(v.detail.Text, "李委员") || !strings.Contains(v.info.Text, "已更正") {
		t.Errorf("after the correction: %q %q", v.detail.Text, v.info.Text)
	}
	row := func(i int) *fyne.Container { return v.events.Objects[i+1].(*fyne.Container) }
	buttons := func(i int) []fyne.CanvasObject { return row(i).Objects[1].(*fyne.Container).Objects }
	test.Tap(buttons(0)[0].(*widget.Button))
	v.edNote.SetText("约谈支部书记，指出组织生活不正常")
	test.Tap(v.dlg.ok)
	test.Tap(buttons(1)[1].(*widget.Button))
	v.confirm.Confirm()
	if got := eventsText(v); !strings.Contains(got, "指出组织生活不正常") || strings.Contains(got, "记错了") {
		t.Errorf("visits after the corrections:\n%s", got)
	}
	capture(t, w, "rectify-corrections.png")
	synctest.Sync(t, town, a)
	ra, _ := a.DB.Rectifications(a.Ctx, "", 0)
	if len(ra) != 1 || ra[0].Leader != "李委员" || len(ra[0].Events) != 1 || !strings.Contains(ra[0].Events[0].Note, "组织生活不正常") {
		t.Fatalf("village A sees %+v", ra)
	}
	v.delete()
	v.confirm.Confirm()
	if len(v.list) != 0 || !strings.Contains(v.info.Text, "已删除") || v.actions.Visible() {
		t.Errorf("after the delete: %d listed, %q", len(v.list), v.info.Text)
	}
	synctest.Sync(t, town, a)
	if ra, _ := a.DB.Rectifications(a.Ctx, "", 0); len(ra) != 0 {
		t.Errorf("village A still sees %d", len(ra))
	}
}
