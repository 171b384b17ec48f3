package roster

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"

	"zhibu/assets"
)

const header = "姓名,性别,身份证号码\r\n张三,男,410901195503012658\r\n"

func encoded(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mergedXLSX is a workbook with a roster header and one merge over the given range (written
// into the sheet's XML: excelize itself would fill every cell of it).
func mergedXLSX(t *testing.T, ref string) []byte {
	t.Helper()
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"姓名", "性别", "身份证号码"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"张三", "男", "410901195503012658"})
	var plain bytes.Buffer
	if err := x.Write(&plain); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(plain.Bytes()), int64(plain.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		if f.Name == "xl/worksheets/sheet1.xml" {
			b = bytes.Replace(b, []byte("</sheetData>"), []byte(`</sheetData><mergeCells count="1"><mergeCell ref="`+ref+`"/></mergeCells>`), 1)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	return out.Bytes()
}

// zipBomb is a small .xlsx that declares a worksheet of 300 MB.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for range 300 {
		w.Write(zeros)
	}
	z.Close()
	return buf.Bytes()
}

// Files that would take minutes and gigabytes, or be read as gibberish, are refused at once
// with a message saying what is wrong.
func TestHostileRostersRefused(t *testing.T) {
	var million strings.Builder
	million.WriteString("姓名,性别\n")
	for range 1_000_000 {
		million.WriteString("张三,男\n")
	}
	cases := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"utf-16 without BOM", "a.csv", encoded(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), header), "UTF-16"},
		{"big5", "a.csv", encoded(t, traditionalchinese.Big5, "姓名,性別,身份證號碼\r\n張三,男,410901195503012658\r\n"), "Big5"},
		{"shift-jis", "a.csv", encoded(t, japanese.ShiftJIS, "姓名,性別\r\n山田,男\r\n"), "Shift-JIS"},
		{"a million rows", "a.csv", []byte(million.String()), "行"},
		{"zip bomb", "a.xlsx", zipBomb(t), "解压后"},
		{"merge over the whole sheet", "a.xlsx", mergedXLSX(t, "A1:XFD1048576"), "超过"},
		{"merge over all rows", "a.xlsx", mergedXLSX(t, "A1:C1048576"), "行"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := testFormat.Read(c.file, bytes.NewReader(c.data))
			if err == nil || !strings.Contains(assets.Chinese(err), c.want) {
				t.Fatalf("%d bytes: %v / %s; want %q", len(c.data), err, assets.Chinese(err), c.want)
			}
			t.Logf("%d bytes, %v: %s", len(c.data), time.Since(start).Round(time.Millisecond), assets.Chinese(err))
		})
	}
}
