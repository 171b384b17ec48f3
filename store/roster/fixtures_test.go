package roster

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var update = flag.Bool("update", false, "rewrite the CSV fixtures in testdata/")

// gbkCSV is a roster as Excel on Chinese Windows saves it as CSV (GBK, CRLF), made messy:
// a title and a subtitle above the header, a blank line, a row of empty cells, full-width
// digits, spaces inside names and phone numbers, a cell spanning two lines, bad dates.
var gbkCSV = strings.Join([]string{
	"红旗村党员花名册,,,,,,,,,,,,,,,",
	"填报单位：红旗村党支部　　填报日期：2026年11月,,,,,,,,,,,,,,,",
	"序号,姓 名,性别,民族,出生年月,身份证号码,文化程度,手机,家庭住址,入党时间,转正时间,人员类别,党员类别,党内职务,所在党小组,备注",
	"1,张 三,男,汉族,1955.03,４１０９０１１９５５０３０１２６５８,高中,138 1234 5678,红旗村一组，１２号,1980年7月1日,1981年7月1日,正式党员,夕阳红,党员,第一党小组,",
	"2,曾国藩,男,汉,19620815,430421196208150034,初中,13912345678,红旗村二组,1990-7-1,1991.07.01,正式党员,在职,书记,第二党小组,老支书",
	",,,,,,,,,,,,,,,",
	"3,阿依古丽・买买提,女,维吾尔族,1970年3月,650102197003120042,大专,,红旗村三组,2001.1,2002.10,正式党员,流动,委员,第一党小组,在外务工",
	"",
	"4,李四,男,汉族,1975-02-30, 410901 19750520 0029 ,初中,,,不详,2010,预备党员,无职,党员,,入党时间待查",
	"5,王五,女,汉族,1980.11.11,410901198011112330,小学,13700000000,\"红旗村四组\r\n老屋\",2005年7月1日,,预备党员,在职,,第二党小组,\"说\"\"好\"\"\"",
	"6,赵六,男,汉族,1990-01-01,410901199001011020,本科,0371-12345678,,2015.07,2016.07,正式党员,在职,副书记,第一党小组,",
	"",
}, "\r\n")

// bomCSV is a roster saved as "CSV UTF-8": a byte-order mark, the header on the first
// line, header variants, and the date forms older systems export.
var bomCSV = "\ufeff" + strings.Join([]string{
	"＊姓名,性别,出生日期（年月日）,公民身份号码,联系方式,入党日期,转正日期,类型,党小组,在册状态,籍贯",
	"刘备,男,1949年12月31日,11010519491231002x,,1985-7,1986-07-01 00:00:00,,,在册,涿郡",
	"关羽,男,19850701,410901198507012659,13812345678,198507,1986-7,,,在册,",
	"张飞,男,31229,410901199306060034,,31229,１９８６．０７．０１,,第一党小组,,",
	"诸葛亮,男,1981/4/1,410901198011112330,,2001年7月,2002年7月1号,,第一党小组,在册,琅琊",
	",,,,,,,,,,",
	"",
}, "\r\n")

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFixtures checks that the committed fixtures are the ones described above; run
// go test -run TestFixtures -update to rewrite them after changing the descriptions.
func TestFixtures(t *testing.T) {
	for name, want := range map[string][]byte{"gbk.csv": gbk(t, gbkCSV), "utf8bom.csv": []byte(bomCSV)} {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestFixtures -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from its description in fixtures_test.go (run go test -run TestFixtures -update)", path)
		}
	}
}

// testFormat is the member roster as the store describes it (store.MemberFields).
var testFields = []Field{
	{Name: "name", Headers: []string{"姓名", "党员姓名", "名字"}},
	{Name: "gender", Headers: []string{"性别"}, Structured: true},
	{Name: "ethnicity", Headers: []string{"民族"}, Structured: true},
	{Name: "birth_date", Headers: []string{"出生日期", "出生年月", "出生年月日", "出生时间", "生日"}, Date: true},
	{Name: "id_number", Headers: []string{"身份证号码", "身份证号", "公民身份号码", "公民身份证号码", "身份证件号码", "证件号码", "身份证"}, Structured: true},
	{Name: "education", Headers: []string{"学历", "文化程度", "最高学历"}, Structured: true},
	{Name: "phone", Headers: []string{"联系电话", "手机", "手机号", "手机号码", "电话", "电话号码", "联系方式"}, Structured: true},
	{Name: "address", Headers: []string{"家庭住址", "住址", "地址", "家庭地址", "现居住地", "现住址", "居住地"}},
	{Name: "joined_date", Headers: []string{"入党时间", "入党日期", "入党年月", "加入党组织日期", "加入党组织时间"}, Date: true},
	{Name: "confirmed_date", Headers: []string{"转正时间", "转正日期", "转为正式党员日期", "转正年月"}, Date: true},
	{Name: "status", Headers: []string{"党员类型", "党员状态", "正式/预备", "正式或预备", "是否预备党员"}, Structured: true},
	{Name: "position", Headers: []string{"党内职务", "职务", "支部职务"}, Structured: true},
	{Name: "group", Headers: []string{"党小组", "所在党小组", "所属党小组", "党小组名称"}},
	{Name: "category", Headers: []string{"党员类别", "类别", "人员类别", "类型", "人员类型"}, Structured: true},
	{Name: "state", Headers: []string{"在册状态", "党籍状态", "组织关系状态"}, Structured: true},
	{Name: "state_date", Headers: []string{"在册状态日期", "状态日期", "状态变动日期"}, Date: true},
	{Name: "notes", Headers: []string{"备注", "说明"}},
}

var testFormat = NewFormat(testFields)

// testColumns are the fields with the header an export writes (the first).
func testColumns() []Column {
	var cols []Column
	for _, f := range testFields {
		cols = append(cols, Column{Field: f.Name, Header: f.Headers[0]})
	}
	return cols
}
