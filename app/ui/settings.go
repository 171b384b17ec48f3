package ui

import (
	"image/color"
	"sort"
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

func init() {
	registerScreen(Screen{ID: "settings", Title: "Rules and settings", Icon: navIcon(fynetheme.IconNameInfo), Order: 900, Make: makeSettings})
}

// ruleGroups orders the rules by area, under the titles of the screens that use them.
var ruleGroups = []struct{ prefix, title string }{
	{"meeting.", "Meetings"}, {"orglife.", "Taking part in organisational life"}, {"theme_day.", "Theme party day"},
	{"appraisal.", "Democratic appraisal"},
	{"dues.", "Party dues"}, {"pipeline.", "New members (发展党员)"}, {"decision.", "Village decisions (四议两公开)"},
	{"points.", "Points and stars"}, {"township.", "Villages overview"},
	{"training.", "Training hours (党员教育培训)"},
}

var (
	localTint = color.NRGBA{R: 0xFF, G: 0xF1, B: 0xD6, A: 0xFF}
	localInk  = color.NRGBA{R: 0x8A, G: 0x4B, B: 0x00, A: 0xFF}
)

// settingsView shows the rules in force with their sources; on a township PC an
// administrator changes the settable ones. On a village PC it also holds the contact
// printed on the branch's wall notices.
type settingsView struct {
	s        *Session
	editable bool // township PC and an administrator
	rows     map[string]*ruleRow
	problem  problemLabel
}

// ruleRow is one rule on the screen.
type ruleRow struct {
	key   string
	value *widget.Label // the figure in force (read-only views)
	entry *keyEntry     // the figure in force (editable view)
	save  *widget.Button
	reset *widget.Button
	meta  *widget.RichText // default and source, wrapped in the room there is
	set   *canvas.Text     // "set by the township"
	msg   *widget.Label
	form  *guardedForm // the figure typed and not yet saved (leaveguard.go)
}

func makeSettings(s *Session) fyne.CanvasObject { return newSettingsView(s).page() }

func newSettingsView(s *Session) *settingsView {
	return &settingsView{s: s, editable: s.Role == store.RoleTownship && s.User.CanAdmin(),
		rows: map[string]*ruleRow{}, problem: newProblemLabel()}
}

func (v *settingsView) page() fyne.CanvasObject {
	var intro string
	switch {
	case v.editable:
		intro = assets.T("The figures below apply on this PC and in every village: a change you save here reaches the villages with the next sync. Figures fixed by national documents cannot be changed.")
	case v.s.Role == store.RoleTownship:
		intro = assets.T("Only a township administrator changes these figures.")
	default:
		intro = assets.T("The township office sets these figures; they reach this PC with the sync. Here you can see the figures in force and where each comes from.")
	}
	top := container.NewVBox(heading(assets.T("Rules and settings")), hint(intro), v.problem.Label)
	states, err := v.s.DB.RuleValues(v.s.Ctx)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
	}
	// Within an area, the figures the township may change come first.
	sort.SliceStable(states, func(i, j int) bool { return states[i].Settable && !states[j].Settable })
	list := container.NewVBox()
	for _, g := range ruleGroups {
		first := true
		for _, st := range states {
			if !strings.HasPrefix(st.Key, g.prefix) {
				continue
			}
			if first {
				list.Add(container.NewPadded(subheading(assets.T(g.title))))
				first = false
			}
			list.Add(v.newRow(st))
			list.Add(widget.NewSeparator())
		}
	}
	// On a village the contact (the one thing its secretary sets here) comes first, inside the
	// scroll: fixed under the list it left about one rule in view at system scaling 1.5.
	var page fyne.CanvasObject = container.NewPadded(list)
	if v.s.Role == store.RoleVillage {
		page = container.NewVBox(newContactForm(v.s), container.NewPadded(list))
	}
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(page))
}

// newRow lays out one rule: what it is, with the default and source in small grey text
// below, and the figure in force on the right.
func (v *settingsView) newRow(st store.RuleState) fyne.CanvasObject {
	r := &ruleRow{key: st.Key, msg: widget.NewLabel("")}
	v.rows[st.Key] = r
	label := widget.NewLabel(st.Label)
	label.Wrapping = fyne.TextWrapWord // whole, in the room beside the figure (system scaling 1.5)
	label.TextStyle.Bold = true
	r.meta = widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyle{ColorName: fynetheme.ColorNamePlaceHolder,
		SizeName: fynetheme.SizeNameCaptionText, Inline: true}})
	r.meta.Wrapping = fyne.TextWrapWord
	r.set = canvas.NewText(assets.T("Set by the township"), fynetheme.Color(fynetheme.ColorNamePrimary))
	r.set.TextSize = 13
	marks := []fyne.CanvasObject{r.set}
	if st.Local {
		marks = append(marks, localBadge())
	}
	r.msg.Wrapping = fyne.TextWrapWord
	r.msg.Hide()
	// The meta line starts where the label's text does.
	// (The source wraps: 630 units as one line of 13-point text.)
	metaLine := container.NewBorder(nil, nil, nil, container.New(layout.NewCustomPaddedLayout(0, 0, fynetheme.InnerPadding(), 0), container.NewHBox(marks...)), r.meta)
	left := container.NewVBox(label, metaLine, r.msg)

	var right fyne.CanvasObject
	if v.editable && st.Settable {
		// Enter moves to the next figure; 保存 and Ctrl+S save (issue 22: Enter saved).
		r.entry = newEntry()
		r.form = v.s.guardForm(func() bool { return v.saveRule(r) }, r.entry)
		r.save = widget.NewButtonWithIcon(assets.T("Save"), fynetheme.DocumentSaveIcon(), r.form.tap)
		r.reset = widget.NewButtonWithIcon(assets.T("Back to the default"), fynetheme.ContentUndoIcon(), func() { v.resetRule(r) })
		right = container.NewHBox(fixedWidth(130, r.entry), r.save, r.reset)
	} else {
		r.value = widget.NewLabel("")
		r.value.TextStyle.Bold = true
		right = fixedWidth(130, r.value)
	}
	r.show(st, true)
	if r.form != nil {
		r.form.mark()
	}
	// The figure on the right, the description in the room left: the rows fit beside the
	// navigation at system scaling 1.5 (a 640-unit description made them 905 of 753 wide).
	return container.NewBorder(nil, nil, nil, container.NewVBox(right, layout.NewSpacer()), left)
}

