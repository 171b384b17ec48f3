package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	registerScreen(Screen{ID: "training", Title: "Training hours (党员教育培训)", Icon: navIcon(fynetheme.IconNameHistory), Order: 46, Make: makeTraining})
}

// trainingView is 党员教育培训: on a village each member's class hours of the year against the
// requirement, the trainings, and a form to record one (from a 党课 meeting or typed); on the
// township its village secretaries' hours (书记培训覆盖).
type trainingView struct {
	s        *Session
	township bool
	year     int
	hours    []store.MemberHours
	list     []store.Training
	names    map[string]string // org ID → name (township)
	hoursTbl *textTable
	listTbl  *textTable
	summary  *widget.Label
	problem  problemLabel
	loading  *fyne.Container
	tabs     *container.AppTabs

	// the form
	title, hoursIn, organiser *widget.Entry
	date                      *dateField
	kind, lecture             *widget.Select
	lectures                  []store.MeetingSummary
	members                   []store.Member
	attend                    *memberChecks
	formErr                   problemLabel
	done                      *widget.Label
	save                      *widget.Button
	// correcting a training chosen in the list ("" while recording a new one)
	editing, editMeeting string
	editNote             *widget.Label
	del, cancelEdit      *widget.Button
	confirm              *dialog.ConfirmDialog // the last delete confirmation (tests)
}

func makeTraining(s *Session) fyne.CanvasObject { return newTrainingView(s).content() }

func newTrainingView(s *Session) *trainingView {
	v := &trainingView{s: s, township: s.Role == store.RoleTownship, year: s.DB.Now().Year(), problem: newProblemLabel(),
		formErr: newProblemLabel(), summary: widget.NewLabel(""), done: widget.NewLabel(""), names: map[string]string{}}
	v.summary.Wrapping = fyne.TextWrapWord
	v.done.Importance = widget.SuccessImportance
	v.done.Wrapping = fyne.TextWrapWord
	v.done.Hide()
	v.loading = container.NewVBox(loadingRow(assets.T("Loading…")))
	if v.township {
		v.hoursTbl = newTextTable([]string{assets.T("Village"), assets.T("Secretary"), assets.T("Class hours"), assets.T("Required"), assets.T("State")},
			[]float32{160, 100, 80, 80, 120}, func() int { return len(v.hours) }, v.hoursCell, nil)
	} else {
		v.hoursTbl = newTextTable([]string{assets.T("Name"), assets.T("Position"), assets.T("Class hours"), assets.T("Required"), assets.T("State")},
			[]float32{110, 100, 80, 80, 120}, func() int { return len(v.hours) }, v.hoursCell, nil)
		v.listTbl = newTextTable([]string{assets.T("Date"), assets.T("Kind of training"), assets.T("Title"), assets.T("Class hours"), assets.T("Attended")},
			[]float32{100, 100, 260, 70, 70}, func() int { return len(v.list) }, v.listCell, v.pickTraining)
		v.buildForm()
	}
	v.reload()
	return v
}

func (v *trainingView) buildForm() {
	v.title, v.hoursIn, v.organiser = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	v.title.SetPlaceHolder(assets.T("e.g. 春季党员集中轮训"))
	v.hoursIn.SetPlaceHolder(assets.T("e.g. 3 or 1.5"))
	v.organiser.SetPlaceHolder(assets.T("e.g. 乡镇党委, 县委党校"))
	v.date = newDateField(v.s.Window)
	var kinds []string
	for _, k := range store.TrainingKinds() {
		kinds = append(kinds, store.TrainingKindLabel(k))
	}
	v.kind = widget.NewSelect(kinds, nil)
	v.kind.SetSelectedIndex(0)
	v.lecture = widget.NewSelect(nil, func(string) { v.fromLecture() })
	v.lecture.PlaceHolder = assets.T("(None: type the training below)")
	v.attend = newMemberChecks()
	v.save = primaryButton(assets.T("Record the training"), fynetheme.DocumentSaveIcon(), v.record)
	v.editNote = widget.NewLabel("")
	v.editNote.Importance, v.editNote.Wrapping = widget.WarningImportance, fyne.TextWrapWord
	v.editNote.Hide()
	v.del = widget.NewButtonWithIcon(assets.T("Delete this training"), fynetheme.DeleteIcon(), v.deleteTraining)
	v.del.Importance = widget.DangerImportance
	v.cancelEdit = widget.NewButtonWithIcon(assets.T("Record a new training instead"), fynetheme.ContentAddIcon(), v.newForm)
	v.del.Hide()
	v.cancelEdit.Hide()
	if !v.s.User.CanWrite() {
		v.save.Disable()
		v.del.Disable()
	}
	// Unsaved work (leaveguard.go): 保存 in the leave question starts the recording, which is
	// written off the UI thread, and stays to show the result; the boxes it empties are watched.
	v.s.guardForm(func() bool { v.record(); return false }, v.title, v.hoursIn, v.lecture, v.attend)
}

