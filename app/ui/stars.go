package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	registerScreen(Screen{ID: "stars", Title: "Star rating (评星定级)", Icon: navIcon(fynetheme.IconNameConfirm), Order: 43, Make: makeStars})
	registerHomePanel(HomePanel{Order: 40, Roles: []string{store.RoleVillage}, Make: makeStarsPanel})
}

// makeStarsPanel shows on the village's home how its year stands under the star scheme.
func makeStarsPanel(s *Session) fyne.CanvasObject {
	return asyncBlock(s, assets.T("Working out the stars from the records…"), func(ctx context.Context) func() fyne.CanvasObject {
		r, err := s.DB.StarResultOf(ctx, s.Home.ID, s.DB.Now().Year())
		return func() fyne.CanvasObject {
			if err != nil {
				p := newProblemLabel()
				p.Set(assets.Chinese(err))
				return p.Label
			}
			return container.NewVBox(subheading(assets.T("Star rating of %d", r.Year)),
				container.NewHBox(widget.NewLabel(resultLine(r)), widget.NewButton(assets.T("Open the star rating"), func() { s.open("stars") })))
		}
	})
}

// makeStars is the star rating and the secretaries' reports: on the township the scheme,
// the assessment of every village and the 述职评议; on a village its scheme, the points its
// records earn, its targets and self-assessment, and its report.
func makeStars(s *Session) fyne.CanvasObject {
	if s.Role == store.RoleTownship {
		return newTownStars(s).root
	}
	v := newVillageStars(s)
	tabs := container.NewAppTabs(container.NewTabItem(assets.T("Star rating (评星定级)"), v.root),
		container.NewTabItem(assets.T("Secretary's report (述职)"), newVillageReview(s).root),
		container.NewTabItem(assets.T("Member stars (党员星级)"), newMemberStarsView(s).root))
	return tabs
}

// yearSelect chooses the year of a star rating or a report: this year and the two before.
type yearSelect struct {
	*widget.Select
	years []int
}

func newYearSelect(s *Session, changed func()) *yearSelect {
	y := s.DB.Now().Year()
	ys := &yearSelect{years: []int{y, y - 1, y - 2}}
	var labels []string
	for _, x := range ys.years {
		labels = append(labels, assets.T("%d (year)", x))
	}
	ys.Select = newSelect(labels, func(string) { changed() })
	return ys
}

// year is the chosen year (this year before one is chosen).
func (y *yearSelect) year() int {
	if i := y.SelectedIndex(); i >= 0 {
		return y.years[i]
	}
	return y.years[0]
}

// resultLine sums a result up: 7 stars (70 points) · silver · second class · stage.
func resultLine(r store.StarResult) string {
	return assets.T("%d stars (%d points) · %s · %s · %s", r.Stars, r.Points, store.ColourLabel(r.Colour), store.ClassLabel(r.Class), store.StarStageLabel(r.Stage))
}

// lineFigure says how a measured star stands, or how a judged star was decided.
func lineFigure(l store.StarLine, r store.StarResult) string {
	if l.Measure != "" {
		met := assets.T("not reached")
		if l.Rate >= l.Threshold {
			met = assets.T("reached")
		}
		return assets.T("%s %s (standard %s): %s", store.MeasureLabel(l.Measure), store.Percent(l.Rate), store.Percent(l.Threshold), met)
	}
	switch {
	case r.Stage == store.StarsAssessed && l.Awarded:
		return assets.T("Awarded by the township")
	case r.Stage == store.StarsAssessed:
		return assets.T("Not awarded by the township")
	}
	return store.MeasureLabel("")
}

// villageStars is the village's year: targets, the records' figures, the self-assessment.
type villageStars struct {
	s       *Session
	root    fyne.CanvasObject
	year    *yearSelect
	summary *widget.Label
	info    *widget.Label
	box     *fyne.Container
	note    *keyEntry
	problem problemLabel
	done    *widget.Label
	declare *widget.Button
	self    *widget.Button

	res     store.StarResult
	targets map[string]*widget.Check
	claims  map[string]*widget.Check
	// The ticks and the note not yet declared or submitted (leaveguard.go).
	targetForm, selfForm *guardedForm
}

func newVillageStars(s *Session) *villageStars {
	v := &villageStars{s: s, summary: widget.NewLabel(""), info: widget.NewLabel(""), box: container.NewVBox(), note: newEntry(),
		problem: newProblemLabel(), done: widget.NewLabel("")}
	v.summary.TextStyle.Bold = true
	v.info.Wrapping = fyne.TextWrapWord
	v.done.Importance = widget.SuccessImportance
	v.note.SetPlaceHolder(assets.T("Note on the self-assessment"))
	v.year = newYearSelect(s, func() { v.load() })
	s.guardChoice(v.year.Select, v.load)
	v.targetForm = s.guardForm(v.saveTargets, func() string { return strings.Join(checked(v.targets, v.res.Lines), ",") })
	v.selfForm = s.guardForm(v.saveSelf, func() string { return strings.Join(checked(v.claims, v.res.Lines), ",") }, v.note)
	v.declare = primaryButton(assets.T("Declare the targets (定标报星)"), fynetheme.ConfirmIcon(), v.targetForm.tap)
	v.self = widget.NewButtonWithIcon(assets.T("Submit the self-assessment (自评)"), fynetheme.DocumentSaveIcon(), v.selfForm.tap)
	if !s.User.CanWrite() {
		v.declare.Disable()
		v.self.Disable()
	}
	top := container.NewVBox(heading(assets.T("Star rating (评星定级)")),
		toolbarRow([]fyne.CanvasObject{widget.NewLabel(assets.T("Year")), fixedWidth(140, v.year.Select), v.summary}),
		hint(assets.T("Tick the stars the branch aims for and declare them. Stars with a figure are earned from the records as the year goes; at the year's end tick the other stars the branch has earned and submit the self-assessment. The township's assessment comes with the next sync.")),
		v.info, v.problem.Label, v.done)
	bottom := container.NewBorder(nil, nil, nil, container.NewHBox(v.declare, v.self), v.note)
	v.root = container.NewPadded(container.NewBorder(top, bottom, nil, nil, container.NewVScroll(v.box)))
	v.year.SetSelectedIndex(0)
	return v
}

