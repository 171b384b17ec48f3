package ui

import (
	"context"
	"strconv"
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
	registerScreen(Screen{ID: "devplan", Title: "Development plan (发展党员计划)", Icon: navIcon(fynetheme.IconNameList), Order: 45,
		Roles: []string{store.RoleTownship, store.RoleCounty}, Make: makeDevPlan}) // a village sees its own plan in 发展党员 (pipeline.go)
}

// devPlanView shows the 发展党员指导性计划 of a year: on the township every village's quota
// with the members admitted (step 17) against it, a total, and a form to set or delete a
// village's quota; on the county the same for its townships (admitted: in the villages it
// received through each); on a village its own plan and progress.
type devPlanView struct {
	s       *Session
	office  bool // the township or the county: the table and the form
	county  bool
	years   []int
	year    *widget.Select
	list    []store.PlanProgress
	table   *textTable
	own     *widget.Label   // a village's own plan in words
	tiles   *fyne.Container // and in figures
	problem problemLabel
	done    *widget.Label
	loading *fyne.Container

	village *widget.Select
	targets []store.PlanProgress // the villages the form chooses from
	quota   *widget.Entry
	note    *widget.Entry
	save    *widget.Button
	del     *widget.Button
	confirm *dialog.ConfirmDialog // the last delete confirmation (tests)
}

func makeDevPlan(s *Session) fyne.CanvasObject { return newDevPlanView(s).content() }

func newDevPlanView(s *Session) *devPlanView {
	v := &devPlanView{s: s, office: s.Role == store.RoleTownship || s.Role == store.RoleCounty, county: s.Role == store.RoleCounty,
		problem: newProblemLabel(), done: widget.NewLabel(""), own: widget.NewLabel(""), tiles: container.NewGridWithColumns(4)}
	v.done.Importance = widget.SuccessImportance
	v.own.Wrapping = fyne.TextWrapWord
	v.loading = container.NewVBox(loadingRow(assets.T("Loading…")))
	this := s.DB.Now().Year()
	var labels []string
	for y := this + 1; y >= this-2; y-- {
		v.years = append(v.years, y)
		labels = append(labels, assets.T("%d (year)", y))
	}
	v.year = newSelect(labels, func(string) { v.reload() })
	unit := assets.T("Village")
	if v.county {
		unit = assets.T("Township")
	}
	// Short headers: the hint above the table says what the total's columns mean.
	v.table = newTextTable([]string{unit, assets.T("Quota"), assets.T("Admitted (step 17)"), assets.T("Over quota"), assets.T("Awaiting approval"),
		assets.T("Completion"), assets.T("State")}, []float32{150, 76, 64, 64, 64, 64, 110},
		func() int { return v.rows() }, v.cell, v.pick)
	// A plain Select: newSelect's wrapper is drawn as the inner widget, so a selection made
	// after it is shown (pick) would not be redrawn.
	v.village = widget.NewSelect(nil, nil)
	v.village.PlaceHolder = assets.T("(Choose the village)")
	if v.county {
		v.village.PlaceHolder = assets.T("(Choose the township)")
	}
	v.quota = widget.NewEntry()
	v.quota.SetPlaceHolder(assets.T("e.g. 2"))
	v.note = widget.NewEntry()
	v.note.SetPlaceHolder(assets.T("e.g. as set by the county's plan"))
	v.save = primaryButton(assets.T("Set the plan"), fynetheme.DocumentSaveIcon(), v.set)
	v.del = widget.NewButtonWithIcon(assets.T("Delete the plan"), fynetheme.DeleteIcon(), v.deletePlan)
	if !s.User.CanAdmin() {
		v.save.Disable()
		v.del.Disable()
	}
	v.year.SetSelectedIndex(1) // this year
	if v.office && s.User.CanAdmin() {
		// Unsaved work (leaveguard.go): a quota or note differing from the chosen village's
		// plan as stored. 保存 starts the write (off the UI thread) and stays to show it.
		s.guardForm(func() bool { v.set(); return false }, v.unsavedPlan)
	}
	return v
}

