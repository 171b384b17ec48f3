package form_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhibu/app/report"
	"zhibu/app/report/form"
	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// -forms DIR writes the two county forms before and after filling, for a person to open.
var formsDir = flag.String("forms", "", "write the sample forms and their filled copies into this folder")

func bytesOf(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	b, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func township(t *testing.T, villages int) *storetest.Fixture {
	t.Helper()
	f := storetest.Township(t)
	if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: 7, Villages: villages}); err != nil {
		t.Fatal(err)
	}
	return f
}

func num(t *testing.T, x *excelize.File, sh, ref string) float64 {
	t.Helper()
	v, err := x.GetCellValue(sh, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	typ, _ := x.GetCellType(sh, ref)
	if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Fatalf("%s!%s holds the text %q, want a number", sh, ref, v)
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q, want a number", sh, ref, v)
	}
	return n
}

// TestFillAgreesWithQuarterly fills the county's summary form for a demo township and reads
// every figure back against report quarterly --json's (report.Build): a row per village in
// order, numbers as numbers, rates as fractions in the form's 0.0% format, 「—」 where nothing
// was due, the totals' formulas stretched over every village row, the rest of the form kept.
func TestFillAgreesWithQuarterly(t *testing.T) {
	fx := township(t, 5)
	q, _ := store.ParsePeriod("2026Q3")
	r, err := report.Build(fx.Ctx, fx.DB, q, nil)
	if err != nil {
		t.Fatal(err)
	}
	out, res, err := form.Fill(fx.Ctx, fx.DB, bytesOf(t, summaryForm(t)), nil, q)
	if err != nil {
		t.Fatal(assets.Chinese(err))
	}
	if res.Villages != 5 {
		t.Fatalf("villages %d", res.Villages)
	}
	x, err := excelize.OpenReader(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	sh := "汇总表"
	if got := x.GetSheetList(); strings.Join(got, ",") != "汇总表,填表说明" {
		t.Fatalf("sheets %v", got)
	}
	a2, _ := x.GetCellValue(sh, "A2")
	if a2 != "填报单位："+r.Township.Name+"（盖章）　　统计期间：2026年第三季度" {
		t.Errorf("A2 %q", a2)
	}
	for i, v := range r.Villages {
		row := strconv.Itoa(4 + i)
		name, _ := x.GetCellValue(sh, "B"+row)
		if name != v.OrgName || num(t, x, sh, "A"+row) != float64(i+1) {
			t.Errorf("row %s: %q, want %s", row, name, v.OrgName)
		}
		if num(t, x, sh, "C"+row) != float64(v.Members) {
			t.Errorf("%s members %v, want %d", v.OrgName, num(t, x, sh, "C"+row), v.Members)
		}
		required, onTime := 0, 0
		for _, m := range v.Meetings {
			required, onTime = required+m.Required, onTime+m.OnTime
		}
		if num(t, x, sh, "E"+row) != float64(required) || num(t, x, sh, "F"+row) != float64(onTime) {
			t.Errorf("%s meetings %v/%v, want %d/%d", v.OrgName, num(t, x, sh, "E"+row), num(t, x, sh, "F"+row), required, onTime)
		}
		for col, want := range map[string]float64{"G": float64(v.OnTimeRate), "J": float64(v.AttendanceRate), "K": float64(v.DuesRate)} {
			raw, _ := x.GetCellValue(sh, col+row, excelize.Options{RawCellValue: true})
			if raw == form.Dash {
				continue // checked below: only where nothing was due
			}
			if got := num(t, x, sh, col+row); math.Abs(got-want) > 1e-12 {
				t.Errorf("%s %s%s = %v, want %v", v.OrgName, col, row, got, want)
			}
			shown, _ := x.GetCellValue(sh, col+row)
			if shown != store.Percent(want) {
				t.Errorf("%s%s shows %q, want %s", col, row, shown, store.Percent(want))
			}
		}
		if required == 0 {
			if raw, _ := x.GetCellValue(sh, "G"+row); raw != form.Dash {
				t.Errorf("%s: nothing required, on-time rate %q, want —", v.OrgName, raw)
			}
		}
	}
	// The totals row moved below the villages and sums all of them.
	tot := strconv.Itoa(4 + len(r.Villages))
	if a, _ := x.GetCellValue(sh, "A"+tot); a != "合计" {
		t.Fatalf("A%s %q, want the totals row", tot, a)
	}
	if fm, _ := x.GetCellFormula(sh, "C"+tot); fm != "SUM(C4:C"+strconv.Itoa(3+len(r.Villages))+")" {
		t.Errorf("total formula %q", fm)
	}
	if fm, _ := x.GetCellFormula(sh, "G"+tot); fm != `IF(E`+tot+`=0,"—",F`+tot+`/E`+tot+`)` {
		t.Errorf("rate formula %q", fm)
	}
	if got, _ := x.CalcCellValue(sh, "C"+tot); got != strconv.Itoa(r.Township.Members) {
		t.Errorf("total members by formula %s, want %d", got, r.Township.Members)
	}
	if got := num(t, x, sh, "K"+tot); math.Abs(got-float64(r.Township.DuesRate)) > 1e-12 {
		t.Errorf("township dues rate %v, want %v", got, r.Township.DuesRate)
	}
	// Kept: merged cells (moved with their rows), widths, print setup, the other sheet.
	mc, _ := x.GetMergeCells(sh)
	var merged []string
	for _, m := range mc {
		merged = append(merged, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	foot := strconv.Itoa(6 + len(r.Villages))
	for _, want := range []string{"A1:K1", "A2:G2", "J2:K2", "A" + tot + ":B" + tot, "A" + foot + ":K" + foot} {
		if !strings.Contains(strings.Join(merged, ","), want) {
			t.Errorf("merged %v lack %s", merged, want)
		}
	}
	if w, _ := x.GetColWidth(sh, "B"); w != 22 {
		t.Errorf("width of B %v", w)
	}
	if l, _ := x.GetPageLayout(sh); l.Orientation == nil || *l.Orientation != "landscape" {
		t.Errorf("layout %+v", l)
	}
	if s, _ := x.GetCellValue("填表说明", "A2"); !strings.Contains(s, "10日内") {
		t.Errorf("instructions sheet %q", s)
	}
	// Nothing added: no placeholder left, no new sheet, no cell beyond the form's columns.
	rows, _ := x.GetRows(sh)
	for i, rr := range rows {
		if len(rr) > 11 {
			t.Errorf("row %d has %d columns", i+1, len(rr))
		}
		for _, c := range rr {
			if strings.Contains(c, "{{") {
				t.Errorf("row %d keeps a placeholder %q", i+1, c)
			}
		}
	}
	// The fill date is a date.
	if typ, _ := x.GetCellType(sh, "J2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("fill date is text")
	}
	if *formsDir != "" {
		writeSample(t, "form-summary", summaryForm(t), out)
	}
}

func writeSample(t *testing.T, name string, before *excelize.File, after []byte) {
	must(t, os.MkdirAll(*formsDir, 0o755))
	must(t, before.SaveAs(filepath.Join(*formsDir, name+"-before.xlsx")))
	must(t, os.WriteFile(filepath.Join(*formsDir, name+"-after.xlsx"), after, 0o644))
}

// TestFillCards fills the per-village register: a three-row card per village with merged
// cells inside it, text with figures inside a sentence, and the totals by formula over
// every card.
func TestFillCards(t *testing.T) {
	fx := township(t, 3)
	q, _ := store.ParsePeriod("2026Q3")
	ks, err := fx.DB.KPIs(fx.Ctx, q, nil)
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := form.Fill(fx.Ctx, fx.DB, bytesOf(t, villageCards(t)), nil, q)
	if err != nil {
		t.Fatal(assets.Chinese(err))
	}
	x, _ := excelize.OpenReader(bytes.NewReader(out))
	sh := "村级登记卡"
	for i, k := range ks {
		r := 4 + 3*i
		name, _ := x.GetCellValue(sh, "B"+strconv.Itoa(r))
		if name != k.OrgName {
			t.Errorf("card %d: %q, want %s", i, name, k.OrgName)
		}
		f5, _ := x.GetCellValue(sh, "F"+strconv.Itoa(r+1))
		if want := "预备党员：" + strconv.Itoa(k.Members-k.Full) + "人，流动党员：" + strconv.Itoa(k.Categories["floating"]) + "人"; f5 != want {
			t.Errorf("card %d: %q, want %q", i, f5, want)
		}
		if num(t, x, sh, "G"+strconv.Itoa(r)) != float64(k.Stages["activist"]) {
			t.Errorf("card %d activists", i)
		}
	}
	tot := strconv.Itoa(4 + 3*len(ks))
	if fm, _ := x.GetCellFormula(sh, "F"+tot); fm != "SUM(F4:F"+strconv.Itoa(3+3*len(ks))+")" {
		t.Errorf("total formula %q", fm)
	}
	mc, _ := x.GetMergeCells(sh)
	n := 0
	for _, m := range mc {
		if strings.HasPrefix(m.GetStartAxis(), "F") && m.GetEndAxis()[0] == 'H' {
			n++
		}
	}
	if n != 1+len(ks) { // 发展党员 header and one per card
		t.Errorf("F:H merges %d, want %d", n, 1+len(ks))
	}
	if *formsDir != "" {
		writeSample(t, "form-cards", villageCards(t), out)
	}
}

// TestUnknownPlaceholder: a name that is no indicator is reported with its cell and a
// suggestion, and nothing is filled.
func TestUnknownPlaceholder(t *testing.T) {
	fx := township(t, 2)
	q, _ := store.ParsePeriod("2026Q3")
	f := summaryForm(t)
	must(t, f.SetCellValue("汇总表", "I4", "{{参会人数}}"))
	out, _, err := form.Fill(fx.Ctx, fx.DB, bytesOf(t, f), map[string]string{"汇总表!B9": "{{村名}}"}, q)
	var ps form.Problems
	if out != nil || !errors.As(err, &ps) {
		t.Fatalf("err %v", err)
	}
	msg := assets.Chinese(err)
	for _, want := range []string{"汇总表!I4：没有叫“参会人数”的指标，您是不是要找“实到人次”？", "汇总表!B9：“村名”是各村的指标"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

// TestBadWorkbooks: each is refused with a Chinese sentence saying what to do.
func TestBadWorkbooks(t *testing.T) {
	good := bytesOf(t, summaryForm(t))
	zipOf := func(entries map[string][]byte) []byte {
		var b bytes.Buffer
		w := zip.NewWriter(&b)
		for n, d := range entries {
			fw, _ := w.Create(n)
			fw.Write(d)
		}
		w.Close()
		return b.Bytes()
	}
	withEntry := func(name string, data []byte) []byte {
		zr, _ := zip.NewReader(bytes.NewReader(good), int64(len(good)))
		m := map[string][]byte{name: data}
		for _, f := range zr.File {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			m[f.Name] = b.Bytes()
		}
		return zipOf(m)
	}
	ext := summaryForm(t)
	must(t, ext.SetCellFormula("汇总表", "C5", "SUM([1]Sheet1!C4:C9)"))
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"坏.xlsx", []byte("PK\x03\x04 not really"), "已损坏"},
		{"加密.xlsx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), "密码"},
		{"宏.xlsm", good, "宏"},
		{"宏.xlsx", withEntry("xl/vbaProject.bin", []byte("x")), "宏"},
		{"大.xlsx", make([]byte, store.MaxFormBytes+1), "太大"},
		{"炸弹.xlsx", withEntry("xl/worksheets/sheet9.xml", bytes.Repeat([]byte("<c/>"), 40<<20/4)), "远超"},
		{"外链.xlsx", bytesOf(t, ext), "其他文件"},
	}
	for _, c := range cases {
		err := form.Check(c.name, c.data)
		if err == nil || !errors.Is(err, form.ErrBadForm) || !strings.Contains(assets.Chinese(err), c.want) {
			t.Errorf("%s: %v / %s", c.name, err, assets.Chinese(err))
		}
	}
	if err := form.Check("好.xlsx", good); err != nil {
		t.Errorf("good form refused: %s", assets.Chinese(err))
	}
}
