package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Issue 22: a bad date showed only a red 「!」 until 保存, and the meeting form jumped when
// the future-date warning came and went. The date is checked when the cursor leaves it,
// with a Chinese message under it; the message goes once the date is right; the boxes
// below the date stay where they are throughout.
func TestDateIsCheckedWhenLeavingItAndTheFormStaysPut(t *testing.T) {
	_, v, w := orglifeMeetings(t)
	test.Tap(button(w, "记录会议"))
	form := v.form
	below := func() fyne.Position { return fyne.CurrentApp().Driver().AbsolutePositionForObject(form.place) }
	start := below()

	w.Canvas().Focus(form.date.entry)
	form.date.entry.SetText("")
	test.Type(form.date.entry, "2026-13-45")
	if form.date.Message() != "" {
		t.Errorf("the message shows while he is still typing: %q", form.date.Message())
	}
	w.Canvas().Focus(form.topic) // he moves on
	if msg := form.date.Message(); !strings.Contains(msg, "不是有效日期") || !reallyShows(w, msg) {
		t.Fatalf("leaving a bad date says nothing in Chinese: %q", msg)
	}
	capture(t, w, "date-left-bad.png")
	if p := below(); p != start {
		t.Errorf("the form moved when the message came: %v → %v", start, p)
	}

	form.date.SetDate("2099-01-01") // after today: the warning
	if !strings.Contains(form.date.Message(), "之后") {
		t.Errorf("no warning for a date after today: %q", form.date.Message())
	}
	if p := below(); p != start {
		t.Errorf("the form moved when the warning came: %v → %v", start, p)
	}
	form.date.SetDate("2026-11-29")
	if form.date.Message() != "" {
		t.Errorf("the message stays after the date was put right: %q", form.date.Message())
	}
	if p := below(); p != start {
		t.Errorf("the form moved when the message went: %v → %v", start, p)
	}
}
