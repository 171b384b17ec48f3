package pinyin

import (
	"strings"
	"unicode/utf8"
)

// Separators of a sort key, lower than any byte of a syllable so that a shorter syllable,
// unit or name sorts first: li < lian, 李 < 李明.
const (
	endName     = '\x01'
	endUnit     = '\x02'
	endSyllable = '\x03'
)

// unknownSyllable sorts Han characters without a known reading after every syllable.
const unknownSyllable = "{"

// SortKey returns a key whose byte order is the pinyin order of names, with the surname
// reading (曾 sorts as zēng, 单 as shàn). Names are compared character by character: first by
// toneless syllable, then by tone, then by the character itself, so that people with the
// same surname stay together (all 黎 lí before all 李 lǐ); ASCII letters and digits sort by
// themselves before Han characters of the same spelling. Two different names never get the
// same key: the name itself ends the key. The key contains no NUL byte and is valid UTF-8,
// so it can be stored in a TEXT column and compared with the BINARY collation.
func SortKey(name string) string {
	units := parse(name)
	var b strings.Builder
	b.Grow(len(name) + 12*len(units))
	for _, u := range units {
		switch {
		case u.readings != nil:
			p := u.readings[0]
			b.WriteString(p[:len(p)-1])
			b.WriteByte(endSyllable)
			b.WriteByte(p[len(p)-1])
		case u.r < utf8.RuneSelf:
			b.WriteByte(byte(u.r))
			b.WriteByte(endSyllable)
			b.WriteByte('0' - 1) // before the neutral tone
		default:
			b.WriteString(unknownSyllable)
			b.WriteByte(endSyllable)
			b.WriteByte('0')
		}
		b.WriteRune(u.r)
		b.WriteByte(endUnit)
	}
	b.WriteByte(endName)
	b.WriteString(name)
	return b.String()
}
