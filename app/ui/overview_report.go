package ui

import (
	"bytes"
	"strings"

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
// saves it as a spreadsheet or a PDF.
func (o *overview) showReport() {
	q := store.QuarterOf(o.current.Start())
	r, err := report.Build(o.s.Ctx, o.s.DB, q, nil)
	if err != nil {
		o.problem.Set(assets.Chinese(err))
		return
	}
	headers, rows := r.Preview()
	widths := make([]float32, len(headers))
	for i := range widths {
		widths[i] = 78
	}
	widths[0], widths[len(widths)-1] = 130, 130
	table := newTextTable(headers, widths, func() int { return len(rows) }, func(row, col int) string { return rows[row][col] }, nil)
	note := widget.NewLabel("")
	var d dialog.Dialog
	save := func(ext string) {
		fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			path := w.URI().Path()
			w.Close()
			if !strings.HasSuffix(strings.ToLower(path), ext) {
				path += ext
			}
			var buf bytes.Buffer
			if ext == ".xlsx" {
				err = report.XLSX(&buf, r)
			} else {
				err = report.PDF(&buf, r)
			}
			if err == nil {
				err = atomicfile.WriteFile(path, buf.Bytes())
			}
			if err != nil {
				note.SetText(assets.Chinese(err))
				return
			}
			note.SetText(assets.T("Wrote %s (%d villages).", path, len(r.Villages)))
		}, o.s.Window)
		fd.SetFileName(r.Quarter + ext)
		fd.Show()
	}
	buttons := container.NewHBox(
		primaryButton(assets.T("Save as Excel…"), fynetheme.DocumentSaveIcon(), func() { save(".xlsx") }),
		widget.NewButtonWithIcon(assets.T("Save as PDF…"), fynetheme.DocumentPrintIcon(), func() { save(".pdf") }),
		widget.NewButton(assets.T("Close"), func() { d.Hide() }))
	content := container.NewBorder(container.NewVBox(subheading(r.Title()), note), buttons, nil, nil, table)
	d = dialog.NewCustomWithoutButtons(assets.T("Quarterly report"), fixedSize(fyne.NewSize(1180, 560), content), o.s.Window)
	d.Show()
}
