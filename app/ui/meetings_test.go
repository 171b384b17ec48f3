package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// orglifeVillage is a village with a demo year of members and meetings.
func orglifeVillage(t *testing.T) *storetest.Fixture {
	t.Helper()
	f := storetest.Village(t)
	if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: 3}); err != nil {
		t.Fatal(err)
	}
	return f
}

func orglifeHome(t *testing.T, f *storetest.Fixture) store.Org {
	t.Helper()
	h, err := f.DB.Home(f.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// session is a logged-in secretary's session on the fixture, shown in w.
func orglifeSession(t *testing.T, f *storetest.Fixture, w fyne.Window) *Session {
	t.Helper()
	return &Session{Ctx: f.Ctx, DB: f.DB, User: store.User{Name: f.Admin, Role: store.RoleSecretary}, Home: orglifeHome(t, f),
		Role: store.RoleVillage, Window: w}
}

// labelContains reports whether a visible label's or rich text's text contains s.
func labelContains(w fyne.Window, s string) bool {
	for _, o := range objects(w) {
		if !o.Visible() {
			continue
		}
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, s) {
			return true
		}
		if r, ok := o.(*widget.RichText); ok && strings.Contains(r.String(), s) {
			return true
		}
	}
	return false
}

func TestHomeShowsThisMonthsFindings(t *testing.T) {
	f := orglifeVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("home")
	capture(t, w, "home-findings.png")
	fs, err := f.DB.Check(f.Ctx, orglifeHome(t, f).ID, "2026-11")
	if err != nil || len(fs) == 0 {
		t.Fatalf("the demo month has no findings: %v", err)
	}
	for _, fd := range fs {
		if !labelContains(w, keepTogether(fd.Title)) || !labelContains(w, keepTogether(fd.Action)) {
			t.Errorf("home does not show %q / %q", fd.Title, fd.Action)
		}
	}
}

// orglifeMeetings shows the meetings screen of a demo village.
func orglifeMeetings(t *testing.T) (*storetest.Fixture, *meetingsView, fyne.Window) {
	t.Helper()
	f := orglifeVillage(t)
	w := newTestWindow(t)
	v := newMeetingsView(orglifeSession(t, f, w))
	w.SetContent(v.root)
	return f, v, w
}

func TestRecordMeetingInTheGUI(t *testing.T) {
	f, v, w := orglifeMeetings(t)
	capture(t, w, "meetings-list.png")
	if len(v.rows) == 0 {
		t.Fatal("the demo month lists no meetings")
	}
	test.Tap(button(w, "记录会议"))
	form := v.form
	if form == nil {
		t.Fatal("no form opened")
	}
	form.kind.SetSelected("支委会")
	form.date.SetDate("2026-11-27")
	test.Type(form.topic, "研究年终民主评议安排")
	if len(form.attend) < 3 || len(form.attend) > 7 {
		t.Fatalf("the committee checklist has %d rows", len(form.attend))
	}
	// Everyone but the first committee member absent: saved, with the quorum warning.
	for _, r := range form.attend[1:] {
		r.present.SetChecked(false)
		r.reason.SetSelected("请假")
	}
	capture(t, w, "meeting-form.png")
	form.tabs.SelectIndex(1)
	capture(t, w, "meeting-attendance.png")
	listed := len(v.rows)
	test.Tap(button(w, "保存"))
	if v.form != nil || !strings.Contains(v.problem.Text, "人数不足") || !strings.Contains(v.note.Text, "已保存") || len(v.rows) != listed+1 {
		t.Fatalf("after saving: form %v, note %q, problem %q", v.form != nil, v.note.Text, form.problem.Text)
	}
	capture(t, w, "meetings-saved.png")
	p, _ := store.ParsePeriod("2026-11")
	ms, _ := f.DB.Meetings(f.Ctx, store.MeetingFilter{Kind: store.MeetingCommittee, Period: &p})
	var saved *store.MeetingSummary
	for i := range ms {
		if ms[i].Topic == "研究年终民主评议安排" {
			saved = &ms[i]
		}
	}
	if saved == nil || saved.Present != 1 || saved.Quorum {
		t.Fatalf("saved %+v", saved)
	}
}

func TestMeetingFormRefusesBadDateAndBigPhoto(t *testing.T) {
	f, v, w := orglifeMeetings(t)
	test.Tap(button(w, "记录会议"))
	form := v.form
	form.date.SetDate("2026-13-01")
	test.Type(form.topic, "x")
	test.Tap(button(w, "保存"))
	if v.form == nil || !strings.Contains(form.problem.Text, "日期") {
		t.Fatalf("bad date not reported: %q", form.problem.Text)
	}
	// Photos of a recorded meeting: a big file is refused, a small one shows.
	m, err := f.DB.Meeting(f.Ctx, v.rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	v.edit(m)
	pf := v.form
	pf.addPhoto("big.jpg", make([]byte, store.MaxPhotoBytes+1))
	if !strings.Contains(pf.problem.Text, "太大") {
		t.Fatalf("big photo: %q", pf.problem.Text)
	}
	pf.addPhoto("ok.jpg", orglifeJPEG(640, 480))
	if pf.problem.Visible() || len(pf.photoBox.Objects) != 1 {
		t.Fatalf("photo not shown: %q, %d", pf.problem.Text, len(pf.photoBox.Objects))
	}
	capture(t, w, "meeting-photos.png")
}

func orglifeJPEG(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{R: uint8(x / 3), G: 120, B: uint8(y / 2), A: 255})
		}
	}
	var buf bytes.Buffer
	jpeg.Encode(&buf, img, nil)
	return buf.Bytes()
}