func (v *villageStars) load() {
	y := v.year.year()
	v.box.Objects = []fyne.CanvasObject{loadingRow(assets.T("Working out the stars from the records…"))}
	v.box.Refresh()
	var r store.StarResult
	var err error
	v.s.Go(func(ctx context.Context) { r, err = v.s.DB.StarResultOf(ctx, v.s.Home.ID, y) }, func() {
		if err != nil {
			v.box.Objects = nil
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.show(r)
	})
}

func (v *villageStars) show(r store.StarResult) {
	v.res = r
	v.targets, v.claims = map[string]*widget.Check{}, map[string]*widget.Check{}
	v.summary.SetText(resultLine(r))
	var info []string
	if r.Declared == "" {
		info = append(info, assets.T("No targets declared yet: the common and duty stars are counted."))
	} else {
		info = append(info, assets.T("Targets declared on %s.", r.Declared))
	}
	if r.SelfAt != "" {
		info = append(info, assets.T("Self-assessed on %s.", r.SelfAt))
	}
	if r.Stage == store.StarsAssessed {
		info = append(info, assets.T("Assessed by the township on %s.", r.AssessedAt))
		if r.PlaqueOn != "" {
			info = append(info, assets.T("Plaque awarded on %s (挂牌授星).", r.PlaqueOn))
		}
		if r.Note != "" {
			info = append(info, assets.T("The township's note: %s", r.Note))
		}
	}
	v.info.SetText(strings.Join(info, " "))
	v.note.SetText(r.SelfNote)
	assessed := r.Stage == store.StarsAssessed
	v.box.Objects = nil
	group := ""
	for _, l := range r.Lines {
		if l.Group != group {
			group = l.Group
			v.box.Add(subheading(store.StarGroupLabel(group)))
		}
		target := widget.NewCheck(l.Name, nil)
		target.SetChecked(l.Target)
		v.targets[l.Code] = target
		var right fyne.CanvasObject = widget.NewLabel(lineFigure(l, r))
		if l.Measure == "" && !assessed {
			c := widget.NewCheck(assets.T("Earned (self-assessment)"), nil)
			c.SetChecked(l.Self)
			v.claims[l.Code] = c
			right = c
		}
		mark := widget.NewLabel("")
		if l.Earned {
			mark.SetText("★")
			mark.Importance = widget.WarningImportance
		}
		std := widget.NewLabel(l.Standard)
		std.Wrapping = fyne.TextWrapWord
		v.box.Add(container.NewBorder(nil, nil, container.NewHBox(fixedWidth(30, mark), fixedWidth(190, target)), fixedWidth(330, right), std))
	}
	v.box.Refresh()
	v.targetForm.mark()
	v.selfForm.mark()
	if assessed {
		v.self.Disable()
	} else if v.s.User.CanWrite() {
		v.self.Enable()
	}
	relayoutWindows()
}

func checked(m map[string]*widget.Check, lines []store.StarLine) []string {
	var out []string
	for _, l := range lines {
		if c := m[l.Code]; c != nil && c.Checked {
			out = append(out, l.Code)
		}
	}
	return out
}

func (v *villageStars) saveTargets() bool {
	y := v.year.year()
	if err := v.s.DB.DeclareStars(v.s.Ctx, y, checked(v.targets, v.res.Lines)); err != nil {
		v.done.SetText("")
		v.problem.Set(assets.Chinese(err))
		return false
	}
	v.problem.Set("")
	v.done.SetText(assets.T("Declared the target stars of %d; they go to the township with the next sync.", y))
	v.load()
	return true
}

func (v *villageStars) saveSelf() bool {
	y := v.year.year()
	// Only judged stars among the ticked targets are claimed.
	var codes []string
	for _, c := range checked(v.claims, v.res.Lines) {
		if t := v.targets[c]; t != nil && t.Checked {
			codes = append(codes, c)
		}
	}
	if err := v.s.DB.SelfAssess(v.s.Ctx, y, codes, v.note.Text); err != nil {
		v.done.SetText("")
		v.problem.Set(assets.Chinese(err))
		return false
	}
	v.problem.Set("")
	v.done.SetText(assets.T("Submitted the self-assessment of %d; it goes to the township with the next sync.", y))
	v.load()
	return true
}
