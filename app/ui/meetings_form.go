package ui

import (
	"bytes"
	"encoding/json"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// meetingForm records or edits one meeting: its details, the attendance checklist (every
// expected member present unless marked otherwise), the items of a theme day, and photos.
type meetingForm struct {
	s       *Session
	m       store.Meeting
	onClose func(msg, warning string)
	root    fyne.CanvasObject
	problem problemLabel

	kind, group                  *widget.Select
	host, recorder               *memberPicker
	date                         *dateField
	time, place, topic, guests   *keyEntry
	minutes, resolutions         *keyEntry
	roll                         []store.Member
	groups                       []store.Org
	attendBox, itemBox, photoBox *fyne.Container
	attendSum                    *widget.Label
	attendHint                   *widget.Label // what to do, or why the list is empty
	attendFilter                 *keyEntry     // name, pinyin initials or 党小组
	attend                       []*attendRow
	attendGroups                 []*attendGroup
	attendScroll                 *container.Scroll
	items                        []itemRow
	tabs                         *container.AppTabs
	ready                        bool   // built: later kind changes reset a new meeting's list
	saved                        string // the form as last saved or opened, to notice unsaved changes
	prevKeys                     *keyMap
	prevGuard                    *leaveGuard
	guard                        *leaveGuard // registered in the session while the form is open
}

type itemRow struct {
	id, kind    string
	title, done *keyEntry
}

func newMeetingForm(s *Session, m store.Meeting, onClose func(msg, warning string)) *meetingForm {
	f := &meetingForm{s: s, m: m, onClose: onClose, problem: newProblemLabel()}
	// Without the roll or the groups the form cannot list who attended: say so above it
	// (saving then refuses an empty attendance with its own message).
	var err error
	if f.roll, err = s.DB.Members(s.Ctx, store.MemberFilter{OrgID: m.OrgID}); err == nil {
		f.groups, err = s.DB.Groups(s.Ctx, m.OrgID)
	}
	if err != nil {
		f.problem.Set(assets.Chinese(err))
	}
	var groupNames []string
	for _, g := range f.groups {
		groupNames = append(groupNames, g.Name)
	}
	f.kind = newSelect(store.MeetingKind.Labels(), nil)
	f.group = newSelect(groupNames, nil)
	f.group.PlaceHolder = assets.T("Choose the party group")
	f.host, f.recorder = newMemberPicker(s.Window, f.roll), newMemberPicker(s.Window, f.roll)
	f.date = newDateField(s.Window)
	f.time, f.place, f.topic, f.guests = newEntry(), newEntry(), newEntry(), newEntry()
	f.time.SetPlaceHolder("09:00")
	f.guests.SetPlaceHolder(assets.T("e.g. the first secretary stationed in the village"))
	f.minutes, f.resolutions = newMultiLineEntry(), newMultiLineEntry()
	f.minutes.SetMinRowsVisible(6)
	f.resolutions.SetMinRowsVisible(3)
	enterMovesOn(&f.date.entry.keyEntry, f.time, f.place, f.topic, f.guests)

	f.date.SetDate(m.Date)
	f.date.SetOnChanged(func(string) { f.checkDate() })
	f.time.SetText(m.Time)
	f.place.SetText(m.Place)
	f.topic.SetText(m.Topic)
	f.guests.SetText(m.Guests)
	f.minutes.SetText(m.Minutes)
	f.resolutions.SetText(m.Resolutions)
	if m.ID == "" && m.HostID == "" {
		// A new meeting is usually hosted by the secretary.
		for _, x := range f.roll {
			if x.Position == "secretary" {
				m.HostID = x.ID
			}
		}
	}
	f.host.SetID(m.HostID)
	f.recorder.SetID(m.RecorderID)
	for i, g := range f.groups {
		if g.ID == m.GroupID {
			f.group.SetSelectedIndex(i)
		}
	}
	kinds := store.MeetingKind.Slugs()
	for i, k := range kinds {
		if k == m.Kind {
			f.kind.SetSelectedIndex(i)
		}
	}
	f.attendSum = widget.NewLabel("")
	f.attendFilter = newEntry()
	f.attendBox, f.itemBox, f.photoBox = container.NewVBox(), container.NewVBox(), container.NewGridWrap(fyne.NewSize(170, 150))
	if m.ID != "" || len(m.Attendance) > 0 {
		f.setAttendance(m.Attendance)
	} else {
		f.resetAttendance()
	}
	for _, it := range m.Items {
		f.addItem(it)
	}
	// A new meeting's checklist follows its kind and group; a recorded one keeps its list.
	f.kind.OnChanged = func(string) { f.kindChanged() }
	f.group.OnChanged = func(string) {
		if f.m.ID == "" && f.ready {
			f.resetAttendance()
		}
	}
	f.kindChanged()

	form := widget.NewForm(
		widget.NewFormItem(assets.T("meeting kind"), fixedWidth(220, f.kind)),
		widget.NewFormItem(assets.T("Party group"), fixedWidth(220, f.group)),
		widget.NewFormItem(assets.T("meeting date"), container.NewHBox(f.date, container.NewVBox(widget.NewLabel(assets.T("Time"))), container.NewVBox(fixedWidth(90, f.time)))),
		widget.NewFormItem(assets.T("meeting topic"), f.topic),
		widget.NewFormItem(assets.T("meeting place"), f.place),
		widget.NewFormItem(assets.T("meeting host"), container.NewHBox(fixedWidth(160, f.host.btn), widget.NewLabel(assets.T("meeting recorder")), fixedWidth(160, f.recorder.btn))),
		widget.NewFormItem(assets.T("guests (non-members attending)"), f.guests),
		widget.NewFormItem(assets.T("meeting minutes"), f.minutes),
		widget.NewFormItem(assets.T("meeting resolutions"), f.resolutions),
	)
	addOwn := widget.NewButtonWithIcon(assets.T("Add an own item"), fynetheme.ContentAddIcon(), func() {
		f.addItem(store.MeetingItem{Kind: "own"})
	})
	f.tabs = container.NewAppTabs(
		container.NewTabItem(assets.T("Meeting details"), container.NewVScroll(form)),
		container.NewTabItem(assets.T("meeting attendance"), f.attendanceTab()),
		container.NewTabItem(assets.T("Meeting items"), container.NewBorder(
			hint(assets.T("For a theme day: the set items (规定动作) and the branch's own items (自选动作), with what was done for each.")),
			addOwn, nil, nil, container.NewVScroll(f.itemBox))),
		container.NewTabItem(assets.T("Meeting photos"), f.photoTab()),
	)
	title := assets.T("Record a meeting")
	if m.Kind == store.MeetingThemeDay {
		title = assets.T("Record the theme party day")
	}
	if m.ID != "" {
		title = assets.T("Meeting record")
	}
	var buttons []fyne.CanvasObject
	back := widget.NewButtonWithIcon(assets.T("Back to the meetings"), fynetheme.NavigateBackIcon(), f.cancel)
	if s.User.CanWrite() {
		buttons = append(buttons, primaryButton(assets.T("Save"), fynetheme.DocumentSaveIcon(), f.save))
		if m.ID != "" {
			del := widget.NewButtonWithIcon(assets.T("Delete"), fynetheme.DeleteIcon(), f.confirmDelete)
			del.Importance = widget.DangerImportance
			buttons = append(buttons, del)
		}
	}
	f.ready = true
	f.checkDate()
	f.saved = f.fingerprint()
	keysHint := widget.NewLabel(assets.T("Enter: next box · Ctrl+S: save · Esc: back"))
	f.root = container.NewBorder(container.NewVBox(heading(title), f.problem.Label), toolbarRow([]fyne.CanvasObject{back, keysHint}, buttons...), nil, nil, f.tabs)
	f.prevKeys, f.prevGuard = s.Keys, s.guard
	s.Keys = &keyMap{Esc: f.cancel, Save: f.save}
	if !s.User.CanWrite() {
		s.Keys.Save = nil
	} else {
		f.guard = &leaveGuard{dirty: func() bool { return f.fingerprint() != f.saved }, save: f.trySave, owner: f}
		s.guard = f.guard
	}
	return f
}

// close leaves the form with a message for the list.
func (f *meetingForm) close(msg, warning string) {
	f.s.Keys = f.prevKeys
	if f.s.guard == f.guard {
		f.s.guard = f.prevGuard // the page the form was opened from (the theme day's programme)
	}
	f.onClose(msg, warning)
}

// fingerprint is the form's content, to compare with what was saved.
func (f *meetingForm) fingerprint() string {
	b, _ := json.Marshal(f.collect()) // a struct of strings, numbers and slices: never fails
	return string(b)
}

// cancel goes back to the list, asking first when something typed is not saved.
func (f *meetingForm) cancel() {
	if !f.s.User.CanWrite() || f.fingerprint() == f.saved {
		f.close("", "")
		return
	}
	d := dialog.NewCustomConfirm(assets.T("Discard the changes?"), assets.T("Discard"), assets.T("Keep editing"),
		paragraph(assets.T("What you typed in this meeting record has not been saved. Go back and discard it?"), 420),
		func(discard bool) {
			if discard {
				f.close("", "")
			}
		}, f.s.Window)
	d.Show()
}

// checkDate warns of a meeting date after today (a record is made after the meeting).
func (f *meetingForm) checkDate() {
	d := f.date.Date()
	today := f.s.DB.Now().Format(time.DateOnly)
	if _, ok := normalizeDate(d); ok && d > today {
		f.date.SetNote(assets.T("This date is after today (%s). Record a meeting after it has been held.", today))
	} else {
		f.date.SetNote("")
	}
}

func (f *meetingForm) kindSlug() string {
	if i := f.kind.SelectedIndex(); i >= 0 {
		return store.MeetingKind.Slugs()[i]
	}
	return ""
}

func (f *meetingForm) groupID() string {
	if i := f.group.SelectedIndex(); i >= 0 && f.kindSlug() == store.MeetingGroup {
		return f.groups[i].ID
	}
	return ""
}

func (f *meetingForm) kindChanged() {
	if f.kindSlug() == store.MeetingGroup {
		f.group.Enable()
		if f.group.SelectedIndex() < 0 && len(f.groups) > 0 {
			f.group.SetSelectedIndex(0) // calls resetAttendance for a new meeting
		}
	} else {
		f.group.Disable()
	}
	if f.m.ID == "" && f.ready {
		f.resetAttendance()
	}
}

// resetAttendance lists the members expected at a new meeting of the chosen kind: all
// present except floating members, who start as 流动在外.
func (f *meetingForm) resetAttendance() {
	as, err := f.s.DB.NewAttendance(f.s.Ctx, f.m.OrgID, f.kindSlug(), f.groupID())
	if err != nil {
		f.problem.Set(assets.Chinese(err))
		return
	}
	f.setAttendance(as)
}

func (f *meetingForm) addItem(it store.MeetingItem) {
	// The app's own boxes: Ctrl+S saves from them and Enter moves on (Fyne's Entry keeps
	// Ctrl+S to itself: seen doing nothing in 完成情况 in the real window).
	r := itemRow{id: it.ID, kind: it.Kind, title: newEntry(), done: newEntry()}
	enterMovesOn(r.title, r.done)
	r.title.SetText(it.Title)
	r.done.SetText(it.Done)
	r.title.SetPlaceHolder(assets.T("Meeting item"))
	r.done.SetPlaceHolder(assets.T("What was done"))
	label := assets.T("set item")
	if it.Kind == "own" {
		label = assets.T("own item")
	}
	f.items = append(f.items, r)
	f.itemBox.Add(container.NewBorder(nil, nil, container.NewHBox(fixedWidth(90, widget.NewLabel(label)), fixedWidth(300, r.title)), nil, r.done))
}

func (f *meetingForm) photoTab() fyne.CanvasObject {
	if f.m.ID == "" {
		return hint(assets.T("Save the meeting first, then open it again to add photos."))
	}
	f.loadPhotos()
	add := widget.NewButtonWithIcon(assets.T("Add a photo"), fynetheme.FileImageIcon(), f.choosePhoto)
	if !f.s.User.CanWrite() {
		add.Disable()
	}
	return container.NewBorder(container.NewVBox(hint(assets.T("JPG or PNG photos of at most 1 MB each; they are kept in the database and reach the township with the sync.")), add),
		nil, nil, nil, container.NewVScroll(f.photoBox))
}

func (f *meetingForm) loadPhotos() {
	ps, err := f.s.DB.Photos(f.s.Ctx, f.m.ID)
	if err != nil {
		f.problem.Set(assets.Chinese(err))
		return
	}
	f.photoBox.Objects = nil
	for _, p := range ps {
		img := canvas.NewImageFromReader(bytes.NewReader(p.Thumb), p.Name)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(160, 120))
		cap := widget.NewLabel(p.Name)
		cap.Truncation = fyne.TextTruncateEllipsis
		f.photoBox.Add(container.NewBorder(nil, cap, nil, nil, img))
	}
	f.photoBox.Refresh()
}

