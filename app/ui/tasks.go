package ui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/app/report"
	"zhibu/assets"
	"zhibu/store"
)

func init() {
	registerScreen(Screen{ID: "tasks", Title: "Rectification ledger (整改台账)", Icon: navIcon(fynetheme.IconNameList), Order: 42, Make: makeTasks})
	registerHomePanel(HomePanel{Order: 8, Roles: []string{store.RoleVillage}, Make: makeTasksPanel})
}

// makeTasksPanel shows the village's items still to do on the home screen, soonest deadline
// first, with the days left (or overdue) and what was returned.
func makeTasksPanel(s *Session) fyne.CanvasObject {
	return asyncBlock(s, assets.T("Reading the task list…"), func(ctx context.Context) func() fyne.CanvasObject {
		ts, err := s.DB.Tasks(ctx, store.TaskFilter{State: store.TaskOpen})
		return func() fyne.CanvasObject {
			if err != nil {
				p := newProblemLabel()
				p.Set(assets.Chinese(err))
				return p.Label
			}
			if len(ts) == 0 {
				return container.NewVBox()
			}
			box := container.NewVBox(subheading(assets.T("Items from the task list still to do")))
			for i, t := range ts {
				if i == 5 {
					box.Add(widget.NewLabel(assets.T("… and %d more", len(ts)-5)))
					break
				}
				when := assets.T("%d days left", t.DaysLeft)
				if t.Overdue {
					when = assets.T("overdue since %s", t.Due)
				}
				l := widget.NewLabel(fmt.Sprintf("%s · %s（%s）", store.TaskKindLabel(t.Kind), t.Title, when))
				if t.Overdue {
					l.Importance = widget.DangerImportance
				}
				if t.Returned {
					l.SetText(l.Text + "  " + assets.T("Returned: %s", t.Reason))
				}
				if t.Evidence != "" {
					l.SetText(l.Text + "  " + assets.T("Evidence required: %s", t.Evidence))
				}
				box.Add(l)
			}
			box.Add(container.NewHBox(widget.NewButton(assets.T("Open the rectification ledger"), func() { s.open("tasks") })))
			return box
		}
	})
}

// tasksView is the 整改台账: the items with state and overdue filters, per village and (on the
// township) township-wide; the township raises items and accepts or returns them, the village
// records progress and completion with a photo.
type tasksView struct {
	newForm  *guardedForm // the township's new item (leaveguard.go)
	s        *Session
	township bool
	filter   *villageFilter // the village chosen (township), the names of the villages
	list     []store.Task
	table    *textTable
	cur      store.Task

	state    *widget.Select
	detail   *widget.Label
	events   *widget.Label
	required *widget.Label   // the evidence the item requires, beside the follow-up
	evidence *fyne.Container // the completion's photo and note, on screen
	problem  problemLabel
	done     *widget.Label
	tabs     *container.AppTabs

	// the village's follow-up
	note      *keyEntry
	doneOn    *dateField
	photoName string
	photo     []byte
	photoLbl  *widget.Label
	// the township's review
	reason *keyEntry
	// the township's new item
	newVillage, newKind                   *widget.Select
	newTitle, newDetail, newOwner, newSrc *keyEntry
	newEvidence                           *keyEntry
	newDue                                *dateField
	actions                               []*widget.Button
}

var taskStateFilters = []string{"", store.TaskOpen, store.TaskDone, store.TaskAccepted, "overdue"}

func makeTasks(s *Session) fyne.CanvasObject {
	c := newTasksView(s).content()
	if s.Role == store.RoleTownship {
		return c
	}
	// A village named for 软弱涣散党组织整顿 reads its plan here, beside the items it raised
	// (rectify.go): a tab, not a navigation entry of its own.
	return container.NewAppTabs(container.NewTabItem(assets.T("Items"), c),
		container.NewTabItem(assets.T("Rectification of weak branches (软弱涣散党组织整顿)"), makeRectify(s)))
}

// openTasks shows the 整改台账 with one village's items.
func (s *Session) openTasks(villageID string) {
	s.taskVillage = villageID
	s.open("tasks")
}

