package roster

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// sheet is a worksheet to build: cells by reference, values as excelize.SetCellValue takes
// them; a rawNumber is written as a number cell with exactly that text, as Excel writes it.
type sheet struct {
	name   string
	cells  map[string]any
	merge  [][2]string
	dateAt []string // cells given Excel's short date format (built-in 14)
}

type rawNumber string

func buildXLSX(t *testing.T, date1904 bool, sheets ...sheet) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	if date1904 {
		yes := true
		if err := x.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	}
	dateStyle, err := x.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range sheets {
		if i == 0 {
			if err := x.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := x.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for ref, v := range s.cells {
			if raw, ok := v.(rawNumber); ok {
				err = x.SetCellDefault(s.name, ref, string(raw))
			} else {
				err = x.SetCellValue(s.name, ref, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range s.merge {
			if err := x.MergeCell(s.name, m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
		for _, ref := range s.dateAt {
			if err := x.SetCellStyle(s.name, ref, ref, dateStyle); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadXLSX(t *testing.T) {
	data := buildXLSX(t, false,
		sheet{name: "填表说明", cells: map[string]any{"A1": "请按花名册工作表填写，日期写成 1985-07-01。"}},
		sheet{name: "花名册", cells: map[string]any{
			"A1": "某某村党员花名册",
			"A2": "填报单位：某某村党支部",
			"A3": "序号", "B3": "姓名", "C3": "性别", "D3": "身份证号码", "E3": "出生日期", "F3": "入党时间",
			"G3": "转正时间", "H3": "党小组", "I3": "联系电话", "J3": "备注", "K3": "籍贯",
			// A date cell as Excel stores it (serial 31229 shown as 1985/7/1), a number typed
			// as 19850701, text with full-width digits, a group merged over three members.
			"A4": 1, "B4": "张 三", "C4": "男", "D4": "４１０９０１１９８５０７０１２６５９", "E4": 31229, "F4": 19850701,
			"G4": "1986年7月", "H4": "第一党小组", "I4": 13812345678, "K4": "河南",
			// An ID number typed into a number cell: Excel keeps 17 significant digits.
			"A5": 2, "B5": "李四", "C5": "女", "D5": rawNumber("4.1090119750520003E+17"), "E5": "1975.5.20", "F5": 36708,
			"J5": " 备注  一 ",
			"A6": 3, "B6": "王五", "C6": "男", "D6": "410901199306060034", "E6": "1993-06-06", "F6": "2015.13.01", "G6": "abc",
			// Row 7 is empty; row 9 has only spaces.
			"A8": 4, "B8": "赵六", "C8": "男", "E8": rawNumber("32874.5"), "F8": "2012.07", "H8": "第二党小组",
			"B9": " ", "C9": "\u3000",
		},
			merge:  [][2]string{{"A1", "K1"}, {"H4", "H6"}},
			dateAt: []string{"E4", "F5", "E8"},
		})
	f, err := testFormat.Read("花名册.xlsx", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	cols := []string{"name", "gender", "id_number", "birth_date", "joined_date", "confirmed_date", "group", "phone", "notes"}
	records := []Record{
		{4, fields(cols, "张三", "男", "410901198507012659", "1985-07-01", "1985-07-01", "1986-07-01", "第一党小组", "13812345678", "")},
		{5, fields(cols, "李四", "女", "4.1090119750520003E+17", "1975-05-20", "2000-07-01", "", "第一党小组", "", "备注 一")},
		{6, fields(cols, "王五", "男", "410901199306060034", "1993-06-06", "2015.13.01", "abc", "第一党小组", "", "")},
		{8, fields(cols, "赵六", "男", "", "1990-01-01", "2012-07-01", "", "第二党小组", "", "")},
	}
	problems := []wantProblem{
		{5, "身份证号码", lostID, []any{"4.1090119750520003E+17"}},
		{6, "入党时间", noDay, []any{"2015.13.01"}},
		{6, "转正时间", badDate, []any{"abc"}},
	}
	checkFile(t, f, records, problems)
	if f.Sheet != "花名册" || f.HeaderRow != 3 || !reflect.DeepEqual(f.Ignored, []string{"序号", "籍贯"}) {
		t.Errorf("sheet %q, header row %d, ignored %q", f.Sheet, f.HeaderRow, f.Ignored)
	}
}

func TestReadXLSX1904(t *testing.T) {
	data := buildXLSX(t, true, sheet{name: "Sheet1",
		cells:  map[string]any{"A1": "姓名", "B1": "入党时间", "A2": "张三", "B2": 29767},
		dateAt: []string{"B2"}})
	f, err := testFormat.Read("mac.xlsx", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	checkFile(t, f, []Record{{2, map[string]string{"name": "张三", "joined_date": "1985-07-01"}}}, nil)
}

func TestReadXLSXWithoutHeader(t *testing.T) {
	data := buildXLSX(t, false, sheet{name: "Sheet1", cells: map[string]any{"A1": "名单", "A2": "张三"}})
	_, err := testFormat.Read("名单.xlsx", bytes.NewReader(data))
	if err == nil {
		t.Fatal("read a workbook without a header")
	}
}

func TestWrite(t *testing.T) {
	var header []string
	for _, c := range testColumns() {
		header = append(header, c.Header)
	}
	row := []string{"阿依古丽·买买提", "女", "维吾尔族", "1970-03-12", "650102197003120042", "大专", "13812345678",
		"红旗村三组，12号", "2001-07-01", "2002-07-01", "正式党员", "委员", "第一党小组", "流动", "在册", "", "在外务工"}
	if len(row) != len(header) {
		t.Fatalf("test row has %d cells for %d headers", len(row), len(header))
	}
	var b bytes.Buffer
	if err := Write(&b, header, [][]string{row, {"张三"}}); err != nil {
		t.Fatal(err)
	}

	// It reads back as written.
	f, err := testFormat.Read("导出.xlsx", bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for i, c := range testColumns() {
		want[c.Field] = row[i]
	}
	empty := map[string]string{}
	for _, c := range testColumns() {
		empty[c.Field] = ""
	}
	empty["name"] = "张三"
	checkFile(t, f, []Record{{2, want}, {3, empty}}, nil)
	if f.Sheet != SheetName || len(f.Ignored) != 0 || len(f.Columns) != len(header) {
		t.Errorf("sheet %q, ignored %q, %d columns", f.Sheet, f.Ignored, len(f.Columns))
	}

	// Its layout: frozen header, text cells and columns, widths from the content.
	x, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if p, err := x.GetPanes(SheetName); err != nil || !p.Freeze || p.YSplit != 1 {
		t.Errorf("panes %+v, %v", p, err)
	}
	for _, ref := range []string{"A1", "E2", "G2", "E3"} {
		id, err := x.GetCellStyle(SheetName, ref)
		if err != nil {
			t.Fatal(err)
		}
		s, err := x.GetStyle(id)
		if err != nil || s.NumFmt != 49 {
			t.Errorf("cell %s: number format %d, want 49 (text)", ref, s.NumFmt)
		}
		if bold := s.Font != nil && s.Font.Bold; bold != (ref == "A1") {
			t.Errorf("cell %s: bold %v", ref, bold)
		}
	}
	if id, err := x.GetColStyle(SheetName, "E"); err != nil || id == 0 {
		t.Errorf("column E has style %d, %v; want the text style", id, err)
	}
	if w, _ := x.GetColWidth(SheetName, "E"); w != 20 {
		t.Errorf("ID column width %v, want 20", w)
	}
	if w, _ := x.GetColWidth(SheetName, "B"); w != 6 {
		t.Errorf("gender column width %v, want 6", w)
	}
}

func TestWriteTemplate(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, []string{"姓名", "性别"}, nil); err != nil {
		t.Fatal(err)
	}
	f, err := testFormat.Read("模板.xlsx", &b)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Records) != 0 || len(f.Columns) != 2 {
		t.Errorf("template read as %+v", f)
	}
}
