package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Keyboard: Esc cancels (a form asks first if something was typed), Ctrl+F goes to the
// search box, Ctrl+P prints, Ctrl+S saves; Enter in a one-line box of a form saves. Fyne
// gives keys to the focused widget only, and its Entry swallows Esc and shortcuts it does not
// know, so the boxes of this app (keyEntry) pass those on to the window, where the shell
// hands them to what the current screen registered in its keyMap.

// keyMap is what the current screen (or the form open in it) does for each key; nil: nothing.
type keyMap struct {
	Esc, Find, Print, Save func()
}

// keyEntry is a widget.Entry that passes Esc and Ctrl+F/P/S on to the window.
type keyEntry struct {
	widget.Entry
}

// newEntry makes a one-line box that passes the app's keys on.
func newEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// newMultiLineEntry makes a multi-line box that passes the app's keys on.
func newMultiLineEntry() *keyEntry {
	e := newEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(k)
			return
		}
	}
	e.Entry.TypedKey(k)
}

func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if appShortcut(s) {
		if c, ok := fyne.CurrentApp().Driver().CanvasForObject(e).(interface{ TypedShortcut(fyne.Shortcut) }); ok {
			c.TypedShortcut(s)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// Shortcuts of the app (Ctrl+F, Ctrl+P, Ctrl+S).
var (
	ctrlF = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	ctrlP = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}
	ctrlS = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
)

func appShortcut(s fyne.Shortcut) bool {
	switch s.ShortcutName() {
	case ctrlF.ShortcutName(), ctrlP.ShortcutName(), ctrlS.ShortcutName():
		return true
	}
	return false
}

// bindKeys sends the window's Esc and shortcuts to whatever keys returns at the time. The
// key handler already set (the idle watch's) is kept and called first.
func bindKeys(w fyne.Window, keys func() *keyMap) {
	c := w.Canvas()
	prev := c.OnTypedKey()
	run := func(pick func(*keyMap) func()) func(fyne.Shortcut) {
		return func(fyne.Shortcut) {
			if k := keys(); k != nil {
				if fn := pick(k); fn != nil {
					fn()
				}
			}
		}
	}
	c.AddShortcut(ctrlF, run(func(k *keyMap) func() { return k.Find }))
	c.AddShortcut(ctrlP, run(func(k *keyMap) func() { return k.Print }))
	c.AddShortcut(ctrlS, run(func(k *keyMap) func() { return k.Save }))
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if prev != nil {
			prev(ev)
		}
		if ev.Name != fyne.KeyEscape {
			return
		}
		// An open dialog closes first (Fyne does not close its dialogs on Esc).
		if top := c.Overlays().Top(); top != nil {
			return
		}
		run(func(k *keyMap) func() { return k.Esc })(nil)
	})
}
