package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// askNewPassword asks a user who logged in with a password the rule now refuses (set before
// it: too short or one of the most common) to choose a new one. The account is not locked
// out; "Later" asks again at the next login.
func (u *appUI) askNewPassword(user store.User) {
	pw, pw2 := passwordPair()
	problem := newProblemLabel()
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(assets.T("New password")), pw, widget.NewLabel(assets.T("Password again")), pw2)
	var d *dialog.CustomDialog
	ok := primaryButton(assets.T("Change password"), fynetheme.ConfirmIcon(), func() {
		if pw.Text != pw2.Text {
			problem.Set(assets.T("The two passwords are different. Enter the same password twice."))
			return
		}
		if err := u.db.SetPassword(store.WithUser(u.ctx, user.Name), user.Name, pw.Text); err != nil {
			problem.Set(assets.Chinese(err))
			return
		}
		d.Hide()
	})
	later := widget.NewButton(assets.T("Later"), func() { d.Hide() })
	content := fixedWidth(460, container.NewVBox(
		hint(assets.T("Your password is shorter than 8 characters or one of the most common ones, which others guess first. Please choose a new one now.")),
		form, problem.Label))
	d = dialog.NewCustomWithoutButtons(assets.T("Change password"), content, u.w)
	d.SetButtons([]fyne.CanvasObject{later, ok})
	d.Show()
	u.w.Canvas().Focus(pw)
}
