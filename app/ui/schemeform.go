package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// schemeForm is the one star scheme editor (科学设星), for the branch scheme and for each member
// category's scheme: the model to start from, each star (its group, name, points, what
// measures it — a figure from the records with its threshold, or judged at the assessment —
// and its standard), stars added and removed, and the grade rules. What differs between the
// two is a schemeKind.
type schemeForm struct {
	s       *Session
	kind    schemeKind
	root    fyne.CanvasObject
	problem problemLabel
	done    doneLabel
	year    int
	variant *widget.Select
	state   *widget.Label
	box     *fyne.Container
	scroll  *container.Scroll
	scheme  store.StarScheme
	saveBtn *widget.Button
	form    *guardedForm // the scheme being edited (leaveguard.go)

	rows   []*starRow
	grades []*keyEntry // in the order of gradeItems; nil for rules the kind does not show
}

// schemeKind is what the branch scheme and a member category's scheme do not share.
type schemeKind struct {
	measures     []string                                                      // what a star may be measured by
	measureLabel func(string) string                                           // "" is "judged"
	seed         func(variant string, year int) store.StarScheme               // the model to start from
	load         func(ctx context.Context, year int) (store.StarScheme, error) // the year's scheme in force
	save         func(ctx context.Context, s store.StarScheme) error
	saved        func(year int) string // said once saved
	// fixed says why the year's scheme can no longer change ("" when it can); nil: it always can
	fixed   func(ctx context.Context, year int) (string, error)
	unset   func(year int) string // said while the seed applies
	explain string
	classes bool                // the scheme's stars make a class (一类/二类): branches only
	extra   []fyne.CanvasObject // further choices at the start of the toolbar (a member category)
}

// branchSchemeKind is the township's branch scheme (store.SetStarScheme).
func branchSchemeKind(s *Session) schemeKind {
	return schemeKind{measures: store.Measures(), measureLabel: store.MeasureLabel, seed: store.DefaultStarScheme,
		load: func(ctx context.Context, year int) (store.StarScheme, error) { return s.DB.StarSchemeFor(ctx, year) },
		save: func(ctx context.Context, x store.StarScheme) error { return s.DB.SetStarScheme(ctx, x) },
		saved: func(year int) string {
			return assets.T("Saved the star scheme of %d; it goes to every village with the next sync.", year)
		},
		unset: func(year int) string {
			return assets.T("The township has not set the scheme of %d yet; the 532 model applies until it does.", year)
		},
		explain: assets.T("Stars with a figure are earned from the village's records when the figure reaches the standard; the others are judged at the township's assessment. Stars = points ÷ points per star."),
		classes: true}
}

// starRow is one star's boxes.
type starRow struct {
	code                              string
	group, measure                    *widget.Select
	name, points, threshold, standard *keyEntry
	box                               fyne.CanvasObject
}

var starGroups = []string{store.StarCommon, store.StarDuty, store.StarChosen}

func newSchemeForm(s *Session, kind schemeKind, problem problemLabel, done doneLabel) *schemeForm {
	f := &schemeForm{s: s, kind: kind, problem: problem, done: done, box: container.NewVBox(), state: widget.NewLabel("")}
	f.state.Wrapping = fyne.TextWrapWord
	var labels []string
	for _, x := range store.SchemeVariants() {
		labels = append(labels, store.SchemeVariantLabel(x))
	}
	f.variant = newSelect(labels, nil)
	seed := widget.NewButton(assets.T("Start from this model"), func() {
		i := max(f.variant.SelectedIndex(), 0)
		f.fill(kind.seed(store.SchemeVariants()[i], f.year))
	})
	add := widget.NewButtonWithIcon(assets.T("Add a star"), fynetheme.ContentAddIcon(), f.addStar)
	if s.User.CanAdmin() {
		// Written off the UI thread: 保存 in the leave question starts the write and stays to
		// show it; the scheme read back afterwards counts as saved.
		f.form = s.guardForm(func() bool { f.save(); return false }, f.variant, f.box)
	}
	f.saveBtn = primaryButton(assets.T("Save the scheme"), fynetheme.DocumentSaveIcon(), f.save)
	if !s.User.CanAdmin() {
		f.saveBtn.Disable()
		add.Disable()
	}
	top := container.NewVBox()
	if len(kind.extra) > 0 {
		top.Add(container.NewHBox(kind.extra...)) // its own line: the toolbar below must fit at 150 % text
	}
	top.Add(toolbarRow([]fyne.CanvasObject{widget.NewLabel(assets.T("Model")), fixedWidth(200, f.variant), seed}, add, f.saveBtn))
	top.Add(f.state)
	top.Add(hint(kind.explain))
	f.scroll = container.NewVScroll(f.box)
	f.root = container.NewBorder(top, nil, nil, nil, f.scroll)
	return f
}

