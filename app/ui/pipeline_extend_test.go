package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

// 党章 第七条 "预备党员的预备期为一年…延长预备期…都应当经支部大会讨论通过和上级党组织批准":
// the secretary records, from the window, the branch meeting's extension when the probation
// ends and, weeks later, the higher committee's approval; a date before the probation ends is
// refused in the dialog, which stays open with what was typed.
func TestPipelineScreenRecordsExtensionAndApproval(t *testing.T) {
	f := demoVillage(t)
	home, _ := f.DB.Home(f.Ctx)
	fig, err := f.DB.PipelineFigures(f.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	cs, _ := f.DB.Candidates(f.Ctx, home.ID, false)
	row := -1
	for i := range cs {
		if cs[i].Has(15) && !cs[i].Has(24) {
			row = i
			break
		}
	}
	if row < 0 {
		t.Fatal("the demo village has no probationary member")
	}
	c := cs[row]
	end := fig.ProbationEnd(&c)
	f.Clock.Set(end.AddDate(0, 0, 20).Add(9 * time.Hour))
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
	list.Select(widget.TableCellID{Row: row, Col: 0})
	ext := button(w, assets.T("Extend the probation…"))
	if ext == nil {
		t.Fatalf("no extension button for the probationary %s: %q", c.Name, texts(w))
	}
	test.Tap(ext)
	decided := entryWithPlaceholder(w, assets.T("Date of the branch meeting (YYYY-MM-DD)"))
	if decided == nil {
		t.Fatal("no date box in the dialog")
	}
	// Nine days before the probation ends: refused, the dialog stays with the reason.
	early := end.AddDate(0, 0, -9).Format(time.DateOnly)
	decided.SetText(early)
	tapDialogButton(t, w, assets.T("Save"))
	if w.Canvas().Overlays().Top() == nil || !labelContains(w, "预备期满时由支部大会讨论") {
		t.Fatalf("an extension decided before the probation ends: not refused in the dialog: %q", texts(w))
	}
	if got, _ := f.DB.Candidate(f.Ctx, c.ID); got.Extension != 0 {
		t.Fatalf("a refused extension was stored: %+v", got)
	}
	on := end.AddDate(0, 0, 5).Format(time.DateOnly)
	decided.SetText(on)
	tapDialogButton(t, w, assets.T("Save"))
	got, _ := f.DB.Candidate(f.Ctx, c.ID)
	if got.Extension != fig.MinExtension || got.ExtensionDecidedOn != on || got.ExtensionApprovedOn != "" {
		t.Fatalf("extension stored as %d %q %q", got.Extension, got.ExtensionDecidedOn, got.ExtensionApprovedOn)
	}
	if !labelContains(w, "待上级党委批准") {
		t.Errorf("the pending approval is not shown: %q", texts(w))
	}
	capture(t, w, "pipeline-extension.png")
	// The approval, later.
	approve := button(w, assets.T("Record the approval of the extension…"))
	if approve == nil {
		t.Fatalf("no button to record the approval: %q", texts(w))
	}
	test.Tap(approve)
	entryWithPlaceholder(w, assets.T("Leave empty until the approval comes")).SetText(end.AddDate(0, 0, 18).Format(time.DateOnly))
	tapDialogButton(t, w, assets.T("Save"))
	got, _ = f.DB.Candidate(f.Ctx, c.ID)
	if got.ExtensionApprovedOn != end.AddDate(0, 0, 18).Format(time.DateOnly) {
		t.Fatalf("approval stored as %q", got.ExtensionApprovedOn)
	}
	if button(w, assets.T("Extend the probation…")) != nil || button(w, assets.T("Record the approval of the extension…")) != nil {
		t.Errorf("a second extension is offered after the first was approved")
	}
	_ = store.StepPublicity
}
