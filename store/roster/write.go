package roster

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// SheetName is the name of the worksheet Write creates (part of the file format).
const SheetName = "党员花名册"

// Write writes an Excel workbook (.xlsx) with one sheet, SheetName: header in bold on a
// frozen first row, then rows. Every cell is text and every column is formatted as text, so
// Excel keeps ID numbers, phone numbers and dates such as 1985.10 exactly as typed (it would
// turn an ID number into 4.10901E+17 otherwise). Column widths follow the content. With no
// rows it writes an empty template.
func Write(w io.Writer, header []string, rows [][]string) error {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName(x.GetSheetName(0), SheetName); err != nil {
		return fmt.Errorf("write roster: %w", err)
	}
	text, err := x.NewStyle(&excelize.Style{NumFmt: 49}) // 49 is the built-in "@" (text) format
	if err != nil {
		return fmt.Errorf("write roster: %w", err)
	}
	bold, err := x.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	if err != nil {
		return fmt.Errorf("write roster: %w", err)
	}
	sw, err := x.NewStreamWriter(SheetName)
	if err != nil {
		return fmt.Errorf("write roster: %w", err)
	}
	ncol := len(header)
	for _, r := range rows {
		ncol = max(ncol, len(r))
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("write roster: %w", err)
	}
	for c, wd := range columnWidths(ncol, header, rows) {
		if err := sw.SetColWidth(c+1, c+1, wd); err != nil {
			return fmt.Errorf("write roster: %w", err)
		}
	}
	if ncol > 0 {
		if err := sw.SetColStyle(1, ncol, text); err != nil {
			return fmt.Errorf("write roster: %w", err)
		}
	}
	if err := sw.SetRow("A1", cellsOf(header, bold), excelize.RowOpts{Height: 20}); err != nil {
		return fmt.Errorf("write roster: %w", err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, cellsOf(r, text)); err != nil {
			return fmt.Errorf("write roster: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("write roster: %w", err)
	}
	if err := x.Write(w); err != nil {
		return fmt.Errorf("write roster: %w", err)
	}
	return nil
}

func cellsOf(values []string, style int) []any {
	cells := make([]any, len(values))
	for i, v := range values {
		cells[i] = excelize.Cell{StyleID: style, Value: v}
	}
	return cells
}

// columnWidths returns a width for each column, in Excel's units (about one Latin character;
// a Chinese character takes two), from the widest cell, between 6 and 50.
func columnWidths(ncol int, header []string, rows [][]string) []float64 {
	widths := make([]float64, ncol)
	measure := func(r []string) {
		for i, v := range r {
			n := 0
			for _, c := range v {
				if c < utf8.RuneSelf {
					n++
				} else {
					n += 2
				}
			}
			widths[i] = max(widths[i], float64(n+2))
		}
	}
	measure(header)
	for _, r := range rows {
		measure(r)
	}
	for i := range widths {
		widths[i] = min(max(widths[i], 6), 50)
	}
	return widths
}
