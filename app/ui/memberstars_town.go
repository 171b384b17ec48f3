package ui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/app/notice"
	"zhibu/assets"
	"zhibu/store"
)

// The township's side of member stars: the schemes per category (科学设星) and the review
// (审核) of a village's results with the day of 挂牌授星.
type townMemberStars struct {
	s       *Session
	root    fyne.CanvasObject
	year    int
	orgs    []store.Org
	village *widget.Select
	rs      []store.MemberStarResult
	table   *textTable
	summary *widget.Label
	note    *keyEntry
	plaque  *dateField
	approve *widget.Button
	ret     *widget.Button
	problem problemLabel
	done    doneLabel

	category   *widget.Select
	schemeYear *widget.Select // the year of the scheme edited: the year shown or the next
	scheme     *schemeForm
}

func newTownMemberStars(s *Session, problem problemLabel, done doneLabel) *townMemberStars {
	v := &townMemberStars{s: s, summary: widget.NewLabel(""), note: newEntry(), plaque: newDateField(s.Window), problem: problem, done: done}
	v.summary.Wrapping = fyne.TextWrapWord
	v.plaque.Optional = true
	v.note.SetPlaceHolder(assets.T("What the branch is to correct (when returning)"))
	headers := []string{assets.T("Name"), assets.T("Member category"), assets.T("Number of stars"), assets.T("Star colour"), assets.T("Stage")}
	v.table = newTextTable(headers, []float32{80, 110, 50, 90, 210}, func() int { return len(v.rs) }, v.cell, nil)
	v.village = newSelect(nil, func(string) { v.loadVillage() })
	v.approve = primaryButton(assets.T("Approve (审核通过)"), fynetheme.ConfirmIcon(), func() { v.review(store.ReviewApproved) })
	v.ret = widget.NewButtonWithIcon(assets.T("Return to the branch"), fynetheme.ContentUndoIcon(), func() { v.review(store.ReviewReturned) })
	print := widget.NewButtonWithIcon(assets.T("Save the member stars notice as PDF…"), fynetheme.DocumentPrintIcon(), func() {
		if i := v.village.SelectedIndex(); i >= 0 {
			saveNoticePDF(s, v.problem, notice.Request{Kind: notice.MemberStars, OrgID: v.orgs[i].ID, Period: strconv.Itoa(v.year)},
				v.orgs[i].Name+assets.T("Member stars %d.pdf", v.year))
		}
	})
	if !s.User.CanAdmin() {
		v.approve.Disable()
		v.ret.Disable()
	}
	// Two lines under the table (the note; the plaque day with the two decisions), so that at
	// 150 % text the table keeps a few rows above them.
	bottom := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel(assets.T("Note")), nil, v.note),
		container.NewHBox(widget.NewLabel(assets.T("Plaque awarded (挂牌授星)")), fixedWidth(190, v.plaque), v.approve, v.ret))
	review := container.NewBorder(container.NewVBox(toolbarRow([]fyne.CanvasObject{widget.NewLabel(assets.T("Village")), fixedWidth(220, v.village)}, print), v.summary),
		bottom, nil, nil, v.table)

	v.category = newSelect(store.StarCategory.Labels(), func(string) { v.loadScheme() })
	v.schemeYear = widget.NewSelect(nil, func(string) { v.loadScheme() })
	v.scheme = newSchemeForm(s, v.memberSchemeKind(), problem, done)
	scheme := v.scheme.root
	tabs := container.NewAppTabs(container.NewTabItem(assets.T("Review (审核)"), review), container.NewTabItem(assets.T("Member star schemes (科学设星)"), scheme))
	v.root = tabs
	return v
}

func (v *townMemberStars) cell(row, col int) string {
	r := v.rs[row]
	switch col {
	case 0:
		return r.Name
	case 1:
		return r.CategoryLabel
	case 2:
		return strconv.Itoa(r.Stars)
	case 3:
		return store.ColourLabel(r.Colour)
	}
	return store.MemberStageLabel(r.Stage)
}

// load reads the villages (once) and the year's results of the one chosen.
func (v *townMemberStars) load(year int) {
	v.year = year
	v.setYears()
	var orgs []store.Org
	var err error
	v.s.Go(func(ctx context.Context) { orgs, err = v.s.DB.Orgs(ctx, store.KindVillage) }, func() {
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.orgs = orgs
		var names []string
		for _, o := range orgs {
			names = append(names, o.Name)
		}
		v.village.Options = names
		if v.village.SelectedIndex() < 0 && len(names) > 0 {
			v.village.SetSelectedIndex(0) // loads it
		} else {
			v.loadVillage()
		}
		if v.category.SelectedIndex() < 0 {
			v.category.SetSelectedIndex(0)
		} else {
			v.loadScheme()
		}
	})
}

