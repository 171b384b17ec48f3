// Package pinyin turns Chinese names into pinyin search keys and sort keys that respect the
// readings of surnames (曾 zēng, 单 shàn, 尉迟 yùchí …); it is safe for concurrent use.
package pinyin

import (
	"strings"
	"unicode"
	"unicode/utf8"

	gopinyin "github.com/mozillazg/go-pinyin"
	"golang.org/x/text/width"
)

// A unit is one sortable, searchable piece of a name: a Han character with its readings
// (the first is the one used for sorting), or one ASCII letter or digit.
type unit struct {
	r        rune
	readings []string // syllables with a tone digit, such as "zeng1"; nil for ASCII
}

// args asks go-pinyin for the default reading with a tone number and ignores characters
// without a reading (whatever the package-level defaults say).
var args = gopinyin.Args{Style: gopinyin.Tone3, Fallback: func(rune, gopinyin.Args) []string { return nil }}

// defaultReading returns go-pinyin's default reading of r with its tone digit ("ceng2",
// "le0"), or "" if r has none.
func defaultReading(r rune) string {
	p := gopinyin.SinglePinyin(r, args)
	if len(p) == 0 || p[0] == "" {
		return ""
	}
	s := p[0]
	if c := s[len(s)-1]; c < '1' || c > '4' {
		s += "0"
	}
	return s
}

// parse splits a name into units, giving the surname its surname readings. It folds
// full-width letters and digits, lower-cases ASCII and drops everything that is neither a
// Han character nor an ASCII letter or digit (spaces, the · of minority names, punctuation).
func parse(name string) []unit {
	name = width.Fold.String(name)
	units := make([]unit, 0, utf8.RuneCountInString(name))
	for _, r := range name {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			units = append(units, unit{r: r})
		case r >= 'A' && r <= 'Z':
			units = append(units, unit{r: r + 'a' - 'A'})
		case unicode.Is(unicode.Han, r):
			u := unit{r: r}
			if p := defaultReading(r); p != "" {
				u.readings = []string{p}
			}
			units = append(units, u)
		}
	}
	if len(units) >= 2 && units[0].readings != nil && units[1].readings != nil {
		if rs, ok := compoundSurnames[string([]rune{units[0].r, units[1].r})]; ok {
			units[0].readings = []string{rs[0], units[0].readings[0]}
			units[1].readings = []string{rs[1], units[1].readings[0]}
			return units
		}
	}
	if len(units) >= 1 && units[0].readings != nil {
		if rs, ok := singleSurnames[units[0].r]; ok {
			units[0].readings = append(append([]string(nil), rs...), units[0].readings[0])
		}
	}
	return units
}

// spell writes the pinyin of units using reading i of the surname units (0 for the first
// surname reading; a unit with fewer readings uses its last one), as initials or in full,
// without tones. Han characters without a reading are skipped.
func spell(units []unit, i int, initials bool) string {
	var b strings.Builder
	for _, u := range units {
		switch {
		case u.readings == nil && u.r < utf8.RuneSelf:
			b.WriteByte(byte(u.r))
		case u.readings != nil:
			p := u.readings[min(i, len(u.readings)-1)]
			p = p[:len(p)-1] // drop the tone digit
			if initials {
				p = p[:1]
			}
			b.WriteString(p)
		}
	}
	return b.String()
}

// surnameReadings is the number of readings of the surname units (1 if none has several).
func surnameReadings(units []unit) int {
	n := 1
	for _, u := range units[:min(2, len(units))] {
		n = max(n, len(u.readings))
	}
	return n
}

// Keys returns every search key of name, lower-case ASCII: initials ("zs" for 张三) and full
// pinyin without tones or separators ("zhangsan"), first with the surname reading and then
// with every other reading of the surname's characters (曾国藩: zgf, zengguofan, cgf,
// cengguofan), without duplicates. ASCII letters and digits in the name are kept, in both
// the initials and the full key; spaces, the · of minority names and other symbols are
// dropped. A name with nothing to spell has no keys.
func Keys(name string) []string {
	units := parse(name)
	n := surnameReadings(units)
	keys := make([]string, 0, 2*n)
	for i := 0; i < n; i++ {
		for _, initials := range []bool{true, false} {
			k := spell(units, i, initials)
			if k != "" && !contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	return keys
}

func contains(keys []string, k string) bool {
	for _, s := range keys {
		if s == k {
			return true
		}
	}
	return false
}

// Initials returns the initials of name with the surname reading ("zgf" for 曾国藩).
func Initials(name string) string { return spell(parse(name), 0, true) }

// Full returns the pinyin of name without tones or separators, with the surname reading
// ("zengguofan" for 曾国藩).
func Full(name string) string { return spell(parse(name), 0, false) }
