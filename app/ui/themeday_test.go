package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/app/notice"
	"zhibu/store"
)

func TestThemeDayScreen(t *testing.T) {
	f := orglifeVillage(t)
	w := newTestWindow(t)
	v := newThemeDayView(orglifeSession(t, f, w))
	w.SetContent(v.root)
	// The demo recorded this month's theme day on the 10th.
	if !strings.Contains(v.status.Text, "已记录") || v.title.Text == "" {
		t.Fatalf("status %q, theme %q", v.status.Text, v.title.Text)
	}
	capture(t, w, "theme-day.png")
	// Next month: no record yet; set the branch's own theme, then record the day.
	v.month.SetSelectedIndex(0)
	if !strings.Contains(v.status.Text, "还没有记录") || !strings.Contains(v.status.Text, "2026-12-10") {
		t.Fatalf("next month status %q", v.status.Text)
	}
	v.title.SetText("冬季防火安全与关爱困难群众")
	v.items.SetText("集中学习\n\n交纳党费\n走访慰问困难群众")
	test.Tap(button(w, "保存主题"))
	th, ok, _ := f.DB.ThemeFor(f.Ctx, orglifeHome(t, f).ID, "2026-12")
	if !ok || len(th.SetItems) != 3 || th.FromTownship {
		t.Fatalf("theme %+v", th)
	}
	test.Tap(button(w, "记录本月主题党日"))
	if v.form == nil || len(v.form.items) != 3 || v.form.date.Date() != "2026-12-10" || v.form.topic.Text != th.Title {
		t.Fatalf("form not prefilled")
	}
	v.form.items[0].done.SetText("学习防火安全知识")
	capture(t, w, "theme-day-record.png")
	// The record is dated in the future (the fixture's today is 2026-11-29): still saved.
	test.Tap(button(w, "保存"))
	if v.form != nil || !strings.Contains(v.status.Text, "已记录") {
		t.Fatalf("after save: %q %q", v.status.Text, v.problem.Text)
	}
}

func TestAppraisalScreen(t *testing.T) {
	f := orglifeVillage(t)
	w := newTestWindow(t)
	v := newAppraisalView(orglifeSession(t, f, w))
	w.SetContent(v.root)
	w.Resize(fyne.NewSize(1366, 768))
	settle()
	// Every full member is rated (through the rows the list shows: a 5,000-member branch
	// draws only the lines in view), far more than a third 优秀: saved, with a warning.
	rated := 0
	for i, r := range v.rows {
		if !r.rated() {
			continue
		}
		slug := store.RatingQualified
		if rated < len(v.rows)/2 { // far more than a third: saved, with a warning
			slug = store.RatingExcellent
		}
		v.setRating(i, slug)
		rated++
	}
	// A line in view shows its member's rating, and choosing in it rates that member.
	var sel *widget.Select
	for _, o := range objects(w) {
		if x, ok := o.(*widget.Select); ok && x.Visible() && len(x.Options) > 1 && x.Options[1] == "优秀" {
			sel = x
			break
		}
	}
	if sel == nil || sel.Selected != "优秀" {
		t.Fatalf("no line in view shows the first rated member's 优秀: %v", sel)
	}
	first := 0
	for !v.rows[first].rated() {
		first++
	}
	sel.SetSelected("合格")
	if v.rows[first].rating != 2 {
		t.Fatalf("choosing 合格 in the first line did not rate its member: %+v", v.rows[first])
	}
	sel.SetSelected("优秀")
	capture(t, w, "appraisal.png")
	test.Tap(button(w, "保存评议结果"))
	if !strings.Contains(v.note.Text, "已保存") || !strings.Contains(v.problem.Text, "优秀") {
		t.Fatalf("note %q problem %q", v.note.Text, v.problem.Text)
	}
	list, _ := f.DB.Appraisals(f.Ctx, orglifeHome(t, f).ID, 2026)
	n := 0
	for _, a := range list {
		if a.Rating != "" {
			n++
		}
		if a.Status != "full" && a.Rating != "" {
			t.Fatalf("probationary member rated: %+v", a)
		}
	}
	if n != rated {
		t.Fatalf("%d ratings stored, want %d", n, rated)
	}
}

// After the day: the record's 活动情况 is printed from the theme-day screen.
func TestThemeDayPrintsWhatWasDone(t *testing.T) {
	f := orglifeVillage(t)
	w := newTestWindow(t)
	s := orglifeSession(t, f, w)
	v := newThemeDayView(s)
	w.SetContent(v.root)
	pendingNotice = nil
	t.Cleanup(func() { pendingNotice = nil })
	test.Tap(button(w, "打印活动情况"))
	if pendingNotice == nil || pendingNotice.Kind != notice.ThemeDayReport || pendingNotice.Subject != v.heldID || v.heldID == "" {
		t.Fatalf("pending notice %+v (record %q)", pendingNotice, v.heldID)
	}
	nv := newNoticesView(s)
	nv.choose(*pendingNotice)
	if !strings.Contains(nv.doc.Title, "主题党日活动情况") || len(nv.pdf) == 0 || nv.problem.Label.Text != "" {
		t.Fatalf("notice %q, %d bytes, problem %q", nv.doc.Title, len(nv.pdf), nv.problem.Label.Text)
	}
	// Next month has no record: the button cannot be pressed.
	v.month.SetSelectedIndex(0)
	if !v.reportBt.Disabled() {
		t.Error("print button enabled without a record")
	}
}