// load reads the year's scheme off the UI thread and shows it.
func (f *schemeForm) load(year int) {
	f.year = year
	var sc store.StarScheme
	var fixed string
	var err error
	f.s.Go(func(ctx context.Context) {
		if sc, err = f.kind.load(ctx, year); err == nil && f.kind.fixed != nil {
			fixed, err = f.kind.fixed(ctx, year)
		}
	}, func() {
		if err != nil {
			f.problem.Set(assets.Chinese(err))
			return
		}
		f.fill(sc)
		if f.form != nil {
			f.form.mark() // the scheme as stored (「从此模板开始」 then counts as a change)
		}
		state := assets.T("Scheme of %d set on %s.", year, sc.SetAt)
		if sc.Default {
			state = f.kind.unset(year)
		}
		f.state.Importance = widget.MediumImportance
		if fixed != "" {
			state = fixed
			f.state.Importance = widget.WarningImportance
		}
		f.state.SetText(state)
	})
}

func (f *schemeForm) groupLabels() []string {
	var out []string
	for _, g := range starGroups {
		out = append(out, store.StarGroupLabel(g))
	}
	return out
}

func (f *schemeForm) measureLabels() []string {
	out := []string{f.kind.measureLabel("")}
	for _, m := range f.kind.measures {
		out = append(out, f.kind.measureLabel(m))
	}
	return out
}

// newRow makes the boxes of one star: a first line with its group, name, points, measure and
// threshold, and the standard below.
func (f *schemeForm) newRow(x store.Star) *starRow {
	r := &starRow{code: x.Code, name: newEntry(), points: newEntry(), threshold: newEntry(), standard: newEntry()}
	r.name.SetText(x.Name)
	r.points.SetText(strconv.Itoa(x.Points))
	r.standard.SetText(x.Standard)
	r.standard.SetPlaceHolder(assets.T("The standard (what earns the star)"))
	r.group = widget.NewSelect(f.groupLabels(), nil)
	for i, g := range starGroups {
		if g == x.Group {
			r.group.SetSelectedIndex(i)
		}
	}
	r.measure = widget.NewSelect(f.measureLabels(), nil)
	r.measure.SetSelectedIndex(0)
	for i, m := range f.kind.measures {
		if m == x.Measure {
			r.measure.SetSelectedIndex(i + 1)
		}
	}
	if x.Measure != "" {
		r.threshold.SetText(strconv.FormatFloat(x.Threshold*100, 'f', -1, 64))
	}
	r.measure.OnChanged = func(string) {
		if r.measure.SelectedIndex() > 0 {
			if strings.TrimSpace(r.threshold.Text) == "" {
				r.threshold.SetText("80")
			}
			r.threshold.Enable()
		} else {
			r.threshold.SetText("")
			r.threshold.Disable()
		}
	}
	r.measure.OnChanged("")
	remove := widget.NewButtonWithIcon("", fynetheme.DeleteIcon(), func() { f.removeStar(r) })
	if !f.s.User.CanAdmin() {
		remove.Disable()
	}
	// Two lines, narrow enough for 150 % text beside the navigation: who the star is, then how
	// it is earned (measure and threshold, the standard) and the remove button.
	code := fixedWidth(30, widget.NewLabel(x.Code))
	first := container.NewHBox(code, fixedWidth(96, r.group), fixedWidth(150, r.name), fixedWidth(46, r.points), widget.NewLabel(assets.T("points")))
	how := container.NewHBox(fixedWidth(30, widget.NewLabel("")), fixedWidth(170, r.measure), widget.NewLabel("≥"), fixedWidth(50, r.threshold), widget.NewLabel("%"))
	second := container.NewBorder(nil, nil, how, remove, r.standard)
	r.box = container.NewVBox(first, second, widget.NewSeparator())
	return r
}

// gradeItems are the grade rules in the order of f.grades; class marks a branch-only rule.
var gradeItems = []struct {
	label string
	class bool
}{{"Points for one star", false}, {"Gold stars from (stars)", false}, {"Silver stars from (stars)", false}, {"Red stars from (stars)", false},
	{"First class from (stars)", true}, {"Second class from (stars)", true}, {"Self-chosen stars a village declares", false}}

func (f *schemeForm) fill(s store.StarScheme) {
	f.scheme = s
	for i, x := range store.SchemeVariants() {
		if x == s.Variant {
			f.variant.SetSelectedIndex(i)
		}
	}
	f.rows = nil
	for _, x := range s.Stars {
		f.rows = append(f.rows, f.newRow(x))
	}
	g := s.Grades
	vals := []int{g.PerStar, g.Gold, g.Silver, g.Red, g.Class1, g.Class2, g.Chosen}
	f.grades = make([]*keyEntry, len(gradeItems))
	for i, it := range gradeItems {
		if it.class && !f.kind.classes {
			continue
		}
		e := newEntry()
		e.SetText(strconv.Itoa(vals[i]))
		f.grades[i] = e
	}
	f.layout()
}

