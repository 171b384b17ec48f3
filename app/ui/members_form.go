package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/cnid"
)

// enumFields are the member fields chosen from a list, with whether they may stay empty.
var enumFields = map[string]struct {
	enum interface {
		Labels() []string
		Slugs() []string
	}
	optional bool
}{
	"gender": {store.Gender, true}, "status": {store.Status, false}, "position": {store.Position, false},
	"category": {store.Category, true}, "state": {store.State, false},
}

var dateFields = map[string]bool{"birth_date": true, "joined_date": true, "confirmed_date": true, "state_date": true}

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
	d.groups, _ = s.DB.Groups(s.Ctx, orgID)

	left := []string{"name", "gender", "ethnicity", "birth_date", "id_number", "education", "phone", "address", "group"}
	right := []string{"joined_date", "confirmed_date", "status", "position", "category", "state", "state_date", "notes"}
	form := container.NewGridWithColumns(2, d.column(left), d.column(right))
	d.fill()

	back := widget.NewButtonWithIcon(assets.T("Back to the list"), fynetheme.NavigateBackIcon(), v.back)
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
func (d *memberDetail) column(fields []string) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, f := range fields {
		p := newProblemLabel()
		d.problems[f] = p
		objs = append(objs, widget.NewLabel(store.FieldLabel(f)), container.NewVBox(d.input(f), p.Label))
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// input makes the widget for one field.
func (d *memberDetail) input(f string) fyne.CanvasObject {
	if ef, ok := enumFields[f]; ok {
		opts := ef.enum.Labels()
		if ef.optional {
			opts = append([]string{assets.T("(not filled in)")}, opts...)
		}
		sel := newSelect(opts, nil)
		d.selects[f] = sel
		d.disable(sel)
		return sel
	}
	if f == "group" {
		opts := []string{assets.T("(none)")}
		for _, g := range d.groups {
			opts = append(opts, g.Name)
		}
		sel := newSelect(opts, nil)
		d.selects[f] = sel
		d.disable(sel)
		return sel
	}
	if dateFields[f] {
		df := newDateField(d.v.s.Window)
		df.Optional = true
		e := &df.entry.Entry
		d.entries[f] = e
		d.clearOnChange(f, e)
		if !d.edit {
			df.Disable()
		}
		return df
	}
	e := widget.NewEntry()
	d.clearOnChange(f, e)
	if f == "notes" {
		e.MultiLine = true
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
	}
	d.entries[f] = e
	if !d.edit || ((f == "id_number" || f == "phone") && !d.v.s.User.CanSeePersonal()) {
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
	}
}

func (d *memberDetail) disable(w fyne.Disableable) {
	if !d.edit {
		w.Disable()
	}
}

// fill puts the member's values into the widgets.
func (d *memberDetail) fill() {
	m := d.m
	idn, phone := m.IDNumber, m.Phone
	if !d.v.s.User.CanSeePersonal() {
		idn, phone = cnid.Mask(idn), cnid.MaskPhone(phone)
	}
	for f, val := range map[string]string{"name": m.Name, "ethnicity": m.Ethnicity, "birth_date": m.BirthDate,
		"id_number": idn, "education": m.Education, "phone": phone, "address": m.Address, "joined_date": m.JoinedDate,
		"confirmed_date": m.ConfirmedDate, "state_date": m.StateDate, "notes": m.Notes} {
		d.entries[f].SetText(val)
	}
	defaults := map[string]string{"status": "full", "position": "member", "state": "active"}
	for f, val := range map[string]string{"gender": m.Gender, "status": m.Status, "position": m.Position, "category": m.Category, "state": m.State} {
		if val == "" {
			val = defaults[f]
		}
		ef := enumFields[f]
		idx := indexOf(ef.enum.Slugs(), val)
		if ef.optional {
			idx++ // after "(not filled in)"
		}
		if idx >= 0 {
			d.selects[f].SetSelectedIndex(idx)
		}
	}
	d.selects["group"].SetSelectedIndex(0)
	for i, g := range d.groups {
		if g.ID == m.GroupID {
			d.selects["group"].SetSelectedIndex(i + 1)
		}
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
	txt := func(f string) string {
		t := strings.TrimSpace(d.entries[f].Text)
		if dateFields[f] {
			if n, ok := normalizeDate(t); ok {
				return n
			}
		}
		return t
	}
	m.Name, m.Ethnicity, m.BirthDate, m.Education = txt("name"), txt("ethnicity"), txt("birth_date"), txt("education")
	m.Address, m.JoinedDate, m.ConfirmedDate, m.StateDate = txt("address"), txt("joined_date"), txt("confirmed_date"), txt("state_date")
	m.Notes = strings.TrimSpace(d.entries["notes"].Text)
	if d.v.s.User.CanSeePersonal() {
		m.IDNumber, m.Phone = txt("id_number"), txt("phone")
	}
	for f, dst := range map[string]*string{"gender": &m.Gender, "status": &m.Status, "position": &m.Position, "category": &m.Category, "state": &m.State} {
		ef := enumFields[f]
		idx := d.selects[f].SelectedIndex()
		if ef.optional {
			idx--
		}
		*dst = ""
		if idx >= 0 {
			*dst = ef.enum.Slugs()[idx]
		}
	}
	m.GroupID = ""
	if i := d.selects["group"].SelectedIndex(); i > 0 {
		m.GroupID = d.groups[i-1].ID
	}
	return m
}

// submit validates and saves; problems appear next to their fields and nothing is saved.
func (d *memberDetail) submit() {
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
			return
		}
		_, err = s.DB.AddMember(s.Ctx, m)
	} else {
		err = s.DB.UpdateMember(s.Ctx, m)
	}
	if err != nil {
		d.showProblems(err)
		return
	}
	d.v.back()
	d.v.notice(assets.T("The member file of %s has been saved.", m.Name))
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
		f := p.Field
		if f == "group_id" {
			f = "group"
		}
		if pl, ok := d.problems[f]; ok {
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
