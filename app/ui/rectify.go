package ui

import (
	"context"
	"fmt"
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
	registerScreen(Screen{ID: "rectify", Title: "Rectification of weak branches (软弱涣散党组织整顿)", Icon: navIcon(fynetheme.IconNameWarning),
		Order: 47, Roles: []string{store.RoleTownship}, Make: makeRectify}) // a village sees its own in 整改台账 (tasks.go)
}

// rectifyView is 软弱涣散党组织整顿: the township lists the villages it named, names one with
// reasons, a 包联 leader and the plan's items, records 约谈 / 列席 / progress and closes (销号);
// a village sees its own, read only.
type rectifyView struct {
	s        *Session
	township bool
	list     []store.Rectification
	villages []store.Org
	names    map[string]string
	table    *textTable
	cur      int
	detail   *widget.Label
	events   *fyne.Container // the township: the chosen rectification's visits, each with 修改 / 删除
	actions  *fyne.Container // the township: print, correct, delete the chosen rectification
	info     *widget.Label   // what a correction did
	yearSel  *widget.Select  // a village: which year's rectification
	// the last correction dialog and delete confirmation (tests drive them)
	dlg              *editDlg
	confirm          *dialog.ConfirmDialog
	edLeader, edNote *widget.Entry
	problem          problemLabel
	loading          *fyne.Container
	tabs             *container.AppTabs

	// naming a village
	village                  *widget.Select
	reasons                  *widget.CheckGroup
	reasonText, leader, plan *widget.Entry
	items                    *widget.Entry
	addErr                   problemLabel
	add                      *widget.Button
	// a visit, progress note or closing
	kind             *widget.Select
	day              *dateField
	by, note, review *widget.Entry
	visitErr         problemLabel
	visit, close     *widget.Button
	done             *widget.Label
}

func makeRectify(s *Session) fyne.CanvasObject { return newRectifyView(s).content() }

