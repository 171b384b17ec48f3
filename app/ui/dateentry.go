package ui

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	fynetheme "fyne.io/fyne/v2/theme"

	"zhibu/assets"
)

// normalizeDate reads a date as people write it — 2026-11-29, 2026.11.29, 2026/11/29,
// 20261129, 2007-7-1, 2026年11月29日, with full-width digits or spaces — and returns it as
// YYYY-MM-DD. ok is false for anything that is not a real calendar date between 1900 and 2100.
func normalizeDate(s string) (string, bool) {
	s = strings.TrimSpace(toHalfWidth(s))
	s = strings.TrimSuffix(s, "日")
	s = strings.TrimSuffix(s, "号")
	var parts []string
	if len(s) == 8 && isDigits(s) {
		parts = []string{s[:4], s[4:6], s[6:]}
	} else {
		parts = strings.FieldsFunc(s, func(r rune) bool {
			return r == '-' || r == '.' || r == '/' || r == '年' || r == '月' || unicode.IsSpace(r)
		})
	}
	if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) > 2 || len(parts[2]) > 2 {
		return "", false
	}
	var n [3]int
	for i, p := range parts {
		if !isDigits(p) {
			return "", false
		}
		n[i], _ = strconv.Atoi(p) // digits only (checked above)
	}
	if n[0] < 1900 || n[0] > 2100 {
		return "", false
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
	if t.Year() != n[0] || int(t.Month()) != n[1] || t.Day() != n[2] {
		return "", false // 2026-02-30, month 13, day 0
	}
	return t.Format(time.DateOnly), true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// toHalfWidth turns full-width digits and punctuation typed with a Chinese IME (２０２６．１１)
// into their ASCII forms.
func toHalfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '！' && r <= '～' {
			return r - '！' + '!'
		}
		if r == '　' {
			return ' '
		}
		return r
	}, s)
}

// dateError is the one message for a date that cannot be read.
func dateError(text string) error {
	return assets.Errorf("The date \"%s\" cannot be read. Write it like 2026-11-29 (2026.11.29, 20261129 or 2026年11月29日 also work), or choose it in the calendar.", text)
}

// dateField is the date box used in every form: it accepts the usual ways of writing a date,
// writes it as YYYY-MM-DD when the cursor leaves it, and has a button that opens a calendar.
// It is fyne.Validatable, so a widget.Form shows its message under it, and the message goes
// as soon as the date is right.
type dateField struct {
	widget.BaseWidget
	entry     *dateEntry
	pick      *widget.Button
	onChanged func(string)
	window    func() fyne.Window
	// msg says what is wrong once the cursor has left a date that cannot be read; its line is
	// always there, so the form does not move when it comes and goes (issue 22).
	msg  *canvas.Text
	bad  bool   // left with a date that cannot be read
	note string // a warning about a readable date (SetNote)
	// Optional: allows an empty date (a field that may be left blank).
	Optional bool
}

// newDateField makes a date field; the calendar opens over the window w.
func newDateField(w fyne.Window) *dateField {
	f := &dateField{window: func() fyne.Window { return w }}
	f.entry = &dateEntry{field: f}
	f.entry.ExtendBaseWidget(f.entry)
	f.entry.SetPlaceHolder(assets.T("e.g. 2026-11-29"))
	f.entry.Validator = f.validate
	f.pick = widget.NewButtonWithIcon("", fynetheme.CalendarIcon(), f.showCalendar)
	f.msg = canvas.NewText("", fynetheme.Color(fynetheme.ColorNameError))
	f.msg.TextSize = fynetheme.CaptionTextSize()
	f.entry.OnChanged = func(s string) { f.changed(s) }
	f.ExtendBaseWidget(f)
	return f
}

// changed takes the message away as soon as the date can be read, then calls the form's
// OnChanged.
func (f *dateField) changed(s string) {
	if f.bad && f.validate(s) == nil {
		f.bad = false
		f.showMessage()
	}
	if f.onChanged != nil {
		f.onChanged(s)
	}
}

// left says what is wrong with a date that cannot be read when the cursor leaves it (an
// empty one is said by Save).
func (f *dateField) left() {
	f.bad = strings.TrimSpace(f.entry.Text) != "" && f.validate(f.entry.Text) != nil
	f.showMessage()
}

// SetNote shows a warning about a date that can be read (a meeting after today) in the
// message line, unless the date cannot be read; "" takes it away.
func (f *dateField) SetNote(s string) {
	f.note = s
	f.showMessage()
}

