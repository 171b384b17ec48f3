package ui

import (
	"fyne.io/fyne/v2"
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
	dirty func() bool // something typed is not saved
	save  func() bool // saves; false when refused (the form then shows why and stays)
	owner any         // the form (tests reach it through here)
}

// unsaved reports whether the session has an open form with unsaved changes.
func (s *Session) unsaved() bool {
	return s != nil && s.guard != nil && s.guard.dirty()
}

// leaving runs proceed once the open form's changes are saved or given up, asking first when
// there are any; 取消 (or a refused save) keeps the form and does not call proceed.
func (s *Session) leaving(proceed func()) {
	if !s.unsaved() {
		proceed()
		return
	}
	g := s.guard
	var d dialog.Dialog
	save := primaryButton(assets.T("Save"), fynetheme.DocumentSaveIcon(), func() {
		d.Hide()
		if g.save() {
			proceed()
		}
	})
	discard := widget.NewButtonWithIcon(assets.T("Don't save"), fynetheme.DeleteIcon(), func() {
		d.Hide()
		s.guard = nil
		proceed()
	})
	cancel := widget.NewButtonWithIcon(assets.T("Cancel"), fynetheme.CancelIcon(), func() { d.Hide() })
	msg := paragraph(assets.T("What you typed in this form has not been saved. Save it before leaving?"), 420)
	cd := dialog.NewCustomWithoutButtons(assets.T("Save the changes?"), msg, s.Window)
	cd.SetButtons([]fyne.CanvasObject{cancel, discard, save})
	d = cd
	d.Show()
}
