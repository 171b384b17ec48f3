package report_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhibu/app/report"
	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

func demoReport(t *testing.T, villages int) report.Report {
	t.Helper()
	f := storetest.Township(t)
	if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: 7, Villages: villages}); err != nil {
		t.Fatal(err)
	}
	q, _ := store.ParsePeriod("2026Q3")
	r, err := report.Build(f.Ctx, f.DB, q, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Villages) != villages || r.Township.Name != "城关镇党委" || r.Quarter != "2026Q3" {
		t.Fatalf("report %+v", r.Township)
	}
	return r
}

// TestXLSX reads the workbook back: sheets, Chinese headers, numbers stored as numbers,
// rates as percentages with one decimal, the header frozen, A4 landscape.
func TestXLSX(t *testing.T) {
	r := demoReport(t, 3)
	var buf bytes.Buffer
	if err := report.XLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"汇总", "按时召开率", "参会率", "党费", "发展党员（人）", "公示与审核", "发展党员指导性计划", "书记培训", "软弱涣散整顿"}
	if got := x.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	// Source 003: the county's 发展党员指导性计划 is reviewed each quarter — the report carries
	// each village's quota (the demo sets one above what the first village admitted) and
	// what was admitted against it.
	plan, err := x.GetRows("发展党员指导性计划")
	p0 := r.Villages[0].Plan
	if p0 == nil || p0.Quota != p0.Admitted+1 || r.Township.Plan == nil {
		t.Fatalf("plan figures: village %+v township %+v", p0, r.Township.Plan)
	}
	if err != nil || len(plan) < 4 || plan[1][1] != "计划名额" || plan[2][1] != strconv.Itoa(p0.Quota) || plan[2][2] != strconv.Itoa(p0.Admitted) {
		t.Fatalf("plan sheet %q %v", plan, err)
	}
	rows, err := x.GetRows("汇总")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rows[0][0], "城关镇党委2026年第三季度党建工作报表") || rows[1][0] != "村" || rows[1][6] != "按时召开率" {
		t.Fatalf("title/header rows %q / %q", rows[0], rows[1])
	}
	// 3 villages and the township's total row.
	if len(rows) != 2+3+1+1+2 || rows[5][0] != "全镇合计" || rows[2][0] != r.Villages[0].OrgName {
		t.Fatalf("rows %q", rows)
	}
	// The foot (issue 21): the day the figures are counted to and the lines to sign.
	if !strings.Contains(rows[0][0], "统计截至：2026-09-30") || rows[7][0] != "统计截至：2026-09-30" ||
		rows[8][0] != "填报人：李委员    审核人：__________    联系电话：__________" {
		t.Errorf("title %q, foot %q", rows[0][0], rows[6:])
	}
	// Members: a number cell holding the figure; the on-time rate: a fraction shown as 85.7%.
	typ, _ := x.GetCellType("汇总", "B3")
	raw, _ := x.GetCellValue("汇总", "B3", excelize.Options{RawCellValue: true})
	if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || raw != strconv.Itoa(r.Villages[0].Members) {
		t.Errorf("members cell: type %v value %q, want the number %d", typ, raw, r.Villages[0].Members)
	}
	shown, _ := x.GetCellValue("汇总", "G3")
	rawRate, _ := x.GetCellValue("汇总", "G3", excelize.Options{RawCellValue: true})
	if shown != store.Percent(r.Villages[0].OnTimeRate) || !strings.HasPrefix(rawRate, "0.") && rawRate != "1" {
		t.Errorf("rate cell shows %q (raw %q), want %s stored as a fraction", shown, rawRate, store.Percent(r.Villages[0].OnTimeRate))
	}
	panes, err := x.GetPanes("汇总")
	if err != nil || !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("panes %+v %v", panes, err)
	}
	layout, err := x.GetPageLayout("汇总")
	if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.Size == nil || *layout.Size != 9 {
		t.Errorf("page layout %+v %v", layout, err)
	}
	if w, _ := x.GetColWidth("汇总", "A"); w < float64(2*len([]rune(r.Villages[0].OrgName))) {
		t.Errorf("village column %.1f wide, too narrow for %s", w, r.Villages[0].OrgName)
	}
	// The meetings sheet: one row per village and kind.
	mrows, _ := x.GetRows("按时召开率")
	if len(mrows) < 2+3*4 || mrows[1][1] != "会议类型" {
		t.Errorf("meetings sheet %q", mrows)
	}
}

// TestPDF reads the printed report back with pdftotext: the township, the quarter, every
// village, the headers repeated on later pages and page numbers.
func TestPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	r := demoReport(t, 12)
	r.Sign.Reviewer, r.Sign.Phone = "王书记", "0394-8123456" // as typed in the report dialog
	path := filepath.Join(t.TempDir(), "q.pdf")
	var buf bytes.Buffer
	if err := report.PDF(&buf, r); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	pages := strings.Split(text, "\f")
	if len(pages) < 3 {
		t.Fatalf("%d pages", len(pages))
	}
	for _, want := range []string{"城关镇党委2026年第三季度党建工作报表", "各村汇总", "全镇合计", "按时召开率", "党员平均参会率", "党费收缴率",
		"第1页 共", "二〇二六年", "统计截至：2026-09-30", "填报人：李委员", "审核人：王书记", "联系电话：0394-8123456"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not say %q", want)
		}
	}
	for _, v := range r.Villages {
		if !strings.Contains(text, v.OrgName) {
			t.Errorf("village %s missing", v.OrgName)
		}
	}
	// The second page starts with the table's header again.
	if !strings.Contains(pages[1], "村") || !strings.Contains(pages[1], "会议类型") && !strings.Contains(pages[1], "按时召开率") {
		t.Errorf("page 2 has no repeated header:\n%s", pages[1])
	}
}