// unsavedPlan is "" while the form holds the chosen village's plan as stored (or nothing).
func (v *devPlanView) unsavedPlan() string {
	i := v.village.SelectedIndex()
	if i < 0 || i >= len(v.targets) {
		return v.quota.Text + v.note.Text
	}
	for _, p := range v.list {
		if p.OrgID == v.targets[i].OrgID && (p.HasPlan && v.quota.Text == strconv.Itoa(p.Quota) || !p.HasPlan && v.quota.Text == "") && v.note.Text == p.Note {
			return ""
		}
	}
	return "changed"
}

func (v *devPlanView) content() fyne.CanvasObject {
	top := container.NewVBox(heading(assets.T("Development plan (发展党员指导性计划)")),
		container.NewHBox(widget.NewLabel(assets.T("Year")), fixedWidth(140, v.year)), v.loading, v.problem.Label)
	if !v.office {
		return container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewVBox(v.tiles, v.own,
			hint(assets.T("The township office sets each village's yearly quota of new members and reviews it each quarter (source 003). Developed means approved by the higher Party committee (step 17) in the year.")))))
	}
	how := assets.T("Admitted: approved by the higher Party committee (step 17) in the year. Click a village to change its quota.")
	title, unit := assets.T("Set a village's quota for the year"), assets.T("Village")
	after := assets.T("The village sees its own quota after the next sync, and is told before the branch meeting (step 15) once the quota is filled.")
	if v.county {
		how = assets.T("Admitted: approved by the higher Party committee (step 17) in the year, in the villages whose records reached this PC through the township. Click a township to change its quota.")
		title, unit = assets.T("Set a township's quota for the year"), assets.T("Township")
		after = assets.T("The township sees its quota after the next sync; no village and no other township receives it.")
	}
	left := container.NewBorder(container.NewVBox(top, hint(how), hint(assets.T("Total: the completion counts each one's admissions within its own quota; admissions over a quota are shown apart and do not make up for another's shortfall."))),
		nil, nil, nil, v.table)
	form := widget.NewForm(widget.NewFormItem(unit, v.village), widget.NewFormItem(assets.T("Quota"), v.quota),
		widget.NewFormItem(assets.T("Note"), v.note))
	right := container.NewVBox(subheading(title), form, container.NewHBox(v.save, v.del), v.done, hint(after))
	split := container.NewHSplit(left, container.NewVScroll(right))
	split.Offset = 0.62
	return split
}

func (v *devPlanView) selectedYear() int {
	if i := v.year.SelectedIndex(); i >= 0 && i < len(v.years) {
		return v.years[i]
	}
	return v.s.DB.Now().Year()
}

// reload reads the year's plans off the UI thread.
func (v *devPlanView) reload() {
	year := v.selectedYear()
	var ps []store.PlanProgress
	var err error
	v.loading.Show()
	v.s.Go(func(ctx context.Context) { ps, err = v.s.DB.Plans(ctx, year) }, func() {
		v.loading.Hide()
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.problem.Set("")
		v.list = ps
		v.table.Refresh()
		v.fillForm()
		v.showOwn()
	})
}

func (v *devPlanView) fillForm() {
	v.targets = nil
	var names []string
	for _, p := range v.list {
		if p.OrgID != v.s.Home.ID {
			v.targets = append(v.targets, p)
			names = append(names, p.Name)
		}
	}
	v.village.SetOptions(names)
}

func (v *devPlanView) showOwn() {
	if v.office {
		return
	}
	year := v.selectedYear()
	if len(v.list) == 0 || !v.list[0].HasPlan {
		v.tiles.RemoveAll()
		v.own.SetText(assets.T("The township office has not set a development plan for %d yet (or it has not reached this PC: sync).", year))
		return
	}
	p := v.list[0]
	k := p.KPI()
	left := max(0, p.Quota-p.Admitted-p.Pending)
	v.tiles.Objects = []fyne.CanvasObject{countTile(assets.T("Quota for %d", year), p.Quota, true), countTile(assets.T("Developed (step 17)"), p.Admitted, false),
		countTile(assets.T("Awaiting approval"), p.Pending, false), countTile(assets.T("Still open in the plan"), left, false)}
	v.tiles.Refresh()
	lines := []string{assets.T("Development plan for %d: %d new members.", year, p.Quota), assets.T("State: %s", store.PlanState(k))}
	if p.Full() && !p.Over() {
		lines = append(lines, assets.T("The plan is filled: talk to the township office before another candidate goes to the branch meeting (step 15)."))
	}
	if p.Note != "" {
		lines = append(lines, assets.T("Note: %s", p.Note))
	}
	v.own.SetText(strings.Join(lines, "\n"))
}

