package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestReportForm: the township stores a county form, lists it and the indicators, fills it
// for a quarter with the figures of report quarterly --json, and a form naming an unknown
// indicator fails with the cell and a suggestion and writes nothing; a village cannot store
// forms.
func TestReportForm(t *testing.T) {
	h := newHarness(t)
	h.env["ZHIBU_USER"] = "李委员"
	h.ok("init", "--role", "township", "--org-code", "410928", "--org-name", "城关镇党委", "--admin", "李委员")
	h.ok("demo", "--villages", "2", "--seed", "5")
	dir := t.TempDir()
	x := excelize.NewFile()
	x.SetCellValue("Sheet1", "A1", "{{#各村}}{{村名}}")
	x.SetCellValue("Sheet1", "B1", "{{党员数}}")
	x.SetCellValue("Sheet1", "C1", "{{党员平均参会率}}{{/各村}}")
	x.SetCellValue("Sheet1", "A2", "合计")
	x.SetCellFormula("Sheet1", "B2", "SUM(B1:B1)")
	in := filepath.Join(dir, "县表.xlsx")
	if err := x.SaveAs(in); err != nil {
		t.Fatal(err)
	}
	h.ok("report", "form", "add", in, "--name", "县季度表")
	var list []map[string]any
	if err := json.Unmarshal([]byte(h.ok("report", "form", "list", "--json")), &list); err != nil || len(list) != 1 || list[0]["name"] != "县季度表" {
		t.Fatalf("list %v %v", list, err)
	}
	var inds []map[string]any
	if err := json.Unmarshal([]byte(h.ok("report", "form", "indicators", "--json")), &inds); err != nil || len(inds) < 30 {
		t.Fatalf("indicators %d %v", len(inds), err)
	}
	out := filepath.Join(dir, "填好.xlsx")
	h.ok("report", "form", "fill", "县季度表", "--period", "2026Q3", "--out", out)
	var q struct {
		Villages []struct {
			OrgName        string  `json:"org_name"`
			Members        int     `json:"members"`
			AttendanceRate float64 `json:"attendance_rate"`
		} `json:"villages"`
	}
	if err := json.Unmarshal([]byte(h.ok("report", "quarterly", "--quarter", "2026Q3", "--json")), &q); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range q.Villages {
		row := string(rune('1' + i))
		name, _ := f.GetCellValue("Sheet1", "A"+row)
		members, _ := f.GetCellValue("Sheet1", "B"+row)
		rate, _ := f.GetCellValue("Sheet1", "C"+row, excelize.Options{RawCellValue: true})
		if name != v.OrgName || members != itoa(v.Members) || !strings.HasPrefix(rate, "0.") && rate != "1" {
			t.Errorf("row %s: %q %q %q, want %s %d %v", row, name, members, rate, v.OrgName, v.Members, v.AttendanceRate)
		}
	}
	if fm, _ := f.GetCellFormula("Sheet1", "B3"); fm != "SUM(B1:B2)" {
		t.Errorf("total %q", fm)
	}
	// An unknown indicator: exit 1, the cell and a suggestion, no file.
	x.SetCellValue("Sheet1", "D1", "{{参会人数}}")
	x.SaveAs(in)
	h.ok("report", "form", "add", in, "--name", "县季度表")
	bad := filepath.Join(dir, "坏.xlsx")
	code, _, errs := h.run("report", "form", "fill", "县季度表", "--period", "2026Q3", "--out", bad)
	if code != 1 || !strings.Contains(errs, "Sheet1!D1：没有叫“参会人数”的指标，您是不是要找“实到人次”？") {
		t.Errorf("unknown indicator: exit %d %s", code, errs)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("a file was written: %v", err)
	}
	// A macro workbook is refused at once.
	xlsm := strings.Replace(in, ".xlsx", ".xlsm", 1)
	data, _ := os.ReadFile(in)
	os.WriteFile(xlsm, data, 0o644)
	code, _, errs = h.run("report", "form", "add", xlsm, "--name", "宏")
	if code != 1 || !strings.Contains(errs, "带宏") {
		t.Errorf("xlsm: exit %d %s", code, errs)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
