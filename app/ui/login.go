package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
)

// loginForm is the login screen's widgets (kept for tests).
type loginForm struct {
	name, password *widget.Entry
	submit         *widget.Button
	problem        problemLabel
}

// showLogin shows the login screen with an optional message (e.g. why it appeared).
func (u *appUI) showLogin(msg string) { u.showLoginFor("", msg) }

// showLoginFor shows the login screen with the user name filled in.
func (u *appUI) showLoginFor(name, msg string) {
	f := u.newLoginForm(name, msg)
	u.loginF = f
	u.setContent(f.view(u.home.Name))
	if name == "" {
		u.w.Canvas().Focus(f.name)
	} else {
		u.w.Canvas().Focus(f.password)
	}
}

func (u *appUI) newLoginForm(name, msg string) *loginForm {
	f := &loginForm{name: widget.NewEntry(), password: widget.NewPasswordEntry(), problem: newProblemLabel()}
	f.name.SetPlaceHolder(assets.T("User name"))
	f.name.SetText(name)
	f.password.SetPlaceHolder(assets.T("Password"))
	f.problem.Set(msg)
	f.problem.Importance = widget.MediumImportance
	submit := func() {
		n := strings.TrimSpace(f.name.Text)
		if n == "" {
			f.problem.Importance = widget.DangerImportance
			f.problem.Set(assets.T("Enter your user name."))
			u.w.Canvas().Focus(f.name)
			return
		}
		user, err := u.db.Login(u.ctx, n, f.password.Text)
		if err != nil {
			f.password.SetText("")
			f.problem.Importance = widget.DangerImportance
			f.problem.Set(assets.Chinese(err))
			u.w.Canvas().Focus(f.password)
			return
		}
		u.onLogin(user)
	}
	f.name.OnSubmitted = func(string) { u.w.Canvas().Focus(f.password) }
	f.password.OnSubmitted = func(string) { submit() }
	f.submit = primaryButton(assets.T("Log in"), fynetheme.LoginIcon(), submit)
	return f
}

func (f *loginForm) view(orgName string) fyne.CanvasObject {
	title := canvas.NewText(assets.T("Zhibu"), fynetheme.Color(fynetheme.ColorNamePrimary))
	title.TextSize = 30
	title.Alignment = fyne.TextAlignCenter
	org := widget.NewLabelWithStyle(orgName, fyne.TextAlignCenter, fyne.TextStyle{})
	form := container.New(layout.NewFormLayout(), widget.NewLabel(assets.T("User name")), f.name,
		widget.NewLabel(assets.T("Password")), f.password)
	box := container.NewVBox(title, org, widget.NewSeparator(), form, f.problem.Label, f.submit,
		hint(assets.T("Forgot the password? Ask the branch secretary to reset it.")))
	return centered(fixedWidth(420, box))
}
