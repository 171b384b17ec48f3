package roster

import (
	"io"

	"github.com/xuri/excelize/v2"

	"zhibu/assets"
)

// readXLSX reads the first worksheet that has a header row. Cells are read raw, without
// their number format, so that a date cell gives its serial number whatever its display
// format; the value of a merged cell is copied into every cell it covers (a 党小组 cell
// merged down over its members belongs to each of them).
func (fm *Format) readXLSX(name string, r io.Reader) (*File, error) {
	x, err := excelize.OpenReader(r)
	if err != nil {
		return nil, assets.Wrap(err, "%s cannot be opened as an Excel workbook. It may be damaged or protected by a password: open it in Excel or WPS, save it again without a password, and try again.", name)
	}
	defer x.Close()
	props, err := x.GetWorkbookProps()
	date1904 := err == nil && props.Date1904 != nil && *props.Date1904
	for _, sheet := range x.GetSheetList() {
		cells, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, assets.Wrap(err, "%s cannot be opened as an Excel workbook. It may be damaged or protected by a password: open it in Excel or WPS, save it again without a password, and try again.", name)
		}
		if err := fillMerged(x, sheet, cells); err != nil {
			return nil, assets.Wrap(err, "%s cannot be opened as an Excel workbook. It may be damaged or protected by a password: open it in Excel or WPS, save it again without a password, and try again.", name)
		}
		rows := make([]row, len(cells))
		for i, c := range cells {
			rows[i] = row{n: i + 1, cells: c}
		}
		if f, ok := fm.parse(rows, date1904); ok {
			f.Sheet = sheet
			return f, nil
		}
	}
	return nil, noHeader(name)
}

// fillMerged copies the value of each merged range's top-left cell into the other cells of
// the range, within the rows and columns that hold values.
func fillMerged(x *excelize.File, sheet string, cells [][]string) error {
	merged, err := x.GetMergeCells(sheet, true)
	if err != nil {
		return err
	}
	width := 0
	for _, r := range cells {
		width = max(width, len(r))
	}
	for _, m := range merged {
		c1, r1, err := excelize.CellNameToCoordinates(m.GetStartAxis())
		if err != nil {
			return err
		}
		c2, r2, err := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err != nil {
			return err
		}
		if r1 > len(cells) || c1 > len(cells[r1-1]) {
			continue
		}
		v := cells[r1-1][c1-1]
		for r := r1; r <= r2 && r <= len(cells); r++ {
			for c := c1; c <= c2 && c <= width; c++ {
				for len(cells[r-1]) < c {
					cells[r-1] = append(cells[r-1], "")
				}
				cells[r-1][c-1] = v
			}
		}
	}
	return nil
}
