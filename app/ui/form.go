package ui

import (
	"context"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/app/report/form"
	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/atomicfile"
)

// 一张表: the township loads an upper level's form, marks in the mapper which figure goes into
// which cell (or which row repeats per village), and fills it for a period with one click.

func init() {
	registerScreen(Screen{ID: "forms", Title: "Upper-level forms (一张表)", Icon: navIcon(fynetheme.IconNameGrid), Order: 44,
		Roles: []string{store.RoleTownship}, Make: makeForms})
}

type formsView struct {
	s       *Session
	tpls    []store.FormTemplate
	tpl     *widget.Select
	periods []store.Period
	period  *widget.Select
	problem problemLabel
	note    *widget.Label

	// The open template.
	cur     store.FormTemplate
	data    []byte
	sheets  []form.Sheet
	mapping map[string]string
	dirty   bool
	sheet   *widget.Select
	grid    *widget.Table
	at      string // the chosen cell, Sheet!B7
	atRow   int
	atCol   int
	cellLbl *widget.Label

	// The indicators.
	all     []form.Indicator
	shown   []form.Indicator
	search  *widget.Entry
	list    *widget.List
	picked  int
	def     *widget.Label
	value   *widget.Label
	preview *form.Preview
	gen     int // which preview is current

	root fyne.CanvasObject
}

func makeForms(s *Session) fyne.CanvasObject { return newFormsView(s).root }

func newFormsView(s *Session) *formsView {
	v := &formsView{s: s, problem: newProblemLabel(), note: widget.NewLabel(""), all: form.Indicators(), picked: -1, atRow: -1}
	v.note.Importance = widget.SuccessImportance
	v.note.Wrapping = fyne.TextWrapWord
	v.shown = v.all
	now := store.MonthOf(s.DB.Now()).Start()
	for i := 1; i <= 4; i++ { // finished quarters first: forms ask for the quarter just ended
		v.periods = append(v.periods, store.QuarterOf(now.AddDate(0, -3*i, 0)))
	}
	v.periods = append(v.periods, store.QuarterOf(now))
	for i := 1; i <= 6; i++ {
		v.periods = append(v.periods, store.MonthOf(now.AddDate(0, -i, 0)))
	}
	v.periods = append(v.periods, store.YearOf(now.AddDate(-1, 0, 0)), store.YearOf(now))
	var labels []string
	for _, p := range v.periods {
		labels = append(labels, p.Label())
	}
	v.period = newSelect(labels, func(string) { v.loadPreview() })
	v.tpl = newSelect(nil, nil)
	s.guardChoice(v.tpl, v.openTemplate) // another form: the marks placed on this one ask first
	v.tpl.PlaceHolder = assets.T("Choose a form")
	add := widget.NewButtonWithIcon(assets.T("Add a form…"), fynetheme.ContentAddIcon(), v.addForm)
	fill := primaryButton(assets.T("Fill the form…"), fynetheme.DocumentSaveIcon(), v.fill)
	save := widget.NewButtonWithIcon(assets.T("Save the marks"), fynetheme.DocumentSaveIcon(), v.saveMapping)
	del := widget.NewButtonWithIcon(assets.T("Delete"), fynetheme.DeleteIcon(), v.deleteForm)
	top := container.NewVBox(
		// Two lines: as one they were 950 units wide, more than the 753 beside the navigation
		// at system scaling 1.5.
		toolbarRow([]fyne.CanvasObject{widget.NewLabel(assets.T("Form")), fixedWidth(260, v.tpl), add, del}),
		toolbarRow([]fyne.CanvasObject{widget.NewLabel(assets.T("Period")), fixedWidth(170, v.period), save, fill}),
		hint(assets.T("Click a cell of the form, pick an indicator on the right and press 放入单元格; mark the village row with 本行每村重复. Save the marks once: every later period is one click on 填表.")),
		v.problem.Label, v.note)

	// The form's grid.
	v.sheet = newSelect(nil, func(string) { v.showSheet() })
	v.cellLbl = widget.NewLabel(assets.T("No cell chosen"))
	v.cellLbl.Truncation = fyne.TextTruncateEllipsis
	v.grid = widget.NewTable(v.gridSize, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, v.gridCell)
	v.grid.ShowHeaderRow, v.grid.ShowHeaderColumn = true, true
	v.grid.OnSelected = func(id widget.TableCellID) { v.chooseCell(id.Row, id.Col) }
	for c := 0; c < form.GridCols; c++ {
		v.grid.SetColumnWidth(c, 120*textScale())
	}
	left := container.NewBorder(container.NewHBox(widget.NewLabel(assets.T("Sheet")), fixedWidth(200, v.sheet)), v.cellLbl, nil, nil, v.grid)

	// The indicators.
	v.search = widget.NewEntry()
	v.search.SetPlaceHolder(assets.T("Search indicators (e.g. 参会)"))
	v.search.OnChanged = func(string) { v.filter() }
	v.list = widget.NewList(func() int { return len(v.shown) }, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		in := v.shown[i]
		o.(*widget.Label).SetText(in.Label + (map[bool]string{true: "（" + in.Unit + "）"}[in.Unit != ""]))
	})
	v.list.OnSelected = func(i widget.ListItemID) { v.pick(i) }
	v.def = widget.NewLabel("")
	v.def.Wrapping = fyne.TextWrapWord
	v.value = widget.NewLabel("")
	v.value.Wrapping = fyne.TextWrapWord
	v.value.Importance = widget.HighImportance
	put := widget.NewButton(assets.T("Put in the cell"), v.putIndicator)
	repeat := widget.NewButton(assets.T("Repeat this row per village"), v.markRow)
	clear := widget.NewButton(assets.T("Clear the mark"), v.clearCell)
	right := container.NewBorder(v.search, container.NewVBox(v.def, v.value, container.NewGridWithColumns(2, put, clear), repeat), nil, nil, v.list)

	split := container.NewHSplit(left, right)
	split.Offset = 0.64
	v.period.SetSelectedIndex(0)
	v.reloadTemplates("")
	// Marks placed and not saved are unsaved work (leaveguard.go); they are saved off the UI
	// thread, so 保存 in the leave question starts it and stays to show it.
	s.guardForm(func() bool { v.saveMapping(); return false }, func() string {
		if v.dirty {
			return "changed"
		}
		return ""
	})
	v.root = container.NewBorder(top, nil, nil, nil, split)
	return v
}

