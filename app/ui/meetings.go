package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	registerScreen(Screen{ID: "meetings", Title: "Meetings", Icon: navIcon(fynetheme.IconNameDocument), Order: 20,
		Roles: []string{store.RoleVillage}, Make: makeMeetings})
}

// meetingsView lists the branch's meetings of a period and kind; a meeting opens in the form
// that replaces the list.
type meetingsView struct {
	s       *Session
	root    *fyne.Container
	period  *widget.Select
	kind    *widget.Select
	table   *textTable
	count   *widget.Label
	note    *widget.Label
	problem problemLabel
	list    *fyne.Container

	periods []store.Period
	rows    []store.MeetingSummary
	form    *meetingForm    // the open form, nil while the list shows
	formBox *fyne.Container // holds the open form
}

func makeMeetings(s *Session) fyne.CanvasObject { return newMeetingsView(s).root }

// recentPeriods lists this month and the eleven before it, this quarter and the three before
// it, this year and last year: what a secretary looks back on.
func recentPeriods(now store.Period) []store.Period {
	t := now.Start()
	var out []store.Period
	for i := 0; i < 12; i++ {
		out = append(out, store.MonthOf(t.AddDate(0, -i, 0)))
	}
	for i := 0; i < 4; i++ {
		out = append(out, store.QuarterOf(t.AddDate(0, -3*i, 0)))
	}
	return append(out, store.YearOf(t), store.YearOf(t.AddDate(-1, 0, 0)))
}

func newMeetingsView(s *Session) *meetingsView {
	v := &meetingsView{s: s, problem: newProblemLabel()}
	v.periods = recentPeriods(store.MonthOf(s.DB.Now()))
	var labels []string
	for _, p := range v.periods {
		labels = append(labels, p.Label())
	}
	v.period = newSelect(labels, func(string) { v.reload() })
	v.kind = newSelect(append([]string{assets.T("All kinds")}, store.MeetingKind.Labels()...), func(string) { v.reload() })
	v.count = widget.NewLabel("")
	v.note = widget.NewLabel("")
	v.note.Importance = widget.SuccessImportance
	headers := []string{assets.T("meeting date"), assets.T("meeting kind"), assets.T("meeting topic"), assets.T("expected (column)"),
		assets.T("present (column)"), assets.T("absent (column)"), assets.T("quorum (column)"), assets.T("photos (column)")}
	v.table = newTextTable(headers, []float32{120, 130, 420, 70, 70, 70, 90, 60}, func() int { return len(v.rows) }, v.cell,
		func(r int) { v.open(v.rows[r].ID) })
	var actions []fyne.CanvasObject
	if s.User.CanWrite() {
		actions = append(actions, primaryButton(assets.T("Record a meeting"), fynetheme.ContentAddIcon(), func() {
			v.edit(store.Meeting{OrgID: s.Home.ID, Kind: store.MeetingCommittee, Date: s.DB.Now().Format("2006-01-02")})
		}))
	}
	top := container.NewVBox(heading(assets.T("Meetings")),
		toolbarRow([]fyne.CanvasObject{widget.NewLabel(assets.T("Meeting period")), fixedWidth(170, v.period),
			widget.NewLabel(assets.T("meeting kind")), fixedWidth(170, v.kind)}, actions...),
		v.note, v.problem.Label)
	v.list = container.NewBorder(top, v.count, nil, nil, v.table)
	v.formBox = container.NewStack()
	v.root = container.NewPadded(container.NewStack(v.list, v.formBox))
	v.period.SetSelectedIndex(0)
	v.kind.SetSelectedIndex(0)
	return v
}

func (v *meetingsView) cell(r, c int) string {
	m := v.rows[r]
	switch c {
	case 0:
		return m.Date
	case 1:
		return m.KindLabel
	case 2:
		return m.Topic
	case 3:
		return strconv.Itoa(m.Expected)
	case 4:
		return strconv.Itoa(m.Present)
	case 5:
		return strconv.Itoa(m.Absent)
	case 6:
		switch {
		case !m.QuorumRequired:
			return ""
		case m.Quorum:
			return assets.T("Reached")
		}
		return assets.T("Not reached")
	case 7:
		if m.Photos == 0 {
			return ""
		}
		return strconv.Itoa(m.Photos)
	}
	return ""
}

func (v *meetingsView) reload() {
	if v.period.SelectedIndex() < 0 || v.kind == nil || v.table == nil {
		return
	}
	p := v.periods[v.period.SelectedIndex()]
	f := store.MeetingFilter{OrgID: v.s.Home.ID, Period: &p}
	if i := v.kind.SelectedIndex(); i > 0 {
		f.Kind = store.MeetingKind.Slugs()[i-1]
	}
	rows, err := v.s.DB.Meetings(v.s.Ctx, f)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	v.problem.Set("")
	v.rows = rows
	v.count.SetText(assets.T("%d meetings", len(rows)))
	v.table.Refresh()
}

func (v *meetingsView) open(id string) {
	m, err := v.s.DB.Meeting(v.s.Ctx, id)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	v.edit(m)
}

// edit shows the form in place of the list; closing it returns to the list. The list is
// hidden, not removed, so that its table keeps its state.
func (v *meetingsView) edit(m store.Meeting) {
	v.form = newMeetingForm(v.s, m, func(msg, warning string) {
		v.form = nil
		v.formBox.Objects = nil
		v.formBox.Hide()
		v.list.Show()
		v.note.SetText(msg)
		v.reload()
		v.problem.Set(warning)
		v.list.Refresh() // the messages above the table changed its height
	})
	v.formBox.Objects = []fyne.CanvasObject{v.form.root}
	v.list.Hide()
	v.formBox.Show()
	v.formBox.Refresh()
}
