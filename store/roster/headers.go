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

// The headers below are part of the roster file format (what secretaries write in Excel),
// not user-interface text, so they are not in the translation catalog. The first header of
// each field is the one Write and templates use.
var fieldHeaders = []struct {
	field   string
	headers []string
}{
	{"name", []string{"姓名", "党员姓名", "名字"}},
	{"gender", []string{"性别"}},
	{"ethnicity", []string{"民族"}},
	{"birth_date", []string{"出生日期", "出生年月", "出生年月日", "出生时间", "生日"}},
	{"id_number", []string{"身份证号码", "身份证号", "公民身份号码", "公民身份证号码", "身份证件号码", "证件号码", "身份证"}},
	{"education", []string{"学历", "文化程度", "最高学历"}},
	{"phone", []string{"联系电话", "手机", "手机号", "手机号码", "电话", "电话号码", "联系方式"}},
	{"address", []string{"家庭住址", "住址", "地址", "家庭地址", "现居住地", "现住址", "居住地"}},
	{"joined_date", []string{"入党时间", "入党日期", "入党年月", "加入党组织日期", "加入党组织时间"}},
	{"confirmed_date", []string{"转正时间", "转正日期", "转为正式党员日期", "转正年月"}},
	{"status", []string{"党员类型", "党员状态", "正式/预备", "正式或预备", "是否预备党员"}},
	{"position", []string{"党内职务", "职务", "支部职务"}},
	{"group", []string{"党小组", "所在党小组", "所属党小组", "党小组名称"}},
	{"category", []string{"党员类别", "类别", "人员类别", "类型", "人员类型"}},
	{"state", []string{"在册状态", "党籍状态", "组织关系状态"}},
	{"state_date", []string{"在册状态日期", "状态日期", "状态变动日期"}},
	{"notes", []string{"备注", "说明"}},
	// Not a member-file field: the month a member had paid dues up to when the branch began
	// keeping dues in the app (store/dues_import.go).
	{"dues_paid_to", []string{"党费交至", "党费缴至", "党费已交至", "党费交至月份", "党费缴纳至", "党费交纳至", "已交党费至"}},
}

// eitherStatusOrCategory lists headers used in practice both for 正式/预备 (status) and for
// the management category (在职/无职/流动/夕阳红); the column's values decide. The national
// party member system, for one, exports 正式党员/预备党员 under 人员类别.
var eitherStatusOrCategory = map[string]bool{"党员类别": true, "类别": true, "人员类别": true, "类型": true, "人员类型": true, "党员类型": true}

// dateFields are parsed as dates.
var dateFields = map[string]bool{"birth_date": true, "joined_date": true, "confirmed_date": true, "state_date": true, "dues_paid_to": true}

var headerField = func() map[string]string {
	m := map[string]string{}
	for _, f := range fieldHeaders {
		for _, h := range f.headers {
			m[h] = f.field
		}
	}
	return m
}()

// CanonicalHeaders returns every field the roster format knows with its default Chinese
// header, in the order of an exported roster.
func CanonicalHeaders() []Column {
	cols := make([]Column, len(fieldHeaders))
	for i, f := range fieldHeaders {
		cols[i] = Column{Field: f.field, Header: f.headers[0]}
	}
	return cols
}

// fieldOf returns the canonical field of a header cell, or "". Matching ignores spaces and
// line breaks, full-width forms, required-field stars and anything in brackets, so
// "入党时间（年月日）", "＊姓 名" and "身份证\n号码" are recognised.
func fieldOf(header string) string {
	return headerField[headerKey(header)]
}

// headerKey reduces a header cell to the form used in fieldHeaders.
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
