package report

import (
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"zhibu/assets"
	"zhibu/store"
)

// XLSX writes the report as a workbook: the totals sheet and one sheet per indicator, with
// Chinese headers, numbers as numbers, rates as percentages with one decimal, the header row
// frozen, columns as wide as their text and A4 landscape print setup.
func XLSX(w io.Writer, r Report) error {
	f := excelize.NewFile()
	defer f.Close()
	// The document's properties name the township and the report's date, not excelize's
	// defaults (author "xuri", created 2006).
	made := r.Date.Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Creator: r.Township.Name, LastModifiedBy: r.Township.Name,
		Title: r.Title(), Created: made, Modified: made, Language: "zh-CN"}); err != nil {
		return err
	}
	pctFmt := "0.0%"
	styles := map[cellKind]int{}
	var err error
	if styles[ratio], err = f.NewStyle(&excelize.Style{CustomNumFmt: &pctFmt, Alignment: &excelize.Alignment{Horizontal: "right"}}); err != nil {
		return err
	}
	if styles[count], err = f.NewStyle(&excelize.Style{NumFmt: 1}); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F0F0F0"}},
		Border: []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}})
	if err != nil {
		return err
	}
	titleStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	for i, t := range r.tables() {
		name := t.name
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		// Row 1: the title; row 2: the headers (frozen with the title above them).
		if err := f.SetCellValue(name, "A1", r.Title()+" · "+t.caption+" · "+r.SignLines()[0]); err != nil {
			return err
		}
		if err := f.SetCellStyle(name, "A1", "A1", titleStyle); err != nil {
			return err
		}
		widths := make([]int, len(t.headers))
		for c, h := range t.headers {
			ref, _ := excelize.CoordinatesToCellName(c+1, 2)
			if err := f.SetCellValue(name, ref, h); err != nil {
				return err
			}
			widths[c] = textWidth(h)
		}
		first, _ := excelize.CoordinatesToCellName(1, 2)
		last, _ := excelize.CoordinatesToCellName(len(t.headers), 2)
		if err := f.SetCellStyle(name, first, last, head); err != nil {
			return err
		}
		for ri, row := range t.rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, ri+3)
				switch v.kind {
				case text:
					err = f.SetCellStr(name, ref, v.s)
				case count:
					err = f.SetCellInt(name, ref, int64(v.n))
				case ratio:
					if store.Rate(v.n).Valid() {
						err = f.SetCellFloat(name, ref, v.n, -1, 64)
					} else {
						err = f.SetCellStr(name, ref, v.String()) // nothing to count: 「—」
					}
				}
				if err != nil {
					return err
				}
				if st, ok := styles[v.kind]; ok {
					if err := f.SetCellStyle(name, ref, ref, st); err != nil {
						return err
					}
				}
				widths[c] = max(widths[c], textWidth(v.String()))
			}
		}
		if i == 0 { // the foot of the totals sheet: 统计截至, 填报人, 审核人, 联系电话
			for j, line := range r.SignLines() {
				ref, _ := excelize.CoordinatesToCellName(1, len(t.rows)+4+j)
				if err := f.SetCellStr(name, ref, line); err != nil {
					return err
				}
			}
		}
		for c, wd := range widths {
			col, _ := excelize.ColumnNumberToName(c + 1)
			if err := f.SetColWidth(name, col, col, float64(min(wd, 60))+2); err != nil {
				return err
			}
		}
		if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		orient, size, fit := "landscape", 9, true // 9: A4
		one := 1
		if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &orient, Size: &size, FitToWidth: &one}); err != nil {
			return err
		}
		if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
			return err
		}
		// Repeat the header rows on every printed page.
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$2", name), Scope: name}); err != nil {
			return err
		}
		if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: "&C" + assets.T("Page &P of &N")}); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// textWidth is a text's width in spreadsheet character units (a Chinese character is two).
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		if utf8.RuneLen(r) > 1 {
			w += 2
		} else {
			w++
		}
	}
	return w
}
