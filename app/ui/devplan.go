package ui

import (
	"context"
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
	registerScreen(Screen{ID: "devplan", Title: "Development plan (发展党员计划)", Icon: navIcon(fynetheme.IconNameList), Order: 45,
		Roles: []string{store.RoleTownship}, Make: makeDevPlan}) // a village sees its own plan in 发展党员 (pipeline.go)
}

// devPlanView shows the 发展党员指导性计划 of a year: on the township every village's quota
// with the members admitted (step 17) against it, and a form to set a village's quota; on a
// village its own plan and progress.
type devPlanView struct {
	s        *Session
	township bool
	years    []int
	year     *widget.Select
	list     []store.PlanProgress
	table    *textTable
	own      *widget.Label // a village's own plan
	problem  problemLabel
	done     *widget.Label
	loading  *fyne.Container

	village *widget.Select
	targets []store.PlanProgress // the villages the form chooses from
	quota   *widget.Entry
	note    *widget.Entry
	save    *widget.Button
}

func makeDevPlan(s *Session) fyne.CanvasObject { return newDevPlanView(s).content() }

func newDevPlanView(s *Session) *devPlanView {
	v := &devPlanView{s: s, township: s.Role == store.RoleTownship, problem: newProblemLabel(), done: widget.NewLabel(""),
		own: widget.NewLabel("")}
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
	v.table = newTextTable([]string{assets.T("Village"), assets.T("Quota"), assets.T("Admitted"), assets.T("Awaiting approval"),
		assets.T("Completion"), assets.T("State")}, []float32{150, 76, 60, 70, 70, 90},
		func() int { return len(v.list) }, v.cell, v.pick)
	// A plain Select: newSelect's wrapper is drawn as the inner widget, so a selection made
	// after it is shown (pick) would not be redrawn.
	v.village = widget.NewSelect(nil, nil)
	v.village.PlaceHolder = assets.T("(Choose the village)")
	v.quota = widget.NewEntry()
	v.quota.SetPlaceHolder(assets.T("e.g. 2"))
	v.note = widget.NewEntry()
	v.note.SetPlaceHolder(assets.T("e.g. as set by the county's plan"))
	v.save = primaryButton(assets.T("Set the plan"), fynetheme.DocumentSaveIcon(), v.set)
	if !s.User.CanAdmin() {
		v.save.Disable()
	}
	v.year.SetSelectedIndex(1) // this year
	if v.township && s.User.CanAdmin() {
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
	if !v.township {
		return container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewVBox(v.own,
			hint(assets.T("The township office sets each village's yearly quota of new members and reviews it each quarter (source 003). Admitted means approved by the higher Party committee (step 17) in the year.")))))
	}
	left := container.NewBorder(container.NewVBox(top, hint(assets.T("Admitted: approved by the higher Party committee (step 17) in the year. Click a village to change its quota."))),
		nil, nil, nil, v.table)
	form := widget.NewForm(widget.NewFormItem(assets.T("Village"), v.village), widget.NewFormItem(assets.T("Quota"), v.quota),
		widget.NewFormItem(assets.T("Note"), v.note))
	right := container.NewVBox(subheading(assets.T("Set a village's quota for the year")), form, v.save, v.done,
		hint(assets.T("The village sees its own quota after the next sync, and is told before the branch meeting (step 15) once the quota is filled.")))
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
	if v.township {
		return
	}
	year := v.selectedYear()
	if len(v.list) == 0 || !v.list[0].HasPlan {
		v.own.SetText(assets.T("The township office has not set a development plan for %d yet (or it has not reached this PC: sync).", year))
		return
	}
	p := v.list[0]
	lines := []string{assets.T("Development plan for %d: %d new members.", year, p.Quota),
		assets.T("Admitted (step 17 approved in %d): %d; passed the branch meeting, awaiting approval: %d.", year, p.Admitted, p.Pending),
		planState(p)}
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

func (v *devPlanView) cell(row, col int) string {
	p := v.list[row]
	switch col {
	case 0:
		if p.OrgID == v.s.Home.ID {
			return assets.T("Whole township (county's quota)")
		}
		return p.Name
	case 1:
		if !p.HasPlan {
			return "—"
		}
		return strconv.Itoa(p.Quota)
	case 2:
		return strconv.Itoa(p.Admitted)
	case 3:
		return strconv.Itoa(p.Pending)
	case 4:
		return store.Percent(p.Rate())
	}
	return planState(p)
}

// pick puts a village's plan into the form.
func (v *devPlanView) pick(row int) {
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
		v.done.SetText(assets.T("The plan of %s for %d is set: %d. It goes down to the village with the next sync.", t.Name, year, q))
		v.reload()
	})
}
