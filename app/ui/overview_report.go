package ui

import (
	"bytes"
	"context"
	"strings"
	"unicode/utf8"

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

// showReport previews the quarterly report of the quarter holding the chosen period and
// saves it as a spreadsheet or a PDF. Building and writing it run off the UI thread.
func (o *overview) showReport() {
	q := store.QuarterOf(o.current.Start())
	var r report.Report
	runBusy(o.s.Window, o.s.Ctx, assets.T("Working out the villages' figures…"), func(ctx context.Context, _ Progress) error {
		var err error
		r, err = report.Build(ctx, o.s.DB, q, nil)
		return err
	}, func(err error) {
		if canceled(err) {
			return
		}
		if err != nil {
			o.problem.Set(assets.Chinese(err))
			return
		}
		o.reportDialog(r)
	})
}

// reportDialog shows the built report with its save buttons, no larger than the window.
func (o *overview) reportDialog(r report.Report) {
	headers, rows := r.Preview()
	widths := make([]float32, len(headers))
	for i, h := range headers {
		// As wide as the header's text (one line, 15 px a character at 100 %): fixed 78 px
		// widths drew 党员平均参会率 over 党费收缴率.
		widths[i] = max(78, float32(utf8.RuneCountInString(h))*15+20)
	}
	widths[0], widths[len(widths)-1] = 130, 130
	table := newTextTable(headers, widths, func() int { return len(rows) }, func(row, col int) string { return rows[row][col] }, nil)
	table.StickyColumnCount = 1 // the village's name stays when the table scrolls sideways
	note := widget.NewLabel("")
	note.Wrapping = fyne.TextWrapWord
	// 填报人 / 审核人 / 联系电话 for the report's foot; the last ones typed are remembered.
	filled, reviewer, phone := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	filled.SetText(r.Sign.FilledBy)
	if a := fyne.CurrentApp(); a != nil {
		reviewer.SetText(a.Preferences().String("report.reviewer"))
		phone.SetText(a.Preferences().String("report.phone"))
	}
	signs := container.NewGridWithColumns(6, widget.NewLabel(assets.T("Filled in by (填报人)")), filled,
		widget.NewLabel(assets.T("Reviewer (审核人)")), reviewer, widget.NewLabel(assets.T("Telephone (联系电话)")), phone)
	var d dialog.Dialog
	save := func(ext string) {
		r.Sign = report.Signatures{FilledBy: strings.TrimSpace(filled.Text), Reviewer: strings.TrimSpace(reviewer.Text), Phone: strings.TrimSpace(phone.Text)}
		if a := fyne.CurrentApp(); a != nil {
			a.Preferences().SetString("report.reviewer", r.Sign.Reviewer)
			a.Preferences().SetString("report.phone", r.Sign.Phone)
		}
		chooseFile(o.s.Window, filePick{Mode: pickSave, Title: assets.T("Quarterly report"), Purpose: "report",
			Exts: []string{ext}, Name: r.Quarter + ext}, func(path string) {
			runBusy(o.s.Window, o.s.Ctx, assets.T("Quarterly report"), func(ctx context.Context, _ Progress) error {
				var buf bytes.Buffer
				var err error
				if ext == ".xlsx" {
					err = report.XLSX(&buf, r)
				} else {
					err = report.PDF(&buf, r)
				}
				if err == nil {
					err = atomicfile.WriteFile(path, buf.Bytes())
				}
				return err
			}, func(err error) {
				if err != nil {
					note.SetText(assets.Chinese(err))
					return
				}
				note.SetText(assets.T("Wrote %s (%d villages).", path, len(r.Villages)))
			})
		})
	}
	buttons := container.NewHBox(
		primaryButton(assets.T("Save as Excel…"), fynetheme.DocumentSaveIcon(), func() { save(".xlsx") }),
		widget.NewButtonWithIcon(assets.T("Save as PDF…"), fynetheme.DocumentPrintIcon(), func() { save(".pdf") }),
		widget.NewButton(assets.T("Close"), func() { d.Hide() }))
	title := widget.NewLabelWithStyle(r.Title()+"（"+r.SignLines()[0]+"）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(container.NewVBox(title, note), container.NewVBox(signs, container.NewHScroll(buttons)), nil, nil, table)
	size := dialogSize(o.s.Window, fyne.NewSize(1180, 560))
	d = dialog.NewCustomWithoutButtons(assets.T("Quarterly report"), boundedSize(size, content), o.s.Window)
	d.Show()
}
