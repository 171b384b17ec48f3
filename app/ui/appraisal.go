package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	registerScreen(Screen{ID: "appraisal", Title: "Democratic appraisal", Icon: navIcon(fynetheme.IconNameList), Order: 22,
		Roles: []string{store.RoleVillage}, Make: makeAppraisal})
}

// appraisalView rates each full member of a year: 优秀/合格/基本合格/不合格; probationary
// members take part but are not rated. Saving warns when more than the allowed share is
// rated 优秀.
type appraisalView struct {
	s       *Session
	root    fyne.CanvasObject
	year    *yearSelect
	box     *fyne.Container
	rows    []appraisalRow
	summary *widget.Label
	note    *widget.Label
	problem problemLabel
	form    *guardedForm // the ratings and notes typed (leaveguard.go)
}

type appraisalRow struct {
	a      store.Appraisal
	rating *widget.Select // nil for probationary members
	note   *keyEntry
	stars  *widget.Label // the member's stars of the year, for reference (严格用星)
}

func makeAppraisal(s *Session) fyne.CanvasObject { return newAppraisalView(s).root }

func newAppraisalView(s *Session) *appraisalView {
	v := &appraisalView{s: s, problem: newProblemLabel(), box: container.NewVBox(), summary: widget.NewLabel(""), note: widget.NewLabel("")}
	v.note.Importance = widget.SuccessImportance
	v.form = s.guardForm(v.save, v.box)
	v.year = newYearSelect(s, func() { v.load() })
	s.guardChoice(v.year.Select, v.load)
	save := primaryButton(assets.T("Save the ratings"), fynetheme.DocumentSaveIcon(), v.form.tap)
	if !s.User.CanWrite() {
		save.Disable()
	}
	top := container.NewVBox(heading(assets.T("Democratic appraisal")),
		toolbarRow([]fyne.CanvasObject{widget.NewLabel(assets.T("Year of the appraisal")), fixedWidth(140, v.year.Select), v.summary}, save),
		hint(assets.T("Rate each full member. Excellent is normally given to at most one third of those rated; probationary members take part but are not rated.")),
		hint(assets.T("Beside each member: their stars of the year as assessed by the branch, for reference when rating and recommending excellent members.")),
		v.note, v.problem.Label)
	v.root = container.NewPadded(container.NewBorder(top, nil, nil, nil, container.NewVScroll(v.box)))
	v.year.SetSelectedIndex(0)
	return v
}

func (v *appraisalView) load() {
	list, err := v.s.DB.Appraisals(v.s.Ctx, v.s.Home.ID, v.year.year())
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	v.rows = nil
	v.box.Objects = nil
	labels := append([]string{assets.T("not yet rated")}, store.Rating.Labels()...)
	for _, a := range list {
		r := appraisalRow{a: a, note: newEntry(), stars: widget.NewLabel("")}
		r.note.SetText(a.Note)
		r.note.SetPlaceHolder(assets.T("Appraisal note"))
		var choice fyne.CanvasObject
		if a.Status != "full" {
			choice = widget.NewLabel(assets.T("not rated (probationary member)"))
		} else {
			r.rating = newSelect(labels, func(string) { v.count() })
			r.rating.SetSelectedIndex(0)
			for i, sl := range store.Rating.Slugs() {
				if sl == a.Rating {
					r.rating.SetSelectedIndex(i + 1)
				}
			}
			choice = r.rating
		}
		v.rows = append(v.rows, r)
		v.box.Add(container.NewBorder(nil, nil, container.NewHBox(fixedWidth(110, widget.NewLabel(a.Name)), fixedWidth(200, choice),
			fixedWidth(150, r.stars)), nil, r.note))
	}
	v.box.Refresh()
	enterMovesOnIn(v.box)
	v.form.mark()
	v.count()
	v.showStars()
}

// showStars offers each member's stars of the year beside the rating, as information for
// the appraisal (严格用星: the result is used where it matters, never as a ranking).
func (v *appraisalView) showStars() {
	y, rows := v.year.year(), v.rows
	var rs []store.MemberStarResult
	var err error
	v.s.Go(func(ctx context.Context) { rs, err = v.s.DB.MemberStarResults(ctx, v.s.Home.ID, y) }, func() {
		if err != nil {
			return // information only: the appraisal works without it
		}
		by := map[string]store.MemberStarResult{}
		for _, r := range rs {
			by[r.MemberID] = r
		}
		for _, row := range rows {
			if r, ok := by[row.a.MemberID]; ok && (r.Stage == store.MemberStarsAssessed || r.Stage == store.MemberStarsApproved) {
				row.stars.SetText(assets.T("Stars of the year: %d", r.Stars))
			}
		}
	})
}

// count shows how many are rated and how many 优秀.
func (v *appraisalView) count() {
	rated, excellent := 0, 0
	for _, r := range v.rows {
		if r.rating == nil || r.rating.SelectedIndex() <= 0 {
			continue
		}
		rated++
		if store.Rating.Slugs()[r.rating.SelectedIndex()-1] == store.RatingExcellent {
			excellent++
		}
	}
	v.summary.SetText(assets.T("%d rated, %d excellent", rated, excellent))
}

func (v *appraisalView) save() bool {
	var as []store.Appraisal
	for _, r := range v.rows {
		a := store.Appraisal{MemberID: r.a.MemberID, Note: r.note.Text}
		if r.rating != nil && r.rating.SelectedIndex() > 0 {
			a.Rating = store.Rating.Slugs()[r.rating.SelectedIndex()-1]
		}
		as = append(as, a)
	}
	y := v.year.year()
	warn, err := v.s.DB.SaveAppraisals(v.s.Ctx, v.s.Home.ID, y, as)
	if err != nil {
		v.note.SetText("")
		v.problem.Set(assets.Chinese(err))
		return false
	}
	v.note.SetText(assets.T("Saved the appraisal of %d.", y))
	v.problem.Set("")
	if warn != nil {
		v.problem.Set(assets.Chinese(warn))
	}
	return true
}
