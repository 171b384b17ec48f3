package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
)

// editDialog shows a correction form in a dialog no larger than the window: 保存 runs save off
// the UI thread and closes the dialog when it succeeds; a refusal is shown inside the dialog,
// which stays open with what was typed. done runs on the UI thread after a successful save.
func editDialog(s *Session, title string, form fyne.CanvasObject, want fyne.Size, save func(ctx context.Context) error, done func()) *editDlg {
	problem := newProblemLabel()
	var d *dialog.CustomDialog
	var ok *widget.Button
	ok = primaryButton(assets.T("Save"), fynetheme.DocumentSaveIcon(), func() {
		var err error
		ok.Disable()
		s.Go(func(ctx context.Context) { err = save(ctx) }, func() {
			ok.Enable()
			if err != nil {
				problem.Set(assets.Chinese(err))
				return
			}
			d.Hide()
			done()
		})
	})
	cancel := widget.NewButtonWithIcon(assets.T("Cancel"), fynetheme.CancelIcon(), func() { d.Hide() })
	body := container.NewBorder(nil, problem.Label, nil, nil, container.NewVScroll(form))
	d = dialog.NewCustomWithoutButtons(title, boundedSize(dialogSize(s.Window, want), body), s.Window)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Show()
	return &editDlg{d: d, ok: ok, problem: problem}
}

// editDlg is an open correction dialog (tests tap ok and read problem).
type editDlg struct {
	d       *dialog.CustomDialog
	ok      *widget.Button
	problem problemLabel
}

// confirmDelete asks before deleting; yes runs del off the UI thread, then done (on the UI
// thread) with its error.
func confirmDelete(s *Session, title, message string, del func(ctx context.Context) error, done func(err error)) *dialog.ConfirmDialog {
	d := dialog.NewConfirm(title, message, func(yes bool) {
		if !yes {
			return
		}
		var err error
		s.Go(func(ctx context.Context) { err = del(ctx) }, func() { done(err) })
	}, s.Window)
	d.SetConfirmText(assets.T("Delete"))
	d.SetDismissText(assets.T("Cancel"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
	return d
}
