package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhibu/store"
	"zhibu/store/storetest"
)

// writeRoster makes a 100-row roster the way village secretaries' files look: a title row,
// Chinese headers, Excel serial dates in one column, dotted dates in another, full-width
// digits, stray spaces. bad adds two broken rows.
func writeRoster(t *testing.T, path string, bad bool) {
	t.Helper()
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	f.SetCellValue(sh, "A1", "张庄村党员花名册")
	header := []string{"序号", "姓名", "性别", "身份证号码", "入党时间", "转正时间", "联系电话", "所在党小组", "备注"}
	for i, h := range header {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		f.SetCellValue(sh, cell, h)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14}) // Excel's built-in m/d/yy
	if err != nil {
		t.Fatal(err)
	}
	surn := []rune("王李张刘陈杨黄赵吴周")
	given := []string{"建国", "秀英", "志强", "桂兰", "海涛", "丽华", "永福", "春梅", "卫东", "红梅"}
	for i := 0; i < 100; i++ {
		r := i + 3
		birthYear := 1950 + i%40
		birth := fmt.Sprintf("%d-%02d-%02d", birthYear, 1+i%12, 1+i%28)
		idn := storetest.ValidID(birth, 100+i)
		name := string(surn[i%10]) + given[(i/10)%10]
		joined := fmt.Sprintf("%d.%02d.%02d", birthYear+25, 7, 1)
		vals := []any{i + 1, name, map[bool]string{true: "男", false: "女"}[(100+i)%2 == 1], idn}
		if i%3 == 0 {
			vals[1] = " " + name + " "
		}
		if i%5 == 0 {
			// Full-width digits as typed with a Chinese input method.
			vals[3] = strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return r - '0' + '０'
				}
				return r
			}, idn)
		}
		for c, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(c+1, r)
			f.SetCellValue(sh, cell, v)
		}
		jcell, _ := excelize.CoordinatesToCellName(5, r)
		if i%2 == 0 {
			// An Excel date cell: stored as a serial number.
			f.SetCellValue(sh, jcell, excelSerial(birthYear+25, 7, 1))
			f.SetCellStyle(sh, jcell, jcell, dateStyle)
		} else {
			f.SetCellValue(sh, jcell, joined)
		}
		pcell, _ := excelize.CoordinatesToCellName(7, r)
		f.SetCellValue(sh, pcell, fmt.Sprintf("138%08d", i))
		gcell, _ := excelize.CoordinatesToCellName(8, r)
		f.SetCellValue(sh, gcell, []string{"第一党小组", "第二党小组"}[i%2])
	}
	if bad {
		f.SetCellValue(sh, "D10", "410928199001011234") // wrong check digit
		f.SetCellValue(sh, "E20", "1985年13月1日")         // no such month
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func excelSerial(y, m, d int) int {
	// Days since 1899-12-30 (Excel's epoch, which absorbs its 1900 leap-year bug).
	days := 0
	for yy := 1900; yy < y; yy++ {
		days += 365
		if yy%4 == 0 && (yy%100 != 0 || yy%400 == 0) {
			days++
		}
	}
	mdays := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		mdays[1] = 29
	}
	for mm := 1; mm < m; mm++ {
		days += mdays[mm-1]
	}
	return days + d + 1
}

func TestImportHundredRowRoster(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	dir := t.TempDir()
	badFile := filepath.Join(dir, "花名册-有错.xlsx")
	writeRoster(t, badFile, true)

	before := h.ok("digest")
	code, out, errs := h.run("member", "import", badFile)
	if code != 1 {
		t.Fatalf("import of a roster with bad rows: exit %d", code)
	}
	for _, want := range []string{"第10行", "身份证号码", "第20行", "入党时间"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "没有导入") {
		t.Errorf("stderr %q does not say nothing was imported", errs)
	}
	if h.ok("digest") != before {
		t.Fatal("a rejected import changed the database")
	}

	good := filepath.Join(dir, "花名册.xlsx")
	writeRoster(t, good, false)
	var rep store.ImportReport
	if err := json.Unmarshal([]byte(h.ok("member", "import", good, "--dry-run", "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 100 || len(rep.Problems) != 0 {
		t.Fatalf("dry run: %+v", rep)
	}
	if h.ok("digest") != before {
		t.Fatal("a dry run changed the database")
	}
	if out := h.ok("member", "import", good); !strings.Contains(out, "100") {
		t.Fatalf("import said %q", out)
	}
	var rows []MemberRow
	json.Unmarshal([]byte(h.ok("member", "list", "--json")), &rows)
	if len(rows) != 100 {
		t.Fatalf("%d members after import", len(rows))
	}
	// Find 张建国 (row 3 of the data: i=2) by pinyin initials.
	json.Unmarshal([]byte(h.ok("member", "list", "--query", "zjg", "--json")), &rows)
	if len(rows) == 0 || rows[0].Name != "张建国" {
		t.Fatalf("zjg found %+v", rows)
	}
	// Serial and dotted dates both arrived as ISO dates.
	for _, r := range rows {
		if len(r.JoinedDate) != 10 || !strings.HasSuffix(r.JoinedDate, "-07-01") {
			t.Fatalf("joined date %q", r.JoinedDate)
		}
	}
	// Importing the same file again refuses every row as a duplicate.
	if code, _, _ := h.run("member", "import", good); code != 1 {
		t.Fatal("re-importing the same roster succeeded")
	}
}
