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
	"zhibu/store"
)

// loginForm is the login screen's widgets (kept for tests).
type loginForm struct {
	name, password *widget.Entry
	submit         *widget.Button
	problem        problemLabel
	users          *fyne.Container // one button per account, to pick instead of typing
	busy           *loadingBar
}

// showLogin shows the login screen with an optional message (e.g. why it appeared).
func (u *appUI) showLogin(msg string) { u.showLoginFor("", msg) }

// showLoginFor shows the login screen with the user name filled in.
func (u *appUI) showLoginFor(name, msg string) {
	f := u.newLoginForm(name, msg)
	u.loginF = f
	if u.demo && u.dbPath != u.realPath {
		u.demoLogin(f)
	}
	u.setContent(f.view(u.home.Name, u.role))
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
	f.busy = newLoadingBar()
	f.busy.Hide()
	f.users = container.NewGridWrap(fyne.NewSize(130, 40))
	if us, err := u.db.Users(u.ctx); err == nil {
		for _, x := range us {
			if x.Disabled {
				continue
			}
			name := x.Name
			f.users.Add(widget.NewButtonWithIcon(name, fynetheme.AccountIcon(), func() {
				f.name.SetText(name)
				f.password.SetText("")
				u.w.Canvas().Focus(f.password)
			}))
		}
	}
	submit := func() {
		n := strings.TrimSpace(f.name.Text)
		if n == "" {
			f.problem.Importance = widget.DangerImportance
			f.problem.Set(assets.T("Enter your user name."))
			u.w.Canvas().Focus(f.name)
			return
		}
		// Checking the password (argon2id) and building the home screen take a moment: the
		// window keeps drawing meanwhile.
		pw := f.password.Text
		f.submit.Disable()
		f.busy.Show()
		f.busy.Start()
		var user store.User
		var err error
		homeLoginSubmitted()
		goThen(func() { user, err = u.db.Login(u.ctx, n, pw) }, func() {
			f.busy.Stop()
			f.busy.Hide()
			f.submit.Enable()
			if u.loginF != f {
				return // the screen changed meanwhile
			}
			if err != nil {
				f.password.SetText("")
				f.problem.Importance = widget.DangerImportance
				f.problem.Set(assets.Chinese(err))
				u.w.Canvas().Focus(f.password)
				return
			}
			u.onLogin(user)
		})
	}
	f.name.OnSubmitted = func(string) { u.w.Canvas().Focus(f.password) }
	f.password.OnSubmitted = func(string) { submit() }
	f.submit = primaryButton(assets.T("Log in"), fynetheme.LoginIcon(), submit)
	return f
}

func (f *loginForm) view(orgName, deviceRole string) fyne.CanvasObject {
	title := canvas.NewText(assets.T("Zhibu"), fynetheme.Color(fynetheme.ColorNamePrimary))
	title.TextSize = 30 * textScale()
	title.Alignment = fyne.TextAlignCenter
	org := widget.NewLabelWithStyle(orgName, fyne.TextAlignCenter, fyne.TextStyle{})
	form := container.New(layout.NewFormLayout(), widget.NewLabel(assets.T("User name")), f.name,
		widget.NewLabel(assets.T("Password")), f.password)
	forgot := assets.T("Forgot the password? Ask the branch secretary to reset it.")
	if deviceRole == store.RoleTownship {
		forgot = assets.T("Forgot the password? Ask the township administrator to reset it.")
	}
	items := []fyne.CanvasObject{title, org, widget.NewSeparator()}
	if len(f.users.Objects) > 0 {
		items = append(items, widget.NewLabel(assets.T("Tap your name, then enter the password:")), f.users)
	}
	items = append(items, form, f.problem.Label, f.busy, f.submit, hint(forgot))
	return centered(fixedWidth(420, container.NewVBox(items...)))
}
