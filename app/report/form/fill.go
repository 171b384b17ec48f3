package form

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"zhibu/assets"
	"zhibu/store"
)

// Block markers: the rows from the one holding {{#各村}} to the one holding {{/各村}} repeat
// once per village.
const villagesBlock = "各村"

var placeholder = regexp.MustCompile(`\{\{\s*([#/]?)\s*([^{}]*?)\s*\}\}`)

// Problem is one placeholder the form cannot be filled with.
type Problem struct {
	Cell    string `json:"cell"` // Sheet!B7
	Message string `json:"message"`
}

// Problems are every placeholder that names no indicator or is misplaced: nothing is
// written while there is one.
type Problems []Problem

func (ps Problems) Error() string { return fmt.Sprintf("%d placeholders cannot be filled", len(ps)) }

// Chinese lists the problems, one a line.
func (ps Problems) Chinese() string {
	lines := []string{assets.T("The form was not filled; correct these cells (in the mapper or in the workbook) and fill it again:")}
	for _, p := range ps {
		lines = append(lines, p.Cell+"："+p.Message)
	}
	return strings.Join(lines, "\n")
}

// Result says what a fill did.
type Result struct {
	Villages int           `json:"villages"`
	Cells    int           `json:"cells"` // placeholders replaced
	Took     time.Duration `json:"-"`
}

// token is a placeholder in a cell's text.
type token struct{ mark, name string }

func tokens(s string) []token {
	var out []token
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, token{mark: m[1], name: m[2]})
	}
	return out
}

// block is a run of rows repeated per village.
type block struct {
	sheet      string
	start, end int
}

// Fill writes a copy of the form with every placeholder replaced by its value for the period:
// village figures in the rows repeated per village, the township's totals elsewhere. The
// mapping (from the mapper) puts placeholders into cells first. The workbook's formatting,
// merged cells, formulas (totals over the repeated rows are stretched to cover them), column
// widths, print setup and other sheets are kept.
func Fill(ctx context.Context, db *store.DB, data []byte, mapping map[string]string, p store.Period) ([]byte, Result, error) {
	began := time.Now()
	var res Result
	if err := Check("form.xlsx", data); err != nil {
		return nil, res, err
	}
	f, err := open(data)
	if err != nil {
		return nil, res, refuse("The stored form cannot be read. Add the form again from its .xlsx file.")
	}
	defer f.Close()
	if err := overlay(f, mapping); err != nil {
		return nil, res, err
	}
	list := catalogue()
	blocks, err := validate(f, list)
	if err != nil {
		return nil, res, err
	}
	ks, err := db.KPIs(ctx, p, nil)
	if err != nil {
		return nil, res, err
	}
	home, err := db.Home(ctx)
	if err != nil {
		return nil, res, err
	}
	base := scope{home: home, period: p, today: db.Now(), count: len(ks)}
	res.Villages = len(ks)
	// Bottom-up, so that expanding a block moves only rows not yet handled.
	sort.Slice(blocks, func(i, j int) bool {
		if blocks[i].sheet != blocks[j].sheet {
			return blocks[i].sheet < blocks[j].sheet
		}
		return blocks[i].start > blocks[j].start
	})
	for _, b := range blocks {
		n, err := expand(f, b, ks, base, list)
		if err != nil {
			return nil, res, err
		}
		res.Cells += n
	}
	tot := base
	tot.k = store.Totals(ks, p)
	tot.k.OrgName, tot.k.OrgCode = home.Name, home.Code
	for _, sh := range f.GetSheetList() {
		cs, err := sheetCells(f, sh)
		if err != nil {
			return nil, res, err
		}
		for _, c := range cs {
			if c.formula == "" && len(tokens(c.text)) > 0 {
				if err := put(f, sh, c, &tot, list); err != nil {
					return nil, res, err
				}
				res.Cells++
			}
		}
	}
	// Totals by formula show their values when the copy is opened (Excel, WPS, LibreOffice).
	full := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return nil, res, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, res, err
	}
	res.Took = time.Since(began)
	return buf.Bytes(), res, nil
}

// overlay writes the mapper's placeholders into their cells, keeping each cell's style.
func overlay(f *excelize.File, mapping map[string]string) error {
	keys := make([]string, 0, len(mapping))
	for k := range mapping {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		i := strings.LastIndex(k, "!")
		if i < 0 {
			continue
		}
		sh, ref := k[:i], k[i+1:]
		if idx, _ := f.GetSheetIndex(sh); idx < 0 {
			return refuse("The mapping names the sheet %s, which the form does not have. Open the form in the mapper and save it again.", sh)
		}
		var err error
		if text := strings.TrimSpace(mapping[k]); text == "" {
			err = f.SetCellValue(sh, ref, nil)
		} else {
			err = f.SetCellStr(sh, ref, text)
		}
		if err != nil {
			return refuse("The mapping names the cell %s, which is not a cell. Open the form in the mapper and save it again.", k)
		}
	}
	return nil
}

