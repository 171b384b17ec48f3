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

func init() {
	registerScreen(Screen{ID: "users", Title: "User accounts", Icon: navIcon(fynetheme.IconNameSettings), Order: 900, Roles: everyRole, Make: makeUsers})
}

// usersView manages the local accounts of this PC.
type usersView struct {
	s        *Session
	users    []store.User
	table    *textTable
	selected int
	chosen   *widget.Label
	actions  []*widget.Button
	disable  *widget.Button
	note     *widget.Label
	problem  problemLabel
}

func makeUsers(s *Session) fyne.CanvasObject {
	if !s.User.CanAdmin() {
		return centered(widget.NewLabel(assets.T("Only the branch secretary or the township administrator manages user accounts.")))
	}
	return newUsersView(s).page()
}

func newUsersView(s *Session) *usersView {
	v := &usersView{s: s, selected: -1, chosen: widget.NewLabel(""), note: widget.NewLabel(""), problem: newProblemLabel()}
	v.note.Importance = widget.SuccessImportance
	v.table = newTextTable([]string{assets.T("User name"), assets.T("Role"), assets.T("Account state")}, []float32{200, 240, 320},
		func() int { return len(v.users) }, v.cell, v.choose)
	v.reload()
	return v
}

func (v *usersView) page() fyne.CanvasObject {
	add := primaryButton(assets.T("Add user"), fynetheme.ContentAddIcon(), v.showAdd)
	reset := widget.NewButtonWithIcon(assets.T("Reset password"), fynetheme.ViewRefreshIcon(), v.showReset)
	v.disable = widget.NewButtonWithIcon(assets.T("Disable"), fynetheme.CancelIcon(), v.toggleDisabled)
	unlock := widget.NewButtonWithIcon(assets.T("Unlock"), fynetheme.ConfirmIcon(), v.unlock)
	v.actions = []*widget.Button{reset, v.disable, unlock}
	v.enableActions()
	top := container.NewVBox(toolbarRow([]fyne.CanvasObject{heading(assets.T("User accounts"))}, add),
		hint(assets.T("Each person who uses this PC should have an account of their own: every change is recorded under the name of whoever made it.")),
		container.NewHBox(v.chosen, reset, v.disable, unlock), v.note, v.problem.Label)
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, v.table)
}

func (v *usersView) reload() {
	us, err := v.s.DB.Users(v.s.Ctx)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	v.users = us
	v.table.Refresh()
	if v.selected >= len(us) {
		v.selected = -1
	}
	v.enableActions()
}

func (v *usersView) cell(r, c int) string {
	u := v.users[r]
	switch c {
	case 0:
		return u.Name
	case 1:
		return store.RoleLabelOn(u.Role, v.s.Role)
	}
	switch {
	case u.Disabled:
		return assets.T("Disabled")
	case u.LockedUntil.After(v.s.DB.Now()):
		return assets.T("Locked until %s (too many wrong passwords)", u.LockedUntil.In(v.s.DB.Now().Location()).Format("15:04"))
	}
	return assets.T("In use")
}

func (v *usersView) choose(r int) {
	v.selected = r
	v.enableActions()
}

