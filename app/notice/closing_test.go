package notice

import (
	"fmt"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// The closing lines and the signature never stand alone on the last page (issue 22: page 2
// held only the closing line and the signature): with as many rows as it takes for them to
// spill over, the last page still carries the table's last row.
func TestClosingNeverStandsAlone(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	tried := 0
	for rows := 10; rows < 60 && tried < 2; rows++ {
		doc := sampleDoc(rows)
		r, err := render(io.Discard, doc, false, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !r.closingAlone {
			continue
		}
		tried++
		path := writeTemp(t, renderDoc(t, doc))
		n := pages(t, path)
		last := squeeze(pdftotext(t, path, "-f", fmt.Sprint(n), "-l", fmt.Sprint(n)))
		lastRow := doc.Tables[0].Rows[rows-1][1]
		if !strings.Contains(last, lastRow) || !strings.Contains(last, "监督电话") || !strings.Contains(last, "中共张庄村支部委员会") {
			t.Errorf("%d rows: the last page (%d) holds only %q", rows, n, last)
		}
	}
	if tried == 0 {
		t.Fatal("no row count made the closing lines spill over: the test checks nothing")
	}
}

// A name is never broken across lines in a names column (丁 / 东建).
func TestNamesColumnBreaksBetweenNames(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	var names []string
	for i := range 60 {
		names = append(names, []string{"丁东建", "欧阳秀英", "王强", "司马红梅", "李娜"}[i%5])
	}
	doc := Document{Title: "张庄村党支部主题党日活动情况", Issuer: "中共张庄村支部委员会", Date: noticeDate,
		Tables: []Table{{Columns: []Column{{Header: "出席情况", Weight: 1.6}, {Header: "人数", Weight: 0.9},
			{Header: "名单", Weight: 5.5, Align: "L", Names: true}},
			Rows: [][]string{{"出席", "60", strings.Join(names, "、")}}}}}
	text := pdftotext(t, writeTemp(t, renderDoc(t, doc)), "-layout")
	known := map[string]bool{"丁东建": true, "欧阳秀英": true, "王强": true, "司马红梅": true, "李娜": true}
	lines := 0
	for _, l := range strings.Split(text, "\n") {
		if !strings.Contains(l, "、") {
			continue
		}
		lines++
		// Each line of the list starts with a whole name and ends after a 、 or a whole name.
		fields := strings.Split(strings.TrimSpace(l[strings.Index(l, "、")-len(firstName(l)):]), "、")
		for _, f := range fields {
			f = strings.TrimSpace(f)
			if f != "" && !known[f] {
				t.Errorf("a name is broken across lines: %q in %q", f, l)
			}
		}
	}
	if lines < 2 {
		t.Fatalf("the list did not wrap (%d lines):\n%s", lines, text)
	}
}

// firstName is the run of Han characters just before the first 、 of a line.
func firstName(l string) string {
	before := []rune(l[:strings.Index(l, "、")])
	i := len(before)
	for i > 0 && before[i-1] > 0x2E80 {
		i--
	}
	return string(before[i:])
}
