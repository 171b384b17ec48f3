package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// canExtend says whether the candidate's probation can be extended now, or an extension
// decided earlier still waits for the higher committee's approval to be recorded.
func canExtend(c *store.Candidate) bool {
	return c != nil && c.Has(15) && !c.Has(24) && (c.Extension == 0 || c.ExtensionApprovedOn == "")
}

// extensionText says what was recorded of an extension (党章 第七条: decided by the branch
// meeting, approved by the higher committee), "" when there is none.
func extensionText(c *store.Candidate) string {
	switch {
	case c == nil || c.Extension == 0:
		return ""
	case c.ExtensionApprovedOn == "":
		return assets.T("Probation extended by %d months (branch meeting %s); waiting for the higher committee's approval.", c.Extension, c.ExtensionDecidedOn)
	}
	return assets.T("Probation extended by %d months (branch meeting %s, approved %s).", c.Extension, c.ExtensionDecidedOn, c.ExtensionApprovedOn)
}

// showExtend asks for the extension of the current candidate's probation: the months, the
// date of the branch meeting that decided it and, when it has come, the higher committee's
// approval. A refused entry keeps the dialog open with the reason, so nothing typed is lost.
func (v *pipelineView) showExtend() {
	c := v.cur
	if !canExtend(c) {
		return
	}
	var months []string
	for m := v.fig.MinExtension; m <= v.fig.MaxExtension; m++ {
		months = append(months, assets.T("%d months", m))
	}
	monthSel := newSelect(months, nil)
	decided := newDateField(v.s.Window)
	decided.SetPlaceHolder(assets.T("Date of the branch meeting (YYYY-MM-DD)"))
	approved := newDateField(v.s.Window)
	approved.Optional = true
	approved.SetPlaceHolder(assets.T("Leave empty until the approval comes"))
	if c.Extension > 0 { // decided earlier: only the approval is left to record
		monthSel.SetSelectedIndex(c.Extension - v.fig.MinExtension)
		monthSel.Disable()
		decided.SetDate(c.ExtensionDecidedOn)
		decided.Disable()
	} else {
		monthSel.SetSelectedIndex(0)
	}
	problem := newProblemLabel()
	intro := paragraph(assets.T("党章 第七条: an extension of the probation is decided by the branch meeting and approved by the higher party committee; it can be extended once, by %d to %d months.",
		v.fig.MinExtension, v.fig.MaxExtension), 420)
	form := widget.NewForm(
		widget.NewFormItem(assets.T("Extend by"), monthSel),
		widget.NewFormItem(assets.T("Branch meeting on"), decided),
		widget.NewFormItem(assets.T("Higher committee approved on"), approved))
	var dlg *dialog.CustomDialog
	save := primaryButton(assets.T("Save"), fynetheme.ConfirmIcon(), func() {
		x := store.ProbationExtension{Months: v.fig.MinExtension + monthSel.SelectedIndex(), DecidedOn: decided.Date(), ApprovedOn: approved.Date()}
		if err := v.s.DB.ExtendProbation(v.s.Ctx, c.ID, x); err != nil {
			problem.Set(assets.Chinese(err))
			return
		}
		dlg.Hide()
		v.done.SetText(assets.T("Recorded the extension of the probation of %s by %s months.", c.Name, strconv.Itoa(x.Months)))
		v.load()
		v.list.Refresh()
		v.refreshDetail()
	})
	cancel := widget.NewButton(assets.T("Cancel"), func() { dlg.Hide() })
	body := container.NewVBox(intro, form, problem.Label)
	dlg = dialog.NewCustomWithoutButtons(assets.T("Extend the probation of %s", c.Name),
		container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, save), nil, nil, body), v.s.Window)
	dlg.Resize(dialogSize(v.s.Window, fyne.NewSize(520, 360)))
	dlg.Show()
}
