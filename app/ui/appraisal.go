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
	registerScreen(Screen{ID: "appraisal", Title: "Democratic appraisal", Icon: navIcon(fynetheme.IconNameList), Order: 22,
		Roles: []string{store.RoleVillage}, Make: makeAppraisal})
}

// appraisalView rates each full member of a year: 优秀/合格/基本合格/不合格; probationary
// members take part but are not rated. Saving warns when more than the allowed share is
// rated 优秀. The members are a virtual list over the rows below (a branch of 5,000 would
// otherwise build 20,000 widgets), loaded off the UI thread.
type appraisalView struct {
	s       *Session
	root    fyne.CanvasObject
	year    *yearSelect
	list    *widget.List
	rows    []appraisalRow
	gen     int          // counts loads, so late results of an earlier load are dropped
	form    *guardedForm // the ratings and notes typed (leaveguard.go)
	summary *widget.Label
	note    *widget.Label
	problem problemLabel
}

// appraisalRow is one member's line: what is typed lives here, the list's widgets only show it.
type appraisalRow struct {
	a      store.Appraisal
	rating int    // 0: not yet rated; i+1: store.Rating.Slugs()[i]
	note   string // the appraisal note
	stars  string // the member's stars of the year, for reference (严格用星)
}

func (r *appraisalRow) rated() bool { return r.a.Status == "full" }

// appraisalItem is a list line's widgets; row is the index it shows.
type appraisalItem struct {
	row    int
	name   *widget.Label
	rating *widget.Select
	fixed  *widget.Label // 「not rated」 for a probationary member
	stars  *widget.Label
	note   *keyEntry
}

func makeAppraisal(s *Session) fyne.CanvasObject { return newAppraisalView(s).root }

func newAppraisalView(s *Session) *appraisalView {
	v := &appraisalView{s: s, problem: newProblemLabel(), summary: widget.NewLabel(""), note: widget.NewLabel("")}
	v.note.Importance = widget.SuccessImportance
	v.form = s.guardForm(v.trySave, func() string { return v.fingerprint() })
	v.year = newYearSelect(s, func() { v.load() })
	s.guardChoice(v.year.Select, v.load)
	save := primaryButton(assets.T("Save the ratings"), fynetheme.DocumentSaveIcon(), v.form.tap)
	if !s.User.CanWrite() {
		save.Disable()
	}
	v.list = v.newList()
	top := container.NewVBox(heading(assets.T("Democratic appraisal")),
		toolbarRow([]fyne.CanvasObject{widget.NewLabel(assets.T("Year of the appraisal")), fixedWidth(140, v.year.Select), v.summary}, save),
		hint(assets.T("Rate each full member. Excellent is normally given to at most one third of those rated; probationary members take part but are not rated.")),
		hint(assets.T("Beside each member: their stars of the year as assessed by the branch, for reference when rating and recommending excellent members.")),
		v.note, v.problem.Label)
	v.root = container.NewPadded(container.NewBorder(top, nil, nil, nil, v.list))
	v.year.SetSelectedIndex(0)
	return v
}

func (v *appraisalView) newList() *widget.List {
	labels := append([]string{assets.T("not yet rated")}, store.Rating.Labels()...)
	items := map[fyne.CanvasObject]*appraisalItem{} // a list line's widgets, by the line
	return widget.NewList(func() int { return len(v.rows) },
		func() fyne.CanvasObject {
			it := &appraisalItem{name: widget.NewLabel(""), fixed: widget.NewLabel(assets.T("not rated (probationary member)")),
				stars: widget.NewLabel(""), note: newEntry()}
			it.name.Truncation = fyne.TextTruncateEllipsis
			it.note.SetPlaceHolder(assets.T("Appraisal note"))
			it.rating = widget.NewSelect(labels, nil)
			choice := container.NewStack(it.rating, it.fixed)
			line := container.NewBorder(nil, nil, container.NewHBox(fixedWidth(110, it.name), fixedWidth(200, choice),
				fixedWidth(150, it.stars)), nil, it.note)
			enterMovesOnIn(line)
			items[line] = it
			return line
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			it := items[o]
			if id >= len(v.rows) {
				return
			}
			r := &v.rows[id]
			// Detach the callbacks while the widgets take this row's values.
			it.rating.OnChanged, it.note.OnChanged = nil, nil
			it.row = id
			it.name.SetText(r.a.Name)
			it.stars.SetText(r.stars)
			it.note.SetText(r.note)
			if r.rated() {
				it.fixed.Hide()
				it.rating.Show()
				it.rating.SetSelectedIndex(r.rating)
			} else {
				it.rating.Hide()
				it.fixed.Show()
			}
			it.rating.OnChanged = func(string) {
				if it.row < len(v.rows) {
					v.rows[it.row].rating = it.rating.SelectedIndex()
					v.count()
				}
			}
			it.note.OnChanged = func(s string) {
				if it.row < len(v.rows) {
					v.rows[it.row].note = s
				}
			}
		})
}