// enableActions enables the account buttons once an account is chosen.
func (v *usersView) enableActions() {
	if v.chosen == nil {
		return
	}
	if v.selected < 0 {
		v.chosen.SetText(assets.T("Choose an account in the list:"))
	} else {
		v.chosen.SetText(assets.T("Account %s:", v.users[v.selected].Name))
	}
	for _, b := range v.actions {
		if v.selected < 0 {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if v.disable != nil && v.selected >= 0 {
		if v.users[v.selected].Disabled {
			v.disable.SetText(assets.T("Enable"))
		} else {
			v.disable.SetText(assets.T("Disable"))
		}
	}
}

func (v *usersView) done(err error, msg string) {
	v.note.SetText("")
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	v.problem.Set("")
	v.reload()
	v.note.SetText(msg)
}

func (v *usersView) toggleDisabled() {
	u := v.users[v.selected]
	if u.Name == v.s.User.Name && !u.Disabled {
		v.problem.Set(assets.T("You cannot disable your own account."))
		return
	}
	err := v.s.DB.SetUserDisabled(v.s.Ctx, u.Name, !u.Disabled)
	if u.Disabled {
		v.done(err, assets.T("The account %s can be used again.", u.Name))
	} else {
		v.done(err, assets.T("The account %s is disabled: it can no longer log in.", u.Name))
	}
}

func (v *usersView) unlock() {
	u := v.users[v.selected]
	v.done(v.s.DB.Unlock(v.s.Ctx, u.Name), assets.T("The account %s is unlocked.", u.Name))
}

// rolesFor lists the roles an account on a PC of the device role may have: a village PC has
// no township administrator, a township PC no branch secretary.
func rolesFor(deviceRole string) []string {
	skip := store.RoleTownshipAdmin
	if deviceRole == store.RoleTownship {
		skip = store.RoleSecretary
	}
	var out []string
	for _, r := range store.UserRoles() {
		if r != skip {
			out = append(out, r)
		}
	}
	return out
}

// passwordPair is two password entries that must match.
func passwordPair() (*widget.Entry, *widget.Entry) {
	a, b := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	a.SetPlaceHolder(assets.T("At least 8 characters, not a common one"))
	return a, b
}

func (v *usersView) showAdd() {
	name := widget.NewEntry()
	roles := rolesFor(v.s.Role)
	labels := make([]string, len(roles))
	for i, r := range roles {
		labels[i] = store.RoleLabelOn(r, v.s.Role)
	}
	role := newSelect(labels, nil)
	role.SetSelectedIndex(1) // recorder: the usual second account
	pw, pw2 := passwordPair()
	problem := newProblemLabel()
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(assets.T("User name")), name, widget.NewLabel(assets.T("Role")), role,
		widget.NewLabel(assets.T("Password")), pw, widget.NewLabel(assets.T("Password again")), pw2)
	var d *dialog.CustomDialog
	ok := primaryButton(assets.T("Add user"), fynetheme.ConfirmIcon(), func() {
		if pw.Text != pw2.Text {
			problem.Set(assets.T("The two passwords are different. Enter the same password twice."))
			return
		}
		if _, err := v.s.DB.AddUser(v.s.Ctx, name.Text, roles[role.SelectedIndex()], pw.Text); err != nil {
			problem.Set(assets.Chinese(err))
			return
		}
		d.Hide()
		v.done(nil, assets.T("The account %s has been added. Tell the person the password; they can log in now.", name.Text))
	})
	cancel := widget.NewButton(assets.T("Cancel"), func() { d.Hide() })
	content := fixedWidth(440, container.NewVBox(form, problem.Label))
	d = dialog.NewCustomWithoutButtons(assets.T("Add user"), content, v.s.Window)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Show()
}

func (v *usersView) showReset() {
	u := v.users[v.selected]
	pw, pw2 := passwordPair()
	problem := newProblemLabel()
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(assets.T("New password")), pw, widget.NewLabel(assets.T("Password again")), pw2)
	var d *dialog.CustomDialog
	ok := primaryButton(assets.T("Reset password"), fynetheme.ConfirmIcon(), func() {
		if pw.Text != pw2.Text {
			problem.Set(assets.T("The two passwords are different. Enter the same password twice."))
			return
		}
		if err := v.s.DB.SetPassword(v.s.Ctx, u.Name, pw.Text); err != nil {
			problem.Set(assets.Chinese(err))
			return
		}
		d.Hide()
		v.done(nil, assets.T("The password of %s has been changed (and any lock cleared).", u.Name))
	})
	cancel := widget.NewButton(assets.T("Cancel"), func() { d.Hide() })
	content := fixedWidth(440, container.NewVBox(hint(assets.T("New password for %s:", u.Name)), form, problem.Label))
	d = dialog.NewCustomWithoutButtons(assets.T("Reset password"), content, v.s.Window)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Show()
}