func newRectifyView(s *Session) *rectifyView {
	v := &rectifyView{s: s, township: s.Role == store.RoleTownship, cur: -1, detail: widget.NewLabel(""), problem: newProblemLabel(),
		addErr: newProblemLabel(), visitErr: newProblemLabel(), done: widget.NewLabel(""), names: map[string]string{s.Home.ID: s.Home.Name}}
	v.detail.Wrapping = fyne.TextWrapWord
	v.events, v.actions, v.info = container.NewVBox(), container.NewHBox(), widget.NewLabel("")
	v.info.Importance, v.info.Wrapping = widget.SuccessImportance, fyne.TextWrapWord
	v.info.Hide()
	v.done.Importance = widget.SuccessImportance
	v.loading = container.NewVBox(loadingRow(assets.T("Loading…")))
	v.table = newTextTable([]string{assets.T("Village"), assets.T("Year"), assets.T("Leader in charge (包联)"), assets.T("Items accepted"), assets.T("State")},
		[]float32{130, 60, 90, 70, 130}, func() int { return len(v.list) }, v.cell, v.open)
	if v.township {
		v.village = widget.NewSelect(nil, nil)
		v.village.PlaceHolder = assets.T("(Choose the village)")
		var labels []string
		for _, r := range store.RectifyReasons() {
			labels = append(labels, store.RectifyReasonLabel(r))
		}
		v.reasons = widget.NewCheckGroup(labels, nil)
		v.reasonText, v.leader, v.plan, v.items = widget.NewEntry(), widget.NewEntry(), widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
		v.reasonText.SetPlaceHolder(assets.T("Reasons in words (optional)"))
		v.leader.SetPlaceHolder(assets.T("e.g. 张副书记"))
		v.plan.SetPlaceHolder(assets.T("e.g. 一月一调度，年底前销号"))
		v.items.SetPlaceHolder(assets.T("One item a line: item|deadline, e.g. 召开专题组织生活会|2026-12-20"))
		v.plan.SetMinRowsVisible(2)
		v.items.SetMinRowsVisible(3)
		v.add = primaryButton(assets.T("Name the village and raise the items"), fynetheme.DocumentSaveIcon(), v.name)
		var kinds []string
		for _, k := range []string{store.RectifyTalk, store.RectifyAttend, store.RectifyProgress} {
			kinds = append(kinds, store.RectifyEventLabel(k))
		}
		v.kind = widget.NewSelect(kinds, nil)
		v.kind.SetSelectedIndex(0)
		v.day = newDateField(s.Window)
		v.day.SetDate(s.DB.Now().Format("2006-01-02"))
		v.by, v.note, v.review = widget.NewEntry(), widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
		v.note.SetMinRowsVisible(2)
		v.review.SetMinRowsVisible(2)
		v.review.SetPlaceHolder(assets.T("The review: what changed in the branch"))
		v.visit = widget.NewButtonWithIcon(assets.T("Record"), fynetheme.DocumentSaveIcon(), v.recordEvent)
		v.close = widget.NewButtonWithIcon(assets.T("Close the rectification (销号)"), fynetheme.ConfirmIcon(), v.closeIt)
		print := widget.NewButtonWithIcon(assets.T("Print the rectification plan"), fynetheme.DocumentPrintIcon(), v.print)
		edit := widget.NewButtonWithIcon(assets.T("Correct"), fynetheme.DocumentCreateIcon(), v.edit)
		del := widget.NewButtonWithIcon(assets.T("Delete"), fynetheme.DeleteIcon(), v.delete)
		v.actions.Objects = []fyne.CanvasObject{print, edit, del}
		v.actions.Hide()
		if !s.User.CanAdmin() {
			v.add.Disable()
			v.visit.Disable()
			v.close.Disable()
			edit.Disable()
			del.Disable()
		}
	}
	v.reload(-1)
	if v.township && s.User.CanAdmin() {
		// Unsaved work (leaveguard.go): the boxes each form empties once saved. 保存 in the leave
		// question starts the write (off the UI thread) and stays to show it; the 销号 review
		// is not saved from there (closing is a decision of its own).
		s.guardForm(func() bool { v.name(); return false }, v.reasonText, v.plan, v.items, v.reasons)
		s.guardForm(func() bool { v.recordEvent(); return false }, v.note)
	}
	return v
}

func (v *rectifyView) content() fyne.CanvasObject {
	top := container.NewVBox(heading(assets.T("Rectification of weak branches (软弱涣散党组织整顿)")), v.loading, v.problem.Label)
	if !v.township {
		top.Add(hint(assets.T("The township office's rectification of this branch: the reasons, the leader in charge and the plan; its items are in the rectification ledger.")))
	}
	if !v.township {
		// A village has its own rectification (one a year at most): the text, full width,
		// with a choice of year only once there is more than one.
		v.yearSel = widget.NewSelect(nil, func(string) { v.open(v.yearSel.SelectedIndex()) })
		v.yearSel.Hide()
		return container.NewBorder(container.NewVBox(top, v.yearSel), nil, nil, nil, container.NewVScroll(v.detail))
	}
	left := container.NewBorder(top, nil, nil, nil, v.table)
	v.tabs = container.NewAppTabs(container.NewTabItem(assets.T("The rectification"), container.NewVScroll(container.NewVBox(v.actions, v.info, v.detail, v.events))))
	if v.township {
		form := widget.NewForm(widget.NewFormItem(assets.T("Village"), v.village), widget.NewFormItem(assets.T("Reasons"), v.reasons),
			widget.NewFormItem("", v.reasonText), widget.NewFormItem(assets.T("Leader in charge (包联)"), v.leader),
			widget.NewFormItem(assets.T("Rectification plan"), v.plan), widget.NewFormItem(assets.T("Items of the plan"), v.items))
		v.tabs.Append(container.NewTabItem(assets.T("Name a village"), container.NewVScroll(container.NewVBox(form, v.addErr.Label, v.add,
			hint(assets.T("Source 003: 软弱涣散党组织整顿. The items go into the village's rectification ledger (source 整顿); the village sees its own rectification after the next sync, no other village does."))))))
		ev := widget.NewForm(widget.NewFormItem(assets.T("Kind of visit"), v.kind), widget.NewFormItem(assets.T("Date"), v.day),
			widget.NewFormItem(assets.T("Who went"), v.by), widget.NewFormItem(assets.T("What was said or done"), v.note))
		v.tabs.Append(container.NewTabItem(assets.T("Visits and closing"), container.NewVScroll(container.NewVBox(
			hint(assets.T("For the rectification chosen in the list.")), ev, v.visit, widget.NewSeparator(),
			subheading(assets.T("Close the rectification (销号)")), v.review, v.close, v.visitErr.Label, v.done))))
	}
	split := container.NewHSplit(left, v.tabs)
	split.Offset = 0.45
	return split
}