// validate checks every placeholder and pairs the block markers; it returns the blocks or
// the problems.
func validate(f *excelize.File, list []Indicator) ([]block, error) {
	var ps Problems
	var blocks []block
	for _, sh := range f.GetSheetList() {
		cs, err := sheetCells(f, sh)
		if err != nil {
			return nil, err
		}
		open := 0
		type ph struct {
			c   cell
			tok token
		}
		var all []ph
		for _, c := range cs {
			if c.formula != "" {
				continue
			}
			for _, t := range tokens(c.text) {
				all = append(all, ph{c, t})
			}
		}
		// Markers first, in reading order, to know which rows repeat.
		for _, x := range all {
			where := sh + "!" + x.c.ref
			switch x.tok.mark {
			case "#":
				if x.tok.name != villagesBlock {
					ps = append(ps, Problem{where, assets.T("{{#%s}} is not a list this version can repeat; use {{#各村}} for a row per village.", x.tok.name)})
					continue
				}
				if open != 0 {
					ps = append(ps, Problem{where, assets.T("{{#各村}} opens again before the {{/各村}} of row %d closes.", open)})
					continue
				}
				open = x.c.row
			case "/":
				if x.tok.name != villagesBlock {
					ps = append(ps, Problem{where, assets.T("{{/%s}} closes a list this version does not know; use {{/各村}}.", x.tok.name)})
					continue
				}
				if open == 0 {
					ps = append(ps, Problem{where, assets.T("{{/各村}} closes no {{#各村}}: put {{#各村}} in the first repeated row.")})
					continue
				}
				blocks = append(blocks, block{sheet: sh, start: open, end: x.c.row})
				open = 0
			}
		}
		if open != 0 {
			ps = append(ps, Problem{fmt.Sprintf("%s!%d", sh, open), assets.T("{{#各村}} has no {{/各村}}: put {{/各村}} in the last repeated row (the same row for a one-row list).")})
		}
		inBlock := func(row int) bool {
			for _, b := range blocks {
				if b.sheet == sh && row >= b.start && row <= b.end {
					return true
				}
			}
			return false
		}
		for _, x := range all {
			if x.tok.mark != "" {
				continue
			}
			where := sh + "!" + x.c.ref
			in, ok := byName(list, x.tok.name)
			switch {
			case !ok:
				if s := suggest(list, x.tok.name); s != "" {
					ps = append(ps, Problem{where, assets.T("There is no indicator called “%s”; did you mean “%s”?", x.tok.name, s)})
				} else {
					ps = append(ps, Problem{where, assets.T("There is no indicator called “%s”; see the list with: zhibu report form indicators", x.tok.name)})
				}
			case in.Level == LevelVillage && !inBlock(x.c.row):
				ps = append(ps, Problem{where, assets.T("“%s” is a village's figure: put it in the row repeated per village, between {{#各村}} and {{/各村}}.", in.Label)})
			case in.Level == LevelTownship && inBlock(x.c.row):
				ps = append(ps, Problem{where, assets.T("“%s” is the township's figure: put it outside the rows repeated per village.", in.Label)})
			}
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return blocks, nil
}

// expand repeats a block once per village (the first copy is the block itself), stretches
// the totals over it and fills each copy with its village's figures. It returns the number
// of placeholders replaced.
func expand(f *excelize.File, b block, ks []store.KPI, base scope, list []Indicator) (int, error) {
	size := b.end - b.start + 1
	if len(ks) == 0 {
		for r := b.end; r >= b.start; r-- {
			if err := f.RemoveRow(b.sheet, r); err != nil {
				return 0, err
			}
		}
		return 0, nil
	}
	added := (len(ks) - 1) * size
	// The formulas outside the block before copying, to stretch afterwards.
	type fcell struct {
		sheet string
		c     cell
	}
	var fs []fcell
	for _, sh := range f.GetSheetList() {
		cs, err := formulaCells(f, sh)
		if err != nil {
			return 0, err
		}
		for _, c := range cs {
			if sh == b.sheet && c.row >= b.start && c.row <= b.end {
				continue
			}
			fs = append(fs, fcell{sh, c})
		}
	}
	for i := 1; i < len(ks); i++ {
		for j := 0; j < size; j++ {
			if err := f.DuplicateRowTo(b.sheet, b.start+j, b.end+1+(i-1)*size+j); err != nil {
				return 0, err
			}
		}
	}
	if added > 0 {
		for _, x := range fs {
			ref := x.c.ref
			if x.sheet == b.sheet && x.c.row > b.end {
				ref, _ = excelize.CoordinatesToCellName(x.c.col, x.c.row+added)
			}
			cur, err := f.GetCellFormula(x.sheet, ref)
			if err != nil {
				return 0, err
			}
			if s := stretch(cur, x.sheet, b.sheet, b.start, b.end, added); s != cur {
				if err := f.SetCellFormula(x.sheet, ref, s); err != nil {
					return 0, err
				}
			}
		}
	}
	_, _, maxCol, err := bounds(f, b.sheet)
	if err != nil {
		return 0, err
	}
	n := 0
	for i := range ks {
		sc := base
		sc.k, sc.village, sc.seq = ks[i], true, i+1
		for r := b.start + i*size; r < b.start+(i+1)*size; r++ {
			cs, err := rowCells(f, b.sheet, r, maxCol)
			if err != nil {
				return 0, err
			}
			for _, c := range cs {
				if len(tokens(c.text)) == 0 {
					continue
				}
				if err := put(f, b.sheet, c, &sc, list); err != nil {
					return 0, err
				}
				n++
			}
		}
	}
	return n, nil
}

// rowCells lists the cells of one row that hold text (not formulas).
func rowCells(f *excelize.File, sh string, row, maxCol int) ([]cell, error) {
	var out []cell
	for c := 1; c <= maxCol; c++ {
		ref, _ := excelize.CoordinatesToCellName(c, row)
		if fm, _ := f.GetCellFormula(sh, ref); fm != "" {
			continue
		}
		v, err := f.GetCellValue(sh, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		if v != "" {
			out = append(out, cell{ref: ref, row: row, col: c, text: v})
		}
	}
	return out, nil
}

// put replaces the placeholders of one cell: a cell that is one placeholder gets a typed
// value (a number, a fraction for a rate, a date), a cell with other text the values as text.
func put(f *excelize.File, sh string, c cell, sc *scope, list []Indicator) error {
	body := strings.TrimSpace(placeholder.ReplaceAllStringFunc(c.text, func(m string) string {
		if t := tokens(m); len(t) == 1 && t[0].mark != "" {
			return ""
		}
		return m
	}))
	ts := tokens(body)
	if len(ts) == 1 && placeholder.FindString(body) == body {
		in, _ := byName(list, ts[0].name)
		return setValue(f, sh, c.ref, in.get(sc))
	}
	if body == "" {
		return f.SetCellValue(sh, c.ref, nil)
	}
	out := placeholder.ReplaceAllStringFunc(body, func(m string) string {
		in, _ := byName(list, tokens(m)[0].name)
		return in.get(sc).String()
	})
	return f.SetCellStr(sh, c.ref, out)
}

// Dash is what a rate with nothing to count shows (DOMAIN.md: 「—」, never 100 %).
const Dash = "—"

// String is the value as text in a sentence.
func (v value) String() string {
	switch v.kind {
	case kindRate:
		if v.null {
			return Dash
		}
		return store.Percent(v.num)
	case kindCount:
		return strconv.FormatFloat(v.num, 'f', -1, 64)
	case kindDate:
		return fmt.Sprintf("%d年%d月%d日", v.date.Year(), v.date.Month(), v.date.Day())
	}
	return v.text
}

func setValue(f *excelize.File, sh, ref string, v value) error {
	switch v.kind {
	case kindRate:
		if v.null {
			return f.SetCellStr(sh, ref, Dash)
		}
		return f.SetCellFloat(sh, ref, v.num, -1, 64)
	case kindCount:
		return f.SetCellInt(sh, ref, int64(v.num))
	case kindDate:
		day := time.Date(v.date.Year(), v.date.Month(), v.date.Day(), 0, 0, 0, 0, time.UTC)
		st, err := f.GetCellStyle(sh, ref)
		if err != nil {
			return err
		}
		if err := f.SetCellValue(sh, ref, day); err != nil {
			return err
		}
		if st == 0 {
			// A General cell would show the date's serial number: give it a Chinese date.
			fmtDate := "yyyy\"年\"m\"月\"d\"日\""
			s, err := f.NewStyle(&excelize.Style{CustomNumFmt: &fmtDate})
			if err != nil {
				return err
			}
			return f.SetCellStyle(sh, ref, ref, s)
		}
		return f.SetCellStyle(sh, ref, ref, st)
	}
	return f.SetCellStr(sh, ref, v.text)
}
