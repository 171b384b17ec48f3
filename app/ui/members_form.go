package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// memberDetail is the detail and edit page of one member (or of a new one).
type memberDetail struct {
	v     *membersView
	m     store.Member // as loaded
	isNew bool
	edit  bool // the user may change it

	entries  map[string]*widget.Entry
	selects  map[string]*widget.Select
	problems map[string]problemLabel
	summary  problemLabel
	groups   []store.Org
	save     *widget.Button // nil when read-only
	page     fyne.CanvasObject
	saved    string // the form as opened, to notice unsaved changes (leaveguard.go)
	// sinceField is the 任职时间 box: under it, 「任职时间未填」 for a member with a post and no
	// date, a hint in the date's message line, not an alarm (the new-secretary training check
	// waits for the date).
	sinceField *dateField
}

func newMemberDetail(v *membersView, m store.Member) *memberDetail {
	s := v.s
	d := &memberDetail{v: v, m: m, isNew: m.ID == "", edit: s.User.CanWrite(),
		entries: map[string]*widget.Entry{}, selects: map[string]*widget.Select{}, problems: map[string]problemLabel{},
		summary: newProblemLabel()}
	orgID := m.OrgID
	if d.isNew {
		orgID = v.filter().OrgID
	}
	var err error
	if d.groups, err = s.DB.Groups(s.Ctx, orgID); err != nil {
		d.summary.Set(assets.Chinese(err)) // no groups to choose from: say why
	}

	var left, right []store.MemberField
	for _, f := range store.MemberFields() {
		if f.Right {
			right = append(right, f)
		} else {
			left = append(left, f)
		}
	}
	form := container.NewGridWithColumns(2, d.column(left), d.column(right))
	d.fill()
	d.saved = d.fingerprint()
	if d.edit {
		s.guard = &leaveGuard{dirty: func() bool { return d.fingerprint() != d.saved }, save: d.trySave, owner: d}
	}

	back := widget.NewButtonWithIcon(assets.T("Back to the list"), fynetheme.NavigateBackIcon(), func() { s.leaving(v.back) })
	title := m.Name
	if d.isNew {
		title = assets.T("Add member")
	}
	var actions []fyne.CanvasObject
	if d.edit {
		if !d.isNew {
			actions = append(actions, widget.NewButtonWithIcon(assets.T("Delete"), fynetheme.DeleteIcon(), d.confirmDelete))
		}
		d.save = primaryButton(assets.T("Save"), fynetheme.DocumentSaveIcon(), d.submit)
		actions = append(actions, d.save)
	}
	top := container.NewVBox(toolbarRow([]fyne.CanvasObject{back, heading(title)}, actions...), d.summary.Label)
	note := hint(assets.T("Dates are written like 1980-05-01. Birth date and gender may stay empty: they are taken from the ID number."))
	if !s.User.CanSeePersonal() {
		note = hint(assets.T("ID number and phone are hidden for your account."))
	}
	file := container.NewVScroll(container.NewVBox(form, note))
	if d.isNew {
		d.page = container.NewBorder(container.NewPadded(top), nil, nil, nil, file)
		return d
	}
	tabs := container.NewAppTabs(
		container.NewTabItem(assets.T("Member file"), file),
		container.NewTabItem(assets.T("Change history"), newMemberHistory(s, m, d.groups)),
	)
	d.page = container.NewBorder(container.NewPadded(top), nil, nil, nil, tabs)
	return d
}

