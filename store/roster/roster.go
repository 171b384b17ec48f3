// Package roster reads member rosters (党员花名册) exported from Excel or older systems into
// normalised records, reporting every problem with its row and column, and writes them.
//
// Dates are returned as YYYY-MM-DD; a date given only to the month (1985.07, 1985年7月)
// becomes the first day of that month. Checking the records against the rules of a member
// file (required fields, ID check digits, enum values) is the store's job, not this package's.
package roster

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"zhibu/assets"
)

// Record is one data row of a roster.
type Record struct {
	Row int // row number as Excel shows it: title and header rows count, the first is 1
	// Fields maps canonical field names (name, gender, ethnicity, birth_date, id_number,
	// education, phone, address, joined_date, confirmed_date, status, position, group,
	// category, state, state_date, notes) to cleaned values. Every recognised column has an
	// entry, empty if its cell is empty; a cell with a problem keeps its cleaned text.
	Fields map[string]string
}

// Problem is something wrong with one cell or row of a roster.
type Problem struct {
	Row    int    // as in Record
	Column string // the column's header as written in the file; "" for the whole row
	Err    *assets.Error
}

func (p Problem) Error() string {
	if p.Column == "" {
		return fmt.Sprintf("Row %d: %s", p.Row, p.Err.Error())
	}
	return fmt.Sprintf("Row %d, column %s: %s", p.Row, p.Column, p.Err.Error())
}

// Chinese returns the problem in Chinese with its row and column.
func (p Problem) Chinese() string {
	if p.Column == "" {
		return assets.T("Row %d: %s", p.Row, p.Err.Chinese())
	}
	return assets.T("Row %d, column %s: %s", p.Row, p.Column, p.Err.Chinese())
}

// File is a roster read by Read.
type File struct {
	Sheet     string   // the worksheet read (empty for CSV)
	HeaderRow int      // row number of the header row
	Columns   []Column // recognised columns, in file order, with their header as written
	Ignored   []string // headers of the columns that were not recognised, in file order
	Records   []Record
	Problems  []Problem
}

// headerSearchRows is how many rows from the top may hold the header row, leaving room for
// a title, a subtitle ("填报单位：…") and blank lines above it.
const headerSearchRows = 10

// Read reads the roster in r; name is the file's name, whose extension (.xlsx or .csv)
// chooses the format. It returns an *assets.Error when the file cannot be read at all; the
// problems of single rows and cells are listed in the result's Problems.
func (f *Format) Read(name string, r io.Reader) (*File, error) {
	base := filepath.Base(name)
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		return f.readXLSX(base, r)
	case ".csv":
		return f.readCSV(base, r)
	case ".xls", ".et", ".wps":
		return nil, assets.Errorf("%s is in an old spreadsheet format that cannot be read. Open it in Excel or WPS, save it as an Excel workbook (.xlsx), and import that file.", base)
	default:
		return nil, assets.Errorf("%s cannot be imported: a roster must be an Excel workbook (.xlsx) or a CSV file (.csv). Open it in Excel or WPS, save it in one of these formats, and try again.", base)
	}
}

// row is one row of a sheet with its number as Excel shows it.
type row struct {
	n     int
	cells []string
}

// column is a recognised column of the file.
type column struct {
	index  int
	header string // as written
	field  string
}

// parse finds the header among the first rows and turns the rows below it into records.
// ok is false if no row has a name column.
func (fm *Format) parse(rows []row, date1904 bool) (f *File, ok bool) {
	h := -1
	for i := 0; i < len(rows) && rows[i].n <= headerSearchRows && h < 0; i++ {
		for _, c := range rows[i].cells {
			if fm.fieldOf(c) == "name" {
				h = i
				break
			}
		}
	}
	if h < 0 {
		return nil, false
	}
	f = &File{HeaderRow: rows[h].n}
	data := rows[h+1:]
	var cols []column
	for i, c := range rows[h].cells {
		switch field := fm.fieldOf(c); {
		case field != "":
			if eitherStatusOrCategory[headerKey(c)] {
				field = statusOrCategory(data, i, field)
			}
			cols = append(cols, column{index: i, header: strings.TrimSpace(c), field: field})
			f.Columns = append(f.Columns, Column{Field: field, Header: strings.TrimSpace(c)})
		case strings.TrimSpace(c) != "":
			f.Ignored = append(f.Ignored, strings.TrimSpace(c))
		}
	}
	for _, r := range data {
		if blank(r.cells, cols) || fm.isHeaderAgain(r.cells, cols) {
			continue
		}
		rec := Record{Row: r.n, Fields: make(map[string]string, len(cols))}
		for _, c := range cols {
			var v string
			if c.index < len(r.cells) {
				v = r.cells[c.index]
			}
			v, err := fm.clean(c.field, v, date1904)
			if err != nil {
				f.Problems = append(f.Problems, Problem{Row: r.n, Column: c.header, Err: err})
			}
			// Several columns may mean the same field (手机 and 电话): the first that is not
			// empty wins.
			if rec.Fields[c.field] == "" {
				rec.Fields[c.field] = v
			}
		}
		f.Records = append(f.Records, rec)
	}
	return f, true
}

// statusOrCategory decides whether column i holds 正式/预备 (status) or the management
// category, by its values; def is used when the column has no values.
func statusOrCategory(data []row, i int, def string) string {
	status, other := 0, 0
	for _, r := range data {
		if i >= len(r.cells) {
			continue
		}
		switch v := r.cells[i]; {
		case strings.Contains(v, "正式") || strings.Contains(v, "预备"):
			status++
		case strings.TrimSpace(v) != "":
			other++
		}
	}
	switch {
	case status > other:
		return "status"
	case other > 0:
		return "category"
	}
	return def
}

// blank reports whether every cell of the recognised columns is empty or spaces. Such rows
// are skipped: empty rows, and the rows of a template that only have their 序号 filled in.
func blank(cells []string, cols []column) bool {
	for _, c := range cols {
		if c.index < len(cells) && removeSpaces(cells[c.index]) != "" {
			return false
		}
	}
	return true
}

// isHeaderAgain reports whether a row repeats the header (printed rosters repeat it on
// every page, and a two-row header merges 姓名 down into the second row).
func (fm *Format) isHeaderAgain(cells []string, cols []column) bool {
	for _, c := range cols {
		if c.field == "name" && c.index < len(cells) {
			return fm.fieldOf(cells[c.index]) == "name"
		}
	}
	return false
}
