package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	registerScreen(Screen{ID: "pipeline", Title: "New members (发展党员)", Icon: navIcon(fynetheme.IconNameAccount), Order: 40, Roles: []string{store.RoleVillage}, Make: makePipeline})
}

// pipelineView lists the candidates by stage and shows one candidate's 25 steps, the next
// step with its earliest and latest date, and the form that records a step (refusing a
// step that comes too early, with the reason).
type pipelineView struct {
	s     *Session
	fig   store.PipelineFigures
	cands []store.Candidate
	list  *textTable
	cur   *store.Candidate

	title   *widget.Label
	steps   *widget.Table
	next    *widget.Label
	stepSel *widget.Select
	date    *dateField
	by      *widget.Entry
	notes   *widget.Entry
	people  *widget.Entry
	extra   *widget.Entry // days/hours for 11, votes for 15/23
	present *widget.Entry // voting members present, 15/23
	done    *widget.Label
	extend  *widget.Button // 延长预备期: shown for a probationary member
	problem problemLabel
	detail  *fyne.Container
}

func makePipeline(s *Session) fyne.CanvasObject {
	v := &pipelineView{s: s, problem: newProblemLabel()}
	var err error
	if v.fig, err = s.DB.PipelineFigures(s.Ctx); err != nil {
		v.problem.Set(assets.Chinese(err)) // deadlines cannot be worked out: say why
	}
	// Leaving with a step typed and not recorded asks first (保存 / 不保存 / 取消).
	s.guard = &leaveGuard{dirty: v.dirty, save: v.recordOK, owner: v}
	v.load()
	v.list = newTextTable([]string{assets.T("Name"), assets.T("Stage"), assets.T("Next step"), assets.T("From"), assets.T("Deadline")},
		[]float32{64, 124, 176, 92, 92}, func() int { return len(v.cands) }, v.listCell, func(r int) { v.open(r) })
	left := container.NewBorder(v.addForm(), nil, nil, nil, v.list)
	split := container.NewHSplit(left, v.detailPane())
	split.Offset = 0.48
	// The township's yearly plan for this village (发展党员指导性计划) is a tab here, not a
	// navigation entry of its own: the village only reads it, beside the candidates it counts.
	tabs := container.NewAppTabs(
		container.NewTabItem(assets.T("Candidates and their steps"), split),
		container.NewTabItem(assets.T("Development plan (发展党员计划)"), makeDevPlan(s)))
	return container.NewBorder(heading(assets.T("New members (发展党员)")), nil, nil, nil, tabs)
}

func (v *pipelineView) load() {
	var err error
	if v.cands, err = v.s.DB.Candidates(v.s.Ctx, v.s.Home.ID, false); err != nil {
		v.problem.Set(assets.Chinese(err))
	}
	if v.cur != nil {
		for i := range v.cands {
			if v.cands[i].ID == v.cur.ID {
				v.cur = &v.cands[i]
			}
		}
	}
}

func (v *pipelineView) listCell(r, c int) string {
	cd := &v.cands[r]
	n := v.fig.Next(cd)
	switch c {
	case 0:
		return cd.Name
	case 1:
		return store.StageName(cd.Stage())
	case 2:
		if n.Step == 0 {
			return assets.T("All steps are done.")
		}
		return stepTitle(n.Step)
	case 3:
		return n.Earliest
	}
	return n.Latest
}

func stepTitle(n int) string {
	s, _ := store.StepByNumber(n) // n is one of the pipeline's step numbers
	switch n {
	case store.StepPublicity, store.StepConfirmPublicity:
		return s.Name()
	}
	return assets.T("Step %d %s", n, s.Name())
}