// reload reads the rectifications off the UI thread and shows the one with the ID's row.
func (v *rectifyView) reload(keep int) {
	var rs []store.Rectification
	var vs []store.Org
	var err error
	v.loading.Show()
	v.s.Go(func(ctx context.Context) {
		if rs, err = v.s.DB.Rectifications(ctx, "", 0); err != nil || !v.township {
			return
		}
		vs, err = v.s.DB.Orgs(ctx, store.KindVillage)
	}, func() {
		v.loading.Hide()
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.list = rs
		if v.township {
			v.villages = vs
			var names []string
			for _, o := range vs {
				v.names[o.ID] = o.Name
				names = append(names, o.Name)
			}
			v.village.SetOptions(names)
		}
		v.table.Refresh()
		if keep < 0 && len(rs) > 0 {
			keep = 0
		}
		if v.yearSel != nil {
			var years []string
			for _, r := range rs {
				years = append(years, assets.T("Rectification of %d", r.Year))
			}
			v.yearSel.SetOptions(years)
			if len(rs) > 1 {
				v.yearSel.Show()
				v.yearSel.SetSelectedIndex(max(keep, 0)) // opens it
				return
			}
		}
		v.open(keep)
	})
}

func (v *rectifyView) cell(row, col int) string {
	r := v.list[row]
	switch col {
	case 0:
		return v.names[r.VillageID]
	case 1:
		return itoa(r.Year)
	case 2:
		return r.Leader
	case 3:
		return itoa(r.Done()) + "/" + itoa(len(r.Items))
	}
	if !r.Open() {
		return assets.T("Closed on %s", r.ClosedOn)
	}
	return assets.T("Under rectification")
}

// open shows a rectification (row -1: none).
func (v *rectifyView) open(row int) {
	v.events.RemoveAll()
	if row < 0 || row >= len(v.list) {
		v.cur = -1
		v.actions.Hide()
		if v.township {
			v.detail.SetText(assets.T("No village is under rectification. Name one on the next tab."))
		} else {
			v.detail.SetText(assets.T("This branch is not under rectification."))
		}
		return
	}
	v.cur = row
	r := v.list[row]
	if v.township {
		v.actions.Show()
	}
	var reasons []string
	for _, s := range r.Reasons {
		reasons = append(reasons, store.RectifyReasonLabel(s))
	}
	if r.ReasonText != "" {
		reasons = append(reasons, r.ReasonText)
	}
	lines := []string{assets.T("%s: rectification of %d", v.names[r.VillageID], r.Year), assets.T("Reasons: %s", strings.Join(reasons, "；")),
		assets.T("Leader in charge: %s", r.Leader)}
	if r.Plan != "" {
		lines = append(lines, assets.T("Plan: %s", r.Plan))
	}
	lines = append(lines, "", assets.T("Items of the plan (%d of %d accepted):", r.Done(), len(r.Items)))
	for i, t := range r.Items {
		lines = append(lines, fmt.Sprintf("%d、%s（%s，%s）", i+1, t.Title, assets.T("Deadline: %s", t.Due), store.TaskStateLabel(t)))
	}
	if len(r.Events) > 0 && !v.township {
		lines = append(lines, "", assets.T("Talks, attendance and progress:"))
		for _, e := range r.Events {
			lines = append(lines, eventLine(e))
		}
	}
	if len(r.Events) > 0 && v.township {
		v.showEvents(r)
	}
	if len(r.Months) > 0 {
		lines = append(lines, "", assets.T("Month by month:"))
		for _, m := range r.Months {
			lines = append(lines, assets.T("%s: %d talks, %d attended, %d progress notes, %d items accepted", m.Month, m.Talks, m.Attended, m.Notes, m.Closed))
		}
	}
	if !r.Open() {
		lines = append(lines, "", assets.T("Closed on %s", r.ClosedOn), assets.T("Review: %s", r.Review))
	}
	v.detail.SetText(strings.Join(lines, "\n"))
}