// layout puts the rows and the grade rules in the box.
func (f *schemeForm) layout() {
	f.box.Objects = nil
	for _, r := range f.rows {
		f.box.Add(r.box)
	}
	var items []*widget.FormItem
	for i, it := range gradeItems {
		if f.grades[i] != nil {
			label := assets.T(it.label)
			if i == len(gradeItems)-1 && !f.kind.classes {
				label = assets.T("Self-chosen stars a member declares")
			}
			items = append(items, widget.NewFormItem(label, fixedWidth(80, f.grades[i])))
		}
	}
	f.box.Add(subheading(assets.T("Grade rules")))
	f.box.Add(widget.NewForm(items...))
	f.box.Refresh()
}

// addStar adds a judged duty star with a code of its own; nothing is saved until Save.
func (f *schemeForm) addStar() {
	used := map[string]bool{}
	for _, r := range f.rows {
		used[r.code] = true
	}
	code := ""
	for n := 1; ; n++ {
		if code = fmt.Sprintf("s%d", n); !used[code] {
			break
		}
	}
	per := f.scheme.Grades.PerStar
	if per < 1 {
		per = store.DefaultStarGrades.PerStar
	}
	r := f.newRow(store.Star{Code: code, Group: store.StarDuty, Points: per})
	f.rows = append(f.rows, r)
	f.layout()
	f.box.Resize(f.box.MinSize()) // lay the new row out now, to scroll to it
	f.scroll.ScrollToOffset(fyne.NewPos(0, r.box.Position().Y))
	f.s.Window.Canvas().Focus(r.name)
}

// removeStar takes a star out of the form; nothing is saved until Save.
func (f *schemeForm) removeStar(r *starRow) {
	for i, x := range f.rows {
		if x == r {
			f.rows = append(f.rows[:i], f.rows[i+1:]...)
			break
		}
	}
	f.layout()
}

// collect reads the form into a scheme, or says what to correct.
func (f *schemeForm) collect() (store.StarScheme, bool) {
	s := f.scheme
	s.Year = f.year
	s.Variant = store.SchemeVariants()[max(f.variant.SelectedIndex(), 0)]
	num := func(e *keyEntry, what string) (int, bool) {
		n, err := strconv.Atoi(strings.TrimSpace(e.Text))
		if err != nil {
			f.problem.Set(assets.T("%s: write a whole number, e.g. 10.", what))
			return 0, false
		}
		return n, true
	}
	s.Stars = nil
	for i, r := range f.rows {
		x := store.Star{Code: r.code, Name: strings.TrimSpace(r.name.Text), Standard: r.standard.Text}
		what := x.Name
		if what == "" {
			what = assets.T("Star %d", i+1)
		}
		if g := r.group.SelectedIndex(); g >= 0 {
			x.Group = starGroups[g]
		}
		n, ok := num(r.points, what)
		if !ok {
			return s, false
		}
		x.Points = n
		if m := r.measure.SelectedIndex(); m > 0 {
			x.Measure = f.kind.measures[m-1]
			p, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(r.threshold.Text, "%")), 64)
			if err != nil {
				f.problem.Set(assets.T("%s: write the standard as a percentage, e.g. 90.", what))
				return s, false
			}
			x.Threshold = p / 100
		}
		s.Stars = append(s.Stars, x)
	}
	g := s.Grades
	vals := []*int{&g.PerStar, &g.Gold, &g.Silver, &g.Red, &g.Class1, &g.Class2, &g.Chosen}
	for i, e := range f.grades {
		if e == nil {
			continue
		}
		n, ok := num(e, assets.T(gradeItems[i].label))
		if !ok {
			return s, false
		}
		*vals[i] = n
	}
	s.Grades = g
	return s, true
}

func (f *schemeForm) save() {
	s, ok := f.collect()
	if !ok {
		f.done.SetText("")
		return
	}
	var err error
	f.saveBtn.Disable()
	f.s.Go(func(ctx context.Context) { err = f.kind.save(ctx, s) }, func() {
		if f.s.User.CanAdmin() {
			f.saveBtn.Enable()
		}
		if err != nil {
			f.done.SetText("")
			f.problem.Set(assets.Chinese(err))
			return
		}
		f.problem.Set("")
		f.done.SetText(f.kind.saved(s.Year))
		f.load(s.Year)
	})
}
