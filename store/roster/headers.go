package roster

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Column ties a canonical field name to a column header.
type Column struct {
	Field  string // canonical English field name: name, gender, …
	Header string // header text, in Chinese
}

// Field tells the reader about one field a roster may hold.
type Field struct {
	Name       string   // canonical name; "name" (required) and "id_number" are cleaned specially
	Headers    []string // header texts that name the field; matching ignores spaces and brackets
	Date       bool     // parsed as a date
	Structured bool     // codes and short labels: full-width forms folded, every space removed
}

// Format is the set of fields a roster is read against.
type Format struct {
	byHeader   map[string]string
	date       map[string]bool
	structured map[string]bool
}

// NewFormat makes the format of a roster holding fields.
func NewFormat(fields []Field) *Format {
	f := &Format{byHeader: map[string]string{}, date: map[string]bool{}, structured: map[string]bool{}}
	for _, fl := range fields {
		for _, h := range fl.Headers {
			f.byHeader[headerKey(h)] = fl.Name
		}
		f.date[fl.Name], f.structured[fl.Name] = fl.Date, fl.Structured
	}
	return f
}

// eitherStatusOrCategory lists headers used in practice both for 正式/预备 (status) and for
// the management category (在职/无职/流动/夕阳红); the column's values decide. The national
// party member system, for one, exports 正式党员/预备党员 under 人员类别.
var eitherStatusOrCategory = map[string]bool{"党员类别": true, "类别": true, "人员类别": true, "类型": true, "人员类型": true, "党员类型": true}

// fieldOf returns the canonical field of a header cell, or "". Matching ignores spaces and
// line breaks, full-width forms, required-field stars and anything in brackets, so
// "入党时间（年月日）", "＊姓 名" and "身份证\n号码" are recognised.
func (f *Format) fieldOf(header string) string {
	return f.byHeader[headerKey(header)]
}

// headerKey reduces a header cell to the form headers are matched in.
func headerKey(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case strings.ContainsRune("([【〔", r):
			depth++
		case strings.ContainsRune(")]】〕", r):
			depth = max(0, depth-1)
		case depth > 0, unicode.IsSpace(r), r == '*', r == ':', r == '\u200b', r == '\ufeff':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