func (f *dateField) showMessage() {
	if f.bad {
		f.msg.Text = assets.T("Not a date: write it like 2026-11-29, or choose it in the calendar.")
		f.msg.Color = fynetheme.Color(fynetheme.ColorNameError)
	} else {
		f.msg.Text = f.note
		f.msg.Color = fynetheme.Color(fynetheme.ColorNameWarning)
	}
	f.msg.Refresh()
}

// Message is what the field says under the box ("" when nothing is wrong).
func (f *dateField) Message() string { return f.msg.Text }

func (f *dateField) validate(s string) error {
	if strings.TrimSpace(s) == "" && f.Optional {
		return nil
	}
	if _, ok := normalizeDate(s); !ok {
		return dateError(strings.TrimSpace(s))
	}
	return nil
}

// Date is the date as YYYY-MM-DD, or the text as typed when it is not a date (the store then
// refuses it with its own message), or "" when empty.
func (f *dateField) Date() string {
	if d, ok := normalizeDate(f.entry.Text); ok {
		return d
	}
	return strings.TrimSpace(f.entry.Text)
}

// SetDate shows a date (any accepted form; it is normalised).
func (f *dateField) SetDate(s string) {
	if d, ok := normalizeDate(s); ok {
		s = d
	}
	f.entry.SetText(s)
}

// Problem is the field's message, "" when the date is fine.
func (f *dateField) Problem() string {
	if err := f.validate(f.entry.Text); err != nil {
		return assets.Chinese(err)
	}
	return ""
}

// SetPlaceHolder replaces the example shown while the field is empty.
func (f *dateField) SetPlaceHolder(s string) { f.entry.SetPlaceHolder(s) }

// OnChanged is called with the text after every edit.
func (f *dateField) SetOnChanged(fn func(string)) { f.onChanged = fn }

// Validate and SetOnValidationChanged make the field fyne.Validatable for widget.Form.
func (f *dateField) Validate() error {
	if err := f.validate(f.entry.Text); err != nil {
		return chineseError{err}
	}
	return nil
}

func (f *dateField) SetOnValidationChanged(fn func(error)) {
	if fn == nil {
		f.entry.SetOnValidationChanged(nil)
		return
	}
	f.entry.SetOnValidationChanged(func(err error) {
		if err != nil {
			err = chineseError{err}
		}
		fn(err)
	})
}

// chineseError shows a user-facing error in Chinese through Error(), for Fyne's form hints.
type chineseError struct{ err error }

func (e chineseError) Error() string { return assets.Chinese(e.err) }
func (e chineseError) Unwrap() error { return e.err }

func (f *dateField) CreateRenderer() fyne.WidgetRenderer {
	// Wide enough for a whole date and the entry's check mark at any text size.
	th := f.Theme()
	w := fyne.MeasureText("2026-11-29", th.Size(fynetheme.SizeNameText), fyne.TextStyle{}).Width +
		4*th.Size(fynetheme.SizeNameInnerPadding) + th.Size(fynetheme.SizeNameInlineIcon)
	box := container.NewBorder(nil, nil, nil, f.pick, fixedWidth(w, f.entry))
	// The message's line: one caption line high whatever it says, drawn from the box's left
	// edge (a longer message runs on to the right, under the next fields).
	line := container.New(&exactMinLayout{fyne.NewSize(w, fyne.MeasureText("日", f.msg.TextSize, fyne.TextStyle{}).Height)}, f.msg)
	return widget.NewSimpleRenderer(container.New(layout.NewCustomPaddedVBoxLayout(0), box, line))
}

func (f *dateField) Disable()       { f.entry.Disable(); f.pick.Disable() }
func (f *dateField) Enable()        { f.entry.Enable(); f.pick.Enable() }
func (f *dateField) Disabled() bool { return f.entry.Disabled() }

// showCalendar opens a month calendar at the field's date (or today) and puts the tapped day in.
func (f *dateField) showCalendar() {
	start := time.Now()
	if t, err := time.Parse(time.DateOnly, f.Date()); err == nil {
		start = t
	}
	var pop *widget.PopUp
	cal := newMonthCalendar(start, func(t time.Time) {
		f.entry.SetText(t.Format(time.DateOnly))
		if pop != nil {
			pop.Hide()
		}
	})
	c := f.window().Canvas()
	pop = widget.NewPopUp(cal, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.pick)
	pop.ShowAtPosition(pos.Add(fyne.NewPos(0, f.pick.Size().Height)))
}

// dateEntry is the text box of a dateField: it writes the date out in full when left.
type dateEntry struct {
	keyEntry
	field *dateField
}

func (e *dateEntry) FocusLost() {
	if d, ok := normalizeDate(e.Text); ok && d != e.Text {
		e.SetText(d)
	}
	e.keyEntry.FocusLost()
	e.field.left()
}
