package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Keys in forms: Enter in a one-line box moves to the next field (a pinyin IME commits with
// Enter too, so Enter must never save a half-filled record); only Ctrl+S and the 保存 button
// save. Esc reaches the screen whatever has the focus: Fyne gives keys to the focused widget,
// and a tapped tick box or list takes the focus and swallows Esc, so those widgets
// of this app pass it on to the window (forwardEsc).

// focusNext moves the focus to the next field after o, as Tab does.
func focusNext(o fyne.CanvasObject) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(o); c != nil {
		c.FocusNext()
	}
}

// enterMovesOn makes Enter in each box move to the next field.
func enterMovesOn(es ...*keyEntry) {
	for _, e := range es {
		e.OnSubmitted = func(string) { focusNext(e) }
	}
}

// forwardEsc hands Esc to the window's key handler (the shell's keyMap); it reports whether
// it did.
func forwardEsc(o fyne.CanvasObject, k *fyne.KeyEvent) bool {
	if k.Name != fyne.KeyEscape {
		return false
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(o); c != nil && c.OnTypedKey() != nil {
		c.OnTypedKey()(k)
		return true
	}
	return false
}

// escCheck is a widget.Check that passes Esc on.
type escCheck struct{ widget.Check }

func (c *escCheck) TypedKey(k *fyne.KeyEvent) {
	if !forwardEsc(c, k) {
		c.Check.TypedKey(k)
	}
}

// newCheck makes a tick box that passes Esc on. The escCheck itself must go into the window,
// not its inner Check: Fyne draws an object through the renderer made for that object, while
// SetChecked refreshes the renderer of the outer widget (its super), so an inner Check put in
// the window kept showing its old tick.
func newCheck(label string, changed func(bool)) *escCheck {
	c := &escCheck{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// escList is a widget.List that passes Esc on (the navigation).
type escList struct{ widget.List }

func (l *escList) TypedKey(k *fyne.KeyEvent) {
	if !forwardEsc(l, k) {
		l.List.TypedKey(k)
	}
}

// newEscList makes a list that passes Esc on. As with newCheck, the escList itself goes into
// the window: with the inner List there, Select refreshed a renderer nobody drew, and the
// navigation kept the first row tinted while the guide's buttons opened other screens.
func newEscList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *escList {
	l := &escList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// asSelect is the widget.Select of o.
func asSelect(o fyne.CanvasObject) (*widget.Select, bool) {
	switch s := o.(type) {
	case *widget.Select:
		return s, true
	}
	return nil, false
}
