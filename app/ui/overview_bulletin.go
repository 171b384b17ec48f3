package ui

import (
	"bytes"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/app/report"
	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/atomicfile"
)

// bulletinForm prepares the township's 通报 for a period: the villages' figures as the PDF
// will print them (report.Bulletin, the one KPI computation), the good practice the clerk
// writes, and saving it as a PDF.
type bulletinForm struct {
	s       *Session
	periods []store.Period
	period  *widget.Select
	good    *widget.Entry
	doc     [][]string
	table   *textTable
	note    *widget.Label
	problem problemLabel
	root    fyne.CanvasObject
	saved   string // the good practice as last saved in a PDF
}

func newBulletinForm(s *Session, periods []store.Period, current store.Period) *bulletinForm {
	b := &bulletinForm{s: s, periods: periods, note: widget.NewLabel(""), problem: newProblemLabel()}
	b.note.Importance = widget.SuccessImportance
	var labels []string
	sel := 0
	for i, p := range periods {
		labels = append(labels, p.Label())
		if p == current {
			sel = i
		}
	}
	b.period = newSelect(labels, func(string) { b.preview() })
	b.good = widget.NewMultiLineEntry()
	b.good.Wrapping = fyne.TextWrapWord
	b.good.SetMinRowsVisible(4)
	b.good.SetPlaceHolder(assets.T("Good practice seen in the villages, one paragraph a line (printed under 三、好的做法)"))
	headers := []string{assets.T("No."), assets.T("Village party organisation"), assets.T("On-time rate"), assets.T("Attendance (column)"),
		assets.T("Dues rate (column)"), assets.T("Items closed"), assets.T("Items overdue")}
	b.table = newTextTable(headers, []float32{50, 200, 100, 80, 80, 80, 80}, func() int { return len(b.doc) },
		func(row, col int) string { return b.doc[row][col] }, nil)
	save := primaryButton(assets.T("Save as PDF…"), fynetheme.DocumentPrintIcon(), func() {
		chooseFile(s.Window, filePick{Mode: pickSave, Title: assets.T("Save the bulletin"), Purpose: "bulletin", Exts: []string{".pdf"},
			Name: assets.T("bulletin-%s.pdf", b.current().String())}, b.save)
	})
	top := container.NewVBox(container.NewHBox(widget.NewLabel(assets.T("Period")), fixedWidth(180, b.period)),
		hint(assets.T("The villages are listed in the order of their codes, not ranked; no member is named.")))
	bottom := container.NewVBox(widget.NewLabel(assets.T("Good practice")), b.good, b.problem.Label, b.note, container.NewHBox(save))
	b.root = container.NewBorder(top, bottom, nil, nil, b.table)
	b.period.SetSelectedIndex(sel)
	return b
}

func (b *bulletinForm) current() store.Period {
	if i := b.period.SelectedIndex(); i >= 0 && i < len(b.periods) {
		return b.periods[i]
	}
	return b.periods[0]
}

// preview shows the rows the bulletin of the chosen period prints.
func (b *bulletinForm) preview() {
	if b.table == nil {
		return
	}
	doc, err := report.Bulletin(b.s.Ctx, b.s.DB, b.current(), "")
	if err != nil {
		b.problem.Set(assets.Chinese(err))
		return
	}
	b.problem.Set("")
	b.doc = doc.Tables[0].Rows
	b.table.Refresh()
}

// save writes the bulletin with the good practice as typed; a refusal writes nothing.
func (b *bulletinForm) save(path string) {
	var buf bytes.Buffer
	_, err := report.PrintBulletin(b.s.Ctx, b.s.DB, b.current(), b.good.Text, &buf)
	if err == nil {
		err = atomicfile.WriteFile(path, buf.Bytes())
		if err != nil {
			err = assets.Wrap(err, "Cannot write the file %s.", path)
		}
	}
	if err != nil {
		b.note.SetText("")
		b.problem.Set(assets.Chinese(err))
		return
	}
	b.problem.Set("")
	b.saved = b.good.Text
	b.note.SetText(assets.T("Saved the bulletin (%s villages) to %s.", strconv.Itoa(len(b.doc)), path))
}

// showBulletin opens the bulletin for the period the overview shows.
func (o *overview) showBulletin() {
	b := newBulletinForm(o.s, o.periods, o.current)
	var d dialog.Dialog
	// The good practice typed and not yet in a saved PDF is not lost to 关闭 without a question.
	closeBtn := widget.NewButton(assets.T("Close"), func() {
		confirmDiscard(o.s.Window, func() bool { return b.good.Text != b.saved }, d.Hide)
	})
	content := container.NewBorder(nil, container.NewHBox(closeBtn), nil, nil, b.root)
	d = dialog.NewCustomWithoutButtons(assets.T("Bulletin (通报)"), fixedSize(fyne.NewSize(900, 600), content), o.s.Window)
	d.Show()
}
