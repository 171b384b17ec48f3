package form

import (
	"context"

	"github.com/xuri/excelize/v2"

	"zhibu/store"
)

// What the mapper shows: a form's sheets as a grid of text, and each indicator's value for a
// period.

// Grid limits: the part of a sheet the mapper shows.
const (
	GridRows = 300
	GridCols = 40
)

// Sheet is one sheet of a form as text: formulas as =…, the rest as stored.
type Sheet struct {
	Name  string
	Cells [][]string // [row][col], at most GridRows × GridCols
}

// Sheets reads a form's sheets for the mapper (the workbook was checked when stored).
func Sheets(data []byte) ([]Sheet, error) {
	f, err := open(data)
	if err != nil {
		return nil, refuse("The stored form cannot be read. Add the form again from its .xlsx file.")
	}
	defer f.Close()
	var out []Sheet
	for _, sh := range f.GetSheetList() {
		cs, err := sheetCells(f, sh)
		if err != nil {
			return nil, err
		}
		s := Sheet{Name: sh}
		rows, cols := 0, 0
		for _, c := range cs {
			if c.row <= GridRows && c.col <= GridCols {
				rows, cols = max(rows, c.row), max(cols, c.col)
			}
		}
		// A little room beyond the last cell used, to mark an empty cell below or beside it.
		rows, cols = min(rows+3, GridRows), min(cols+2, GridCols)
		s.Cells = make([][]string, rows)
		for i := range s.Cells {
			s.Cells[i] = make([]string, cols)
		}
		for _, c := range cs {
			if c.row <= rows && c.col <= cols {
				if c.formula != "" {
					s.Cells[c.row-1][c.col-1] = "=" + c.formula
				} else {
					s.Cells[c.row-1][c.col-1] = c.text
				}
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// CellName is the mapping key of a cell: Sheet!B7 (row and column from 0).
func CellName(sheet string, row, col int) string {
	ref, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return sheet + "!" + ref
}

// Preview holds a period's figures to show each indicator's value beside it.
type Preview struct {
	villages []scope
	total    scope
}

// NewPreview computes the period's figures (store.KPIs, as the fill does).
func NewPreview(ctx context.Context, db *store.DB, p store.Period) (*Preview, error) {
	ks, err := db.KPIs(ctx, p, nil)
	if err != nil {
		return nil, err
	}
	home, err := db.Home(ctx)
	if err != nil {
		return nil, err
	}
	base := scope{home: home, period: p, today: db.Now(), count: len(ks)}
	pv := &Preview{total: base}
	pv.total.k = store.Totals(ks, p)
	pv.total.k.OrgName, pv.total.k.OrgCode = home.Name, home.Code
	for i, k := range ks {
		sc := base
		sc.k, sc.village, sc.seq = k, true, i+1
		pv.villages = append(pv.villages, sc)
	}
	return pv, nil
}

// Villages is the number of villages the preview holds.
func (pv *Preview) Villages() int { return len(pv.villages) }

// Township is the indicator's value for the township as a form shows it ("" if it has none
// at that level).
func (pv *Preview) Township(in Indicator) string {
	if in.Level == LevelVillage {
		return ""
	}
	return in.get(&pv.total).String()
}

// Village is the indicator's value for the i-th village (from 0) and the village's name.
func (pv *Preview) Village(in Indicator, i int) (string, string) {
	if i < 0 || i >= len(pv.villages) || in.Level == LevelTownship {
		return "", ""
	}
	sc := &pv.villages[i]
	return sc.k.OrgName, in.get(sc).String()
}