func newTasksView(s *Session) *tasksView {
	v := &tasksView{s: s, township: s.Role == store.RoleTownship, problem: newProblemLabel(),
		done: widget.NewLabel(""), detail: widget.NewLabel(""), events: widget.NewLabel(""), required: widget.NewLabel(""),
		evidence: container.NewVBox()}
	v.done.Importance = widget.SuccessImportance
	v.required.Importance = widget.WarningImportance
	v.detail.Wrapping, v.events.Wrapping, v.required.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord, fyne.TextWrapWord
	filter := newVillageFilter(s, v.township, v.problem, func() { v.reload() })
	v.filter = filter
	v.state = newSelect([]string{assets.T("All states"), assets.T("Not done yet"), assets.T("Done, awaiting review"), assets.T("Accepted"), assets.T("Overdue")},
		func(string) { v.reload() })
	headers := []string{assets.T("Time limit"), assets.T("Village"), assets.T("Kind"), assets.T("Item"), assets.T("State"), assets.T("Days left"),
		assets.T("Evidence required")}
	widths := []float32{110, 150, 60, 220, 130, 80, 200}
	if !v.township {
		headers, widths = withoutVillageColumn(headers, widths)
	}
	// Another item: a note or reason typed for this one asks first (leaveguard.go).
	v.table = newTextTable(headers, widths, func() int { return len(v.list) }, v.cell, func(row int) {
		s.ask(func() { v.open(row) }, nil, true)
	})

	v.note = newMultiLineEntry()
	v.note.SetPlaceHolder(assets.T("What was done"))
	v.note.SetMinRowsVisible(2)
	v.note.Wrapping = fyne.TextWrapWord
	v.doneOn = newDateField(s.Window)
	v.doneOn.SetDate(s.DB.Now().Format("2006-01-02"))
	v.photoLbl = widget.NewLabel(assets.T("No photo"))
	v.reason = newEntry()
	v.reason.SetPlaceHolder(assets.T("What is missing"))

	v.newVillage = newSelect(append([]string(nil), v.filter.sel.Options...), nil) // 全部村 or one village, as the filter
	v.newVillage.SetSelectedIndex(0)
	var kinds []string
	for _, k := range store.TaskKinds() {
		kinds = append(kinds, store.TaskKindLabel(k))
	}
	v.newKind = newSelect(kinds, nil)
	v.newKind.SetSelectedIndex(2)
	v.newTitle, v.newDetail, v.newOwner, v.newSrc = newEntry(), newMultiLineEntry(), newEntry(), newEntry()
	v.newDetail.SetMinRowsVisible(2)
	v.newSrc.SetPlaceHolder(assets.T("督导, 述职评议, 上级通报, 自查 …"))
	v.newEvidence = newEntry()
	v.newEvidence.SetPlaceHolder(assets.T("e.g. a photo of the minutes of the make-up meeting"))
	v.newDue = newDateField(s.Window)
	v.filter.sel.SetSelectedIndex(0)
	for i, o := range v.filter.villages {
		if o.ID == s.taskVillage {
			v.filter.sel.SetSelectedIndex(i + 1)
		}
	}
	s.taskVillage = ""
	v.state.SetSelectedIndex(0)
	v.reload()
	v.open(-1)
	// Unsaved work: the village's note on the item (保存 records it as progress, never as
	// done), the township's reason for returning and its new item.
	if v.township {
		if s.User.CanAdmin() {
			s.guardForm(v.ret, v.reason)
			v.newForm = s.guardForm(v.add, v.newVillage, v.newKind, v.newTitle, v.newDetail, v.newOwner, v.newSrc, v.newEvidence, v.newDue)
		}
	} else {
		s.guardForm(v.progress, v.note)
	}
	return v
}

