package roster

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"zhibu/assets"
)

// fields builds a Record's Fields from the columns of a test and the values in order.
func fields(cols []string, values ...string) map[string]string {
	m := make(map[string]string, len(cols))
	for i, c := range cols {
		m[c] = values[i]
	}
	return m
}

type wantProblem struct {
	row    int
	column string
	key    string
	args   []any
}

func checkFile(t *testing.T, f *File, records []Record, problems []wantProblem) {
	t.Helper()
	if len(f.Records) != len(records) {
		t.Errorf("got %d records, want %d", len(f.Records), len(records))
	}
	for i := 0; i < len(f.Records) && i < len(records); i++ {
		if !reflect.DeepEqual(f.Records[i], records[i]) {
			t.Errorf("record %d:\n got %v\nwant %v", i, f.Records[i], records[i])
		}
	}
	var got []wantProblem
	for _, p := range f.Problems {
		got = append(got, wantProblem{p.Row, p.Column, p.Err.Key, p.Err.Args})
	}
	if !reflect.DeepEqual(got, problems) {
		t.Errorf("problems:\n got %v\nwant %v", got, problems)
	}
}

const (
	badDate  = "%s is not a date that can be read. Write it like 1985-07-01, 1985/7/1, 1985.7.1, 1985年7月1日 or 19850701."
	noDay    = "%s is not a real date: that day does not exist. Check the date."
	yearOnly = "%s gives only the year. Add at least the month, like 1985-07 or 1985年7月."
	janOct   = "%s could mean January or October (Excel drops the final 0 of 1985.10). Write it as 1985-01 or 1985-10."
	lostID   = "Excel stored this ID number as a number (%s) and lost its last digits. In Excel, format the column as text, type the numbers again, and import the file again."
)

