package notice

import "strings"

// Chinese line breaking (禁则): these never start a line, and these never end one.
const (
	noLineStart = "，。、；：！？）」』》〉】〕”’…—·%,.;:!?)]}"
	noLineEnd   = "（「『《〈【〔“‘([{"
)

// tokens splits text into the units a line may break between: a run of Latin letters and
// digits (a phone number or a date stays whole when it fits), or one other character.
func tokens(s string) []string {
	var out []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i + 1
		if isWordRune(rs[i]) {
			for j < len(rs) && isWordRune(rs[j]) {
				j++
			}
		}
		out = append(out, string(rs[i:j]))
		i = j
	}
	return out
}

func isWordRune(r rune) bool {
	return r < 0x80 && r != ' ' && !strings.ContainsRune(noLineStart+noLineEnd, r)
}

// wrap breaks s into lines no wider than width as measured by measure, keeping the rules of
// Chinese line breaking; indent is the width of the first line's indent.
func wrap(s string, width, indent float64, measure func(string) float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, wrapOne(para, width, indent, measure)...)
		indent = 0
	}
	return lines
}

func wrapOne(s string, width, indent float64, measure func(string) float64) []string {
	return wrapTokens(tokens(s), width, indent, measure)
}

// nameTokens splits a list of names joined with 、 into one token per name, the separator
// kept with the name before it, so that a line breaks only between names.
func nameTokens(s string) []string {
	var out []string
	for s != "" {
		i := strings.Index(s, "、")
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+len("、")])
		s = s[i+len("、"):]
	}
	return out
}

// wrapNames is wrap for a list of names joined with 、.
func wrapNames(s string, width float64, measure func(string) float64) []string {
	return wrapTokens(nameTokens(s), width, 0, measure)
}

func wrapTokens(toks []string, width, indent float64, measure func(string) float64) []string {
	if len(toks) == 0 {
		return []string{""}
	}
	var lines []string
	var cur []string
	curW := indent
	flush := func() {
		lines = append(lines, strings.Join(cur, ""))
		cur, curW = nil, 0
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		w := measure(t)
		if curW+w <= width {
			cur = append(cur, t)
			curW += w
			continue
		}
		if rs := []rune(t); len(rs) > 1 && w > width-curW && (len(cur) == 0 || w > width) {
			// A word wider than the line: split it by character.
			toks = append(toks[:i], append(splitRunes(rs), toks[i+1:]...)...)
			i--
			continue
		}
		if len(cur) == 0 {
			cur = append(cur, t)
			curW += w
			continue
		}
		// Break before t. Pull characters back to the new line while the new line would start
		// with a closing mark or the old one would end with an opening mark.
		var carry []string
		for len(cur) > 1 && (startsForbidden(t, carry) || endsForbidden(cur)) {
			carry = append([]string{cur[len(cur)-1]}, carry...)
			cur = cur[:len(cur)-1]
		}
		if startsForbidden(t, carry) {
			// Nothing left to pull back (one word fills the line): the mark hangs at the
			// line's end.
			cur = append(append(cur, carry...), t)
			flush()
			continue
		}
		flush()
		for _, c := range carry {
			cur = append(cur, c)
			curW += measure(c)
		}
		i--
	}
	if len(cur) > 0 {
		flush()
	}
	return lines
}

func startsForbidden(next string, carry []string) bool {
	first := next
	if len(carry) > 0 {
		first = carry[0]
	}
	r := []rune(first)
	return len(r) > 0 && strings.ContainsRune(noLineStart, r[0])
}

func endsForbidden(cur []string) bool {
	r := []rune(cur[len(cur)-1])
	return len(r) > 0 && strings.ContainsRune(noLineEnd, r[len(r)-1])
}

func splitRunes(rs []rune) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}