func (v *tasksView) content() fyne.CanvasObject {
	filters := container.NewHBox(widget.NewLabel(assets.T("State")), v.state)
	if v.township {
		filters = container.NewHBox(widget.NewLabel(assets.T("Village")), v.filter.sel, widget.NewLabel(assets.T("State")), v.state)
	}
	export := widget.NewButtonWithIcon(assets.T("Export to Excel"), fynetheme.DownloadIcon(), func() {
		chooseFile(v.s.Window, filePick{Mode: pickSave, Title: assets.T("Save the rectification ledger"), Purpose: "ledger", Exts: []string{".xlsx"},
			Name: assets.T("rectification-ledger.xlsx")}, v.export)
	})
	filters.Add(export)
	left := container.NewBorder(container.NewVBox(heading(assets.T("Rectification ledger (整改台账)")), filters), nil, nil, nil, v.table)

	var follow fyne.CanvasObject
	if v.township {
		accept := primaryButton(assets.T("Accept (close)"), fynetheme.ConfirmIcon(), v.accept)
		ret := widget.NewButtonWithIcon(assets.T("Return to the village"), fynetheme.ContentUndoIcon(), func() { v.ret() })
		v.actions = []*widget.Button{accept, ret}
		follow = widget.NewForm(widget.NewFormItem("", accept), widget.NewFormItem(assets.T("Reason for returning"), v.reason), widget.NewFormItem("", ret))
	} else {
		progress := widget.NewButtonWithIcon(assets.T("Record progress"), fynetheme.DocumentCreateIcon(), func() { v.progress() })
		photo := widget.NewButtonWithIcon(assets.T("Add a photo"), fynetheme.FileImageIcon(), func() {
			choosePhotoFile(v.s.Window, store.MaxPhotoBytes, v.problem.Set, func(name string, b []byte) {
				v.photoName, v.photo = name, b
				v.photoLbl.SetText(name)
			})
		})
		finish := primaryButton(assets.T("Mark done"), fynetheme.ConfirmIcon(), v.markDone)
		v.actions = []*widget.Button{progress, photo, finish}
		follow = widget.NewForm(widget.NewFormItem(assets.T("Evidence required"), v.required),
			widget.NewFormItem(assets.T("Note"), v.note), widget.NewFormItem("", progress),
			widget.NewFormItem(assets.T("Done on"), v.doneOn), widget.NewFormItem(assets.T("Evidence photo"), container.NewHBox(photo, v.photoLbl)),
			widget.NewFormItem("", finish))
	}
	if !v.s.User.CanWrite() || v.township && !v.s.User.CanAdmin() {
		for _, b := range v.actions {
			b.Disable()
		}
	}
	item := container.NewVBox(v.detail, widget.NewSeparator(), v.events, v.evidence, widget.NewSeparator(), follow, v.problem.Label, v.done)
	v.tabs = container.NewAppTabs(container.NewTabItem(assets.T("The item"), container.NewVScroll(item)))
	if v.township {
		add := primaryButton(assets.T("Raise the item"), fynetheme.ContentAddIcon(), func() {
			if v.newForm != nil {
				v.newForm.run() // the form as saved: a later change asks again
			} else {
				v.add()
			}
		})
		if !v.s.User.CanAdmin() {
			add.Disable()
		}
		form := widget.NewForm(widget.NewFormItem(assets.T("For"), v.newVillage), widget.NewFormItem(assets.T("Kind"), v.newKind),
			widget.NewFormItem(assets.T("Item"), v.newTitle), widget.NewFormItem(assets.T("Details"), v.newDetail),
			widget.NewFormItem(assets.T("The person responsible"), v.newOwner), widget.NewFormItem(assets.T("Source"), v.newSrc),
			widget.NewFormItem(assets.T("Evidence required"), v.newEvidence), widget.NewFormItem(assets.T("Time limit"), v.newDue))
		v.tabs.Append(container.NewTabItem(assets.T("New item"), container.NewVScroll(container.NewVBox(form, add))))
	}
	split := container.NewHSplit(left, v.tabs)
	split.Offset = 0.58
	return split
}

func (v *tasksView) reload() {
	if v.table == nil {
		return
	}
	f := store.TaskFilter{}
	if i := v.state.SelectedIndex(); i > 0 {
		f.State = taskStateFilters[i]
	}
	f.VillageID = v.filter.selected()
	ts, err := v.s.DB.Tasks(v.s.Ctx, f)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	v.list = ts
	v.table.Refresh()
}

