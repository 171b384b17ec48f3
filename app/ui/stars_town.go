package ui

import (
	"bytes"
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/app/notice"
	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/atomicfile"
)

// townStars is the township's side: every village's result with the assessment of the one
// selected, the year's scheme, and the secretaries' reports.
type townStars struct {
	s       *Session
	root    fyne.CanvasObject
	year    *yearSelect
	rs      []store.StarResult
	table   *textTable
	detail  *fyne.Container
	problem problemLabel
	done    doneLabel
	count   *widget.Label

	cur     int
	awards  map[string]*widget.Check
	note    *keyEntry
	plaque  *dateField
	scheme  *schemeForm
	reviews *townReview
	members *townMemberStars
	tabs    *container.AppTabs
	form    *guardedForm // the assessment being ticked (leaveguard.go)
}

func newTownStars(s *Session) *townStars {
	v := &townStars{s: s, detail: container.NewVBox(), problem: newProblemLabel(), done: newDoneLabel(), count: widget.NewLabel(""), cur: -1}
	v.count.Wrapping = fyne.TextWrapWord
	headers := []string{assets.T("Party organisation"), assets.T("Number of stars"), assets.T("Star colour"), assets.T("Class"), assets.T("Stage"), assets.T("Plaque awarded")}
	// Another village: the assessment ticked for this one asks first.
	v.table = newTextTable(headers, []float32{150, 60, 80, 60, 190, 100}, func() int { return len(v.rs) }, v.cell, func(row int) {
		s.ask(func() { v.pick(row) }, nil, true)
	})
	if s.User.CanAdmin() {
		v.form = s.guardForm(v.saveAssessment, v.detail)
	}
	printList := widget.NewButtonWithIcon(assets.T("Save the list as PDF…"), fynetheme.DocumentPrintIcon(), func() {
		v.savePDF(notice.Request{Kind: notice.StarList, Period: strconv.Itoa(v.year.year())}, assets.T("Star ratings %d.pdf", v.year.year()))
	})
	v.year = newYearSelect(s, func() { v.load() })
	s.guardChoice(v.year.Select, v.load)
	v.scheme = newSchemeForm(s, branchSchemeKind(s), v.problem, v.done)
	v.reviews = newTownReview(s)
	// The member stars tab (two tabs, forms and a table of its own) is built when it is first
	// chosen: building every tab at once held the UI thread past the watchdog's limit.
	membersTab := container.NewStack(widget.NewLabel(assets.T("Loading…")))
	ratings := container.NewHSplit(container.NewBorder(v.count, nil, nil, nil, v.table), container.NewVScroll(v.detail))
	ratings.Offset = 0.55
	v.tabs = container.NewAppTabs(container.NewTabItem(assets.T("Assessment (考评)"), ratings),
		container.NewTabItem(assets.T("Star scheme (科学设星)"), v.scheme.root),
		container.NewTabItem(assets.T("Secretaries' reports (述职评议)"), v.reviews.root),
		container.NewTabItem(assets.T("Member stars (党员星级)"), membersTab))
	v.tabs.OnSelected = func(t *container.TabItem) {
		v.problem.Set("")
		v.done.SetText("")
		if t.Content == membersTab && v.members == nil {
			v.members = newTownMemberStars(s, v.problem, v.done)
			membersTab.Objects = []fyne.CanvasObject{v.members.root}
			membersTab.Refresh()
			v.members.load(v.year.year())
		}
	}
	top := container.NewVBox(heading(assets.T("Star rating (评星定级)")),
		toolbarRow([]fyne.CanvasObject{widget.NewLabel(assets.T("Year")), fixedWidth(140, v.year.Select)}, printList),
		v.problem.Label, v.done.Label)
	v.root = container.NewPadded(container.NewBorder(top, nil, nil, nil, v.tabs))
	v.year.SetSelectedIndex(0)
	return v
}

func (v *townStars) cell(row, col int) string {
	r := v.rs[row]
	switch col {
	case 0:
		return r.OrgName
	case 1:
		return strconv.Itoa(r.Stars)
	case 2:
		return store.ColourLabel(r.Colour)
	case 3:
		return store.ClassLabel(r.Class)
	case 4:
		return store.StarStageLabel(r.Stage)
	}
	return r.PlaqueOn
}