// reloadTemplates lists the stored forms off the UI thread and opens the one named.
func (v *formsView) reloadTemplates(open string) {
	var ts []store.FormTemplate
	var err error
	v.s.Go(func(ctx context.Context) { ts, err = v.s.DB.FormTemplates(ctx) }, func() {
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.tpls = ts
		var names []string
		for _, t := range ts {
			names = append(names, t.Name)
		}
		v.tpl.SetOptions(names)
		switch {
		case open != "":
			v.tpl.SetSelected(open)
		case len(names) == 0:
			v.note.SetText(assets.T("No forms yet. Press 添加表格 and choose the .xlsx form the county sent."))
		}
	})
}

func (v *formsView) openTemplate() {
	i := v.tpl.SelectedIndex()
	if i < 0 || i >= len(v.tpls) {
		return
	}
	t := v.tpls[i]
	var data []byte
	var sheets []form.Sheet
	var err error
	v.s.Go(func(ctx context.Context) {
		if data, err = v.s.DB.FormData(ctx, t.ID); err == nil {
			sheets, err = form.Sheets(data)
		}
	}, func() {
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.problem.Set("")
		v.cur, v.data, v.sheets, v.dirty = t, data, sheets, false
		v.mapping = map[string]string{}
		for k, x := range t.Mapping {
			v.mapping[k] = x
		}
		var names []string
		for _, s := range sheets {
			names = append(names, s.Name)
		}
		v.sheet.SetOptions(names)
		v.sheet.SetSelectedIndex(0)
		v.note.SetText(assets.T("%s: %d cells marked in the mapper.", t.Name, len(t.Mapping)))
	})
}

func (v *formsView) curSheet() *form.Sheet {
	i := v.sheet.SelectedIndex()
	if i < 0 || i >= len(v.sheets) {
		return nil
	}
	return &v.sheets[i]
}

func (v *formsView) showSheet() {
	v.atRow, v.at = -1, ""
	v.cellLbl.SetText(assets.T("No cell chosen"))
	v.grid.UnselectAll()
	v.grid.Refresh()
}

func (v *formsView) gridSize() (int, int) {
	sh := v.curSheet()
	if sh == nil || len(sh.Cells) == 0 {
		return 0, 0
	}
	return len(sh.Cells), len(sh.Cells[0])
}

// text is what a cell shows: the mapper's mark over the form's own content.
func (v *formsView) text(row, col int) string {
	sh := v.curSheet()
	if sh == nil {
		return ""
	}
	if m, ok := v.mapping[form.CellName(sh.Name, row, col)]; ok {
		return m
	}
	if row < len(sh.Cells) && col < len(sh.Cells[row]) {
		return sh.Cells[row][col]
	}
	return ""
}

func (v *formsView) gridCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.SetText(v.text(id.Row, id.Col))
	sh := v.curSheet()
	if sh != nil {
		if _, ok := v.mapping[form.CellName(sh.Name, id.Row, id.Col)]; ok {
			l.Importance = widget.HighImportance
		} else {
			l.Importance = widget.MediumImportance
		}
	}
}

