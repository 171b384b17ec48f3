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