// addForm adds a candidate with the date of the application.
func (v *pipelineView) addForm() fyne.CanvasObject {
	name := widget.NewEntry()
	name.SetPlaceHolder(assets.T("Name"))
	idNo := widget.NewEntry()
	idNo.SetPlaceHolder(assets.T("ID number"))
	applied := newDateField(v.s.Window)
	applied.SetPlaceHolder(assets.T("Applied on (YYYY-MM-DD)"))
	problem := newProblemLabel()
	add := widget.NewButtonWithIcon(assets.T("Add candidate"), fynetheme.ContentAddIcon(), func() {
		id, err := v.s.DB.AddCandidate(v.s.Ctx, store.CandidateInput{Name: name.Text, IDNumber: idNo.Text, Applied: applied.Date()})
		if err != nil {
			problem.Set(assets.Chinese(err))
			return
		}
		problem.Set("")
		name.SetText("")
		idNo.SetText("")
		applied.SetDate("")
		v.load()
		v.list.Refresh()
		for i := range v.cands {
			if v.cands[i].ID == id {
				v.open(i)
			}
		}
	})
	box := container.NewVBox(container.NewGridWithColumns(2, name, idNo), container.NewBorder(nil, nil, nil, add, applied), problem.Label)
	if !v.s.User.CanWrite() {
		box.Hide()
	}
	return box
}

func (v *pipelineView) detailPane() fyne.CanvasObject {
	v.title = widget.NewLabel(assets.T("Choose a candidate on the left to see their steps."))
	v.title.TextStyle.Bold = true
	all := store.PipelineSteps()
	v.steps = widget.NewTable(
		func() (int, int) { return len(all), 4 },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.SetText(v.stepCell(all[id.Row], id.Col))
			l.Importance = widget.MediumImportance
			if v.cur != nil && v.fig.Next(v.cur).Step == all[id.Row].N {
				l.Importance = widget.HighImportance
			}
			l.Refresh()
		})
	for i, w := range []float32{44, 250, 180, 200} {
		v.steps.SetColumnWidth(i, w*textScale())
	}
	v.next = widget.NewLabel("")
	v.next.Wrapping = fyne.TextWrapWord
	labels := make([]string, len(all))
	for i, s := range all {
		labels[i] = stepTitle(s.N)
	}
	v.stepSel = newSelect(labels, nil)
	v.date = newDateField(v.s.Window)
	v.date.SetPlaceHolder(assets.T("Date (YYYY-MM-DD)"))
	v.by = widget.NewEntry()
	v.by.SetPlaceHolder(assets.T("Responsible person"))
	v.notes = widget.NewEntry()
	v.notes.SetPlaceHolder(assets.T("Evidence or note"))
	v.people = widget.NewEntry()
	v.people.SetPlaceHolder(assets.T("Two people, comma separated (steps 5 and 9)"))
	v.extra = widget.NewEntry()
	v.extra.SetPlaceHolder(assets.T("Training days (11) / votes in favour (15, 23)"))
	v.present = widget.NewEntry()
	v.present.SetPlaceHolder(assets.T("Voting members present (15, 23)"))
	v.done = widget.NewLabel("")
	v.done.Importance = widget.SuccessImportance
	record := primaryButton(assets.T("Record step"), fynetheme.ConfirmIcon(), v.record)
	v.extend = widget.NewButtonWithIcon(assets.T("Extend the probation…"), fynetheme.HistoryIcon(), v.showExtend)
	v.extend.Hide()
	// The step's name is long: it has a row of its own, so the fields beside it are not
	// squeezed and their hints are not cut off.
	form := container.NewVBox(v.stepSel,
		container.NewGridWithColumns(2, v.date, v.by),
		v.notes,
		v.people, container.NewGridWithColumns(2, v.extra, v.present),
		container.NewHBox(record, v.extend), v.done, v.problem.Label)
	if !v.s.User.CanWrite() {
		form.Hide()
	}
	v.detail = container.NewBorder(container.NewVBox(v.title, v.next), form, nil, nil, v.steps)
	return v.detail
}

func (v *pipelineView) stepCell(s store.PipelineStep, col int) string {
	switch col {
	case 0:
		if s.N > 25 {
			return assets.T("Publicity")
		}
		return strconv.Itoa(s.N)
	case 1:
		return s.Name()
	}
	if v.cur == nil {
		return ""
	}
	var dates, who []string
	for _, r := range v.cur.Steps {
		if r.Step != s.N {
			continue
		}
		dates = append(dates, r.Date)
		if r.By != "" {
			who = append(who, r.By)
		}
		if r.Note != "" {
			who = append(who, r.Note)
		}
	}
	if col == 2 {
		if len(dates) > 0 && (s.N == store.StepPublicity || s.N == store.StepConfirmPublicity) {
			return assets.T("%s to %s", dates[0], v.fig.PublicityEnd(v.cur, s.N).Format("2006-01-02"))
		}
		return strings.Join(dates, "、")
	}
	return strings.Join(who, "；")
}

