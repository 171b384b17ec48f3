package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
)

// Unsaved work: a form with changes registers a leaveGuard in the session while it is open.
// Everything that would take the form away (another sidebar entry, the guide button, closing
// the window, logging out) asks first: 保存 / 不保存 / 取消. The idle lock does not ask: it
// parks the whole logged-in shell, and the same user finds the form as left after logging in.

// leaveGuard is the open form's unsaved work.
type leaveGuard struct {
	dirty func() bool  // something typed is not saved
	save  func() bool  // saves; false when refused (the form then shows why and stays)
	owner any          // the form (tests reach it through here)
	forms *screenGuard // the screen's own forms (guardForm), checked with the form's
}

// unsaved reports whether the session has an open form with unsaved changes.
func (s *Session) unsaved() bool {
	return s != nil && s.guard != nil && s.guard.dirty()
}

// leaving runs proceed once the open form's changes are saved or given up, asking first when
// there are any; 取消 (or a refused save) keeps the form and does not call proceed.
func (s *Session) leaving(proceed func()) { s.ask(proceed, nil, false) }

// ask asks 保存 / 不保存 / 取消 when the open form has unsaved changes, then runs proceed
// (after a save or 不保存) or stay (取消, or a refused save). within: proceed stays on the
// screen (another year or member in the same form), so 不保存 keeps the screen's guard.
func (s *Session) ask(proceed, stay func(), within bool) {
	if !s.unsaved() {
		proceed()
		return
	}
	if stay == nil {
		stay = func() {}
	}
	g := s.guard
	var d dialog.Dialog
	save := primaryButton(assets.T("Save"), fynetheme.DocumentSaveIcon(), func() {
		d.Hide()
		if g.save() {
			proceed()
		} else {
			stay()
		}
	})
	discard := widget.NewButtonWithIcon(assets.T("Don't save"), fynetheme.DeleteIcon(), func() {
		d.Hide()
		if !within {
			s.guard = nil
		}
		proceed()
	})
	cancel := widget.NewButtonWithIcon(assets.T("Cancel"), fynetheme.CancelIcon(), func() { d.Hide(); stay() })
	msg := paragraph(assets.T("What you typed in this form has not been saved. Save it before leaving?"), 420)
	cd := dialog.NewCustomWithoutButtons(assets.T("Save the changes?"), msg, s.Window)
	cd.SetButtons([]fyne.CanvasObject{cancel, discard, save})
	d = cd
	d.Show()
}

// Screens with forms of their own (a rating list, a row of boxes under a table, a settings
// row) guard them through guardForm: the session's guard then covers every form the screen
// registered (a screen with tabs registers one per tab). A form is "changed" when the values
// of its fields differ from those it was opened or last saved with; 保存 in the question saves
// each changed form in turn. Registering a form also makes Enter in its one-line boxes move to
// the next field and Ctrl+S save, as in the meeting form.

// guardedForm is one form of a screen: its fields and how it saves.
type guardedForm struct {
	fields []any       // fyne.CanvasObject or func() string
	save   func() bool // saves; false when refused (the form then says why)
	base   string      // the fields' values as opened or saved
}

// screenGuard is the forms registered by the screen on show.
type screenGuard struct {
	forms []*guardedForm
}

// guardForm registers a form of the current screen: save saves it (false: refused), fields
// are its boxes (entries, selects, tick boxes, date fields, containers of them, or a func
// giving a value the form holds). The values now are taken as the saved ones; call mark
// after filling the form from the store. A user who may only read gets no guard.
func (s *Session) guardForm(save func() bool, fields ...any) *guardedForm {
	f := &guardedForm{fields: fields, save: save}
	f.mark()
	if s == nil || !s.User.CanWrite() {
		return f
	}
	switch {
	case s.guard == nil:
		sg := &screenGuard{}
		s.guard = &leaveGuard{dirty: sg.dirty, save: sg.save, owner: sg, forms: sg}
	case s.guard.forms == nil:
		// The screen has a form with its own guard (the 发展党员 step beside the plan's tab):
		// both count, the form's first.
		g, sg := s.guard, &screenGuard{}
		dirty, save := g.dirty, g.save
		g.dirty = func() bool { return dirty() || sg.dirty() }
		g.save = func() bool { return (!dirty() || save()) && sg.save() }
		g.forms = sg
	}
	sg := s.guard.forms
	sg.forms = append(sg.forms, f)
	for _, x := range fields {
		if o, ok := x.(fyne.CanvasObject); ok {
			enterMovesOnIn(o)
		}
	}
	if s.Keys != nil && s.Keys.Save == nil {
		s.Keys.Save = func() {
			if s.guard != nil && s.guard.forms == sg {
				sg.save()
			}
		}
	}
	return f
}

