package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhibu/app/report"
)

// TestXLSXDocumentProperties: the workbook's author is the township and its dates the
// report's, not excelize's defaults (author "xuri", created 2006), which Excel shows under
// 文件 → 信息.
func TestXLSXDocumentProperties(t *testing.T) {
	r := demoReport(t, 1)
	var buf bytes.Buffer
	if err := report.XLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	p, err := x.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Creator != "城关镇党委" || p.LastModifiedBy != "城关镇党委" {
		t.Errorf("author %q, last modified by %q; want the township", p.Creator, p.LastModifiedBy)
	}
	if !strings.HasPrefix(p.Created, r.Date.Format("2006-01-02")) || strings.HasPrefix(p.Created, "2006") {
		t.Errorf("created %q, want the report's date %s", p.Created, r.Date.Format("2006-01-02"))
	}
	if !strings.Contains(p.Title, "党建工作报表") {
		t.Errorf("title %q", p.Title)
	}
}