// planState says in words where a plan stands.
func planState(p store.PlanProgress) string {
	switch {
	case !p.HasPlan:
		return assets.T("Not set")
	case p.Over():
		return assets.T("Over the plan")
	case p.Full():
		return assets.T("Filled")
	}
	return assets.T("In progress")
}

// rows counts the table's rows: the plans, then a total when there are two or more targets.
func (v *devPlanView) rows() int {
	if len(v.targets) > 1 {
		return len(v.list) + 1
	}
	return len(v.list)
}

// total sums the targets' plans (the township's own row, the county's quota, apart).
func (v *devPlanView) total() *store.PlanKPI {
	t := &store.PlanKPI{}
	for _, p := range v.targets {
		t.Add(p.KPI())
	}
	return t
}

func (v *devPlanView) cell(row, col int) string {
	var k *store.PlanKPI
	if row >= len(v.list) {
		k = v.total()
		if col == 0 {
			return assets.T("Total (within each quota)")
		}
	} else {
		p := v.list[row]
		k = p.KPI()
		if col == 0 {
			if p.OrgID == v.s.Home.ID {
				return assets.T("Whole township (county's quota)")
			}
			return p.Name
		}
		if k == nil {
			switch col {
			case 2:
				return strconv.Itoa(p.Admitted)
			case 4:
				return strconv.Itoa(p.Pending)
			case 6:
				return planState(p)
			}
			return "—"
		}
	}
	switch col {
	case 1:
		return strconv.Itoa(k.Quota)
	case 2:
		return strconv.Itoa(k.Admitted)
	case 3:
		return strconv.Itoa(k.Over)
	case 4:
		return strconv.Itoa(k.Pending)
	case 5:
		return store.Percent(k.Rate)
	}
	return store.PlanState(k)
}

// pick puts a village's plan into the form.
func (v *devPlanView) pick(row int) {
	if row >= len(v.list) {
		return
	}
	p := v.list[row]
	for _, t := range v.targets {
		if t.OrgID == p.OrgID {
			v.village.SetSelected(t.Name)
			if p.HasPlan {
				v.quota.SetText(strconv.Itoa(p.Quota))
			} else {
				v.quota.SetText("")
			}
			v.note.SetText(p.Note)
		}
	}
}

func (v *devPlanView) set() {
	v.done.SetText("")
	i := v.village.SelectedIndex()
	if i < 0 || i >= len(v.targets) {
		v.problem.Set(assets.T("Choose the village the plan is for."))
		return
	}
	q, err := strconv.Atoi(strings.TrimSpace(v.quota.Text))
	if err != nil {
		v.problem.Set(assets.T("Enter the quota as a whole number, e.g. 2."))
		return
	}
	t := v.targets[i]
	year := v.selectedYear()
	note := v.note.Text
	v.save.Disable()
	v.s.Go(func(ctx context.Context) { err = v.s.DB.SetPlan(v.s.Ctx, t.OrgCode, year, q, note) }, func() {
		v.save.Enable()
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.problem.Set("")
		v.done.SetText(assets.T("The plan of %s for %d is set: %d. It goes down with the next sync.", t.Name, year, q))
		v.reload()
	})
}

// deletePlan deletes the chosen village's (township's) plan of the year after a confirmation.
func (v *devPlanView) deletePlan() {
	v.done.SetText("")
	i := v.village.SelectedIndex()
	if i < 0 || i >= len(v.targets) {
		v.problem.Set(assets.T("Choose the village the plan is for."))
		return
	}
	t, year := v.targets[i], v.selectedYear()
	v.confirm = confirmDelete(v.s, assets.T("Delete the plan?"),
		assets.T("The development plan of %s for %d will be deleted, here and after the next sync where it was sent. Only do this for a plan set by mistake.", t.Name, year),
		func(ctx context.Context) error { return v.s.DB.DeletePlan(ctx, t.OrgCode, year) },
		func(err error) {
			if err != nil {
				v.problem.Set(assets.Chinese(err))
				return
			}
			v.problem.Set("")
			v.quota.SetText("")
			v.note.SetText("")
			v.done.SetText(assets.T("Deleted the development plan of %s for %d.", t.Name, year))
			v.reload()
		})
}
