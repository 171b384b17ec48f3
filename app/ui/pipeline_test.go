package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store/storetest"
)

func TestPipelineScreenRefusesEarlyStepWithReason(t *testing.T) {
	f := demoVillage(t) // today 2026-11-29
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("pipeline")
	home, _ := f.DB.Home(f.Ctx)
	demoCs, _ := f.DB.Candidates(f.Ctx, home.ID, false)
	if len(demoCs) < 2 || !shows(w, demoCs[0].Name) || !shows(w, demoCs[1].Name) {
		t.Fatalf("candidates not listed: %q", texts(w))
	}
	// Add an applicant with the application dated today, open them, try step 3 (needs step 2).
	name := entryWithPlaceholder(w, assets.T("Name"))
	test.Type(name, "钱欣怡")
	test.Type(entryWithPlaceholder(w, assets.T("ID number")), storetest.ValidID("2001-03-04", 92))
	test.Type(entryWithPlaceholder(w, assets.T("Applied on (YYYY-MM-DD)")), "2026-11-20")
	test.Tap(button(w, assets.T("Add candidate")))
	if !shows(w, "钱欣怡") || !shows(w, "下一步：第 2 步") {
		t.Fatalf("new candidate not opened with the next step: %q", texts(w))
	}
	// The interview is due within a month of the application: the deadline is shown.
	if !shows(w, "2026-12-20") {
		t.Errorf("deadline of the talk not shown: %q", texts(w))
	}
	sel := selectWithPlaceholder(w, "")
	_ = sel
	date := entryWithPlaceholder(w, assets.T("Date (YYYY-MM-DD)"))
	date.SetText("2026-11-19")
	test.Tap(button(w, assets.T("Record step")))
	if !labelContains(w, "最早可在 2026-11-20") { // the label's text: it may wrap on screen
		t.Fatalf("early step not refused with the earliest date: %q", texts(w))
	}
	w.Content().Refresh()
	capture(t, w, "pipeline-refused.png")
	date.SetText("2026-11-25")
	test.Tap(button(w, assets.T("Record step")))
	if !shows(w, "已登记第 2 步") || !shows(w, "下一步：第 3 步") {
		t.Fatalf("step not recorded: %q", texts(w))
	}
	cs, _ := f.DB.Candidates(f.Ctx, home.ID, false)
	for _, c := range cs {
		if c.Name == "钱欣怡" && (!c.Has(2) || c.DateOf(2).Format("2006-01-02") != "2026-11-25") {
			t.Errorf("step 2 stored as %v", c.Steps)
		}
	}
	if strings.Contains(strings.Join(texts(w), ""), "Step") {
		t.Errorf("English on screen: %q", texts(w))
	}
	w.Content().Refresh()
	capture(t, w, "pipeline.png")
}

// Issue 22: leaving the 发展党员 screen with a step typed and not recorded asks 保存 / 不保存 /
// 取消; 取消 keeps what was typed, 不保存 leaves.
func TestLeavingATypedPipelineStepAsks(t *testing.T) {
	f := demoVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("pipeline")
	var list *widget.Table
	for _, o := range objects(w) {
		if tb, ok := o.(*widget.Table); ok && tb.ShowHeaderRow {
			list = tb
			break
		}
	}
	if list == nil {
		t.Fatal("no candidate list")
	}
	list.Select(widget.TableCellID{Row: 0, Col: 0})
	notes := entryWithPlaceholder(w, assets.T("Evidence or note"))
	notes.SetText("谈话记录在支部档案第3页")
	u.shell.show("members")
	if u.shell.current != "pipeline" || !shows(w, "保存") {
		t.Fatalf("left the typed step without asking: on %s", u.shell.current)
	}
	tapDialogButton(t, w, assets.T("Cancel"))
	if u.shell.current != "pipeline" || notes.Text != "谈话记录在支部档案第3页" {
		t.Fatalf("取消 did not keep the form: on %s, note %q", u.shell.current, notes.Text)
	}
	u.shell.show("members")
	tapDialogButton(t, w, assets.T("Don't save"))
	if u.shell.current != "members" {
		t.Fatalf("不保存 did not leave: on %s", u.shell.current)
	}
}