// column lays out fields as label / input rows, each input with its problem line below.
func (d *memberDetail) column(fields []store.MemberField) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, f := range fields {
		p := newProblemLabel()
		d.problems[f.Name] = p
		cell := container.NewVBox(d.input(f), p.Label)
		objs = append(objs, widget.NewLabel(f.Title()), cell)
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// input makes the widget for one field.
func (d *memberDetail) input(f store.MemberField) fyne.CanvasObject {
	switch f.Kind {
	case store.EnumField:
		opts := f.Enum.Labels()
		if f.Optional {
			opts = append([]string{assets.T("(not filled in)")}, opts...)
		}
		sel := newSelect(opts, nil)
		d.selects[f.Name] = sel
		if f.Name == "position" {
			sel.OnChanged = func(string) { d.showSinceHint() }
		}
		d.disable(sel)
		return sel
	case store.GroupField:
		opts := []string{assets.T("(none)")}
		for _, g := range d.groups {
			opts = append(opts, g.Name)
		}
		sel := newSelect(opts, nil)
		d.selects[f.Name] = sel
		d.disable(sel)
		return sel
	}
	if f.Kind == store.DateField {
		df := newDateField(d.v.s.Window)
		df.Optional = true
		if f.Name == "position_since" {
			d.sinceField = df
		}
		e := &df.entry.Entry
		d.entries[f.Name] = e
		d.clearOnChange(f.Name, e)
		if !d.edit {
			df.Disable()
		}
		return df
	}
	e := widget.NewEntry()
	if f.Kind == store.LongText {
		e.MultiLine = true
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
	}
	d.clearOnChange(f.Name, e)
	d.entries[f.Name] = e
	if !d.edit || (f.Personal && !d.v.s.User.CanSeePersonal()) {
		e.Disable()
	}
	return e
}

// clearOnChange takes a field's problem away as soon as the field is edited (it is checked
// again on saving).
func (d *memberDetail) clearOnChange(f string, e *widget.Entry) {
	e.OnChanged = func(string) {
		if p, ok := d.problems[f]; ok && p.Visible() {
			p.Set("")
		}
		if f == "position_since" {
			d.showSinceHint()
		}
	}
}

func (d *memberDetail) disable(w fyne.Disableable) {
	if !d.edit {
		w.Disable()
	}
}

// fill puts the member's values into the widgets (defaults for a new member).
func (d *memberDetail) fill() {
	m := store.WithDefaults(d.m)
	full := d.v.s.User.CanSeePersonal()
	for _, f := range store.MemberFields() {
		switch f.Kind {
		case store.EnumField:
			idx := indexOf(f.Enum.Slugs(), f.Get(&m))
			if f.Optional {
				idx++ // after "(not filled in)"
			}
			if idx >= 0 {
				d.selects[f.Name].SetSelectedIndex(idx)
			}
		case store.GroupField:
			d.selects[f.Name].SetSelectedIndex(0)
			for i, g := range d.groups {
				if g.ID == f.Get(&m) {
					d.selects[f.Name].SetSelectedIndex(i + 1)
				}
			}
		default:
			d.entries[f.Name].SetText(f.Show(&m, nil, full))
		}
	}
	d.showSinceHint()
}

// showSinceHint shows 「任职时间未填」 when the form's 党内职务 is a post and its 任职时间 is empty.
func (d *memberDetail) showSinceHint() {
	sel, e := d.selects["position"], d.entries["position_since"]
	if d.sinceField == nil || sel == nil || e == nil {
		return
	}
	post := sel.Selected != "" && sel.Selected != store.Position.Label(store.PositionMember)
	note := ""
	if post && strings.TrimSpace(e.Text) == "" {
		note = assets.T("Position date not filled in (任职时间未填).")
	}
	if note != d.sinceField.note {
		d.sinceField.SetNote(note)
	}
}

func indexOf(xs []string, x string) int {
	for i, s := range xs {
		if s == x {
			return i
		}
	}
	return -1
}

// collect reads the widgets into a member file.
func (d *memberDetail) collect() store.Member {
	m := d.m
	s := d.v.s
	for _, f := range store.MemberFields() {
		var v string
		switch f.Kind {
		case store.EnumField:
			idx := d.selects[f.Name].SelectedIndex()
			if f.Optional {
				idx--
			}
			if idx >= 0 {
				v = f.Enum.Slugs()[idx]
			}
		case store.GroupField:
			if i := d.selects[f.Name].SelectedIndex(); i > 0 {
				v = d.groups[i-1].ID
			}
		default:
			if f.Personal && !s.User.CanSeePersonal() {
				continue // shown masked: keep the stored value
			}
			v = d.entries[f.Name].Text
			if f.Kind == store.DateField {
				if n, ok := normalizeDate(v); ok {
					v = n
				}
			}
		}
		if err := store.SetMemberField(s.Ctx, s.DB, &m, f.Name, v); err != nil {
			d.problems[f.Name].Set(assets.Chinese(err))
		}
	}
	return m
}

// fingerprint is what the form shows, to compare with what was opened.
func (d *memberDetail) fingerprint() string {
	var b strings.Builder
	for _, f := range store.MemberFields() {
		if e, ok := d.entries[f.Name]; ok {
			b.WriteString(e.Text)
		} else if sel, ok := d.selects[f.Name]; ok {
			b.WriteString(strconv.Itoa(sel.SelectedIndex()))
		}
		b.WriteByte(0)
	}
	return b.String()
}

// submit validates and saves; problems appear next to their fields and nothing is saved.
func (d *memberDetail) submit() { d.trySave() }

// trySave saves and goes back to the list; false when refused (the problems are shown).
func (d *memberDetail) trySave() bool {
	for _, p := range d.problems {
		p.Set("")
	}
	d.summary.Set("")
	m := d.collect()
	s := d.v.s
	var err error
	if d.isNew {
		m.OrgID = d.v.filter().OrgID
		if s.Role == store.RoleTownship && m.OrgID == "" {
			d.summary.Set(assets.T("Choose the village first (the list next to the search box), then add the member."))
			return false
		}
		_, err = s.DB.AddMember(s.Ctx, m)
	} else {
		err = s.DB.UpdateMember(s.Ctx, m)
	}
	if err != nil {
		d.showProblems(err)
		return false
	}
	d.v.back()
	d.v.notice(assets.T("The member file of %s has been saved.", m.Name))
	return true
}

// showProblems puts each validation problem next to its field, or lists it at the top.
func (d *memberDetail) showProblems(err error) {
	var ve *store.ValidationError
	if !errors.As(err, &ve) {
		d.summary.Set(assets.Chinese(err))
		return
	}
	var loose []string
	for _, p := range ve.Problems {
		if pl, ok := d.problems[p.Field]; ok {
			text := pl.Text
			if text != "" {
				text += "\n"
			}
			pl.Set(text + p.Err.Chinese())
			continue
		}
		loose = append(loose, store.FieldLabel(p.Field)+"："+p.Err.Chinese())
	}
	msg := assets.T("Nothing was saved: %d problems need correcting (in red below).", len(ve.Problems))
	if len(loose) > 0 {
		msg += "\n" + strings.Join(loose, "\n")
	}
	d.summary.Set(msg)
}

// confirmDelete explains the difference between leaving and deleting, then deletes.
func (d *memberDetail) confirmDelete() {
	s := d.v.s
	msg := widget.NewLabel(assets.T("Delete the member file of %s? Delete only a file entered by mistake. When a member transfers out, dies or leaves the party, do not delete: change the roll state instead, so the records stay complete.", d.m.Name))
	msg.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustomConfirm(assets.T("Delete member file"), assets.T("Delete"), assets.T("Cancel"),
		fixedWidth(460, msg), func(ok bool) {
			if !ok {
				return
			}
			if err := s.DB.DeleteMember(s.Ctx, d.m.ID); err != nil {
				d.summary.Set(assets.Chinese(err))
				return
			}
			d.v.back()
			d.v.notice(assets.T("The member file of %s has been deleted.", d.m.Name))
		}, s.Window)
	dlg.Show()
}
