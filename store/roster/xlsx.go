package roster

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhibu/assets"
)

// readXLSX reads the first worksheet that has a header row. Cells are read raw, without
// their number format, so that a date cell gives its serial number whatever its display
// format; the value of a merged cell is copied into every cell it covers (a 党小组 cell
// merged down over its members belongs to each of them).
func (fm *Format) readXLSX(name string, r io.Reader) (*File, error) {
	damaged := func(err error) error {
		return assets.Wrap(err, "%s cannot be opened as an Excel workbook. It may be damaged or protected by a password: open it in Excel or WPS, save it again without a password, and try again.", name)
	}
	b, err := readAllBounded(name, r)
	if err != nil {
		return nil, err
	}
	if err := checkUnzipped(name, b); err != nil {
		return nil, err
	}
	// Worksheets stay in memory (never unpacked into the system's temporary folder).
	x, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: MaxUnzipBytes, UnzipXMLSizeLimit: MaxUnzipBytes})
	if err != nil {
		return nil, damaged(err)
	}
	defer x.Close()
	props, err := x.GetWorkbookProps()
	date1904 := err == nil && props.Date1904 != nil && *props.Date1904
	for _, sheet := range x.GetSheetList() {
		cells, err := sheetRows(name, x, sheet)
		if err != nil {
			return nil, err
		}
		if err := fillMerged(name, x, sheet, cells); err != nil {
			return nil, err
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

// checkUnzipped refuses an .xlsx whose parts unpack to more than MaxUnzipBytes (a "zip bomb":
// 2 MB that unpack to gigabytes). The sizes are those the archive declares; Go's zip reader
// fails on any part that unpacks to more than it declared.
func checkUnzipped(name string, b []byte) error {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return assets.Wrap(err, "%s cannot be opened as an Excel workbook. It may be damaged or protected by a password: open it in Excel or WPS, save it again without a password, and try again.", name)
	}
	var total uint64
	for _, f := range z.File {
		total += f.UncompressedSize64
		if total > MaxUnzipBytes {
			return assets.Errorf("%s unpacks to more than %d MB, far more than a roster. It may be damaged or made to harm the computer; nothing was imported. Open it in Excel or WPS, save it again, and try again.", name, MaxUnzipBytes>>20)
		}
	}
	return nil
}

// sheetRows reads a worksheet's cells raw, row by row, refusing a sheet whose declared size
// or whose rows exceed the limits before reading more of it.
func sheetRows(name string, x *excelize.File, sheet string) ([][]string, error) {
	if dim, err := x.GetSheetDimension(sheet); err == nil && dim != "" {
		if err := checkRange(name, dim); err != nil {
			return nil, err
		}
	}
	it, err := x.Rows(sheet)
	if err != nil {
		return nil, assets.Wrap(err, "%s cannot be opened as an Excel workbook. It may be damaged or protected by a password: open it in Excel or WPS, save it again without a password, and try again.", name)
	}
	defer it.Close()
	var cells [][]string
	for it.Next() {
		if len(cells) >= MaxRows+headerSearchRows {
			return nil, tooManyRows(name)
		}
		c, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, assets.Wrap(err, "%s cannot be opened as an Excel workbook. It may be damaged or protected by a password: open it in Excel or WPS, save it again without a password, and try again.", name)
		}
		if len(c) > MaxColumns {
			return nil, tooManyColumns(name)
		}
		cells = append(cells, c)
	}
	return cells, it.Error()
}

// checkRange refuses a range (A1:XFD1048576) larger than a roster can be.
func checkRange(name, ref string) error {
	from, to, ok := strings.Cut(ref, ":")
	if !ok {
		return nil
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil {
		return nil
	}
	if r2-r1 >= MaxRows+headerSearchRows {
		return tooManyRows(name)
	}
	if c2-c1 >= MaxColumns {
		return tooManyColumns(name)
	}
	return nil
}

func tooManyColumns(name string) error {
	return assets.Errorf("%s has more than %d columns, more than a roster can have. Check that it is the right file, or delete the empty columns at the right and save it again.", name, MaxColumns)
}

// fillMerged copies the value of each merged range's top-left cell into the other cells of
// the range, within the rows and columns that hold values.
func fillMerged(name string, x *excelize.File, sheet string, cells [][]string) error {
	merged, err := x.GetMergeCells(sheet, true)
	if err != nil {
		return assets.Wrap(err, "%s cannot be opened as an Excel workbook. It may be damaged or protected by a password: open it in Excel or WPS, save it again without a password, and try again.", name)
	}
	width := 0
	for _, r := range cells {
		width = max(width, len(r))
	}
	for _, m := range merged {
		if err := checkRange(name, m.GetStartAxis()+":"+m.GetEndAxis()); err != nil {
			return err
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err := errors.Join(err1, err2); err != nil {
			return assets.Wrap(err, "%s cannot be opened as an Excel workbook. It may be damaged or protected by a password: open it in Excel or WPS, save it again without a password, and try again.", name)
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
