package cli

import (
	"bytes"
	"encoding/json"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zhibu/app/notice"
)

func TestNoticePrintEndToEnd(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	h.ok("demo")
	h.ok("notice", "contact", "--person", "王书记", "--phone", "0394-8123456")
	id := strings.TrimSpace(h.ok("decision", "add", "--topic", "村内主干道硬化", "--content", "硬化主干道1.2公里", "--proposed", "2026-10-08",
		"--merged", "--reviewed", "2026-10-15"))
	h.ok("decision", "set", id, "--resolved", "2026-10-20", "--due", "31", "--present", "28", "--for", "27")
	var ds []DecisionRow
	if err := json.Unmarshal([]byte(h.ok("decision", "list", "--json")), &ds); err != nil {
		t.Fatal(err)
	}
	var mine *DecisionRow
	for i := range ds {
		if ds[i].ID == id {
			mine = &ds[i]
		}
	}
	if mine == nil || mine.Step != 4 {
		t.Fatalf("decision list: %+v", ds)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "决议公开.pdf")
	var res NoticeResult
	if err := json.Unmarshal([]byte(h.ok("notice", "print", "decision", "--subject", id, "--out", out, "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if res.ID == "" || res.Out != out || !strings.Contains(res.Name, "村内主干道硬化") {
		t.Fatalf("result %+v", res)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", out, "-").Output()
	if err != nil || !strings.Contains(string(text), "决议的公开") {
		t.Fatalf("pdftotext: %v %s", err, text)
	}
	photo := filepath.Join(dir, "board.jpg")
	var jpg bytes.Buffer
	jpeg.Encode(&jpg, image.NewRGBA(image.Rect(0, 0, 60, 40)), nil) // a real picture: notice photos are decoded
	os.WriteFile(photo, jpg.Bytes(), 0o644)
	h.ok("notice", "posted", res.ID, "--date", "2026-11-30", "--photo", photo)
	var ns []NoticeRow
	json.Unmarshal([]byte(h.ok("notice", "list", "--json")), &ns)
	if len(ns) != 1 || ns[0].PostedAt != "2026-11-30" || !ns[0].HasPhoto || ns[0].Name == "" {
		t.Fatalf("notice list %+v", ns)
	}
	// Every kind prints from demo data (demo_notice_test.go prints appraisal and decisions too).
	for _, kind := range []string{"development", "probation", "dues", "stars", "theme-day", "birthdays"} {
		h.ok("notice", "print", kind, "--out", filepath.Join(dir, kind+".pdf"))
	}
}

func TestNoticePrintErrors(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	out := filepath.Join(t.TempDir(), "x.pdf")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"notice", "print", "birthdays"}, 2, "--out"},
		{[]string{"notice", "print", "poster", "--out", out}, 2, "poster"},
		{[]string{"notice", "print", "birthdays", "--paper", "B5", "--out", out}, 2, "A4"},
		{[]string{"notice", "print", "birthdays", "--period", "2026-11", "--out", out}, 1, "季度"},
		{[]string{"notice", "print", "decision", "--out", out}, 1, "--subject"},
		{[]string{"notice", "print", "appraisal", "--period", "2025", "--out", filepath.Join(t.TempDir(), "no", "such", "x.pdf")}, 1, ""},
		{[]string{"decision", "add", "--topic", "修路", "--proposed", "2026-10-08", "--reviewed", "2026-10-15"}, 1, "前一步"},
	} {
		code, _, errs := h.run(c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %q", c.args, code, errs)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed print left a file")
	}
}

// Issue 23 item 11: the 发展对象公示 (printed before the 预审, step 13) says 「拟吸收为中共预备
// 党员」 — they are already 发展对象 (504aede: 「拟将…列为发展对象」); printed ahead with
// --start it is dated the day the 公示 starts; asked for a candidate at the wrong stage it says
// so in Chinese (504aede: English).
func TestDevelopmentNoticeWording(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	h.ok("demo")
	var list []CandidateRow
	json.Unmarshal([]byte(h.ok("candidate", "list", "--json")), &list)
	applicant := ""
	for _, c := range list {
		if c.Stage == 1 {
			applicant = c.ID
		}
	}
	if applicant == "" {
		t.Fatalf("the demo has no applicant: %+v", list)
	}
	out := filepath.Join(t.TempDir(), "发展对象公示.pdf")
	h.fails(1, "不是等待支部大会讨论的发展对象", "notice", "print", "development", "--subject", applicant, "--out", out)
	start := time.Now().AddDate(0, 0, 7)
	for start.Weekday() == time.Saturday || start.Weekday() == time.Sunday {
		start = start.AddDate(0, 0, 1)
	}
	h.ok("notice", "print", "development", "--start", start.Format("2006-01-02"), "--out", out)
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", out, "-").Output()
	flat := strings.Join(strings.Fields(string(text)), "")
	if err != nil || !strings.Contains(flat, "拟吸收以下") || !strings.Contains(flat, "为中共预备党员") || strings.Contains(flat, "列为发展对象") {
		t.Fatalf("wording: %v %s", err, flat)
	}
	if want := notice.ChineseDate(start); !strings.Contains(flat, want) {
		t.Errorf("the notice is not dated the start of the 公示 (%s): %s", want, flat)
	}
}
