package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	registerScreen(Screen{ID: "visits", Title: "Supervision visits (督导)", Icon: navIcon(fynetheme.IconNameSearch), Order: 43, Make: makeVisits})
}

// visitsView lists the supervision visits (the township: every village's, and records new
// ones with their findings, each raised as a rectification item; a village: its own, read
// only) and shows one with the state of the items it raised.
type visitsView struct {
	form     *guardedForm // the visit being recorded (leaveguard.go); nil when not the township's to record
	s        *Session
	township bool
	filter   *villageFilter // the village chosen (township), the names of the villages
	list     []store.Visit
	table    *textTable
	cur      store.Visit

	detail  *widget.Label
	items   *widget.Label
	itemsHd fyne.CanvasObject // the heading over the items, hidden with no visit chosen
	problem problemLabel
	done    *widget.Label
	formErr problemLabel // a refusal of the new visit, beside its form
	tabs    *container.AppTabs

	// the township's new visit
	newVillage             *widget.Select
	newDay                 *dateField
	newVisitors            *keyEntry
	newChecked, newSummary *keyEntry
	findings               []*visitFindingRow
	findingBox             *fyne.Container
	save, addFinding       *widget.Button
	openLedger             *widget.Button
}

// visitFindingRow is one finding of a new visit: the item it raises.
type visitFindingRow struct {
	head                   *widget.Label
	title, owner, evidence *keyEntry
	due                    *dateField
	box                    fyne.CanvasObject
}

func makeVisits(s *Session) fyne.CanvasObject { return newVisitsView(s).content() }

func newVisitsView(s *Session) *visitsView {
	v := &visitsView{s: s, township: s.Role == store.RoleTownship, problem: newProblemLabel(), formErr: newProblemLabel(),
		done: widget.NewLabel(""), detail: widget.NewLabel(""), items: widget.NewLabel(""), findingBox: container.NewVBox()}
	v.done.Importance = widget.SuccessImportance
	v.detail.Wrapping, v.items.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	filter := newVillageFilter(s, v.township, v.problem, func() { v.reload() })
	v.filter = filter
	var names []string
	for _, o := range v.filter.villages {
		names = append(names, o.Name)
	}
	v.itemsHd = subheading(assets.T("Findings and their rectification"))
	headers := []string{assets.T("Date"), assets.T("Village"), assets.T("Visited by"), assets.T("Findings"), assets.T("Still open")}
	widths := []float32{110, 150, 170, 70, 80}
	if !v.township {
		headers, widths = withoutVillageColumn(headers, widths)
	}
	v.table = newTextTable(headers, widths, func() int { return len(v.list) }, v.cell, v.open)

	v.newVillage = newSelect(names, nil)
	v.newVillage.PlaceHolder = assets.T("(Choose the village)")
	v.newDay = newDateField(s.Window)
	v.newDay.SetDate(s.DB.Now().Format("2006-01-02"))
	v.newVisitors = newEntry()
	v.newVisitors.SetPlaceHolder(assets.T("e.g. 李委员、赵干事"))
	v.newChecked, v.newSummary = newMultiLineEntry(), newMultiLineEntry()
	v.newChecked.SetPlaceHolder(assets.T("e.g. records of the three meetings and one lecture, the dues ledger, the notice board"))
	v.newSummary.SetPlaceHolder(assets.T("Overall impression and good practice seen (optional)"))
	for _, e := range []*keyEntry{v.newChecked, v.newSummary} {
		e.SetMinRowsVisible(2)
		e.Wrapping = fyne.TextWrapWord
	}
	v.addFinding = widget.NewButtonWithIcon(assets.T("Add a finding"), fynetheme.ContentAddIcon(), func() { v.addRow() })
	v.save = primaryButton(assets.T("Record the visit and raise the items"), fynetheme.DocumentSaveIcon(), func() {
		if v.form != nil {
			v.form.run() // the form as saved: a later change asks again
		} else {
			v.record()
		}
	})
	v.openLedger = widget.NewButtonWithIcon(assets.T("Open the rectification ledger"), fynetheme.ListIcon(), func() { s.open("tasks") })
	if !s.User.CanAdmin() {
		v.save.Disable()
		v.addFinding.Disable()
	}
	v.filter.sel.SetSelectedIndex(0)
	v.reload()
	v.open(-1)
	if v.township && s.User.CanAdmin() {
		// The visit being recorded, with its findings, is unsaved work (leaveguard.go).
		v.form = s.guardForm(v.record, v.newVillage, v.newDay, v.newVisitors, v.newChecked, v.newSummary, v.findingBox)
	}
	return v
}

