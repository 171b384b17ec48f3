package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/app/notice"
	"zhibu/assets"
	"zhibu/store"
)

func init() {
	registerScreen(Screen{ID: "theme-day", Title: "Theme party day", Icon: navIcon(fynetheme.IconNameCalendar), Order: 21, Make: makeThemeDay})
}

// themeDayView shows a month's 主题党日: the theme and set items (from the township, or the
// branch's own), whether the day has been recorded, and a button that opens the record with
// the set items and the attendance checklist filled in. On a township PC it sends the month's
// theme down instead.
type themeDayView struct {
	s        *Session
	root     *fyne.Container
	page     *fyne.Container
	scroll   *container.Scroll
	formBox  *fyne.Container
	month    *widget.Select
	months   []store.Period
	title    *keyEntry
	items    *keyEntry
	note     *widget.Label
	problem  problemLabel
	status   *widget.Label
	source   *widget.Label
	recordBt *widget.Button
	reportBt *widget.Button // prints the record's 活动情况 (enabled once it is recorded)
	heldID   string         // the month's theme-day record, "" if none
	form     *meetingForm

	themeForm *guardedForm // the theme typed and not yet saved (leaveguard.go)
}

func makeThemeDay(s *Session) fyne.CanvasObject { return newThemeDayView(s).root }

func newThemeDayView(s *Session) *themeDayView {
	v := &themeDayView{s: s, problem: newProblemLabel(), note: widget.NewLabel(""), status: hint(""), source: widget.NewLabel("")}
	v.note.Importance = widget.SuccessImportance
	now := store.MonthOf(s.DB.Now())
	// Next month first: the township prepares it ahead; then this month and the past year.
	v.months = []store.Period{store.MonthOf(now.Start().AddDate(0, 1, 0))}
	for i := 0; i < 12; i++ {
		v.months = append(v.months, store.MonthOf(now.Start().AddDate(0, -i, 0)))
	}
	var labels []string
	for _, p := range v.months {
		labels = append(labels, p.Label())
	}
	v.month = newSelect(labels, nil)
	s.guardChoice(v.month, v.load) // another month: the theme typed for this one asks first
	v.title = newEntry()
	v.title.SetPlaceHolder(assets.T("The month's theme"))
	v.items = newMultiLineEntry()
	v.items.SetPlaceHolder(assets.T("One set item per line, e.g. 集中学习, 交纳党费, 通报支部工作"))
	v.items.SetMinRowsVisible(5)
	v.themeForm = s.guardForm(v.saveTheme, v.title, v.items)
	saveTheme := widget.NewButtonWithIcon(assets.T("Save the theme"), fynetheme.DocumentSaveIcon(), v.themeForm.tap)
	if s.Role == store.RoleTownship {
		saveTheme.SetText(assets.T("Send the theme down to the villages"))
	}
	v.recordBt = primaryButton(assets.T("Record this month's theme day"), fynetheme.DocumentCreateIcon(), v.record)
	if !s.User.CanWrite() {
		saveTheme.Disable()
		v.recordBt.Disable()
	}
	themeForm := widget.NewForm(widget.NewFormItem(assets.T("Theme of the month"), v.title),
		widget.NewFormItem(assets.T("set item"), v.items))
	parts := []fyne.CanvasObject{heading(assets.T("Theme party day")),
		toolbarRow([]fyne.CanvasObject{widget.NewLabel(assets.T("Month of the theme day")), fixedWidth(170, v.month)}),
		v.note, v.problem.Label, subheading(assets.T("The month's programme")), v.source, themeForm,
		container.NewHBox(saveTheme)}
	if s.Role == store.RoleVillage {
		printPlan := widget.NewButtonWithIcon(assets.T("Print the programme for the board"), fynetheme.DocumentPrintIcon(), v.printProgramme)
		v.reportBt = widget.NewButtonWithIcon(assets.T("Print what was done (活动情况)"), fynetheme.DocumentPrintIcon(), v.printReport)
		parts = append(parts, widget.NewSeparator(), subheading(assets.T("The theme day record")), v.status,
			container.NewHBox(v.recordBt, printPlan, v.reportBt),
			hint(assets.T("Print the theme day's record for the board: what was done, attendance and photos")))
		if s.Keys != nil {
			s.Keys.Print = v.printProgramme // Ctrl+P
		}
	}
	v.page = container.NewVBox(parts...)
	v.formBox = container.NewStack()
	v.scroll = container.NewVScroll(v.page)
	v.root = container.NewPadded(container.NewStack(v.scroll, v.formBox))
	v.month.SetSelectedIndex(1)
	return v
}

func (v *themeDayView) selected() store.Period {
	if i := v.month.SelectedIndex(); i >= 0 {
		return v.months[i]
	}
	return store.MonthOf(v.s.DB.Now())
}