func (v *trainingView) content() fyne.CanvasObject {
	head := container.NewVBox(heading(assets.T("Training hours (党员教育培训)")), v.loading, v.problem.Label, v.summary)
	if v.township {
		return container.NewBorder(container.NewVBox(head, hint(assets.T("Each village secretary's class hours this year from the trainings the village recorded; a secretary needs 56 a year (中国共产党党员教育管理工作条例, 2019). Source 003: every village secretary is trained."))),
			nil, nil, nil, v.hoursTbl)
	}
	form := widget.NewForm(widget.NewFormItem(assets.T("Party lecture"), v.lecture), widget.NewFormItem(assets.T("Title"), v.title),
		widget.NewFormItem(assets.T("Date"), v.date), widget.NewFormItem(assets.T("Class hours"), v.hoursIn),
		widget.NewFormItem(assets.T("Kind of training"), v.kind), widget.NewFormItem(assets.T("Organiser"), v.organiser))
	// The buttons and messages stay below the scrolling form: with a roll of 40 members the
	// list of ticks is long, and 保存 must not be 40 rows away.
	page := container.NewVBox(v.done, v.editNote, form, subheading(assets.T("Members who attended")), v.attend.all)
	foot := container.NewVBox(v.formErr.Label, container.NewHBox(v.save, v.cancelEdit, v.del))
	v.tabs = container.NewAppTabs(
		// The rule sits with the hours it explains: at 150 % every line above the tabs is a
		// line less of the form.
		container.NewTabItem(assets.T("Hours this year"), container.NewBorder(hint(assets.T("Members need 32 class hours a year of concentrated study and training, the secretary and committee members 56; a probationary member is trained once (中国共产党党员教育管理工作条例, 2019).")), nil, nil, nil, v.hoursTbl)),
		container.NewTabItem(assets.T("Trainings"), container.NewBorder(hint(assets.T("Click a training to correct or delete it.")), nil, nil, nil, v.listTbl)),
		container.NewTabItem(assets.T("Record a training"), container.NewBorder(nil, foot, nil, nil, container.NewVScroll(page))))
	return container.NewBorder(head, nil, nil, nil, v.tabs)
}

// reload reads the year's hours (and on a village its trainings, lectures and members) off
// the UI thread.
func (v *trainingView) reload() {
	var (
		hs       []store.MemberHours
		ts       []store.Training
		lectures []store.MeetingSummary
		members  []store.Member
		orgs     []store.Org
		err      error
	)
	year := v.year
	v.loading.Show()
	v.s.Go(func(ctx context.Context) {
		if hs, err = v.s.DB.TrainingHours(ctx, "", year); err != nil {
			return
		}
		if v.township {
			orgs, err = v.s.DB.Orgs(ctx, store.KindVillage)
			return
		}
		if ts, err = v.s.DB.Trainings(ctx, "", year); err != nil {
			return
		}
		y := store.YearOf(v.s.DB.Now())
		if lectures, err = v.s.DB.Meetings(ctx, store.MeetingFilter{OrgID: v.s.Home.ID, Kind: store.MeetingLecture, Period: &y}); err != nil {
			return
		}
		members, err = v.s.DB.Members(ctx, store.MemberFilter{OrgID: v.s.Home.ID})
	}, func() {
		v.loading.Hide()
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.problem.Set("")
		v.show(hs, ts, lectures, members, orgs)
	})
}