func (v *townMemberStars) loadVillage() {
	i := v.village.SelectedIndex()
	if i < 0 || i >= len(v.orgs) {
		return
	}
	o, y := v.orgs[i], v.year
	v.summary.SetText(assets.T("Working out the stars from the records…"))
	var rs []store.MemberStarResult
	var err error
	v.s.Go(func(ctx context.Context) { rs, err = v.s.DB.MemberStarResults(ctx, o.ID, y) }, func() {
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.rs = rs
		n := map[string]int{}
		var rv store.MemberStarReview
		for _, r := range rs {
			n[r.Stage]++
			rv = r.Review
		}
		text := assets.T("%s, %d: %d members, %d assessed by the branch, %d approved, %d not yet assessed.", o.Name, y, len(rs),
			n[store.MemberStarsAssessed]+n[store.MemberStarsReturned], n[store.MemberStarsApproved], n[store.MemberStarsDynamic])
		switch rv.State {
		case store.ReviewApproved:
			text += " " + assets.T("Approved on %s.", rv.ReviewedAt)
		case store.ReviewReturned:
			text += " " + assets.T("Returned on %s: %s", rv.ReviewedAt, rv.Note)
		}
		v.summary.SetText(text)
		v.plaque.SetDate(rv.PlaqueOn)
		v.table.Refresh()
	})
}

func (v *townMemberStars) review(state string) {
	i := v.village.SelectedIndex()
	if i < 0 {
		return
	}
	if p := v.plaque.Problem(); p != "" {
		v.problem.Set(p)
		return
	}
	o, y := v.orgs[i], v.year
	r := store.MemberStarReview{State: state, Note: v.note.Text, PlaqueOn: v.plaque.Date()}
	var err error
	v.s.Go(func(ctx context.Context) { err = v.s.DB.ReviewMemberStars(ctx, o.Code, y, r) }, func() {
		if err != nil {
			v.done.SetText("")
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.problem.Set("")
		v.done.SetText(assets.T("Saved the review of %s's member stars; it goes to the village with the next sync.", o.Name))
		v.loadVillage()
	})
}

func (v *townMemberStars) chosenCategory() string {
	if i := v.category.SelectedIndex(); i >= 0 {
		return store.StarCategory.Slugs()[i]
	}
	return store.StarCatNoPost
}

// memberSchemeKind is the scheme editor (schemeform.go) for the chosen category's scheme
// (store.SetMemberScheme): the member measures, no classes.
func (v *townMemberStars) memberSchemeKind() schemeKind {
	db := v.s.DB
	return schemeKind{measures: store.MemberMeasures(), measureLabel: store.MemberMeasureLabel,
		seed: func(variant string, year int) store.StarScheme {
			return store.DefaultMemberScheme(v.chosenCategory(), variant, year)
		},
		load: func(ctx context.Context, year int) (store.StarScheme, error) {
			return db.MemberScheme(ctx, v.chosenCategory(), year)
		},
		save: func(ctx context.Context, x store.StarScheme) error {
			return db.SetMemberScheme(ctx, v.chosenCategory(), x)
		},
		saved: func(year int) string {
			return assets.T("Set the %s scheme of %d; it goes to every village with the next sync.", store.StarCategory.Label(v.chosenCategory()), year)
		},
		fixed: func(ctx context.Context, year int) (string, error) {
			n, err := db.MemberTargetsDeclared(ctx, v.chosenCategory(), year)
			if err != nil || n == 0 {
				return "", err
			}
			return assets.T("%d members (%s) have entered their target stars for %d (定标报星): this scheme is fixed for the year; choose the next year to change it.",
				n, store.StarCategory.Label(v.chosenCategory()), year), nil
		},
		unset: func(int) string {
			return assets.T("Not set by the township: the seed applies.") + " " +
				assets.T("Set it before the branches enter their members' target stars (定标报星): after that it is fixed for the year.")
		},
		explain: assets.T("Each member category has its own scheme (seed 002: seven patterns of member stars; the party member central households have their own). Stars with a figure are earned from the member's records; the others are judged by the branch at the year's end."),
		extra: []fyne.CanvasObject{widget.NewLabel(assets.T("Member category")), fixedWidth(220, v.category),
			widget.NewLabel(assets.T("Year")), fixedWidth(120, v.schemeYear)}}
}

// loadScheme shows the chosen category's scheme of the chosen year.
func (v *townMemberStars) loadScheme() {
	y := v.year
	if v.schemeYear.SelectedIndex() == 1 {
		y++
	}
	v.scheme.load(y)
}

// setYears offers the year shown and the next one (a scheme fixed by 定标报星 is changed for
// the next year).
func (v *townMemberStars) setYears() {
	i := max(v.schemeYear.SelectedIndex(), 0)
	v.schemeYear.OnChanged = nil
	v.schemeYear.Options = []string{assets.T("%d (year)", v.year), assets.T("%d (year)", v.year+1)}
	v.schemeYear.SetSelectedIndex(i)
	v.schemeYear.OnChanged = func(string) { v.loadScheme() }
}