func (f *meetingForm) choosePhoto() {
	choosePhotoFile(f.s.Window, store.MaxPhotoBytes, f.problem.Set, f.addPhoto)
}

func (f *meetingForm) addPhoto(name string, b []byte) {
	if _, err := f.s.DB.AddPhoto(f.s.Ctx, f.m.ID, name, b); err != nil {
		f.problem.Set(assets.Chinese(err))
		return
	}
	f.problem.Set("")
	f.loadPhotos()
}

// collect reads the form into a meeting.
func (f *meetingForm) collect() store.Meeting {
	m := f.m
	m.Kind, m.GroupID = f.kindSlug(), f.groupID()
	m.Date, m.Time, m.Place, m.Topic, m.Guests = f.date.Date(), f.time.Text, f.place.Text, f.topic.Text, f.guests.Text
	m.Minutes, m.Resolutions = f.minutes.Text, f.resolutions.Text
	m.HostID, m.RecorderID = f.host.ID(), f.recorder.ID()
	m.Attendance = nil
	for _, r := range f.attend {
		a := r.a
		a.Status = r.status()
		a.Note = r.note
		m.Attendance = append(m.Attendance, a)
	}
	m.Items = nil
	for _, r := range f.items {
		if r.title.Text == "" && r.done.Text == "" {
			continue // an empty row added by mistake
		}
		m.Items = append(m.Items, store.MeetingItem{ID: r.id, Kind: r.kind, Title: r.title.Text, Done: r.done.Text})
	}
	return m
}