func (v *tasksView) cell(row, col int) string {
	t := v.list[row]
	if !v.township && col >= 1 {
		col++
	}
	switch col {
	case 0:
		return t.Due
	case 1:
		return v.filter.names[t.VillageID]
	case 2:
		return store.TaskKindLabel(t.Kind)
	case 3:
		return t.Title
	case 4:
		return store.TaskStateLabel(t)
	case 6:
		return t.Evidence
	}
	if t.State != store.TaskOpen {
		return ""
	}
	return fmt.Sprint(t.DaysLeft)
}

// open shows an item (row -1: none).
func (v *tasksView) open(row int) {
	v.cur = store.Task{}
	if row >= 0 && row < len(v.list) {
		v.cur = v.list[row]
	}
	t := v.cur
	v.problem.Set("")
	v.done.SetText("")
	v.evidence.Objects = nil
	v.evidence.Refresh()
	v.required.SetText("")
	if t.ID == "" {
		v.detail.SetText(assets.T("Choose an item in the list."))
		v.events.SetText("")
		return
	}
	v.required.SetText(assets.T("Not stated"))
	if t.Evidence != "" {
		v.required.SetText(t.Evidence)
	}
	lines := []string{fmt.Sprintf("%s · %s · %s", store.TaskKindLabel(t.Kind), t.Title, store.TaskStateLabel(t))}
	if v.township {
		lines = append(lines, assets.T("For: %s", v.filter.names[t.VillageID]))
	}
	lines = append(lines, assets.T("Deadline: %s", t.Due))
	if t.Detail != "" {
		lines = append(lines, t.Detail)
	}
	if t.Owner != "" || t.Source != "" {
		lines = append(lines, assets.T("Responsible: %s   Source: %s", t.Owner, t.Source))
	}
	if t.Evidence != "" {
		lines = append(lines, assets.T("Evidence required: %s", t.Evidence))
	}
	if t.VisitID != "" {
		vs, _ := v.s.DB.Visits(v.s.Ctx, t.VillageID)
		for _, vi := range vs {
			if vi.ID == t.VisitID {
				lines = append(lines, assets.T("Found at the supervision visit of %s (by %s).", vi.Day, vi.Visitors))
			}
		}
	}
	if t.Reason != "" {
		lines = append(lines, assets.T("Returned: %s", t.Reason))
	}
	v.detail.SetText(strings.Join(lines, "\n"))
	var evs []string
	for _, e := range t.Events {
		kind := assets.T("Progress")
		if e.Kind == "done" {
			kind = assets.T("Done")
		}
		s := fmt.Sprintf("%s  %s（%s）：%s", e.Day, kind, e.By, e.Note)
		if e.PhotoName != "" {
			s += "  " + assets.T("[photo: %s]", e.PhotoName)
		}
		evs = append(evs, s)
	}
	if len(evs) == 0 {
		evs = []string{assets.T("Nothing recorded yet.")}
	}
	v.events.SetText(strings.Join(evs, "\n"))
	v.showEvidence(t)
}

// showEvidence puts the latest completion's note and photo on screen, for the reviewer to
// judge against what the item requires.
func (v *tasksView) showEvidence(t store.Task) {
	var last store.TaskEvent
	for _, e := range t.Events {
		if e.Kind == "done" {
			last = e
		}
	}
	if last.ID == "" {
		return
	}
	note := widget.NewLabel(assets.T("Completion (%s, %s): %s", last.Day, last.By, last.Note))
	note.Wrapping = fyne.TextWrapWord
	note.TextStyle.Bold = true
	v.evidence.Add(widget.NewSeparator())
	v.evidence.Add(note)
	if last.PhotoName == "" {
		v.evidence.Add(hint(assets.T("No photo was added to the completion.")))
		return
	}
	name, b, err := v.s.DB.TaskPhoto(v.s.Ctx, last.ID)
	if err != nil {
		v.evidence.Add(hint(assets.Chinese(err)))
		return
	}
	img := canvas.NewImageFromReader(bytes.NewReader(b), name)
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScaleSmooth
	img.SetMinSize(fyne.NewSize(400, 300))
	cap := hint(assets.T("Evidence photo: %s", name))
	large := widget.NewButtonWithIcon(assets.T("View at full size"), fynetheme.ZoomInIcon(), func() {
		big := canvas.NewImageFromReader(bytes.NewReader(b), name)
		big.FillMode = canvas.ImageFillContain
		big.SetMinSize(fyne.NewSize(900, 560))
		dialog.ShowCustom(assets.T("Evidence photo: %s", name), assets.T("Close"), big, v.s.Window)
	})
	v.evidence.Add(container.NewBorder(nil, container.NewBorder(nil, nil, nil, large, cap), nil, nil, img)) // the caption takes the width left by the button (in an HBox a wrapping label is one character wide)
	v.evidence.Refresh()
}

