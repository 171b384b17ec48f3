package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/app/notice"
	"zhibu/assets"
	"zhibu/store"
)

// noticePosting lists the notices printed and records one as posted, with the day and a
// photo of the board as proof.
type noticePosting struct {
	s       *Session
	list    []store.Notice
	table   *widget.Table
	chosen  int
	date    *dateField
	photo   []byte
	photoL  *widget.Label
	record  *widget.Button
	problem problemLabel
	done    *widget.Label
}

func newNoticePosting(s *Session) *noticePosting {
	p := &noticePosting{s: s, chosen: -1, date: newDateField(s.Window), photoL: widget.NewLabel(assets.T("No photo chosen")),
		problem: newProblemLabel(), done: widget.NewLabel("")}
	p.done.Importance = widget.SuccessImportance
	p.date.SetDate(s.DB.Now().Format("2006-01-02"))
	p.table = newTextTable([]string{assets.T("Kind of notice"), assets.T("Printed at"), assets.T("Posted at")}, []float32{190, 110, 110},
		func() int { return len(p.list) }, p.cell, p.choose)
	p.record = widget.NewButtonWithIcon(assets.T("Record as posted"), fynetheme.ConfirmIcon(), p.save)
	p.record.Disable()
	p.reload()
	return p
}

func (p *noticePosting) content() fyne.CanvasObject {
	pick := widget.NewButtonWithIcon(assets.T("Choose photo…"), fynetheme.FileImageIcon(), p.choosePhoto)
	if !p.s.User.CanWrite() {
		pick.Disable()
	}
	form := widget.NewForm(widget.NewFormItem(assets.T("Posted on"), p.date),
		widget.NewFormItem(assets.T("Photo of the board"), container.NewBorder(nil, nil, nil, pick, p.photoL)))
	return container.NewVBox(subheading(assets.T("Printed notices")), tallAs(180, p.table),
		hint(assets.T("Choose a notice in the list, then record the day it went up and a photo of the board.")),
		form, container.NewHBox(p.record), p.problem.Label, p.done)
}

func (p *noticePosting) reload() {
	ns, err := p.s.DB.Notices(p.s.Ctx, p.s.Home.ID)
	if err != nil {
		p.problem.Set(assets.Chinese(err))
		return
	}
	p.list = ns
	p.table.Refresh()
}

func (p *noticePosting) cell(row, col int) string {
	n := p.list[row]
	switch col {
	case 0:
		name := n.Kind
		if k, ok := notice.LookupKind(n.Kind); ok {
			name = assets.T(k.Label)
		}
		return name + " " + n.Period
	case 1:
		return n.PrintedAt
	}
	if n.PostedAt == "" {
		return assets.T("not posted yet")
	}
	if n.HasPhoto {
		return n.PostedAt + assets.T(", with photo")
	}
	return n.PostedAt
}

func (p *noticePosting) choose(row int) {
	p.chosen = row
	p.done.SetText("")
	if p.s.User.CanWrite() {
		p.record.Enable()
	}
}

func (p *noticePosting) choosePhoto() {
	choosePhotoFile(p.s.Window, store.MaxNoticePhotoBytes, p.problem.Set, func(name string, b []byte) {
		p.photo = b
		p.photoL.SetText(name)
	})
}

func (p *noticePosting) save() {
	if p.chosen < 0 || p.chosen >= len(p.list) {
		p.problem.Set(assets.T("Choose a notice in the list, then record the day it went up and a photo of the board."))
		return
	}
	n := p.list[p.chosen]
	if err := p.s.DB.MarkNoticePosted(p.s.Ctx, n.ID, p.date.Date(), p.photo); err != nil {
		p.problem.Set(assets.Chinese(err))
		return
	}
	p.problem.Set("")
	p.done.SetText(assets.T("Recorded the notice as posted on %s.", p.date.Date()))
	p.photo = nil
	p.photoL.SetText(assets.T("No photo chosen"))
	p.reload()
}

// tallAs gives o (a table, which has almost no minimum height) a minimum height of h.
func tallAs(h float32, o fyne.CanvasObject) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, h))
	return container.NewStack(r, o)
}
