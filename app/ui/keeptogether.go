package ui

import (
	"regexp"
	"strings"
)

// Fyne wraps words only at white space and, when a piece between spaces is wider than the
// line, anywhere inside it: a home reminder wrapped as 「已连续 7 / 个月」 and 「2025-1 / 2」
// at 150 % (issue 22). keepTogether makes a Chinese sentence wrap where a reader would break
// it: the spaces around a count inside a Chinese phrase go (「已连续7个月」, as Chinese is
// usually typeset), and a thin space after 、，；： and before a date (or its bracket) written
// straight after a Chinese character gives the line places to break between the items of a list, so it does
// not have to break inside a date.
var (
	countInPhrase = regexp.MustCompile(`(\p{Han})[ \t]*(\d+)[ \t]*(\p{Han})`)
	dateAfterHan  = regexp.MustCompile(`(\p{Han})(（?\d{4}-\d)`)
	listBreaks    = strings.NewReplacer("、", "、\u2009", "；", "；\u2009", "，", "，\u2009", "：", "：\u2009")
)

func keepTogether(s string) string {
	// Twice: a count between two others (「共 3 名 5 人」) shares its neighbours' characters.
	for i := 0; i < 2; i++ {
		s = countInPhrase.ReplaceAllString(s, "$1$2$3")
	}
	s = dateAfterHan.ReplaceAllString(s, "$1\u2009$2")
	return listBreaks.Replace(s)
}
