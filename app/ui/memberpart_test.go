package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

// The members' part screen: choose a member, see their records by tab, add a commitment,
// be refused a service without its hours, and see who lacks this quarter's record.
func TestMemberPartScreen(t *testing.T) {
	f := demoVillage(t) // today 2026-11-29
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("memberpart")
	home, _ := f.DB.Home(f.Ctx)
	ms, _ := f.DB.Members(f.Ctx, store.MemberFilter{OrgID: home.ID})
	// The screen opens on the first member of the roll: look at every tab.
	if button(w, ms[0].Name) == nil {
		t.Fatalf("not opened on %s", ms[0].Name)
	}
	tabs := findTabs(t, w.Content())
	for i, name := range []string{"commitments", "duties", "households", "contacts", "service", "gaps"} {
		tabs.SelectIndex(i)
		w.Content().Refresh()
		capture(t, w, "memberpart-"+name+".png")
	}
	tabs.SelectIndex(0)
	idx := -1
	for i, m := range ms {
		if m.Category == "working" && m.Position == "member" {
			idx = i
			break
		}
	}
	if idx < 0 {
		t.Fatal("no working member in the demo")
	}
	chooseInWindow(t, w, ms[0].Name, ms[idx].Name)
	part, _ := f.DB.MemberPartOf(f.Ctx, ms[idx].ID, 2026)
	if len(part.Commitments) == 0 || !shows(w, part.Commitments[0].Content) || !shows(w, "承诺式") {
		t.Fatalf("commitments not shown: %q", texts(w))
	}
	test.Type(entryWithPlaceholder(w, assets.T("What the member commits to")), "帮助五保户修缮房屋")
	test.Tap(button(w, assets.T("Add commitment")))
	if !shows(w, "帮助五保户修缮房屋") || !shows(w, "保存") {
		t.Fatalf("commitment not added: %q", texts(w))
	}
	tabs.SelectIndex(4)
	test.Type(entryWithPlaceholder(w, assets.T("The activity")), "清理河道")
	test.Type(entryWithPlaceholder(w, assets.T("Hours, e.g. 2 or 1.5")), "两个")
	test.Tap(button(w, assets.T("Record service")))
	if !shows(w, "服务时长") {
		t.Errorf("service without hours not refused: %q", texts(w))
	}
	after, _ := f.DB.MemberPartOf(f.Ctx, ms[idx].ID, 2026)
	if len(after.Services) != len(part.Services) || len(after.Commitments) != len(part.Commitments)+1 {
		t.Errorf("services %d→%d, commitments %d→%d", len(part.Services), len(after.Services), len(part.Commitments), len(after.Commitments))
	}
	// Who lacks this quarter's record: the demo's planted floating and elderly members.
	tabs.SelectIndex(5)
	gaps, _ := f.DB.ModeGaps(f.Ctx, home.ID, f.Clock.Now())
	if len(gaps) == 0 || !shows(w, gaps[0].Name) {
		t.Errorf("gaps not listed: %v %q", gaps, texts(w))
	}
	if strings.Contains(strings.Join(texts(w), ""), "Commit") {
		t.Errorf("English on screen")
	}

}