func (v *visitsView) content() fyne.CanvasObject {
	top := container.NewVBox(heading(assets.T("Supervision visits (督导)")))
	if v.township {
		top.Add(container.NewHBox(widget.NewLabel(assets.T("Village")), v.filter.sel))
	} else {
		top.Add(hint(assets.T("The township office's supervision visits to this village; their findings are in the rectification ledger.")))
	}
	left := container.NewBorder(top, nil, nil, nil, v.table)
	item := container.NewVBox(v.detail, widget.NewSeparator(), v.itemsHd, v.items,
		container.NewHBox(v.openLedger), v.problem.Label, v.done)
	v.tabs = container.NewAppTabs(container.NewTabItem(assets.T("The visit"), container.NewVScroll(item)))
	if v.township {
		form := widget.NewForm(widget.NewFormItem(assets.T("Village"), v.newVillage), widget.NewFormItem(assets.T("Date"), v.newDay),
			widget.NewFormItem(assets.T("Visited by"), v.newVisitors), widget.NewFormItem(assets.T("What was checked"), v.newChecked),
			widget.NewFormItem(assets.T("Overall impression"), v.newSummary))
		page := container.NewVBox(form, widget.NewSeparator(), subheading(assets.T("Findings (each becomes a rectification item)")),
			v.findingBox, container.NewHBox(v.addFinding), widget.NewSeparator(), v.formErr.Label, v.save)
		v.tabs.Append(container.NewTabItem(assets.T("Record a visit"), container.NewVScroll(page)))
	}
	split := container.NewHSplit(left, v.tabs)
	split.Offset = 0.45
	return split
}

func (v *visitsView) reload() {
	if v.table == nil {
		return
	}
	vs, err := v.s.DB.Visits(v.s.Ctx, v.filter.selected())
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	v.list = vs
	v.table.Refresh()
}

func (v *visitsView) cell(row, col int) string {
	vi := v.list[row]
	if !v.township && col >= 1 {
		col++
	}
	switch col {
	case 0:
		return vi.Day
	case 1:
		return v.filter.names[vi.VillageID]
	case 2:
		return vi.Visitors
	case 3:
		return itoa(len(vi.Findings))
	}
	open := 0
	for _, t := range vi.Findings {
		if t.State != store.TaskAccepted {
			open++
		}
	}
	return itoa(open)
}

// open shows a visit (row -1: none).
func (v *visitsView) open(row int) {
	v.cur = store.Visit{}
	if row >= 0 && row < len(v.list) {
		v.cur = v.list[row]
	}
	vi := v.cur
	v.done.SetText("")
	if vi.ID == "" {
		v.detail.SetText(assets.T("Choose a visit in the list."))
		v.items.SetText("")
		v.openLedger.Hide()
		v.itemsHd.Hide()
		return
	}
	v.openLedger.Show()
	v.itemsHd.Show()
	lines := []string{assets.T("Supervision visit to %s on %s", v.filter.names[vi.VillageID], vi.Day),
		assets.T("Visited by: %s", vi.Visitors), assets.T("What was checked: %s", vi.Checked)}
	if vi.Summary != "" {
		lines = append(lines, assets.T("Summary: %s", vi.Summary))
	}
	lines = append(lines, assets.T("Recorded by %s at %s", vi.CreatedBy, vi.CreatedAt))
	v.detail.SetText(strings.Join(lines, "\n"))
	var items []string
	for i, t := range vi.Findings {
		s := fmt.Sprintf("%d. %s（%s，%s）", i+1, t.Title, assets.T("Deadline: %s", t.Due), store.TaskStateLabel(t))
		if t.Evidence != "" {
			s += "\n    " + assets.T("Evidence required: %s", t.Evidence)
		}
		items = append(items, s)
	}
	if len(items) == 0 {
		items = []string{assets.T("No findings: nothing was raised.")}
	}
	v.items.SetText(strings.Join(items, "\n"))
}

