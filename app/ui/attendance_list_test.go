package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/store"
	"zhibu/store/pinyin"
)

// Attendance for 100+ members (issue 22): a filter box (name, pinyin initials, 党小组), the
// list grouped by 党小组 with 全部出席/全部缺席 per group, no text box on a row (the wheel
// scrolls anywhere), 送学上门 one click; 主持人/记录人 search as you type.
func TestAttendanceListForABigBranch(t *testing.T) {
	f := orglifeVillage(t)
	w := newTestWindow(t)
	s := orglifeSession(t, f, w)
	form := newMeetingForm(s, store.Meeting{OrgID: s.Home.ID, Kind: store.MeetingGeneral}, func(string, string) {})
	w.SetContent(form.root)
	form.tabs.SelectIndex(1)
	if len(form.attend) < 40 || len(form.attendGroups) < 2 {
		t.Fatalf("%d rows in %d groups", len(form.attend), len(form.attendGroups))
	}
	// No text box on any row: the wheel reaches the list's scroller wherever the pointer is.
	for _, r := range form.attend {
		for _, o := range test.LaidOutObjects(r.box) {
			if _, ok := o.(fyne.Scrollable); ok {
				t.Fatalf("%s's row holds a %T, which takes the mouse wheel", r.a.Name, o)
			}
		}
	}
	capture(t, w, "attendance-groups.png")

	shown := func() (n int) {
		for _, r := range form.attend {
			if r.box.Visible() {
				n++
			}
		}
		return n
	}
	// Pinyin initials of one member's name find that member.
	target := form.attend[len(form.attend)/2]
	form.attendFilter.SetText(pinyin.Initials(target.a.Name))
	if !target.box.Visible() || shown() >= len(form.attend)/2 {
		t.Fatalf("filter %q: target shown %v, %d rows shown", form.attendFilter.Text, target.box.Visible(), shown())
	}
	// A party group's name shows that group only.
	g := form.attendGroups[1]
	form.attendFilter.SetText(g.name)
	if shown() != len(g.rows) {
		t.Fatalf("filter by group %s: %d shown, want %d", g.name, shown(), len(g.rows))
	}
	capture(t, w, "attendance-filtered.png")
	form.attendFilter.SetText("")

	// 全部缺席 for one group unticks its members only.
	before := map[*attendRow]bool{}
	for _, r := range form.attend {
		before[r] = r.present.Checked
	}
	for _, o := range test.LaidOutObjects(g.header) {
		if b, ok := o.(*widget.Button); ok && b.Text == "全部缺席" {
			test.Tap(b)
		}
	}
	for _, gr := range form.attendGroups {
		for _, r := range gr.rows {
			if want := gr != g && before[r]; r.present.Checked != want {
				t.Fatalf("after 全部缺席 of %s: %s (%s) present %v", g.name, r.a.Name, gr.name, r.present.Checked)
			}
		}
	}

	// 送学上门 on a floating member's row notes it.
	var fl *attendRow
	for _, r := range form.attend {
		if r.status() == store.AttendFloating {
			fl = r
			break
		}
	}
	if fl == nil || !fl.reach.Visible() {
		t.Fatal("no 送学上门 button on a floating member's row")
	}
	test.Tap(fl.reach)
	if fl.note != "送学上门" || fl.reach.Visible() || fl.noteBtn.Text != "送学上门" {
		t.Fatalf("送学上门: note %q", fl.note)
	}

	// The host picker searches as you type.
	host := form.roll[len(form.roll)-1]
	test.Tap(form.host.btn)
	test.Type(form.host.search, pinyin.Initials(host.Name))
	found := false
	for _, j := range form.host.matches {
		found = found || (j >= 0 && form.roll[j].ID == host.ID)
	}
	if !found || len(form.host.matches) > len(form.roll)/2 {
		t.Fatalf("picker search %q: %d matches, found %v", form.host.search.Text, len(form.host.matches), found)
	}
	capture(t, w, "member-picker.png")
	for i, j := range form.host.matches {
		if j >= 0 && form.roll[j].ID == host.ID {
			form.host.list.Select(i)
		}
	}
	if form.host.ID() != host.ID || !strings.Contains(form.host.btn.Text, host.Name) || w.Canvas().Overlays().Top() != nil {
		t.Fatalf("picked %q, dialog open %v", form.host.btn.Text, w.Canvas().Overlays().Top() != nil)
	}
	if m := form.collect(); m.HostID != host.ID {
		t.Fatal("the chosen host is not in the record")
	}
}
