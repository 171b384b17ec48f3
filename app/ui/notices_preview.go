package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"zhibu/app/notice"
	"zhibu/assets"
)

// previewRows is how many rows of each table the preview draws; the PDF has them all.
const previewRows = 12

var (
	paperWhite = color.NRGBA{255, 255, 255, 255}
	titleRed   = color.NRGBA{200, 16, 16, 255}
	ruleGrey   = color.NRGBA{120, 120, 120, 255}
)

// noticePreview draws a notice's Document on a white sheet: the same title, wording, table
// and signature the PDF prints, laid out by Fyne (the PDF's own line breaks may differ).
func noticePreview(doc notice.Document) fyne.CanvasObject {
	title := canvas.NewText(doc.Title, titleRed)
	title.TextSize = 20
	title.Alignment = fyne.TextAlignCenter
	rule := canvas.NewRectangle(titleRed)
	rule.SetMinSize(fyne.NewSize(10, 2))
	parts := []fyne.CanvasObject{title, rule}
	para := func(s string) {
		l := widget.NewLabel("　　" + s)
		l.Wrapping = fyne.TextWrapWord
		parts = append(parts, l)
	}
	for _, s := range doc.Preface {
		para(s)
	}
	for _, t := range doc.Tables {
		if t.Caption != "" {
			parts = append(parts, widget.NewLabel(t.Caption))
		}
		if len(t.Rows) == 0 {
			para(t.Empty)
			continue
		}
		parts = append(parts, previewTable(t))
	}
	for _, s := range doc.Footer {
		para(s)
	}
	if doc.Contact != "" {
		para(doc.Contact)
	}
	issuer := widget.NewLabel(doc.Issuer + "\n" + notice.ChineseDate(doc.Date))
	issuer.Alignment = fyne.TextAlignCenter
	parts = append(parts, layout.NewSpacer(), container.NewHBox(layout.NewSpacer(), issuer, fixedWidth(40, layout.NewSpacer())))
	sheet := container.NewVBox(parts...)
	bg := canvas.NewRectangle(paperWhite)
	bg.StrokeColor = ruleGrey
	bg.StrokeWidth = 1
	return container.NewStack(bg, container.NewPadded(container.NewPadded(sheet)))
}

// previewTable draws the first rows of a table with its columns sized by their weights.
func previewTable(t notice.Table) fyne.CanvasObject {
	weights := make([]float32, len(t.Columns))
	headers := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		weights[i], headers[i] = float32(c.Weight), c.Header
	}
	row := func(cells []string, bold bool) fyne.CanvasObject {
		objs := make([]fyne.CanvasObject, len(weights))
		for i := range weights {
			text := ""
			if i < len(cells) {
				text = cells[i]
			}
			l := widget.NewLabel(text)
			l.Truncation = fyne.TextTruncateEllipsis
			l.TextStyle.Bold = bold
			if t.Columns[i].Align != "L" {
				l.Alignment = fyne.TextAlignCenter
			}
			border := canvas.NewRectangle(color.Transparent)
			border.StrokeColor, border.StrokeWidth = ruleGrey, 1
			objs[i] = container.NewStack(border, l)
		}
		return container.New(&weightedRow{weights: weights}, objs...)
	}
	rows := []fyne.CanvasObject{row(headers, true)}
	for i, r := range t.Rows {
		if i == previewRows {
			more := widget.NewLabel(assets.T("… %d rows in all: the PDF lists every one.", len(t.Rows)))
			more.Importance = widget.LowImportance
			rows = append(rows, more)
			break
		}
		rows = append(rows, row(r, false))
	}
	return container.New(layout.NewCustomPaddedVBoxLayout(0), rows...)
}

// weightedRow lays its objects side by side with widths in proportion to weights.
type weightedRow struct{ weights []float32 }

func (w *weightedRow) total() float32 {
	var s float32
	for _, x := range w.weights {
		s += x
	}
	return s
}

func (w *weightedRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h, minW float32
	for _, o := range objs {
		m := o.MinSize()
		h = max(h, m.Height)
		minW += 30
	}
	return fyne.NewSize(minW, h)
}

func (w *weightedRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	total := w.total()
	x := float32(0)
	for i, o := range objs {
		cw := size.Width * w.weights[i] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(cw, size.Height))
		x += cw
	}
}