// mark takes the fields' values now as the saved ones.
func (f *guardedForm) mark() { f.base = fieldsPrint(f.fields) }

// dirty reports whether something typed in the form is not saved.
func (f *guardedForm) dirty() bool { return fieldsPrint(f.fields) != f.base }

// run saves the form (its button and Ctrl+S) and, when saved, takes its values as saved.
func (f *guardedForm) run() bool {
	if !f.save() {
		return false
	}
	f.mark()
	return true
}

// tap is run for a button.
func (f *guardedForm) tap() { f.run() }

func (g *screenGuard) dirty() bool {
	for _, f := range g.forms {
		if f.dirty() {
			return true
		}
	}
	return false
}

// save saves every changed form; false when one was refused (the rest are left as typed).
func (g *screenGuard) save() bool {
	for _, f := range g.forms {
		if f.dirty() && !f.run() {
			return false
		}
	}
	return true
}

// fieldsPrint is the values of a form's fields, one string to compare.
func fieldsPrint(fields []any) string {
	var b []byte
	for _, x := range fields {
		b = append(b, fieldValue(x)...)
		b = append(b, 0)
	}
	return string(b)
}

// fieldValue is what a field holds: the text of a box, the choice of a drop-down, the tick of
// a tick box, the values of a container's fields.
func fieldValue(x any) string {
	switch o := x.(type) {
	case nil:
		return ""
	case func() string:
		return o()
	case *keyEntry:
		return o.Text
	case *widget.Entry:
		return o.Text
	case *dateField:
		return o.entry.Text
	case *widget.Select:
		return o.Selected
	case *safeSelect:
		return o.Selected
	case *yearSelect:
		return o.Selected
	case *widget.SelectEntry:
		return o.Text
	case *widget.Check:
		if o.Checked {
			return "1"
		}
		return "0"
	case *widget.RadioGroup:
		return o.Selected
	case *widget.CheckGroup:
		return strings.Join(o.Selected, "\x01")
	case *memberChecks:
		return strings.Join(o.Selected(), ",")
	case *memberPicker:
		return o.ID()
	case *fyne.Container:
		return containerPrint(o.Objects)
	case *widget.Form:
		var objs []fyne.CanvasObject
		for _, it := range o.Items {
			objs = append(objs, it.Widget)
		}
		return containerPrint(objs)
	}
	return ""
}

// containerPrint is the values of the fields in a container that hold something: a blank row
// added to a list of rows changes nothing.
func containerPrint(objs []fyne.CanvasObject) string {
	b := []byte{'['}
	for i, c := range objs {
		if v := fieldValue(c); v != "" && v != "[]" {
			b = append(b, strconv.Itoa(i)...)
			b = append(b, '=')
			b = append(b, v...)
			b = append(b, 0)
		}
	}
	return string(append(b, ']'))
}

// enterMovesOnIn makes Enter in every one-line box inside o move to the next field (boxes
// that already do something on Enter keep it).
func enterMovesOnIn(o fyne.CanvasObject) {
	switch x := o.(type) {
	case *keyEntry:
		if !x.MultiLine && x.OnSubmitted == nil {
			x.OnSubmitted = func(string) { focusNext(x) }
		}
	case *widget.Entry:
		if !x.MultiLine && x.OnSubmitted == nil {
			x.OnSubmitted = func(string) { focusNext(x) }
		}
	case *widget.SelectEntry:
		if x.OnSubmitted == nil {
			x.OnSubmitted = func(string) { focusNext(x) }
		}
	case *dateField:
		if x.entry.OnSubmitted == nil {
			x.entry.OnSubmitted = func(string) { focusNext(x.entry) }
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			enterMovesOnIn(c)
		}
	case *widget.Form:
		for _, it := range x.Items {
			enterMovesOnIn(it.Widget)
		}
	}
}

