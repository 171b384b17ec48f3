package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/pinyin"
)

// The attendance list of a meeting form, made for branches of 100+ members: a filter box
// (name, pinyin initials, 党小组), the members grouped by 党小组 with 全部出席 / 全部缺席 per
// group, and rows without a text box so the mouse wheel scrolls anywhere on them (a one-line
// box takes the wheel): the note of an absent member is edited in a small dialog, and
// 送学上门 is one click on a floating member's row.

// attendRow is one expected member: a tick for present, the reason when not ticked, a note.
type attendRow struct {
	a       store.Attendee
	present *escCheck
	reason  *widget.Select
	reach   *widget.Button // 送学上门: notes how a member away was reached
	noteBtn *widget.Button // shows the note; tapping edits it
	note    string
	keys    []string // pinyin keys of the name
	group   string   // the member's 党小组 name ("" if none)
	box     fyne.CanvasObject
}

// attendGroup is the header and rows of one 党小组.
type attendGroup struct {
	name   string
	header fyne.CanvasObject
	rows   []*attendRow
}

func (f *meetingForm) attendanceTab() fyne.CanvasObject {
	f.attendFilter.SetPlaceHolder(assets.T("Filter: name, pinyin initials (zs) or party group"))
	f.attendFilter.OnChanged = func(string) { f.filterAttendance() }
	enterMovesOn(f.attendFilter)
	visible := func(apply func(r *attendRow)) func() {
		return func() {
			for _, r := range f.attend {
				if r.box.Visible() {
					apply(r)
				}
			}
		}
	}
	all := widget.NewButton(assets.T("All present"), visible(func(r *attendRow) { r.present.SetChecked(true) }))
	none := widget.NewButton(assets.T("None present"), visible(func(r *attendRow) { r.present.SetChecked(false) }))
	inv := widget.NewButton(assets.T("Invert"), visible(func(r *attendRow) { r.present.SetChecked(!r.present.Checked) }))
	// Every line above the list is a member's row less on a 768-pixel screen drawn at 150 %
	// (issue 22: about three rows showed): the count sits beside the filter, the how-to is
	// behind a 「?」, and the line below is used only to say why a list is empty.
	f.attendHint = widget.NewLabel("")
	f.attendHint.Importance = widget.WarningImportance
	f.attendHint.Wrapping = fyne.TextWrapWord
	f.attendHint.Hide()
	how := widget.NewButtonWithIcon("", fynetheme.QuestionIcon(), func() {
		dialog.NewCustom(assets.T("How to fill in the attendance"), assets.T("Close"), paragraph(attendanceHint(), 420), f.s.Window).Show()
	})
	top := container.NewVBox(
		container.NewBorder(nil, nil, f.attendSum, container.NewHBox(all, none, inv, how), f.attendFilter),
		f.attendHint)
	f.attendScroll = container.NewVScroll(f.attendBox)
	return container.NewBorder(top, nil, nil, nil, f.attendScroll)
}

// setAttendance lists the attendees, grouped by 党小组 when the branch has groups.
func (f *meetingForm) setAttendance(as []store.Attendee) {
	f.attend, f.attendGroups = nil, nil
	f.attendBox.Objects = nil
	groupOf := map[string]string{}
	for _, g := range f.groups {
		groupOf[g.ID] = g.Name
	}
	memberGroup := map[string]string{}
	for _, m := range f.roll {
		memberGroup[m.ID] = groupOf[m.GroupID]
	}
	byGroup := map[string]*attendGroup{}
	var order []*attendGroup
	for _, a := range as {
		r := f.newAttendRow(a)
		r.group = memberGroup[a.MemberID]
		f.attend = append(f.attend, r)
		g := byGroup[r.group]
		if g == nil {
			g = &attendGroup{name: r.group}
			byGroup[r.group] = g
			order = append(order, g)
		}
		g.rows = append(g.rows, r)
	}
	// Groups in the branch's order, members without a group last.
	var sorted []*attendGroup
	for _, g := range f.groups {
		if x := byGroup[g.Name]; x != nil {
			sorted = append(sorted, x)
		}
	}
	if x := byGroup[""]; x != nil {
		sorted = append(sorted, x)
	}
	headers := len(sorted) > 1 || (len(sorted) == 1 && sorted[0].name != "")
	for _, g := range sorted {
		if headers {
			g.header = f.groupHeader(g)
			f.attendBox.Add(g.header)
		}
		for _, r := range g.rows {
			f.attendBox.Add(r.box)
		}
	}
	f.attendGroups = sorted
	f.countAttendance()
	f.filterAttendance()
}