// after reloads the list, keeps the item open and says what was done.
func (v *tasksView) after(err error, msg string) bool {
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return false
	}
	id := v.cur.ID
	v.reload()
	for i, t := range v.list {
		if t.ID == id {
			v.open(i)
		}
	}
	v.done.SetText(msg)
	return true
}

func (v *tasksView) noItem() bool {
	if v.cur.ID == "" {
		v.problem.Set(assets.T("Choose an item in the list."))
		return true
	}
	return false
}

func (v *tasksView) progress() bool {
	if v.noItem() {
		return false
	}
	err := v.s.DB.TaskProgress(v.s.Ctx, v.cur.ID, v.note.Text)
	if err == nil {
		v.note.SetText("")
	}
	return v.after(err, assets.T("Progress recorded; it reaches the township with the next sync."))
}

func (v *tasksView) markDone() {
	if v.noItem() {
		return
	}
	err := v.s.DB.TaskDone(v.s.Ctx, v.cur.ID, v.doneOn.Date(), v.note.Text, v.photoName, v.photo)
	if err == nil {
		v.note.SetText("")
		v.photoName, v.photo = "", nil
		v.photoLbl.SetText(assets.T("No photo"))
	}
	v.after(err, assets.T("Marked done; the township reviews it after the next sync."))
}

func (v *tasksView) accept() {
	if v.noItem() {
		return
	}
	v.after(v.s.DB.AcceptTask(v.s.Ctx, v.cur.ID), assets.T("Accepted and closed."))
}

func (v *tasksView) ret() bool {
	if v.noItem() {
		return false
	}
	err := v.s.DB.ReturnTask(v.s.Ctx, v.cur.ID, v.reason.Text)
	if err == nil {
		v.reason.SetText("")
	}
	return v.after(err, assets.T("Returned to the village with the reason; it goes down with the next sync."))
}

// export saves the items listed (with the filters chosen) as the ledger workbook.
func (v *tasksView) export(path string) {
	items := make([]report.LedgerItem, 0, len(v.list))
	for _, t := range v.list {
		items = append(items, report.LedgerItem{Village: v.filter.names[t.VillageID], Task: t})
	}
	var buf bytes.Buffer
	err := report.TaskLedgerXLSX(&buf, assets.T("Rectification ledger of %s (%s)", v.s.Home.Name, v.s.DB.Now().Format("2006-01-02")), items)
	if err == nil {
		err = os.WriteFile(path, buf.Bytes(), 0o644)
	}
	if err != nil {
		v.problem.Set(assets.Chinese(assets.Wrap(err, "Cannot write the file %s.", path)))
		return
	}
	v.problem.Set("")
	v.done.SetText(assets.T("Saved the ledger to %s.", path))
}

func (v *tasksView) add() bool {
	codes := []string{"all"}
	if i := v.newVillage.SelectedIndex(); i > 0 && i <= len(v.filter.villages) {
		codes = []string{v.filter.villages[i-1].Code}
	}
	kind := store.TaskKinds()[max(v.newKind.SelectedIndex(), 0)]
	ids, err := v.s.DB.AddTask(v.s.Ctx, codes, store.NewTask{Kind: kind, Title: v.newTitle.Text, Detail: v.newDetail.Text,
		Owner: v.newOwner.Text, Source: v.newSrc.Text, Due: v.newDue.Date(), Evidence: v.newEvidence.Text})
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		v.tabs.SelectIndex(0)
		return false
	}
	v.newTitle.SetText("")
	v.newDetail.SetText("")
	v.newEvidence.SetText("")
	v.reload()
	v.tabs.SelectIndex(0)
	v.problem.Set("")
	v.done.SetText(assets.T("Raised %d items; they go down with the next sync.", len(ids)))
	return true
}