// load reads the year's appraisal off the UI thread, then the members' stars.
func (v *appraisalView) load() {
	y := v.year.year()
	var list []store.Appraisal
	var err error
	v.s.Go(func(ctx context.Context) { list, err = v.s.DB.Appraisals(ctx, v.s.Home.ID, y) }, func() {
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		if v.year.year() != y {
			return // another year was chosen meanwhile
		}
		rows := make([]appraisalRow, len(list))
		for i, a := range list {
			rows[i] = appraisalRow{a: a, note: a.Note}
			for j, sl := range store.Rating.Slugs() {
				if sl == a.Rating {
					rows[i].rating = j + 1
				}
			}
		}
		v.rows = rows
		v.gen++
		v.form.mark()
		v.list.Refresh()
		v.count()
		v.showStars()
	})
}

// showStars offers each member's stars of the year beside the rating, as information for
// the appraisal (严格用星: the result is used where it matters, never as a ranking).
func (v *appraisalView) showStars() {
	y, gen := v.year.year(), v.gen
	var rs []store.MemberStarResult
	var err error
	v.s.Go(func(ctx context.Context) { rs, err = v.s.DB.MemberStarResults(ctx, v.s.Home.ID, y) }, func() {
		if err != nil || gen != v.gen {
			return // information only: the appraisal works without it; or the rows were reloaded
		}
		by := map[string]store.MemberStarResult{}
		for _, r := range rs {
			by[r.MemberID] = r
		}
		for i := range v.rows {
			if r, ok := by[v.rows[i].a.MemberID]; ok && (r.Stage == store.MemberStarsAssessed || r.Stage == store.MemberStarsApproved) {
				v.rows[i].stars = assets.T("Stars of the year: %d", r.Stars)
			}
		}
		v.list.Refresh()
	})
}

// setRating rates the member on a row (as choosing in the row's list does).
func (v *appraisalView) setRating(i int, slug string) {
	v.rows[i].rating = 0
	for j, sl := range store.Rating.Slugs() {
		if sl == slug {
			v.rows[i].rating = j + 1
		}
	}
	v.list.RefreshItem(i)
	v.count()
}

// count shows how many are rated and how many 优秀.
func (v *appraisalView) count() {
	rated, excellent := 0, 0
	for _, r := range v.rows {
		if !r.rated() || r.rating <= 0 {
			continue
		}
		rated++
		if store.Rating.Slugs()[r.rating-1] == store.RatingExcellent {
			excellent++
		}
	}
	v.summary.SetText(assets.T("%d rated, %d excellent", rated, excellent))
}

// fingerprint is the typed ratings and notes, to notice unsaved changes.
func (v *appraisalView) fingerprint() string {
	var b strings.Builder
	for _, r := range v.rows {
		b.WriteString(r.a.MemberID)
		b.WriteByte(byte('0' + r.rating))
		b.WriteString(r.note)
		b.WriteByte(0)
	}
	return b.String()
}

// trySave saves the ratings; false when the store refused them (the reason is shown). The
// form (guardForm) takes the ratings as saved when it returns true.
func (v *appraisalView) trySave() bool {
	var as []store.Appraisal
	for _, r := range v.rows {
		a := store.Appraisal{MemberID: r.a.MemberID, Note: r.note}
		if r.rated() && r.rating > 0 {
			a.Rating = store.Rating.Slugs()[r.rating-1]
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