// localBadge marks common local practice (地方做法) rather than national text.
func localBadge() fyne.CanvasObject {
	bg := canvas.NewRectangle(localTint)
	bg.CornerRadius = 4
	t := canvas.NewText(assets.T("Local practice"), localInk)
	t.TextSize = 12
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(1, 1, 6, 6), t))
}

// show puts a rule's state on its row; the entry is filled only when asked, so that other
// rows' unsaved edits survive a save.
func (r *ruleRow) show(st store.RuleState, fillEntry bool) {
	meta := assets.T("Default %s · %s", st.Default, st.Source)
	if !st.Settable {
		meta = assets.T("%s · fixed, cannot be changed", st.Source)
	}
	r.meta.Segments[0].(*widget.TextSegment).Text = meta
	r.meta.Refresh()
	if st.Overridden {
		r.set.Show()
	} else {
		r.set.Hide()
	}
	if r.value != nil {
		r.value.SetText(st.Value)
	}
	if r.entry != nil && fillEntry {
		r.entry.SetText(st.Value)
	}
	if r.reset != nil {
		if st.Overridden {
			r.reset.Show()
		} else {
			r.reset.Hide()
		}
	}
}

// message shows a row's result: a problem in red, or a success in green.
func (r *ruleRow) message(text string, ok bool) {
	r.msg.Importance = widget.DangerImportance
	if ok {
		r.msg.Importance = widget.SuccessImportance
	}
	r.msg.SetText(text)
	r.msg.Show()
	relayoutWindows()
}

func (v *settingsView) saveRule(r *ruleRow) bool {
	if err := v.s.DB.SetRule(v.s.Ctx, r.key, r.entry.Text); err != nil {
		r.message(assets.Chinese(err), false)
		return false
	}
	v.reload(r.key)
	r.message(assets.T("Saved. The villages receive the new figure with the next sync."), true)
	return true
}

func (v *settingsView) resetRule(r *ruleRow) {
	if err := v.s.DB.ResetRule(v.s.Ctx, r.key); err != nil {
		r.message(assets.Chinese(err), false)
		return
	}
	v.reload(r.key)
	if r.form != nil {
		r.form.mark()
	}
	r.message(assets.T("Back to the default. The villages receive it with the next sync."), true)
}

// reload shows the rules in force again after a change, refilling the entry of the row
// changed.
func (v *settingsView) reload(changed string) {
	states, err := v.s.DB.RuleValues(v.s.Ctx)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	for _, st := range states {
		if r := v.rows[st.Key]; r != nil {
			r.show(st, st.Key == changed)
		}
	}
}

// newContactForm edits what the branch's wall notices print about whom to ask and how to
// object: the supervision telephone, the contact person and the issuing body.
func newContactForm(s *Session) fyne.CanvasObject {
	problem := newProblemLabel()
	note := widget.NewLabel("")
	note.Importance = widget.SuccessImportance
	c, err := s.DB.NoticeContact(s.Ctx, s.Home.ID)
	if err != nil {
		problem.Set(assets.Chinese(err))
	}
	phone, person, issuer := newEntry(), newEntry(), newEntry()
	phone.SetText(c.Phone)
	phone.SetPlaceHolder(assets.T("e.g. %s", "0371-12345678"))
	person.SetText(c.Person)
	issuer.SetText(c.Issuer)
	issuer.SetPlaceHolder(assets.T("Default: derived from the branch name"))
	saveContact := func() bool {
		note.SetText("")
		err := s.DB.SetNoticeContact(s.Ctx, s.Home.ID, store.NoticeContact{Person: person.Text, Phone: phone.Text, Issuer: issuer.Text})
		if err != nil {
			problem.Set(assets.Chinese(err))
			return false
		}
		problem.Set("")
		note.SetText(assets.T("Saved the contact printed on notices."))
		return true
	}
	save := primaryButton(assets.T("Save"), fynetheme.DocumentSaveIcon(), nil)
	if !s.User.CanAdmin() {
		phone.Disable()
		person.Disable()
		issuer.Disable()
		save.Hide()
	} else {
		save.OnTapped = s.guardForm(saveContact, phone, person, issuer).tap
	}
	// The issuing body takes the room left; the saved note goes under the line (the line
	// was wider than the window at system scaling 1.5).
	row := container.NewBorder(nil, nil, container.NewHBox(widget.NewLabel(assets.T("Supervision telephone")), fixedWidth(150, phone),
		widget.NewLabel(assets.T("Contact person")), fixedWidth(100, person),
		widget.NewLabel(assets.T("Issuing body"))), save, issuer)
	box := container.NewVBox(subheading(assets.T("Contact printed on wall notices")),
		hint(assets.T("People who object to a notice call this number or see this person; the issuing body signs the notice.")),
		row, note, problem.Label, widget.NewSeparator())
	return container.NewPadded(box)
}
