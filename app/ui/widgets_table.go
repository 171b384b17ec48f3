package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// textTable is the table newTextTable makes (a plain *widget.Table: a struct embedding a
// widget without ExtendBaseWidget renders and tests badly).
type textTable = widget.Table

// newTextTable makes a read-only table of text with a header row (the lists of members,
// users, import problems and history): headers and widths of the columns; rows and cell give
// the content; onSelect (may be nil) is called with the data row tapped. Widths are at
// 100 % text and grow with the text size.
func newTextTable(headers []string, widths []float32, rows func() int, cell func(row, col int) string, onSelect func(row int)) *textTable {
	t := widget.NewTable(
		func() (int, int) { return rows(), len(headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(cell(id.Row, id.Col))
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(headers) {
			o.(*widget.Label).SetText(headers[id.Col])
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w*textScale()) // widths are given at 100 % text
	}
	if onSelect != nil {
		t.OnSelected = func(id widget.TableCellID) {
			t.UnselectAll()
			if id.Row >= 0 && id.Row < rows() {
				onSelect(id.Row)
			}
		}
	}
	return t
}