func (v *formsView) chooseCell(row, col int) {
	sh := v.curSheet()
	if sh == nil {
		return
	}
	v.atRow, v.atCol = row, col
	v.at = form.CellName(sh.Name, row, col)
	t := v.text(row, col)
	if t == "" {
		t = assets.T("(empty)")
	}
	v.cellLbl.SetText(v.at + "：" + t)
}

func (v *formsView) filter() {
	q := strings.TrimSpace(v.search.Text)
	v.shown = nil
	for _, in := range v.all {
		if q == "" || strings.Contains(in.Label, q) || strings.Contains(in.Definition, q) || strings.Contains(in.Name, q) {
			v.shown = append(v.shown, in)
		}
	}
	v.picked = -1
	v.list.UnselectAll()
	v.list.Refresh()
	v.def.SetText("")
	v.value.SetText("")
}

func (v *formsView) pick(i int) {
	if i < 0 || i >= len(v.shown) {
		return
	}
	v.picked = i
	in := v.shown[i]
	where := form.LevelLabel(in.Level)
	if in.Kind != "text" {
		where = in.Period + "；" + where
	}
	v.def.SetText("{{" + in.Label + "}}  " + in.Definition + "（" + where + "）")
	v.showValue()
}

// showValue puts the picked indicator's value for the chosen period beside it.
func (v *formsView) showValue() {
	if v.picked < 0 || v.picked >= len(v.shown) {
		v.value.SetText("")
		return
	}
	if v.preview == nil {
		v.value.SetText(assets.T("Computing the figures of the period…"))
		return
	}
	in := v.shown[v.picked]
	var parts []string
	if t := v.preview.Township(in); t != "" {
		parts = append(parts, assets.T("Township: %s", t))
	}
	for i := 0; i < min(2, v.preview.Villages()); i++ {
		if name, val := v.preview.Village(in, i); name != "" {
			parts = append(parts, name+"："+val)
		}
	}
	v.value.SetText(v.period.Selected + "  " + strings.Join(parts, "；"))
}

// loadPreview computes the chosen period's figures off the UI thread.
func (v *formsView) loadPreview() {
	p := v.chosenPeriod()
	v.gen++
	gen := v.gen
	v.preview = nil
	v.showValue()
	var pv *form.Preview
	var err error
	v.s.Go(func(ctx context.Context) { pv, err = form.NewPreview(ctx, v.s.DB, p) }, func() {
		if gen != v.gen {
			return
		}
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.preview = pv
		v.showValue()
	})
}

func (v *formsView) chosenPeriod() store.Period {
	if i := v.period.SelectedIndex(); i >= 0 && i < len(v.periods) {
		return v.periods[i]
	}
	return v.periods[0]
}

func (v *formsView) needCell() bool {
	if v.at == "" {
		v.problem.Set(assets.T("First click the cell of the form the figure goes into."))
		return false
	}
	return true
}

func (v *formsView) putIndicator() {
	if !v.needCell() {
		return
	}
	if v.picked < 0 {
		v.problem.Set(assets.T("Pick an indicator in the list on the right."))
		return
	}
	cur := v.text(v.atRow, v.atCol)
	mark := "{{" + v.shown[v.picked].Label + "}}"
	// Keep the row markers of the cell, replace what else it held.
	pre, post := "", ""
	if strings.Contains(cur, "{{#各村}}") {
		pre = "{{#各村}}"
	}
	if strings.Contains(cur, "{{/各村}}") {
		post = "{{/各村}}"
	}
	v.setMark(v.at, pre+mark+post)
}

func (v *formsView) clearCell() {
	if !v.needCell() {
		return
	}
	sh := v.curSheet()
	if orig := sh.Cells[v.atRow][v.atCol]; strings.Contains(orig, "{{") {
		v.setMark(v.at, "") // the form's own placeholder: an empty mark empties the cell
		return
	}
	delete(v.mapping, v.at)
	v.dirty = true
	v.grid.Refresh()
	v.chooseCell(v.atRow, v.atCol)
}

// markRow makes the chosen cell's row the one repeated per village: {{#各村}} in its first
// cell and {{/各村}} in its last.
func (v *formsView) markRow() {
	if !v.needCell() {
		return
	}
	sh := v.curSheet()
	first, last := -1, -1
	for c := range sh.Cells[v.atRow] {
		if v.text(v.atRow, c) != "" {
			if first < 0 {
				first = c
			}
			last = c
		}
	}
	if first < 0 {
		v.problem.Set(assets.T("Put the village's indicators into the row first (村名 and the figures), then mark it."))
		return
	}
	f := form.CellName(sh.Name, v.atRow, first)
	if t := v.text(v.atRow, first); !strings.Contains(t, "{{#各村}}") {
		v.mapping[f] = "{{#各村}}" + strings.TrimSpace(t)
	}
	l := form.CellName(sh.Name, v.atRow, last)
	if t := v.text(v.atRow, last); !strings.Contains(t, "{{/各村}}") {
		v.mapping[l] = strings.TrimSpace(t) + "{{/各村}}"
	}
	v.dirty = true
	v.problem.Set("")
	v.grid.Refresh()
	v.chooseCell(v.atRow, v.atCol)
}

