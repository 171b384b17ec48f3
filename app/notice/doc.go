// Package notice prints 公示栏 wall notices as PDF: a plain Document (title, paragraphs,
// table, contact, issuer, date) drawn with the bundled CJK font, and one builder per notice
// kind that fills a Document from the store and the kind's wording template.
package notice

import (
	"strings"
	"time"
)

// Paper is a page size.
type Paper string

// Paper sizes: A4 portrait by default, A3 for long lists on a large board.
const (
	A4 Paper = "A4"
	A3 Paper = "A3"
)

// Column is one table column: its header, its relative width and its alignment.
type Column struct {
	Header string
	Weight float64 // share of the table width, relative to the other columns
	Align  string  // "L", "C" (default) or "R"
	// Names: the cells are names joined with 、, and a line breaks only between names, never
	// inside one (丁东建 does not print as 丁 / 东建).
	Names bool
}

// Table is a table of a notice: rows are never split across pages, and the header is
// repeated on every page.
type Table struct {
	Caption string // a line above the table, or ""
	Columns []Column
	Rows    [][]string
	Empty   string // printed in place of the table when there are no rows
}

// Document is everything printed on a notice, already in Chinese.
type Document struct {
	Title   string   // printed in red, centred
	Preface []string // paragraphs before the table
	Tables  []Table
	Footer  []string // paragraphs after the table (e.g. how to object)
	Contact string   // 监督电话 / 联系人 line
	Issuer  string   // 中共××村支部委员会
	Date    time.Time
	Paper   Paper
	// Landscape turns the page (wide tables: the township's reports).
	Landscape bool
	Subjects  []string // people named on the notice, checked for printable names first
	Photos    [][]byte // JPEG or PNG pictures printed after the tables, two to a row
}

// ChineseDate writes a date the way official documents do: 二〇二六年十一月二十九日.
func ChineseDate(t time.Time) string {
	const digits = "〇一二三四五六七八九"
	d := []rune(digits)
	var b strings.Builder
	for _, c := range t.Format("2006") {
		b.WriteRune(d[c-'0'])
	}
	b.WriteString("年")
	b.WriteString(chineseNumber(int(t.Month())))
	b.WriteString("月")
	b.WriteString(chineseNumber(t.Day()))
	b.WriteString("日")
	return b.String()
}

// chineseNumber writes 1..99 in Chinese numerals: 十, 十一, 二十, 二十九.
func chineseNumber(n int) string {
	d := []rune("〇一二三四五六七八九")
	switch {
	case n < 10:
		return string(d[n])
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + string(d[n-10])
	default:
		s := string(d[n/10]) + "十"
		if n%10 != 0 {
			s += string(d[n%10])
		}
		return s
	}
}

// ShortDate writes a date as 2026年11月29日 (for periods and table cells).
func ShortDate(t time.Time) string {
	return t.Format("2006") + "年" + itoa(int(t.Month())) + "月" + itoa(t.Day()) + "日"
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
