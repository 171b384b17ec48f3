package form

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// cell is one non-empty cell of a sheet.
type cell struct {
	ref      string
	row, col int
	text     string // the raw value
	formula  string
}

// bounds returns the last row and column a sheet uses, from its rows and its dimension.
func bounds(f *excelize.File, sh string) (rows [][]string, maxRow, maxCol int, err error) {
	rows, err = f.GetRows(sh, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, 0, 0, err
	}
	maxRow = len(rows)
	for _, r := range rows {
		maxCol = max(maxCol, len(r))
	}
	if d, err := f.GetSheetDimension(sh); err == nil {
		if i := strings.LastIndex(d, ":"); i >= 0 {
			if c, r, err := excelize.CellNameToCoordinates(d[i+1:]); err == nil && r <= 100000 && c <= 1000 {
				maxRow, maxCol = max(maxRow, r), max(maxCol, c)
			}
		}
	}
	return rows, maxRow, maxCol, nil
}

// sheetCells lists the cells of a sheet that hold a value or a formula.
func sheetCells(f *excelize.File, sh string) ([]cell, error) {
	rows, maxRow, maxCol, err := bounds(f, sh)
	if err != nil {
		return nil, err
	}
	var out []cell
	for r := 1; r <= maxRow; r++ {
		for c := 1; c <= maxCol; c++ {
			ref, _ := excelize.CoordinatesToCellName(c, r)
			x := cell{ref: ref, row: r, col: c}
			if r <= len(rows) && c <= len(rows[r-1]) {
				x.text = rows[r-1][c-1]
			}
			if x.formula, err = f.GetCellFormula(sh, ref); err != nil {
				return nil, err
			}
			if x.formula != "" {
				x.text = ""
			}
			if x.text != "" || x.formula != "" {
				out = append(out, x)
			}
		}
	}
	return out, nil
}

// formulaCells lists the cells of a sheet that hold a formula.
func formulaCells(f *excelize.File, sh string) ([]cell, error) {
	cs, err := sheetCells(f, sh)
	if err != nil {
		return nil, err
	}
	var out []cell
	for _, c := range cs {
		if c.formula != "" {
			out = append(out, c)
		}
	}
	return out, nil
}

// rangeRef matches an area reference such as B5:B5, $C$5:$C$9 or '汇总表'!D5:D5.
var rangeRef = regexp.MustCompile(`((?:'(?:[^']|'')+'|[^\s!:(),'"=+\-*/&<>^]+)!)?(\$?)([A-Z]{1,3})(\$?)([0-9]+):(\$?)([A-Z]{1,3})(\$?)([0-9]+)`)

// stretch rewrites a formula so that each area on sheet target whose last row is end and
// whose first row lies in [start, end] ends added rows lower: a total over the repeated
// rows then covers every copy, as Excel does when rows are inserted inside a range. here is
// the sheet the formula is on.
func stretch(formula, here, target string, start, end, added int) string {
	return rangeRef.ReplaceAllStringFunc(formula, func(m string) string {
		g := rangeRef.FindStringSubmatch(m)
		sheet := here
		if g[1] != "" {
			sheet = strings.TrimSuffix(g[1], "!")
			if strings.HasPrefix(sheet, "'") {
				sheet = strings.ReplaceAll(strings.Trim(sheet, "'"), "''", "'")
			}
		}
		r1, _ := strconv.Atoi(g[5])
		r2, _ := strconv.Atoi(g[9])
		if sheet != target || r2 != end || r1 < start || r1 > end {
			return m
		}
		return g[1] + g[2] + g[3] + g[4] + g[5] + ":" + g[6] + g[7] + g[8] + strconv.Itoa(r2+added)
	})
}