func (v *formsView) setMark(cell, text string) {
	v.mapping[cell] = text
	v.dirty = true
	v.problem.Set("")
	v.grid.Refresh()
	v.chooseCell(v.atRow, v.atCol)
}

func (v *formsView) saveMapping() {
	if v.cur.ID == "" {
		v.problem.Set(assets.T("Choose a form first."))
		return
	}
	m := map[string]string{}
	for k, x := range v.mapping {
		m[k] = x
	}
	id, name := v.cur.ID, v.cur.Name
	var err error
	v.s.Go(func(ctx context.Context) { err = v.s.DB.SetFormMapping(ctx, id, m) }, func() {
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.dirty = false
		v.problem.Set("")
		v.note.SetText(assets.T("Saved the marks of %s (%d cells).", name, len(m)))
	})
}

func (v *formsView) addForm() {
	chooseFile(v.s.Window, filePick{Mode: pickOpen, Title: assets.T("Choose the form (.xlsx)"), Purpose: "form", Exts: []string{".xlsx", ".xlsm", ".xls"}}, func(path string) {
		name := widget.NewEntry()
		name.SetText(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
		dialog.ShowForm(assets.T("Add a form"), assets.T("Add"), assets.T("Cancel"), []*widget.FormItem{widget.NewFormItem(assets.T("Name"), name)}, func(ok bool) {
			if !ok {
				return
			}
			var err error
			n := name.Text
			runBusy(v.s.Window, v.s.Ctx, assets.T("Reading the form…"), func(ctx context.Context, _ Progress) error {
				data, err := form.ReadFile(path)
				if err != nil {
					return err
				}
				_, err = v.s.DB.AddFormTemplate(ctx, n, filepath.Base(path), data)
				return err
			}, func(e error) {
				err = e
				if err != nil {
					v.problem.Set(assets.Chinese(err))
					return
				}
				v.problem.Set("")
				v.reloadTemplates(strings.TrimSpace(n))
			})
		}, v.s.Window)
	})
}

func (v *formsView) deleteForm() {
	if v.cur.ID == "" {
		v.problem.Set(assets.T("Choose a form first."))
		return
	}
	id, name := v.cur.ID, v.cur.Name
	dialog.ShowConfirm(assets.T("Delete the form"), assets.T("Delete the form %s and its marks? Forms already filled stay where they were saved.", name), func(ok bool) {
		if !ok {
			return
		}
		var err error
		v.s.Go(func(ctx context.Context) { err = v.s.DB.DeleteFormTemplate(ctx, id) }, func() {
			if err != nil {
				v.problem.Set(assets.Chinese(err))
				return
			}
			v.cur, v.sheets, v.mapping = store.FormTemplate{}, nil, map[string]string{}
			v.tpl.ClearSelected()
			v.sheet.SetOptions(nil)
			v.grid.Refresh()
			v.reloadTemplates("")
		})
	}, v.s.Window)
}

// fill writes the chosen form for the chosen period, with the marks as they are on screen.
func (v *formsView) fill() {
	if v.cur.ID == "" {
		v.problem.Set(assets.T("Choose a form first."))
		return
	}
	chooseFile(v.s.Window, filePick{Mode: pickSave, Title: assets.T("Save the filled form"), Purpose: "form-out", Exts: []string{".xlsx"},
		Name: v.cur.Name + "-" + v.chosenPeriod().String() + ".xlsx"}, v.fillTo)
}

// fillTo fills the form off the UI thread and writes it to path (atomically: a failure
// leaves nothing there).
func (v *formsView) fillTo(path string) {
	p := v.chosenPeriod()
	data, name := v.data, v.cur.Name
	m := map[string]string{}
	for k, x := range v.mapping {
		m[k] = x
	}
	var res form.Result
	runBusy(v.s.Window, v.s.Ctx, assets.T("Filling the form…"), func(ctx context.Context, _ Progress) error {
		out, r, err := form.Fill(ctx, v.s.DB, data, m, p)
		if err != nil {
			return err
		}
		res = r
		if err := atomicfile.WriteFile(path, out); err != nil {
			return assets.Wrap(err, "Cannot write the file %s. Check the folder exists and is writable.", path)
		}
		return nil
	}, func(err error) {
		if err != nil {
			if !canceled(err) {
				v.problem.Set(assets.Chinese(err))
			}
			return
		}
		v.problem.Set("")
		v.note.SetText(assets.T("Filled %s for %s: %d cells, %d villages.", name, p.Label(), res.Cells, res.Villages))
		showSaved(v.s.Window, assets.T("Form filled"), path)
	})
}
