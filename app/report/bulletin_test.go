package report_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"zhibu/app/report"
	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// TestBulletinPDF prints the 通报 of a 25-village demo township (two pages of rows; 40 were
// checked by hand with demo --villages 40 and report bulletin) for the quarter and reads it
// back with pdftotext: the title with the period, the township as issuer with the date in
// Chinese numerals, each village once in code order (no ranking) with its rates and items,
// the table header repeated on every page, page numbers, the good practice paragraph whole
// (no character lost at a line break), and no member's name anywhere.
const bulletinVillages = 25

func TestBulletinPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	f := storetest.Township(t)
	if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: 7, Villages: bulletinVillages}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.DB.AddTask(f.Ctx, []string{"all"}, store.NewTask{Title: "公示栏党费公示未更新", Due: "2026-10-15", Source: "督导"}); err != nil {
		t.Fatal(err)
	}
	q, _ := store.ParsePeriod("2026Q4")
	good := "张庄村坚持“主题党日+志愿服务”，每月组织党员为留守老人理发、打扫庭院，群众满意度高，值得各村学习借鉴。\n李寨村建立流动党员微信群，按月送学上门，流动党员参学率明显提高。"
	var buf bytes.Buffer
	doc, err := report.PrintBulletin(f.Ctx, f.DB, q, good, &buf)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "通报.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("ZHIBU_SHOTS"); dir != "" {
		os.WriteFile(filepath.Join(dir, "bulletin.pdf"), buf.Bytes(), 0o644)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
	if len(pages) < 2 {
		t.Fatalf("%d villages on %d page(s)", bulletinVillages, len(pages))
	}
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{"关于2026年第四季度村级党组织党建工作情况的通报", "各村党组织：", "中共城关镇委员会", "二〇二六年十一月二十九日",
		"按时召开率", "不作排名", "三、好的做法", "第1页", strings.ReplaceAll(strings.Split(good, "\n")[0], " ", ""),
		strings.Split(good, "\n")[1], "逾期未整改25项，涉及25个村"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the bulletin does not say %q", want)
		}
	}
	ks, err := f.DB.KPIs(f.Ctx, q, nil)
	if err != nil || len(ks) != bulletinVillages {
		t.Fatalf("KPIs: %d %v", len(ks), err)
	}
	last := -1
	for _, k := range ks {
		i := strings.Index(text, k.OrgName)
		if i < 0 || strings.Count(text, k.OrgName) != 1 && !strings.Contains(good, k.OrgName) {
			t.Errorf("%s printed %d times", k.OrgName, strings.Count(text, k.OrgName))
		}
		if i < last {
			t.Errorf("%s is out of code order", k.OrgName)
		}
		last = i
		row := regexp.MustCompile(regexp.QuoteMeta(k.OrgName) + `\s+` + regexp.QuoteMeta(store.Percent(k.OnTimeRate)) + `\s+` +
			regexp.QuoteMeta(store.Percent(k.AttendanceRate)) + `\s+` + regexp.QuoteMeta(store.Percent(k.DuesRate)) + `\s+0\s+1\b`)
		if !row.MatchString(text) {
			t.Errorf("the row of %s does not read %s %s %s 0 1", k.OrgName, store.Percent(k.OnTimeRate), store.Percent(k.AttendanceRate), store.Percent(k.DuesRate))
		}
	}
	rowLine := regexp.MustCompile(`(?m)^\s*\d+\s+\S+村党支部\s+\d`)
	for i, p := range pages[1:] {
		if rowLine.MatchString(p) && (!strings.Contains(p, "村党组织") || !strings.Contains(p, "逾期未改")) {
			t.Errorf("page %d has rows but no repeated header", i+2)
		}
	}
	ms, err := f.DB.Members(f.Ctx, store.MemberFilter{All: true})
	if err != nil || len(ms) < 100 {
		t.Fatalf("members: %d %v", len(ms), err)
	}
	for _, m := range ms {
		if len([]rune(m.Name)) >= 2 && strings.Contains(flat, m.Name) && !strings.Contains(doc.Title+good, m.Name) {
			t.Errorf("the bulletin names the member %s", m.Name)
			break
		}
	}
}

// TestBulletinBadInput: a village cannot print the township's bulletin; good practice too
// long is refused with what to do; a text with a character the font lacks names it.
func TestBulletinBadInput(t *testing.T) {
	v := storetest.Village(t)
	q, _ := store.ParsePeriod("2026-11")
	if _, err := report.Bulletin(v.Ctx, v.DB, q, ""); !errors.Is(err, store.ErrDenied) {
		t.Errorf("a village made a bulletin: %v", err)
	}
	f := storetest.Township(t)
	if _, err := report.Bulletin(f.Ctx, f.DB, q, strings.Repeat("好", report.MaxGoodPracticeRunes+1)); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("too long: %v", err)
	}
	var buf bytes.Buffer
	if _, err := report.PrintBulletin(f.Ctx, f.DB, q, "𠙶村的做法", &buf); err == nil || buf.Len() != 0 {
		t.Errorf("an unprintable character: %v, %d bytes written", err, buf.Len())
	}
	// No village: the table says so.
	if doc, err := report.Bulletin(f.Ctx, f.DB, q, ""); err != nil || len(doc.Tables[0].Rows) != 0 || doc.Issuer != "中共城关镇委员会" {
		t.Errorf("empty township: %+v %v", doc, err)
	}
}
