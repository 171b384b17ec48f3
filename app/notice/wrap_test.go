package notice

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// width of a character in a fixed-pitch measure: CJK 2, Latin 1.
func fixed(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x80 {
			w++
		} else {
			w += 2
		}
	}
	return w
}

func TestWrap(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"fits", "公示期为五天", 20, []string{"公示期为五天"}},
		{"plain break", "一二三四五六七八", 8, []string{"一二三四", "五六七八"}},
		{"comma never starts a line", "一二三四，五六七", 8, []string{"一二三", "四，五六", "七"}},
		{"full stop never starts a line", "一二三四。五六", 8, []string{"一二三", "四。五六"}},
		{"closing quote pulls back", "一二三“四”五", 8, []string{"一二三", "“四”五"}},
		{"opening bracket never ends a line", "一二三（四五）", 8, []string{"一二三", "（四五）"}},
		{"phone number kept whole", "电话13812345678联系", 16, []string{"电话13812345678", "联系"}},
		{"number moves whole", "电话号码13812345678", 16, []string{"电话号码", "13812345678"}},
		{"long number split", "12345678901234567890", 8, []string{"12345678", "90123456", "7890"}},
		{"explicit newline", "第一行\n第二行", 20, []string{"第一行", "第二行"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := wrap(c.text, c.width, 0, fixed)
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("wrap(%q, %v) = %q, want %q", c.text, c.width, got, c.want)
			}
		})
	}
}

// No character is ever lost and no line starts with a closing mark, whatever the width.
func TestWrapKeepsEveryCharacter(t *testing.T) {
	text := "经党小组推荐、支部委员会研究，拟将以下同志确定为发展对象（共3名），现予公示。公示期为2026年11月30日至12月4日；如有意见，请拨打0371-12345678。“不忘初心”！"
	for width := 4.0; width < 60; width++ {
		lines := wrap(text, width, 4, fixed)
		if strings.Join(lines, "") != text {
			t.Fatalf("width %v: characters lost: %q", width, lines)
		}
		for i, l := range lines {
			r, _ := utf8.DecodeRuneInString(l)
			if i > 0 && strings.ContainsRune("，。、；：）”！", r) {
				t.Errorf("width %v: line %d starts with %q: %q", width, i, r, lines)
			}
		}
	}
}