// load computes every village's result off the UI thread (one pass over the records).
func (v *townStars) load() {
	y := v.year.year()
	v.scheme.load(y)
	v.reviews.load(y)
	if v.members != nil {
		v.members.load(y)
	}
	v.count.SetText(assets.T("Working out the stars from the records…"))
	var rs []store.StarResult
	var err error
	v.s.Go(func(ctx context.Context) { rs, err = v.s.DB.StarResults(ctx, y, nil) }, func() {
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.rs = rs
		n := map[string]int{}
		for _, r := range rs {
			n[r.Stage]++
			n[r.Class]++
		}
		v.count.SetText(assets.T("%d villages: %d assessed, %d self-assessed; %d first class, %d second class, %d third class.", len(rs),
			n[store.StarsAssessed], n[store.StarsSelf], n[store.Class1], n[store.Class2], n[store.Class3]))
		v.table.Refresh()
		if v.cur >= 0 && v.cur < len(rs) {
			v.pick(v.cur)
		} else {
			v.detail.Objects = []fyne.CanvasObject{hint(assets.T("Choose a village to see its stars and record the township's assessment."))}
			v.detail.Refresh()
		}
	})
}

// pick shows a village's stars with the assessment form.
func (v *townStars) pick(row int) {
	v.cur = row
	r := v.rs[row]
	v.awards = map[string]*widget.Check{}
	v.note = newEntry()
	v.note.SetPlaceHolder(assets.T("The township's note"))
	v.note.SetText(r.Note)
	v.plaque = newDateField(v.s.Window)
	v.plaque.Optional = true
	v.plaque.SetDate(r.PlaqueOn)
	box := container.NewVBox(subheading(r.OrgName), widget.NewLabel(resultLine(r)))
	if r.SelfNote != "" {
		box.Add(hint(assets.T("The village's note: %s", r.SelfNote)))
	}
	for _, l := range r.Lines {
		if !l.Target {
			continue
		}
		name := l.Name + "（" + store.StarGroupLabel(l.Group) + "）"
		if l.Measure != "" {
			mark := "☆ "
			if l.Earned {
				mark = "★ "
			}
			box.Add(widget.NewLabel(mark + name + "  " + lineFigure(l, r)))
			continue
		}
		c := widget.NewCheck(name, nil)
		c.SetChecked(l.Awarded || (r.Stage == store.StarsSelf && l.Self))
		if l.Self {
			c.Text += "  " + assets.T("(claimed by the village)")
		}
		v.awards[l.Code] = c
		box.Add(c)
	}
	save := primaryButton(assets.T("Save the assessment"), fynetheme.DocumentSaveIcon(), func() {
		if v.form != nil {
			v.form.run()
		}
	})
	branch := widget.NewButtonWithIcon(assets.T("Save this village's notice as PDF…"), fynetheme.DocumentPrintIcon(), func() {
		v.savePDF(notice.Request{Kind: notice.BranchStars, OrgID: r.OrgID, Period: strconv.Itoa(v.year.year())}, r.OrgName+assets.T("Star rating %d.pdf", v.year.year()))
	})
	if !v.s.User.CanAdmin() {
		save.Disable()
	}
	box.Add(widget.NewForm(widget.NewFormItem(assets.T("Note"), v.note), widget.NewFormItem(assets.T("Plaque awarded (挂牌授星)"), v.plaque)))
	box.Add(container.NewHBox(save, branch))
	v.detail.Objects = []fyne.CanvasObject{box}
	v.detail.Refresh()
	if v.form != nil {
		v.form.mark()
	}
}

func (v *townStars) saveAssessment() bool {
	if v.cur < 0 {
		return true
	}
	r := v.rs[v.cur]
	if p := v.plaque.Problem(); p != "" {
		v.problem.Set(p)
		return false
	}
	var codes []string
	for _, l := range r.Lines {
		if c := v.awards[l.Code]; c != nil && c.Checked {
			codes = append(codes, l.Code)
		}
	}
	err := v.s.DB.AssessStars(v.s.Ctx, r.OrgCode, v.year.year(), store.StarAssessment{Awarded: codes, Note: v.note.Text, PlaqueOn: v.plaque.Date()})
	if err != nil {
		v.done.SetText("")
		v.problem.Set(assets.Chinese(err))
		return false
	}
	v.problem.Set("")
	v.done.SetText(assets.T("Saved the assessment of %s; it goes to the village with the next sync.", r.OrgName))
	v.load()
	return true
}

// savePDF asks where to save a notice, then builds and writes it off the UI thread.
func (v *townStars) savePDF(req notice.Request, name string) {
	chooseFile(v.s.Window, filePick{Mode: pickSave, Title: assets.T("Save the notice as PDF"), Purpose: "notice", Exts: []string{".pdf"}, Name: name}, func(path string) {
		var err error
		v.s.Go(func(ctx context.Context) {
			var buf bytes.Buffer
			if _, err = notice.Print(ctx, v.s.DB, req, &buf); err == nil {
				if werr := atomicfile.WriteFile(path, buf.Bytes()); werr != nil {
					err = assets.Wrap(werr, "Cannot write the file %s. Check the folder exists and is writable.", path)
				}
			}
		}, func() {
			if err != nil {
				v.problem.Set(assets.Chinese(err))
				return
			}
			v.problem.Set("")
			showSaved(v.s.Window, assets.T("Notice saved"), path)
		})
	})
}