func (f *meetingForm) save() { f.trySave() }

// trySave saves the record and closes the form; false when the store refused it (the form
// stays, saying why).
func (f *meetingForm) trySave() bool {
	s, err := f.s.DB.SaveMeeting(f.s.Ctx, f.collect())
	if err != nil {
		f.problem.Set(assets.Chinese(err))
		return false
	}
	msg := assets.T("Saved the %s of %s: %s.", s.KindLabel, s.Date, assets.T("expected %d, present %d, absent %d", s.Expected, s.Present, s.Absent))
	warning := ""
	if s.QuorumRequired && !s.Quorum {
		warning = s.QuorumWarning()
	}
	f.close(msg, warning)
	return true
}

func (f *meetingForm) confirmDelete() {
	dialog.ShowConfirm(assets.T("Delete the meeting?"), assets.T("The meeting \"%s\" of %s and its attendance and photos will be deleted. Only do this for a meeting recorded by mistake.", f.m.Topic, f.m.Date),
		func(yes bool) {
			if !yes {
				return
			}
			if err := f.s.DB.DeleteMeeting(f.s.Ctx, f.m.ID); err != nil {
				f.problem.Set(assets.Chinese(err))
				return
			}
			f.close(assets.T("Deleted the meeting %s.", f.m.Topic), "")
		}, f.s.Window)
}