func (v *trainingView) show(hs []store.MemberHours, ts []store.Training, lectures []store.MeetingSummary, members []store.Member, orgs []store.Org) {
	if v.township {
		for _, o := range orgs {
			v.names[o.ID] = o.Name
		}
		v.hours = nil
		for _, h := range hs {
			if h.Position == "secretary" && v.names[h.OrgID] != "" {
				v.hours = append(v.hours, h)
			}
		}
		sort.SliceStable(v.hours, func(i, j int) bool { return v.hours[i].Hours < v.hours[j].Hours })
		met := 0
		for _, h := range v.hours {
			if !h.Short {
				met++
			}
		}
		v.summary.SetText(assets.T("%d: %d of %d village secretaries have their class hours; %d villages have no secretary on the roll here.", v.year, met, len(v.hours), len(orgs)-len(v.hours)))
		v.hoursTbl.Refresh()
		return
	}
	v.hours, v.list, v.lectures, v.members = hs, ts, lectures, members
	short := 0
	for _, h := range hs {
		if h.Short {
			short++
		}
	}
	v.summary.SetText(assets.T("%d: %d trainings recorded; %d of %d members are still short of their class hours.", v.year, len(ts), short, len(hs)))
	var ls []string
	for _, m := range lectures {
		ls = append(ls, fmt.Sprintf("%s %s", m.Date, m.Topic))
	}
	v.lecture.SetOptions(ls)
	if v.editing == "" {
		keep := v.attend.Selected()
		v.attend.SetRoll(members)
		v.attend.SetSelected(keep)
	}
	v.hoursTbl.Refresh()
	v.listTbl.Refresh()
}

func (v *trainingView) hoursCell(row, col int) string {
	h := v.hours[row]
	switch col {
	case 0:
		if v.township {
			return v.names[h.OrgID]
		}
		return h.Name
	case 1:
		if v.township {
			return h.Name
		}
		return store.Position.Label(h.Position)
	case 2:
		return store.FmtHours(h.Hours)
	case 3:
		return itoa(h.Required)
	}
	if h.Short {
		return assets.T("Short by %s", store.FmtHours(float64(h.Required)-h.Hours))
	}
	return assets.T("Met")
}

func (v *trainingView) listCell(row, col int) string {
	t := v.list[row]
	switch col {
	case 0:
		return t.Date
	case 1:
		return store.TrainingKindLabel(t.Kind)
	case 2:
		return t.Title
	case 3:
		return store.FmtHours(t.Hours)
	}
	return itoa(len(t.Attendees))
}

// fromLecture fills the form from the chosen party lecture: its topic, date and those
// present (the store takes the same when the fields are left as they are).
func (v *trainingView) fromLecture() {
	i := v.lecture.SelectedIndex()
	if i < 0 || i >= len(v.lectures) {
		return
	}
	l := v.lectures[i]
	v.title.SetText(l.Topic)
	v.date.SetDate(l.Date)
	v.kind.SetSelected(store.TrainingKindLabel(store.TrainingLecture))
	v.organiser.SetText(v.s.Home.Name)
	m, err := v.s.DB.Meeting(v.s.Ctx, l.ID)
	if err != nil {
		v.formErr.Set(assets.Chinese(err))
		return
	}
	var sel []string
	for _, a := range m.Attendance {
		if a.Status == store.AttendPresent {
			sel = append(sel, a.MemberID)
		}
	}
	v.attend.SetSelected(sel)
}

