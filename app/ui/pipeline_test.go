package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

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