// addRow adds an empty finding to the new visit.
func (v *visitsView) addRow() *visitFindingRow {
	r := &visitFindingRow{head: widget.NewLabel(""), title: newEntry(), owner: newEntry(), evidence: newEntry(),
		due: newDateField(v.s.Window)}
	r.head.TextStyle.Bold = true
	r.title.SetPlaceHolder(assets.T("What must be put right"))
	r.owner.SetText(assets.T("Branch secretary"))
	r.evidence.SetPlaceHolder(assets.T("e.g. a photo of the minutes of the make-up meeting"))
	remove := widget.NewButtonWithIcon(assets.T("Remove"), fynetheme.DeleteIcon(), func() { v.removeRow(r) })
	form := widget.NewForm(widget.NewFormItem(assets.T("Item"), r.title), widget.NewFormItem(assets.T("Time limit"), r.due),
		widget.NewFormItem(assets.T("The person responsible"), r.owner), widget.NewFormItem(assets.T("Evidence required"), r.evidence))
	r.box = container.NewVBox(container.NewBorder(nil, nil, nil, remove, r.head), form)
	v.findings = append(v.findings, r)
	v.findingBox.Add(r.box)
	v.number()
	return r
}

func (v *visitsView) removeRow(r *visitFindingRow) {
	for i, f := range v.findings {
		if f == r {
			v.findings = append(v.findings[:i], v.findings[i+1:]...)
			v.findingBox.Remove(r.box)
			break
		}
	}
	v.number()
}

// number heads the findings 第1条问题, 第2条问题 … as the store's messages count them.
func (v *visitsView) number() {
	for i, f := range v.findings {
		f.head.SetText(assets.T("Finding %d", i+1))
	}
	v.findingBox.Refresh()
}

// record saves the new visit with its findings in one write; a refusal changes nothing and
// keeps the form as typed.
func (v *visitsView) record() bool {
	n := store.NewVisit{Day: v.newDay.Date(), Visitors: v.newVisitors.Text, Checked: v.newChecked.Text, Summary: v.newSummary.Text}
	if i := v.newVillage.SelectedIndex(); i >= 0 && i < len(v.filter.villages) {
		n.VillageCode = v.filter.villages[i].Code
	}
	for _, f := range v.findings {
		n.Findings = append(n.Findings, store.NewTask{Kind: store.TaskRectify, Title: f.title.Text, Due: f.due.Date(),
			Owner: f.owner.Text, Evidence: f.evidence.Text})
	}
	id, ids, err := v.s.DB.AddVisit(v.s.Ctx, n)
	if err != nil {
		v.done.SetText("")
		v.formErr.Set(assets.Chinese(err))
		return false
	}
	v.formErr.Set("")
	v.problem.Set("")
	v.newVisitors.SetText("")
	v.newChecked.SetText("")
	v.newSummary.SetText("")
	for len(v.findings) > 0 {
		v.removeRow(v.findings[0])
	}
	v.reload()
	for i, vi := range v.list {
		if vi.ID == id {
			v.open(i)
		}
	}
	v.tabs.SelectIndex(0)
	v.done.SetText(assets.T("Visit recorded with %d rectification items; they go down to the village with the next sync.", len(ids)))
	return true
}
