package ui

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// exemptDialog records 少交或免交 for a member: the amount a month (0 for 免交), the day the
// branch decided, the higher committee that approved and the day it did
// (关于中国共产党党费收缴、使用和管理的规定（2008）; issue 23: only the command line had it). A
// member owing 0.00 a month is then paid up, never 「视为自行脱党」. done gets what was saved.
func (v *duesView) exemptDialog(m store.Member, done func(msg string)) {
	amount := widget.NewEntry()
	amount.SetPlaceHolder(assets.T("yuan a month; 0 for 免交"))
	decided := newDateField(v.s.Window)
	approvedBy := widget.NewEntry()
	approvedBy.SetPlaceHolder(assets.T("e.g. 城关镇党委"))
	approved := newDateField(v.s.Window)
	if p, err := v.s.DB.DuesProfile(v.s.Ctx, m.ID); err == nil && p.ExemptApprovedOn != "" {
		if p.Fixed != nil {
			amount.SetText(store.Yuan(*p.Fixed))
		}
		decided.SetDate(p.ExemptDecidedOn)
		approvedBy.SetText(p.ExemptApprovedBy)
		approved.SetDate(p.ExemptApprovedOn)
	}
	problem := newProblemLabel()
	form := widget.NewForm(
		widget.NewFormItem(assets.T("Amount a month"), amount),
		widget.NewFormItem(assets.T("Decided by the branch on"), decided),
		widget.NewFormItem(assets.T("Approved by (higher committee)"), approvedBy),
		widget.NewFormItem(assets.T("Approved on"), approved))
	intro := paragraph(assets.T("A member in real difficulty may pay less or nothing when the branch decides and the higher party committee approves. Record both here; the amount replaces the computed one."), 460)
	content := container.NewVBox(intro, form, problem.Label)
	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm(assets.T("Reduced or waived dues: %s", m.Name), assets.T("Save"), assets.T("Cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		fen, err := store.ParseYuan(amount.Text)
		if err == nil {
			err = v.s.DB.SetDuesExemption(v.s.Ctx, store.DuesExemption{MemberID: m.ID, Amount: fen,
				DecidedOn: decided.Date(), ApprovedBy: approvedBy.Text, ApprovedOn: approved.Date()})
		}
		if err != nil {
			problem.Set(assets.Chinese(err))
			d.Show() // stays open with the reason; nothing was saved
			return
		}
		v.loadThen(func() { done(assets.T("Saved. %s", v.status[m.ID].Basis)) })
	}, v.s.Window)
	d.Show()
}