// guardChoice makes a change of sel (the year or the member a form is about, whose change
// fills the form again) ask first when something typed on the screen is not saved; 取消
// puts the choice back. changed runs once the change goes ahead.
func (s *Session) guardChoice(sel *widget.Select, changed func()) {
	prev := sel.Selected
	quiet := false
	sel.OnChanged = func(string) {
		if quiet {
			return
		}
		next := sel.Selected
		if !s.unsaved() {
			prev = next
			changed()
			return
		}
		put := func(v string) {
			quiet = true
			if v == "" {
				sel.ClearSelected()
			} else {
				sel.SetSelected(v)
			}
			quiet = false
		}
		put(prev)
		s.ask(func() {
			put(next)
			prev = next
			changed()
		}, nil, true)
	}
}

// Dialogs. Fyne's dialogs are modal and Esc does not close them (bindKeys), so typed text in
// a dialog is lost only by its own 取消 (a choice: dialogs with a short entry close at once;
// those holding paragraphs ask, confirmDiscard), by closing the window (requestClose asks
// when a dialog holds typed text) or by the idle lock (the dialogs are put aside with the
// screen and come back for the same user, parkOverlays).

// confirmDiscard closes a dialog whose text the user typed only after asking; typed reports
// whether it holds text not yet saved or sent.
func confirmDiscard(w fyne.Window, typed func() bool, close func()) {
	if !typed() {
		close()
		return
	}
	dialog.NewCustomConfirm(assets.T("Discard what you typed?"), assets.T("Discard"), assets.T("Keep editing"),
		paragraph(assets.T("What you typed in this window has not been saved or sent. Close it and discard the text?"), 420),
		func(discard bool) {
			if discard {
				close()
			}
		}, w).Show()
}

// overlayTyped reports whether an open dialog holds typed text: an enabled box with
// something in it.
func overlayTyped(c fyne.Canvas) bool {
	for _, ov := range c.Overlays().List() {
		if typedIn(ov) {
			return true
		}
	}
	return false
}

// typedIn reports whether o holds an enabled box with text.
func typedIn(o fyne.CanvasObject) bool {
	found := false
	walkObjects(o, func(x fyne.CanvasObject) {
		switch e := x.(type) {
		case *widget.Entry:
			found = found || (!e.Disabled() && e.Text != "" && e.Visible())
		case *keyEntry:
			found = found || (!e.Disabled() && e.Text != "" && e.Visible())
		}
	})
	return found
}

// walkObjects calls fn for o and the objects inside it that this app puts in dialogs
// (containers, pop-ups, scrolls, splits, tabs, forms).
func walkObjects(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, fn)
		}
	case *widget.PopUp:
		walkObjects(x.Content, fn)
	case *container.Scroll:
		walkObjects(x.Content, fn)
	case *container.Split:
		walkObjects(x.Leading, fn)
		walkObjects(x.Trailing, fn)
	case *container.AppTabs:
		for _, it := range x.Items {
			walkObjects(it.Content, fn)
		}
	case *widget.Form:
		for _, it := range x.Items {
			walkObjects(it.Widget, fn)
		}
	}
}

// parkOverlays takes the open dialogs off the window (at the idle lock: they must not stay
// over the login screen); restoreOverlays puts them back.
func parkOverlays(c fyne.Canvas) []fyne.CanvasObject {
	list := append([]fyne.CanvasObject(nil), c.Overlays().List()...)
	for _, o := range list {
		c.Overlays().Remove(o)
	}
	return list
}

func restoreOverlays(c fyne.Canvas, list []fyne.CanvasObject) {
	for _, o := range list {
		c.Overlays().Add(o)
		o.Refresh()
	}
}