func (v *trainingView) record() {
	v.sayDone("")
	tenths, err := store.ParseHours(v.hoursIn.Text)
	if err != nil {
		v.formErr.Set(assets.Chinese(err))
		return
	}
	n := store.NewTraining{Title: v.title.Text, Date: v.date.Date(), Organiser: v.organiser.Text, Tenths: tenths}
	if i := v.kind.SelectedIndex(); i >= 0 {
		n.Kind = store.TrainingKinds()[i]
	}
	if i := v.lecture.SelectedIndex(); i >= 0 && i < len(v.lectures) {
		n.MeetingID = v.lectures[i].ID
	} else if v.editing != "" {
		n.MeetingID = v.editMeeting
	}
	n.Attendees = v.attend.Selected()
	if len(n.Attendees) == 0 {
		v.formErr.Set(assets.T("Choose the members who attended."))
		return
	}
	editing := v.editing
	v.save.Disable()
	v.s.Go(func(ctx context.Context) {
		if editing != "" {
			err = v.s.DB.UpdateTraining(ctx, editing, n)
		} else {
			_, err = v.s.DB.AddTraining(ctx, n)
		}
	}, func() {
		v.save.Enable()
		if err != nil {
			v.formErr.Set(assets.Chinese(err))
			return
		}
		msg := assets.T("Training recorded: %s, %s class hours, %d members.", strings.TrimSpace(n.Title), store.FmtHours(float64(tenths)/10), len(n.Attendees))
		if editing != "" {
			msg = assets.T("Training corrected: %s, %s class hours, %d members.", strings.TrimSpace(n.Title), store.FmtHours(float64(tenths)/10), len(n.Attendees))
		}
		v.newForm()
		v.sayDone(msg)
		v.reload()
	})
}

// pickTraining puts a training of the list into the form to correct or delete it.
func (v *trainingView) pickTraining(row int) {
	if row < 0 || row >= len(v.list) {
		return
	}
	t := v.list[row]
	v.newForm()
	v.editing, v.editMeeting = t.ID, t.MeetingID
	v.title.SetText(t.Title)
	v.date.SetDate(t.Date)
	v.hoursIn.SetText(store.FmtHours(t.Hours))
	v.kind.SetSelected(store.TrainingKindLabel(t.Kind))
	v.organiser.SetText(t.Organiser)
	v.attend.SetSelected(t.Attendees)
	v.editNote.SetText(assets.T("Correcting the training of %s: %s. Change what was mistyped and save, or delete it.", t.Date, t.Title))
	v.editNote.Show()
	v.save.SetText(assets.T("Save the correction"))
	v.del.Show()
	v.cancelEdit.Show()
	v.tabs.SelectIndex(2)
}

// newForm empties the form for a new training (leaving a correction).
func (v *trainingView) newForm() {
	v.editing, v.editMeeting = "", ""
	v.editNote.Hide()
	v.del.Hide()
	v.cancelEdit.Hide()
	v.save.SetText(assets.T("Record the training"))
	v.formErr.Set("")
	v.sayDone("")
	v.title.SetText("")
	v.hoursIn.SetText("")
	v.organiser.SetText("")
	v.lecture.ClearSelected()
	v.kind.SetSelectedIndex(0)
	v.attend.SetRoll(v.members)
}

func (v *trainingView) deleteTraining() {
	id, title, date := v.editing, v.title.Text, v.date.Date()
	if id == "" {
		return
	}
	v.confirm = confirmDelete(v.s, assets.T("Delete the training?"),
		assets.T("The training \"%s\" of %s and its attendance will be deleted; the members lose its class hours. Only do this for a training recorded by mistake.", title, date),
		func(ctx context.Context) error { return v.s.DB.DeleteTraining(ctx, id) },
		func(err error) {
			if err != nil {
				v.formErr.Set(assets.Chinese(err))
				return
			}
			v.newForm()
			v.sayDone(assets.T("Deleted the training %s.", title))
			v.reload()
		})
}

// sayDone shows what was recorded above the form (an empty text hides the line).
func (v *trainingView) sayDone(text string) {
	v.done.SetText(text)
	v.done.Hidden = text == ""
	v.done.Refresh()
}
