package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/app/notice"
	"zhibu/assets"
	"zhibu/store"
)

// The township's corrections on the 整顿 screen: print the plan (整顿工作方案), correct the
// reasons, leader and plan, delete a rectification named by mistake, and correct or delete a
// visit (store/branchwork_edit.go).

func eventLine(e store.RectifyEvent) string {
	return fmt.Sprintf("%s  %s  %s  %s", e.Day, store.RectifyEventLabel(e.Kind), e.By, e.Note)
}

// showEvents lists the visits of r, each with 修改 and 删除 while r is open.
func (v *rectifyView) showEvents(r store.Rectification) {
	v.events.Add(subheading(assets.T("Talks, attendance and progress:")))
	for _, e := range r.Events {
		e := e
		l := widget.NewLabel(eventLine(e))
		l.Wrapping = fyne.TextWrapWord
		edit := widget.NewButtonWithIcon("", fynetheme.DocumentCreateIcon(), func() { v.editEvent(e) })
		del := widget.NewButtonWithIcon("", fynetheme.DeleteIcon(), func() { v.deleteEvent(e) })
		if !r.Open() || !v.s.User.CanAdmin() {
			edit.Disable()
			del.Disable()
		}
		v.events.Add(container.NewBorder(nil, nil, nil, container.NewHBox(edit, del), l))
	}
}

func (v *rectifyView) print() {
	if v.cur < 0 {
		return
	}
	r := v.list[v.cur]
	saveNoticePDF(v.s, v.problem, notice.Request{Kind: notice.RectifyPlan, Subject: r.ID},
		assets.T("Rectification plan of %s %d.pdf", v.names[r.VillageID], r.Year))
}

func (v *rectifyView) edit() {
	if v.cur < 0 {
		return
	}
	r, row := v.list[v.cur], v.cur
	var labels []string
	for _, x := range store.RectifyReasons() {
		labels = append(labels, store.RectifyReasonLabel(x))
	}
	reasons := widget.NewCheckGroup(labels, nil)
	var sel []string
	for _, x := range r.Reasons {
		sel = append(sel, store.RectifyReasonLabel(x))
	}
	reasons.SetSelected(sel)
	text, leader, plan := widget.NewEntry(), widget.NewEntry(), widget.NewMultiLineEntry()
	text.SetText(r.ReasonText)
	text.SetPlaceHolder(assets.T("Reasons in words (optional)"))
	leader.SetText(r.Leader)
	plan.SetText(r.Plan)
	plan.SetMinRowsVisible(3)
	plan.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(assets.T("Reasons"), reasons), widget.NewFormItem("", text),
		widget.NewFormItem(assets.T("Leader in charge (包联)"), leader), widget.NewFormItem(assets.T("Rectification plan"), plan))
	body := container.NewVBox(widget.NewLabel(assets.T("%s: rectification of %d", v.names[r.VillageID], r.Year)), form,
		hint(assets.T("The items of the plan are followed in the rectification ledger.")))
	v.edLeader = leader
	v.dlg = editDialog(v.s, assets.T("Correct the rectification"), body, fyne.NewSize(560, 560), func(ctx context.Context) error {
		e := store.RectifyEdit{ReasonText: text.Text, Leader: leader.Text, Plan: plan.Text}
		chosen := map[string]bool{}
		for _, x := range reasons.Selected {
			chosen[x] = true
		}
		for _, x := range store.RectifyReasons() {
			if chosen[store.RectifyReasonLabel(x)] {
				e.Reasons = append(e.Reasons, x)
			}
		}
		return v.s.DB.UpdateRectification(ctx, r.ID, e)
	}, func() {
		v.say(assets.T("Corrected; it goes down to the village with the next sync."))
		v.reload(row)
	})
}

func (v *rectifyView) delete() {
	if v.cur < 0 {
		return
	}
	r := v.list[v.cur]
	name := v.names[r.VillageID]
	var kept int
	v.confirm = confirmDelete(v.s, assets.T("Delete the rectification?"),
		assets.T("The rectification of %s for %d, its visits and the items of its plan the village has not worked on will be deleted, here and, after the next sync, on the village's PC. Only do this for a rectification recorded by mistake.", name, r.Year),
		func(ctx context.Context) error {
			var err error
			kept, err = v.s.DB.DeleteRectification(ctx, r.ID)
			return err
		}, func(err error) {
			if err != nil {
				v.problem.Set(assets.Chinese(err))
				return
			}
			v.problem.Set("")
			msg := assets.T("Deleted the rectification of %s for %d.", name, r.Year)
			if kept > 0 {
				msg += " " + assets.T("%d items the village has already worked on stay in its rectification ledger.", kept)
			}
			v.say(msg)
			v.reload(-1)
		})
}

func (v *rectifyView) editEvent(e store.RectifyEvent) {
	row := v.cur
	kinds := []string{store.RectifyTalk, store.RectifyAttend, store.RectifyProgress}
	var labels []string
	for _, k := range kinds {
		labels = append(labels, store.RectifyEventLabel(k))
	}
	kind := widget.NewSelect(labels, nil)
	kind.SetSelected(store.RectifyEventLabel(e.Kind))
	day := newDateField(v.s.Window)
	day.SetDate(e.Day)
	by, note := widget.NewEntry(), widget.NewMultiLineEntry()
	by.SetText(e.By)
	note.SetText(e.Note)
	note.SetMinRowsVisible(3)
	note.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(assets.T("Kind of visit"), kind), widget.NewFormItem(assets.T("Date"), day),
		widget.NewFormItem(assets.T("Who went"), by), widget.NewFormItem(assets.T("What was said or done"), note))
	v.edNote = note
	v.dlg = editDialog(v.s, assets.T("Correct the visit"), form, fyne.NewSize(520, 400), func(ctx context.Context) error {
		k := e.Kind
		if i := kind.SelectedIndex(); i >= 0 {
			k = kinds[i]
		}
		return v.s.DB.UpdateRectifyEvent(ctx, e.ID, k, day.Date(), by.Text, note.Text)
	}, func() {
		v.say(assets.T("Corrected; it goes down to the village with the next sync."))
		v.reload(row)
	})
}

func (v *rectifyView) deleteEvent(e store.RectifyEvent) {
	row := v.cur
	v.confirm = confirmDelete(v.s, assets.T("Delete the visit?"), assets.T("The %s of %s will be deleted. Only do this for a visit recorded by mistake.", store.RectifyEventLabel(e.Kind), e.Day),
		func(ctx context.Context) error { return v.s.DB.DeleteRectifyEvent(ctx, e.ID) },
		func(err error) {
			if err != nil {
				v.problem.Set(assets.Chinese(err))
				return
			}
			v.problem.Set("")
			v.say(assets.T("Deleted; it goes down to the village with the next sync."))
			v.reload(row)
		})
}

// say shows what a correction did (an empty text hides the line).
func (v *rectifyView) say(text string) {
	v.info.SetText(text)
	v.info.Hidden = text == ""
	v.info.Refresh()
}
