package report

import (
	"io"
	"sort"

	"github.com/xuri/excelize/v2"

	"zhibu/assets"
	"zhibu/store"
)

// LedgerItem is one item of the 整改台账 with the name of its village.
type LedgerItem struct {
	Village string
	store.Task
}

// TaskLedgerXLSX writes the 整改台账 as a workbook: the items (one row each, with state,
// deadline, completion and the reason of a return) and a summary per village and source
// (open / done awaiting review / accepted / overdue), headers frozen.
func TaskLedgerXLSX(w io.Writer, title string, items []LedgerItem) error {
	f := excelize.NewFile()
	defer f.Close()
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F0F0F0"}}, Border: []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}})
	if err != nil {
		return err
	}
	titleStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	sheet := func(name string, first bool, headers []string, rows [][]any) error {
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := f.SetCellValue(name, "A1", title); err != nil {
			return err
		}
		if err := f.SetCellStyle(name, "A1", "A1", titleStyle); err != nil {
			return err
		}
		widths := make([]int, len(headers))
		for c, h := range headers {
			ref, _ := excelize.CoordinatesToCellName(c+1, 2)
			if err := f.SetCellValue(name, ref, h); err != nil {
				return err
			}
			widths[c] = textWidth(h)
		}
		last, _ := excelize.CoordinatesToCellName(len(headers), 2)
		if err := f.SetCellStyle(name, "A2", last, head); err != nil {
			return err
		}
		for r, row := range rows {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+3)
				if err := f.SetCellValue(name, ref, v); err != nil {
					return err
				}
				if s, ok := v.(string); ok && textWidth(s) > widths[c] {
					widths[c] = textWidth(s)
				}
			}
		}
		for c, wd := range widths {
			col, _ := excelize.ColumnNumberToName(c + 1)
			if err := f.SetColWidth(name, col, col, float64(min(wd, 60)+2)); err != nil {
				return err
			}
		}
		return f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
	}
	var rows [][]any
	for _, it := range items {
		rows = append(rows, []any{it.Village, store.TaskKindLabel(it.Kind), it.Title, it.Detail, it.Source, it.Owner, it.Due,
			store.TaskStateLabel(it.Task), it.DoneOn, it.Reason, it.Evidence})
	}
	if err := sheet(assets.T("Items"), true, []string{assets.T("Village"), assets.T("Kind"), assets.T("Item"), assets.T("Details"), assets.T("Source"),
		assets.T("The person responsible"), assets.T("Time limit"), assets.T("State"), assets.T("Done on"), assets.T("Reason for returning"),
		assets.T("Evidence required")}, rows); err != nil {
		return err
	}
	type key struct{ village, source string }
	sums := map[key]*[5]int{}
	for _, it := range items {
		k := key{it.Village, it.Source}
		if sums[k] == nil {
			sums[k] = &[5]int{}
		}
		s := sums[k]
		s[0]++
		switch {
		case it.Overdue:
			s[4]++
			s[1]++
		case it.State == store.TaskOpen:
			s[1]++
		case it.State == store.TaskDone:
			s[2]++
		case it.State == store.TaskAccepted:
			s[3]++
		}
	}
	var keys []key
	for k := range sums {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].village != keys[j].village {
			return keys[i].village < keys[j].village
		}
		return keys[i].source < keys[j].source
	})
	rows = nil
	for _, k := range keys {
		s := sums[k]
		rows = append(rows, []any{k.village, k.source, s[0], s[1], s[2], s[3], s[4]})
	}
	if err := sheet(assets.T("Summary"), false, []string{assets.T("Village"), assets.T("Source"), assets.T("Items"), assets.T("Not done yet"),
		assets.T("Done, awaiting review"), assets.T("Accepted"), assets.T("Overdue")}, rows); err != nil {
		return err
	}
	return f.Write(w)
}
