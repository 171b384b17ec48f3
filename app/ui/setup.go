package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/sync/device"
)

// setupForm is the first-start wizard's widgets (kept for tests).
type setupForm struct {
	role                            *widget.RadioGroup
	orgCode, orgName, parentCode    *widget.Entry
	admin, password, passwordRepeat *widget.Entry
	parentRow                       []fyne.CanvasObject
	submit, back                    *widget.Button
	problem                         problemLabel
}

// roleChoices are the wizard's two kinds of installation, in display order.
func roleChoices() []string {
	return []string{assets.T("Village party branch (村党支部)"), assets.T("Township party committee (乡镇党委)")}
}

func (f *setupForm) deviceRole() string {
	if f.role.Selected == roleChoices()[1] {
		return store.RoleTownship
	}
	return store.RoleVillage
}

// showSetup shows the first-start wizard.
func (u *appUI) showSetup() {
	f := u.newSetupForm()
	u.setupF = f
	u.setContent(f.view())
	u.w.Canvas().Focus(f.orgCode)
}

func (u *appUI) newSetupForm() *setupForm {
	f := &setupForm{orgCode: widget.NewEntry(), orgName: widget.NewEntry(), parentCode: widget.NewEntry(),
		admin: widget.NewEntry(), password: widget.NewPasswordEntry(), passwordRepeat: widget.NewPasswordEntry(),
		problem: newProblemLabel()}
	f.orgCode.SetPlaceHolder(assets.T("e.g. 410928001"))
	f.orgName.SetPlaceHolder(assets.T("e.g. 张庄村党支部"))
	f.parentCode.SetPlaceHolder(assets.T("Optional; the township office can tell you"))
	f.admin.SetPlaceHolder(assets.T("e.g. 王书记"))
	f.password.SetPlaceHolder(assets.T("At least 8 characters, not a common one"))
	f.parentRow = []fyne.CanvasObject{widget.NewLabel(assets.T("Township code")), f.parentCode}
	f.role = widget.NewRadioGroup(roleChoices(), func(string) {
		for _, o := range f.parentRow {
			if f.deviceRole() == store.RoleVillage {
				o.Show()
			} else {
				o.Hide()
			}
		}
	})
	f.role.Horizontal = true
	f.role.Required = true
	f.role.SetSelected(roleChoices()[0])
	f.submit = primaryButton(assets.T("Finish setup"), fynetheme.ConfirmIcon(), func() { u.submitSetup(f) })
	f.passwordRepeat.OnSubmitted = func(string) { u.submitSetup(f) }
	f.back = widget.NewButtonWithIcon(assets.T("Back"), fynetheme.NavigateBackIcon(), u.showFirstStart)
	return f
}

func (f *setupForm) view() fyne.CanvasObject {
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(assets.T("This PC keeps the records of")), f.role,
		widget.NewLabel(assets.T("Organisation code")), f.orgCode,
		widget.NewLabel(assets.T("Organisation name")), f.orgName,
		f.parentRow[0], f.parentRow[1],
		widget.NewLabel(assets.T("Administrator name")), f.admin,
		widget.NewLabel(assets.T("Password")), f.password,
		widget.NewLabel(assets.T("Password again")), f.passwordRepeat,
	)
	box := container.NewVBox(
		heading(assets.T("Welcome to Zhibu")),
		hint(assets.T("This PC has no records yet. Fill in a few facts once; they can be seen later on the device page.")),
		widget.NewSeparator(), form, f.problem.Label,
		container.NewHBox(f.back, layout.NewSpacer(), f.submit),
		hint(assets.T("The administrator (the branch secretary, or the township administrator) can add accounts for others later. Write the password down and keep it safe.")),
	)
	return centered(fixedWidth(640, box))
}

// submitSetup checks the wizard, creates the device keys and sets up the database.
func (u *appUI) submitSetup(f *setupForm) {
	if f.password.Text != f.passwordRepeat.Text {
		f.problem.Set(assets.T("The two passwords are different. Enter the same password twice."))
		return
	}
	p := store.InitParams{Role: f.deviceRole(), OrgCode: strings.TrimSpace(f.orgCode.Text), OrgName: strings.TrimSpace(f.orgName.Text),
		Admin: strings.TrimSpace(f.admin.Text), Password: f.password.Text}
	if p.Role == store.RoleVillage {
		p.ParentCode = strings.TrimSpace(f.parentCode.Text)
	}
	if p.OrgCode == "" || p.OrgName == "" {
		f.problem.Set(assets.T("Enter the organisation's code and name."))
		return
	}
	if p.Admin == "" {
		f.problem.Set(assets.T("Enter the administrator's name."))
		return
	}
	id, err := device.Create(u.dbPath)
	if err != nil {
		f.problem.Set(assets.Chinese(err))
		return
	}
	p.Device = id.ID.String()
	if err := u.db.Init(u.ctx, p); err != nil {
		f.problem.Set(assets.Chinese(err))
		return
	}
	if err := u.loadHome(); err != nil {
		u.showOpenError(err)
		return
	}
	u.showLoginFor(p.Admin, assets.T("Setup is complete. Log in with the administrator's name and password."))
}