func (v *rectifyView) name() {
	n := store.NewRectification{Year: v.s.DB.Now().Year(), ReasonText: v.reasonText.Text, Leader: v.leader.Text, Plan: v.plan.Text}
	if i := v.village.SelectedIndex(); i >= 0 && i < len(v.villages) {
		n.VillageCode = v.villages[i].Code
	}
	chosen := map[string]bool{}
	for _, s := range v.reasons.Selected {
		chosen[s] = true
	}
	for _, r := range store.RectifyReasons() {
		if chosen[store.RectifyReasonLabel(r)] {
			n.Reasons = append(n.Reasons, r)
		}
	}
	for _, line := range strings.Split(v.items.Text, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		parts := strings.SplitN(strings.ReplaceAll(line, "｜", "|"), "|", 2)
		t := store.NewTask{Kind: store.TaskRectify, Title: parts[0], Owner: assets.T("Branch secretary")}
		if len(parts) > 1 {
			t.Due = strings.TrimSpace(parts[1])
		}
		n.Items = append(n.Items, t)
	}
	var err error
	v.add.Disable()
	v.s.Go(func(ctx context.Context) { _, _, err = v.s.DB.AddRectification(v.s.Ctx, n) }, func() {
		v.add.Enable()
		if err != nil {
			v.addErr.Set(assets.Chinese(err))
			return
		}
		v.addErr.Set("")
		v.reasonText.SetText("")
		v.plan.SetText("")
		v.items.SetText("")
		v.reasons.SetSelected(nil)
		v.tabs.SelectIndex(0)
		v.reload(0)
	})
}

func (v *rectifyView) recordEvent() {
	v.done.SetText("")
	if v.cur < 0 {
		v.visitErr.Set(assets.T("Choose a rectification in the list."))
		return
	}
	id, row := v.list[v.cur].ID, v.cur
	kinds := []string{store.RectifyTalk, store.RectifyAttend, store.RectifyProgress}
	kind := kinds[max(0, v.kind.SelectedIndex())]
	day, by, note := v.day.Date(), v.by.Text, v.note.Text
	var err error
	v.s.Go(func(ctx context.Context) { err = v.s.DB.RecordRectifyEvent(v.s.Ctx, id, kind, day, by, note) }, func() {
		if err != nil {
			v.visitErr.Set(assets.Chinese(err))
			return
		}
		v.visitErr.Set("")
		v.note.SetText("")
		v.done.SetText(assets.T("Recorded; it goes down to the village with the next sync."))
		v.reload(row)
	})
}

func (v *rectifyView) closeIt() {
	v.done.SetText("")
	if v.cur < 0 {
		v.visitErr.Set(assets.T("Choose a rectification in the list."))
		return
	}
	id, row := v.list[v.cur].ID, v.cur
	day, review := v.day.Date(), v.review.Text
	var err error
	v.s.Go(func(ctx context.Context) { err = v.s.DB.CloseRectification(v.s.Ctx, id, day, review) }, func() {
		if err != nil {
			v.visitErr.Set(assets.Chinese(err))
			return
		}
		v.visitErr.Set("")
		v.review.SetText("")
		v.done.SetText(assets.T("Rectification closed (销号)."))
		v.reload(row)
	})
}
