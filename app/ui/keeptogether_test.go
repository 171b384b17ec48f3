package ui

import (
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
)

// wrappedLines lays text out as a home reminder (a word-wrapped rich text) at the width and
// returns its lines.
func wrappedLines(text string, width float32) []string {
	rt := widget.NewRichTextWithText(text)
	rt.Wrapping = fyne.TextWrapWord
	rt.Resize(fyne.NewSize(width, 400))
	var lines []string
	for _, o := range test.WidgetRenderer(rt).Objects() {
		if t, ok := o.(*canvas.Text); ok && t.Visible() && t.Text != "" {
			lines = append(lines, t.Text)
		}
	}
	return lines
}

// Issue 22: home reminders wrapped as 「已连续 23 / 个月」 and 「2025-1 / 2」 at 150 % text. At
// every width from a narrow column to a wide one, no line of the dues reminder starts or
// ends inside a count or a date: no line ends with a digit or a dash, and none that ends
// with a Chinese character is followed by one that starts with a number.
func TestRemindersNeverWrapInsideACountOrADate(t *testing.T) {
	test.NewTempApp(t).Settings().SetTheme(Theme())
	months := strings.Join([]string{"2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"}, "、")
	title := keepTogether(assets.T("%s has not paid dues for %d months in a row (%s).", "张建国", 7, months))
	if !strings.Contains(title, "已连续7个月") {
		t.Fatalf("the count is not kept with its words: %q", title)
	}
	for _, pct := range []float32{1, 1.5} {
		for w := float32(200); w <= 700; w += 9 {
			lines := wrappedLines(title, w*pct)
			for i := 0; i+1 < len(lines); i++ {
				a, b := []rune(lines[i]), []rune(strings.TrimLeft(lines[i+1], "\u2009 "))
				end, start := a[len(a)-1], b[0]
				number := func(r rune) bool { return unicode.IsDigit(r) || r == '-' }
				if number(end) || number(start) && unicode.Is(unicode.Han, end) {
					t.Fatalf("at %.0f wide the reminder breaks inside a count or date: %q / %q", w*pct, lines[i], lines[i+1])
				}
			}
		}
	}
}