func (f *meetingForm) groupHeader(g *attendGroup) fyne.CanvasObject {
	name := g.name
	if name == "" {
		name = assets.T("Not in a party group")
	}
	title := widget.NewLabelWithStyle(assets.T("%s (%d)", name, len(g.rows)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	set := func(on bool) func() {
		return func() {
			for _, r := range g.rows {
				r.present.SetChecked(on)
			}
		}
	}
	return container.NewHBox(title, widget.NewButton(assets.T("All present"), set(true)), widget.NewButton(assets.T("All absent"), set(false)))
}

func (f *meetingForm) newAttendRow(a store.Attendee) *attendRow {
	slugs, labels := absenceSlugs()
	r := &attendRow{a: a, note: a.Note, keys: pinyin.Keys(a.Name)}
	r.noteBtn = widget.NewButton("", func() { f.editNote(r) })
	r.noteBtn.Alignment = widget.ButtonAlignLeading
	r.noteBtn.Importance = widget.LowImportance
	r.reach = widget.NewButton(assets.T("Reached: 送学上门"), func() {
		r.note = store.NoteTaughtAtHome
		r.showNote()
		f.countAttendance()
	})
	r.reason = newSelect(labels, func(string) { r.showNote(); f.countAttendance() })
	r.reason.PlaceHolder = assets.T("Reason for absence")
	r.present = newCheck(a.Name, func(on bool) {
		if on {
			r.reason.ClearSelected()
			r.reason.Disable()
		} else {
			r.reason.Enable()
			if r.reason.SelectedIndex() < 0 {
				r.reason.SetSelectedIndex(0) // 请假, the usual reason; change it if need be
			}
		}
		r.showNote()
		f.countAttendance()
	})
	if a.Status == store.AttendPresent || a.Status == "" {
		r.present.SetChecked(true)
	} else {
		r.present.SetChecked(false)
		r.reason.SetSelectedIndex(indexOf(slugs, a.Status))
	}
	r.showNote()
	r.box = container.NewBorder(nil, nil, container.NewHBox(fixedWidth(130, r.present), fixedWidth(170, r.reason), r.reach), nil, r.noteBtn)
	return r
}

// showNote shows the note (or the offer to write one) and 送学上门 for a member away.
func (r *attendRow) showNote() {
	away := !r.present.Checked
	switch {
	case r.note != "":
		r.noteBtn.SetText(r.note)
	case away:
		r.noteBtn.SetText(assets.T("How reached / note"))
	default:
		r.noteBtn.SetText("")
	}
	if away && r.status() == store.AttendFloating && r.note == "" {
		r.reach.Show()
	} else {
		r.reach.Hide()
	}
}

// editNote asks for the note of a row in a small dialog (Enter there is OK).
func (f *meetingForm) editNote(r *attendRow) {
	e := widget.NewEntry()
	e.SetText(r.note)
	e.SetPlaceHolder(assets.T("How reached / note"))
	d := dialog.NewForm(assets.T("Note for %s", r.a.Name), assets.T("Done"), assets.T("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(assets.T("How reached / note"), fixedWidth(320, e))}, func(ok bool) {
			if ok {
				r.note = strings.TrimSpace(e.Text)
				r.showNote()
				f.countAttendance()
			}
		}, f.s.Window)
	e.OnSubmitted = func(string) { d.Submit() }
	d.Show()
	f.s.Window.Canvas().Focus(e)
}

// filterAttendance shows the rows matching the filter box, and the headers of groups with
// any row shown.
func (f *meetingForm) filterAttendance() {
	q := strings.TrimSpace(f.attendFilter.Text)
	pq := pinyin.NewQuery(q)
	for _, g := range f.attendGroups {
		shown := 0
		groupHit := q != "" && strings.Contains(g.name, q)
		for _, r := range g.rows {
			if q == "" || groupHit || strings.Contains(r.a.Name, q) || pq.Match(r.keys) {
				r.box.Show()
				shown++
			} else {
				r.box.Hide()
			}
		}
		if g.header != nil {
			if shown > 0 {
				g.header.Show()
			} else {
				g.header.Hide()
			}
		}
	}
	f.attendBox.Refresh()
	if f.attendScroll != nil {
		f.attendScroll.ScrollToTop() // what matches is at the top, not above a scrolled view
	}
}

// absenceSlugs are the attendance statuses other than present, in the enum's order.
func absenceSlugs() (slugs, labels []string) {
	for i, sl := range store.Attendance.Slugs() {
		if sl != store.AttendPresent {
			slugs = append(slugs, sl)
			labels = append(labels, store.Attendance.Labels()[i])
		}
	}
	return slugs, labels
}

// status is the row's attendance slug.
func (r *attendRow) status() string {
	if r.present.Checked {
		return store.AttendPresent
	}
	slugs, _ := absenceSlugs()
	if i := r.reason.SelectedIndex(); i >= 0 {
		return slugs[i]
	}
	return store.AttendUnexcused
}

func (f *meetingForm) countAttendance() {
	if f.attendSum == nil {
		return
	}
	if len(f.attend) == 0 && f.kindSlug() == store.MeetingCommittee {
		// The long warning goes where the hint was (the count's place is one short line).
		f.attendSum.SetText("")
		if f.attendHint != nil {
			f.attendHint.SetText(store.MeetingSummary{Kind: store.MeetingCommittee, QuorumRequired: true}.QuorumWarning())
			f.attendHint.Show()
		}
		return
	}
	if f.attendHint != nil {
		f.attendHint.Hide()
	}
	present := 0
	for _, r := range f.attend {
		if r.present.Checked {
			present++
		}
	}
	f.attendSum.SetText(assets.T("expected %d, present %d, absent %d", len(f.attend), present, len(f.attend)-present))
}

func attendanceHint() string {
	return assets.T("Tick those who came. For those not ticked choose the reason; floating members start as 流动在外. For members away, note how they were reached (e.g. 送学上门).")
}