func (v *pipelineView) open(row int) {
	if row < 0 || row >= len(v.cands) {
		return
	}
	v.cur = &v.cands[row]
	v.refreshDetail()
}

func (v *pipelineView) refreshDetail() {
	c := v.cur
	v.title.SetText(assets.T("%s — %s", c.Name, store.StageName(c.Stage())))
	n := v.fig.Next(c)
	switch {
	case n.Step == 0:
		v.next.SetText(assets.T("All steps are done."))
	default:
		text := assets.T("Next: step %d %s", n.Step, n.Name)
		if n.Earliest != "" {
			text += assets.T(", from %s", n.Earliest)
		}
		if n.Latest != "" {
			text += assets.T(", by %s (%s)", n.Latest, n.Rule)
		}
		if n.Reason != "" {
			text += assets.T(" — %s", n.Reason)
		}
		if x := extensionText(c); x != "" {
			text += "\n" + x
		}
		v.next.SetText(text)
		for i, s := range store.PipelineSteps() {
			if s.N == n.Step {
				v.stepSel.SetSelectedIndex(i)
			}
		}
		if n.Earliest != "" && n.Earliest > v.s.DB.Now().Format("2006-01-02") {
			v.date.SetDate("")
		} else {
			v.date.SetDate(v.s.DB.Now().Format("2006-01-02"))
		}
	}
	if canExtend(c) {
		v.extend.SetText(assets.T("Extend the probation…"))
		if c.Extension > 0 {
			v.extend.SetText(assets.T("Record the approval of the extension…"))
		}
		v.extend.Show()
	} else {
		v.extend.Hide()
	}
	v.steps.Refresh()
}

func (v *pipelineView) record() { v.recordOK() }

// dirty: something typed in the step form is not recorded yet (the date is filled in by the
// screen, so it alone is not work to lose).
func (v *pipelineView) dirty() bool {
	if v.cur == nil {
		return false
	}
	for _, e := range []*widget.Entry{v.by, v.notes, v.people, v.extra, v.present} {
		if strings.TrimSpace(e.Text) != "" {
			return true
		}
	}
	return false
}

// recordOK records the step in the form; false when it was refused (the form says why).
func (v *pipelineView) recordOK() bool {
	v.done.SetText("")
	if v.cur == nil {
		v.problem.Set(assets.T("Choose a candidate on the left first."))
		return false
	}
	i := v.stepSel.SelectedIndex()
	if i < 0 {
		v.problem.Set(assets.T("Choose the step."))
		return false
	}
	step := store.PipelineSteps()[i].N
	in := store.StepInput{CandidateID: v.cur.ID, Step: step, Date: v.date.Date(), By: v.by.Text, Note: v.notes.Text, People: v.people.Text}
	if x := strings.TrimSpace(v.extra.Text); x != "" {
		n, err := strconv.Atoi(x)
		if err != nil {
			v.problem.Set(assets.T("Enter a whole number of training days or votes in favour."))
			return false
		}
		switch step {
		case 11:
			in.Days = n
		case 15, 23:
			in.VotesFor = n
		}
	}
	if x := strings.TrimSpace(v.present.Text); x != "" && (step == 15 || step == 23) {
		n, err := strconv.Atoi(x)
		if err != nil {
			v.problem.Set(assets.T("Enter a whole number of voting members present."))
			return false
		}
		in.Present = n
	}
	if _, err := v.s.DB.RecordStep(v.s.Ctx, in); err != nil {
		v.problem.Set(assets.Chinese(err))
		return false
	}
	v.problem.Set("")
	v.done.SetText(assets.T("Recorded step %d (%s) of %s on %s.", step, store.PipelineSteps()[i].Name(), v.cur.Name, in.Date))
	for _, e := range []*widget.Entry{v.by, v.notes, v.people, v.extra, v.present} {
		e.SetText("")
	}
	v.load()
	v.list.Refresh()
	v.refreshDetail()
	return true
}