func readFixture(t *testing.T, name string) *File {
	t.Helper()
	fh, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	f, err := testFormat.Read(name, fh)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestReadGBKCSV(t *testing.T) {
	f := readFixture(t, "gbk.csv")
	cols := []string{"name", "gender", "ethnicity", "birth_date", "id_number", "education", "phone", "address",
		"joined_date", "confirmed_date", "status", "category", "position", "group", "notes"}
	records := []Record{
		{4, fields(cols, "张三", "男", "汉族", "1955-03-01", "410901195503012658", "高中", "13812345678", "红旗村一组，12号",
			"1980-07-01", "1981-07-01", "正式党员", "夕阳红", "党员", "第一党小组", "")},
		{5, fields(cols, "曾国藩", "男", "汉", "1962-08-15", "430421196208150034", "初中", "13912345678", "红旗村二组",
			"1990-07-01", "1991-07-01", "正式党员", "在职", "书记", "第二党小组", "老支书")},
		{7, fields(cols, "阿依古丽·买买提", "女", "维吾尔族", "1970-03-01", "650102197003120042", "大专", "", "红旗村三组",
			"2001.1", "2002-10-01", "正式党员", "流动", "委员", "第一党小组", "在外务工")},
		{9, fields(cols, "李四", "男", "汉族", "1975-02-30", "410901197505200029", "初中", "", "",
			"不详", "2010", "预备党员", "无职", "党员", "", "入党时间待查")},
		{10, fields(cols, "王五", "女", "汉族", "1980-11-11", "410901198011112330", "小学", "13700000000", "红旗村四组 老屋",
			"2005-07-01", "", "预备党员", "在职", "", "第二党小组", `说"好"`)},
		{11, fields(cols, "赵六", "男", "汉族", "1990-01-01", "410901199001011020", "本科", "0371-12345678", "",
			"2015-07-01", "2016-07-01", "正式党员", "在职", "副书记", "第一党小组", "")},
	}
	problems := []wantProblem{
		{7, "入党时间", janOct, []any{"2001.1"}},
		{9, "出生年月", noDay, []any{"1975-02-30"}},
		{9, "入党时间", badDate, []any{"不详"}},
		{9, "转正时间", yearOnly, []any{"2010"}},
	}
	checkFile(t, f, records, problems)
	if f.HeaderRow != 3 || f.Sheet != "" || !reflect.DeepEqual(f.Ignored, []string{"序号"}) {
		t.Errorf("header row %d, sheet %q, ignored %q", f.HeaderRow, f.Sheet, f.Ignored)
	}
	wantCols := []Column{{"name", "姓 名"}, {"gender", "性别"}, {"ethnicity", "民族"}, {"birth_date", "出生年月"},
		{"id_number", "身份证号码"}, {"education", "文化程度"}, {"phone", "手机"}, {"address", "家庭住址"},
		{"joined_date", "入党时间"}, {"confirmed_date", "转正时间"}, {"status", "人员类别"}, {"category", "党员类别"},
		{"position", "党内职务"}, {"group", "所在党小组"}, {"notes", "备注"}}
	if !reflect.DeepEqual(f.Columns, wantCols) {
		t.Errorf("columns:\n got %v\nwant %v", f.Columns, wantCols)
	}
}

func TestReadBOMCSV(t *testing.T) {
	f := readFixture(t, "utf8bom.csv")
	cols := []string{"name", "gender", "birth_date", "id_number", "phone", "joined_date", "confirmed_date", "category", "group", "state"}
	records := []Record{
		{2, fields(cols, "刘备", "男", "1949-12-31", "11010519491231002X", "", "1985-07-01", "1986-07-01", "", "", "在册")},
		{3, fields(cols, "关羽", "男", "1985-07-01", "410901198507012659", "13812345678", "1985-07-01", "1986-07-01", "", "", "在册")},
		{4, fields(cols, "张飞", "男", "1985-07-01", "410901199306060034", "", "1985-07-01", "1986-07-01", "", "第一党小组", "")},
		{5, fields(cols, "诸葛亮", "男", "1981-04-01", "410901198011112330", "", "2001-07-01", "2002-07-01", "", "第一党小组", "在册")},
	}
	checkFile(t, f, records, nil)
	if f.HeaderRow != 1 || !reflect.DeepEqual(f.Ignored, []string{"籍贯"}) {
		t.Errorf("header row %d, ignored %q", f.HeaderRow, f.Ignored)
	}
}

func TestReadCSVVariants(t *testing.T) {
	utf16 := []byte{0xff, 0xfe}
	for _, r := range "姓名\t性别\r\n张三\t男\r\n" {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	tests := []struct {
		name string
		data []byte
		want []Record
	}{
		{"tabs.csv", []byte("姓名\t性别\n张三\t男\n"), []Record{{2, map[string]string{"name": "张三", "gender": "男"}}}},
		{"semicolons.CSV", []byte("姓名;性别\n张三;男\n"), []Record{{2, map[string]string{"name": "张三", "gender": "男"}}}},
		{"utf16.csv", utf16, []Record{{2, map[string]string{"name": "张三", "gender": "男"}}}},
		{"plain.csv", []byte("姓名,性别\n\n\n张三\n"), []Record{{4, map[string]string{"name": "张三", "gender": ""}}}},
		{"template-rows.csv", []byte("序号,姓名,性别\n1,张三,男\n2,,\n3,,\n"), []Record{{2, map[string]string{"name": "张三", "gender": "男"}}}},
		{"gender-only.csv", []byte("序号,姓名,性别\n1,,男\n"), []Record{{2, map[string]string{"name": "", "gender": "男"}}}},
		{"repeated-header.csv", []byte("姓名,性别\n张三,男\n姓名,性别\n李四,女\n"), []Record{
			{2, map[string]string{"name": "张三", "gender": "男"}}, {4, map[string]string{"name": "李四", "gender": "女"}}}},
		{"two-phones.csv", []byte("姓名,手机,电话\n张三,,0371-1234567\n李四,13812345678,0371-1234567\n"), []Record{
			{2, map[string]string{"name": "张三", "phone": "0371-1234567"}}, {3, map[string]string{"name": "李四", "phone": "13812345678"}}}},
		{"status-by-values.csv", []byte("姓名,类别,类型\n张三,预备党员,流动\n李四,正式党员,\n"), []Record{
			{2, map[string]string{"name": "张三", "status": "预备党员", "category": "流动"}},
			{3, map[string]string{"name": "李四", "status": "正式党员", "category": ""}}}},
	}
	for _, tt := range tests {
		f, err := testFormat.Read(tt.name, bytes.NewReader(tt.data))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !reflect.DeepEqual(f.Records, tt.want) || len(f.Problems) > 0 {
			t.Errorf("%s:\n got %v %v\nwant %v", tt.name, f.Records, f.Problems, tt.want)
		}
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, data, key string
	}{
		{"花名册.xls", "\xd0\xcf\x11\xe0", "%s is in an old spreadsheet format that cannot be read. Open it in Excel or WPS, save it as an Excel workbook (.xlsx), and import that file."},
		{"花名册.docx", "", "%s cannot be imported: a roster must be an Excel workbook (.xlsx) or a CSV file (.csv). Open it in Excel or WPS, save it in one of these formats, and try again."},
		{"花名册", "", "%s cannot be imported: a roster must be an Excel workbook (.xlsx) or a CSV file (.csv). Open it in Excel or WPS, save it in one of these formats, and try again."},
		{"花名册.xlsx", "not a zip", "%s cannot be opened as an Excel workbook. It may be damaged or protected by a password: open it in Excel or WPS, save it again without a password, and try again."},
		{"花名册.csv", "名字的,性别\n张三,男\n", "No column titled 姓名 was found in the first rows of %s. Put the column titles (姓名, 性别, 身份证号码 …) in one row above the members and try again."},
		{"花名册.csv", strings.Repeat("\n", headerSearchRows) + "姓名\n张三\n", "No column titled 姓名 was found in the first rows of %s. Put the column titles (姓名, 性别, 身份证号码 …) in one row above the members and try again."},
		{"花名册.csv", "", "No column titled 姓名 was found in the first rows of %s. Put the column titles (姓名, 性别, 身份证号码 …) in one row above the members and try again."},
	}
	for _, tt := range tests {
		_, err := testFormat.Read("/home/user/"+tt.name, strings.NewReader(tt.data))
		var ue *assets.Error
		if !errors.As(err, &ue) || ue.Key != tt.key || !reflect.DeepEqual(ue.Args, []any{tt.name}) {
			t.Errorf("testFormat.Read(%q) error = %#v, want key %q", tt.name, err, tt.key)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in       string
		date1904 bool
		want     string
		key      string
	}{
		{"1985-07-01", false, "1985-07-01", ""},
		{"1985/7/1", false, "1985-07-01", ""},
		{"1985.07.01", false, "1985-07-01", ""},
		{"1985.7.1", false, "1985-07-01", ""},
		{"1985年7月1日", false, "1985-07-01", ""},
		{"1985年07月01号", false, "1985-07-01", ""},
		{"19850701", false, "1985-07-01", ""},
		{"198507", false, "1985-07-01", ""},
		{"1985.07", false, "1985-07-01", ""},
		{"1985.10", false, "1985-10-01", ""},
		{"1985年7月", false, "1985-07-01", ""},
		{"1985-7", false, "1985-07-01", ""},
		{"31229", false, "1985-07-01", ""},
		{"31229.75", false, "1985-07-01", ""},
		{"29767", true, "1985-07-01", ""},
		{"18172", false, "1949-10-01", ""},
		{"61", false, "1900-03-01", ""},
		{"59", false, "1900-02-28", ""},
		{"1", false, "1900-01-01", ""},
		{"60", false, "", noDay},
		{"1985-02-30", false, "", noDay},
		{"1985.13.01", false, "", noDay},
		{"19851301", false, "", noDay},
		{"198500", false, "", noDay},
		{"1985.1", false, "", janOct},
		{"1985", false, "", yearOnly},
		{"1985年", false, "", yearOnly},
		{"85.7.1", false, "", badDate},
		{"07-01-85", false, "", badDate},
		{"不详", false, "", badDate},
		{"0", false, "", badDate},
		{"9999999", false, "", badDate},
	}
	for _, tt := range tests {
		got, err := parseDate(tt.in, tt.date1904)
		key := ""
		if err != nil {
			key = err.Key
		}
		if got != tt.want || key != tt.key {
			t.Errorf("parseDate(%q, %v) = %q, %v; want %q, %q", tt.in, tt.date1904, got, err, tt.want, tt.key)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ field, in, want string }{
		{"name", " 张　三 ", "张三"},
		{"name", "阿依古丽.买买提", "阿依古丽·买买提"},
		{"name", "阿依古丽•买买提", "阿依古丽·买买提"},
		{"name", "阿依古丽．买买提", "阿依古丽·买买提"},
		{"id_number", "１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"},
		{"phone", "１３８ １２３４ ５６７８", "13812345678"},
		{"gender", " 男 ", "男"},
		{"status", "正式 党员", "正式党员"},
		{"address", "　红旗村  一组，１２号（东）　", "红旗村 一组，12号（东）"},
		{"notes", "身体不好，\n长期卧床。", "身体不好， 长期卧床。"},
		{"joined_date", "１９８５年７月１日", "1985-07-01"},
		{"joined_date", "1985 年 7 月", "1985-07-01"},
		{"joined_date", "1985-07-01 00:00:00", "1985-07-01"},
		{"joined_date", "　", ""},
	}
	for _, tt := range tests {
		got, err := testFormat.clean(tt.field, tt.in, false)
		if got != tt.want || err != nil {
			t.Errorf("clean(%q, %q) = %q, %v; want %q", tt.field, tt.in, got, err, tt.want)
		}
	}
	if _, err := testFormat.clean("id_number", "4.10901198507012E+17", false); err == nil || err.Key != lostID {
		t.Errorf("an ID number in scientific notation gave %v", err)
	}
}

func TestHeaderKey(t *testing.T) {
	tests := []struct{ in, field string }{
		{"姓名", "name"},
		{" 姓　名 ", "name"},
		{"*姓名", "name"},
		{"＊党员姓名：", "name"},
		{"身份证\n号码", "id_number"},
		{"入党时间（年月日）", "joined_date"},
		{"出生年月(yyyy.mm)", "birth_date"},
		{"【备注】说明", "notes"},
		{"序号", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := testFormat.fieldOf(tt.in); got != tt.field {
			t.Errorf("fieldOf(%q) = %q, want %q", tt.in, got, tt.field)
		}
	}
}

func TestProblemText(t *testing.T) {
	p := Problem{Row: 9, Column: "入党时间", Err: assets.Errorf(badDate, "不详")}
	if got, want := p.Error(), "Row 9, column 入党时间: 不详 is not a date that can be read. Write it like 1985-07-01, 1985/7/1, 1985.7.1, 1985年7月1日 or 19850701."; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got := p.Chinese(); !strings.HasPrefix(got, "第9行，“入党时间”列：") || !strings.Contains(got, "不详") {
		t.Errorf("Chinese() = %q", got)
	}
	p.Column = ""
	if got := p.Chinese(); !strings.HasPrefix(got, "第9行：") {
		t.Errorf("Chinese() = %q", got)
	}
}
