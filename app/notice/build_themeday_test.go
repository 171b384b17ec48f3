package notice

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
)

// themeDayRecord is the demo village's latest theme-day record, with two photos added.
func themeDayRecord(t *testing.T, f *storetest.Fixture, home store.Org) store.Meeting {
	t.Helper()
	ms, err := f.DB.Meetings(f.Ctx, store.MeetingFilter{OrgID: home.ID, Kind: store.MeetingThemeDay})
	if err != nil || len(ms) == 0 {
		t.Fatalf("no theme day in the demo: %v", err)
	}
	m, err := f.DB.Meeting(f.Ctx, ms[len(ms)-1].ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range []color.RGBA{{180, 40, 40, 255}, {40, 90, 160, 255}} {
		img := image.NewRGBA(image.Rect(0, 0, 1200, 800-i*300))
		for y := range img.Bounds().Dy() {
			for x := range img.Bounds().Dx() {
				img.Set(x, y, color.RGBA{c.R, uint8(int(c.G) + x%60), c.B, 255})
			}
		}
		var buf bytes.Buffer
		jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
		if _, err := f.DB.AddPhoto(f.Ctx, m.ID, "现场.jpg", buf.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

func TestThemeDayReport(t *testing.T) {
	f, home, _ := demoVillage(t)
	m := themeDayRecord(t, f, home)
	var buf bytes.Buffer
	doc, err := Print(f.Ctx, f.DB, Request{Kind: ThemeDayReport, Subject: m.ID}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	present := 0
	for _, a := range m.Attendance {
		if a.Status == store.AttendPresent {
			present++
		}
	}
	if !strings.Contains(doc.Title, "主题党日活动情况") {
		t.Errorf("title %q", doc.Title)
	}
	if len(doc.Photos) != 2 {
		t.Errorf("%d photos on the notice, want 2", len(doc.Photos))
	}
	if buf.Len() > 300<<10 {
		t.Errorf("PDF of %d KB, want < 300 KB", buf.Len()>>10)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	text := squeeze(pdftotext(t, writeTemp(t, buf.Bytes())))
	want := []string{"实到" + itoa(present) + "名", "应到党员" + itoa(len(m.Attendance)) + "名", m.Items[0].Title, "出席"}
	if m.Items[0].Done != "" {
		want = append(want, squeeze(m.Items[0].Done)[:min(len(squeeze(m.Items[0].Done)), 9)])
	}
	for _, w := range want {
		if !strings.Contains(text, squeeze(w)) {
			t.Errorf("the notice lacks %q:\n%s", w, text)
		}
	}
	if dir := os.Getenv("ZHIBU_LOOK"); dir != "" { // write the PDF and its first page to look at
		pdf := filepath.Join(dir, "theme-day-report.pdf")
		os.WriteFile(pdf, buf.Bytes(), 0o644)
		exec.Command("pdftoppm", "-r", "60", "-png", pdf, filepath.Join(dir, "theme-day-report")).Run()
	}
}

func TestThemeDayReportBadSubject(t *testing.T) {
	f, home, dec := demoVillage(t)
	ms, _ := f.DB.Meetings(f.Ctx, store.MeetingFilter{OrgID: home.ID, Kind: store.MeetingGeneral})
	cases := map[string]Request{
		"no subject":         {Kind: ThemeDayReport},
		"not a meeting":      {Kind: ThemeDayReport, Subject: dec},
		"not a theme day":    {Kind: ThemeDayReport, Subject: ms[0].ID},
		"period not allowed": {Kind: ThemeDayReport, Subject: ms[0].ID, Period: "2026-11"},
	}
	for name, req := range cases {
		var buf bytes.Buffer
		if _, err := Print(f.Ctx, f.DB, req, &buf); err == nil || buf.Len() != 0 {
			t.Errorf("%s: err %v, %d bytes", name, err, buf.Len())
		}
	}
}

// A floating member reached by 送学上门 takes part (DOMAIN: counted as present for 党员平均参会率):
// the 活动情况 names them so and the opening line says how many of the 流动在外 were reached;
// 实到 stays the members who came.
func TestThemeDayReportNamesTheMembersReachedAtHome(t *testing.T) {
	f, home, _ := demoVillage(t)
	m := themeDayRecord(t, f, home)
	reached, present, floating := "", 0, 0
	for i, a := range m.Attendance {
		switch a.Status {
		case store.AttendPresent:
			present++
		case store.AttendFloating:
			floating++
			if reached == "" {
				reached = a.Name
				m.Attendance[i].Note = store.NoteTaughtAtHome
			}
		}
	}
	if reached == "" {
		t.Skip("no floating member on the demo's theme day")
	}
	if _, err := f.DB.SaveMeeting(f.Ctx, m); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	doc, err := Print(f.Ctx, f.DB, Request{Kind: ThemeDayReport, Subject: m.ID}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	var row []string
	for _, tb := range doc.Tables {
		for _, r := range tb.Rows {
			if r[0] == store.Attendance.Label(store.AttendFloating) {
				row = r
			}
		}
	}
	if row == nil || row[1] != itoa(floating) || !strings.Contains(row[2], reached+"（送学上门）") {
		t.Errorf("the 流动在外 row %q does not name %s as reached by 送学上门", row, reached)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	text := squeeze(pdftotext(t, writeTemp(t, buf.Bytes())))
	for _, w := range []string{"实到" + itoa(present) + "名", "其中送学上门1人"} {
		if !strings.Contains(text, w) {
			t.Errorf("the notice lacks %q:\n%s", w, text)
		}
	}
}