func (v *themeDayView) load() {
	p := v.selected()
	th, ok, err := v.s.DB.ThemeFor(v.s.Ctx, v.s.Home.ID, p.String())
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	v.problem.Set("")
	v.title.SetText(th.Title)
	v.items.SetText(strings.Join(th.SetItems, "\n"))
	v.themeForm.mark()
	switch {
	case !ok:
		v.source.SetText(assets.T("No theme has come from the township for this month; the branch may set its own below."))
	case th.FromTownship:
		v.source.SetText(assets.T("Sent down by the township."))
	default:
		v.source.SetText(assets.T("Set by the branch itself."))
	}
	day, err := v.s.DB.ThemeDayIn(v.s.Ctx, p)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	held, err := v.s.DB.Meetings(v.s.Ctx, store.MeetingFilter{OrgID: v.s.Home.ID, Kind: store.MeetingThemeDay, Period: &p})
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	v.heldID = ""
	if len(held) > 0 {
		v.heldID = held[len(held)-1].ID
	}
	if v.reportBt != nil {
		if v.heldID == "" {
			v.reportBt.Disable()
		} else {
			v.reportBt.Enable()
		}
	}
	if len(held) == 0 {
		v.status.SetText(assets.T("Not recorded yet. The fixed day is %s.", day.Format("2006-01-02")))
		v.recordBt.SetText(assets.T("Record this month's theme day"))
	} else {
		h := held[len(held)-1]
		v.status.SetText(assets.T("Recorded: %s, %s; %s.", h.Date, h.Topic, assets.T("expected %d, present %d, absent %d", h.Expected, h.Present, h.Absent)))
		v.recordBt.SetText(assets.T("Open the record"))
	}
}

// printProgramme opens the notice board screen with the month's theme-day programme.
func (v *themeDayView) printProgramme() {
	pendingNotice = &notice.Request{Kind: notice.ThemeDay, Period: v.selected().String()}
	v.s.open("notices")
}

// printReport opens the notice board screen with the 活动情况 of the month's record, asking
// first when the 完成情况 column would print empty for some item (or there is no item).
func (v *themeDayView) printReport() {
	if v.heldID == "" {
		return
	}
	id := v.heldID
	var m store.Meeting
	runBusy(v.s.Window, v.s.Ctx, assets.T("Preparing the notice…"), func(ctx context.Context, _ Progress) error {
		var err error
		m, err = v.s.DB.Meeting(ctx, id)
		return err
	}, func(err error) {
		if err != nil {
			if !canceled(err) {
				v.problem.Set(assets.Chinese(err))
			}
			return
		}
		print := func() {
			pendingNotice = &notice.Request{Kind: notice.ThemeDayReport, Subject: id}
			v.s.open("notices")
		}
		var empty []string
		for _, it := range m.Items {
			if strings.TrimSpace(it.Done) == "" {
				empty = append(empty, it.Title)
			}
		}
		var msg string
		switch {
		case len(m.Items) == 0:
			msg = assets.T("The record lists no activity items, so the notice's table of what was done will be empty.")
		case len(empty) > 0:
			msg = assets.T("What was done is not filled in for: %s. That column of the notice will be empty.", strings.Join(empty, "、"))
		default:
			print()
			return
		}
		d := dialog.NewCustomConfirm(assets.T("Something is missing on the notice"), assets.T("Fill it in first"), assets.T("Print anyway"),
			paragraph(msg, 440), func(fill bool) {
				if !fill {
					print()
					return
				}
				v.record()
			}, v.s.Window)
		d.Show()
	})
}

func (v *themeDayView) saveTheme() bool {
	p := v.selected()
	items := strings.Split(v.items.Text, "\n") // blank lines are dropped by SetTheme
	if _, err := v.s.DB.SetTheme(v.s.Ctx, store.Theme{Month: p.String(), Title: v.title.Text, SetItems: items}); err != nil {
		v.problem.Set(assets.Chinese(err))
		return false
	}
	v.note.SetText(assets.T("Saved the theme of %s.", p.Label()))
	v.load()
	return true
}

// record opens the month's theme-day record: the existing one, or a new one with the fixed
// day, the theme's set items and every member present.
func (v *themeDayView) record() {
	month := v.selected().String()
	var m store.Meeting
	runBusy(v.s.Window, v.s.Ctx, assets.T("Opening the record…"), func(ctx context.Context, _ Progress) error {
		var err error
		m, err = v.s.DB.NewThemeDay(ctx, v.s.Home.ID, month)
		return err
	}, func(err error) {
		if err != nil {
			if !canceled(err) {
				v.problem.Set(assets.Chinese(err))
			}
			return
		}
		v.openForm(m)
	})
}

// openForm shows the record's form in place of the month's page.
func (v *themeDayView) openForm(m store.Meeting) {
	v.form = newMeetingForm(v.s, m, func(msg, warning string) {
		v.form = nil
		v.formBox.Objects = nil
		v.formBox.Hide()
		v.scroll.Show()
		v.note.SetText(msg)
		v.problem.Set(warning)
		v.load()
		v.page.Refresh()
	})
	v.formBox.Objects = []fyne.CanvasObject{v.form.root}
	v.scroll.Hide()
	v.formBox.Show()
	v.formBox.Refresh()
}
