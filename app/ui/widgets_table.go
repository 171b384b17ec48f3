package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// textTable is a read-only table of text with a header row: the lists of members, users,
// import problems and history.
type textTable struct {
	*widget.Table
	headers []string
	rows    func() int
	cell    func(row, col int) string
}

// newTextTable makes a table with the column headers and widths; rows and cell give the
// content; onSelect (may be nil) is called with the data row tapped.
func newTextTable(headers []string, widths []float32, rows func() int, cell func(row, col int) string, onSelect func(row int)) *textTable {
	t := &textTable{headers: headers, rows: rows, cell: cell}
	t.Table = widget.NewTable(
		func() (int, int) { return t.rows(), len(t.headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(t.cell(id.Row, id.Col))
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle.Bold = true
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(t.headers) {
			o.(*widget.Label).SetText(t.headers[id.Col])
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	if onSelect != nil {
		t.OnSelected = func(id widget.TableCellID) {
			t.UnselectAll()
			if id.Row >= 0 && id.Row < t.rows() {
				onSelect(id.Row)
			}
		}
	}
	return t
}
