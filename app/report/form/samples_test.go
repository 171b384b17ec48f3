package form_test

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// The two county forms of the user check (made here in the layout a county office uses).

// summaryForm is a county's quarterly summary: a title, the township and period line, a
// header row, one row per village marked to repeat, totals by formula, a second sheet of
// instructions, A4 landscape print setup.
func summaryForm(t testing.TB) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	sh := "汇总表"
	must(t, f.SetSheetName("Sheet1", sh))
	set := func(ref string, v any) { must(t, f.SetCellValue(sh, ref, v)) }
	set("A1", "村级党组织组织生活开展情况统计表")
	must(t, f.MergeCell(sh, "A1", "K1"))
	set("A2", "填报单位：{{乡镇名}}（盖章）　　统计期间：{{期间}}")
	must(t, f.MergeCell(sh, "A2", "G2"))
	set("I2", "填报日期：")
	set("J2", "{{填报日期}}")
	must(t, f.MergeCell(sh, "J2", "K2"))
	heads := []string{"序号", "村（社区）党组织", "党员总数", "其中流动党员", "应开会议（次）", "按时召开（次）", "按时召开率", "应到人次", "实到人次", "党员参会率", "党费收缴率"}
	for i, h := range heads {
		ref, _ := excelize.CoordinatesToCellName(i+1, 3)
		set(ref, h)
	}
	row := []string{"{{#各村}}{{序号}}", "{{村名}}", "{{党员数}}", "{{党员数.流动}}", "{{应开会议数}}", "{{按时召开数}}", "{{按时召开率}}", "{{应到人次}}", "{{实到人次}}", "{{党员平均参会率}}", "{{党费收缴率}}{{/各村}}"}
	for i, v := range row {
		ref, _ := excelize.CoordinatesToCellName(i+1, 4)
		set(ref, v)
	}
	set("A5", "合计")
	must(t, f.MergeCell(sh, "A5", "B5"))
	for _, c := range []string{"C", "D", "E", "F", "H", "I"} {
		must(t, f.SetCellFormula(sh, c+"5", "SUM("+c+"4:"+c+"4)"))
	}
	must(t, f.SetCellFormula(sh, "G5", `IF(E5=0,"—",F5/E5)`))
	must(t, f.SetCellFormula(sh, "J5", `IF(H5=0,"—",I5/H5)`))
	set("K5", "{{党费收缴率}}")
	set("A7", "填表人：　　　　　　审核人：　　　　　　联系电话：")
	must(t, f.MergeCell(sh, "A7", "K7"))
	// Styles: a bold title, bordered table, percentages with one decimal.
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"}, {Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Family: "宋体"}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "宋体"}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	body, _ := f.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "center"}})
	pct := "0.0%"
	pctStyle, _ := f.NewStyle(&excelize.Style{Border: border, CustomNumFmt: &pct, Alignment: &excelize.Alignment{Horizontal: "center"}})
	dateFmt := "yyyy\"年\"m\"月\"d\"日\""
	dateStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "left"}})
	must(t, f.SetCellStyle(sh, "A1", "K1", title))
	must(t, f.SetCellStyle(sh, "J2", "K2", dateStyle))
	must(t, f.SetCellStyle(sh, "A3", "K3", head))
	must(t, f.SetCellStyle(sh, "A4", "K5", body))
	for _, c := range []string{"G", "J", "K"} {
		must(t, f.SetCellStyle(sh, c+"4", c+"5", pctStyle))
	}
	must(t, f.SetRowHeight(sh, 1, 30))
	must(t, f.SetRowHeight(sh, 3, 32))
	must(t, f.SetColWidth(sh, "A", "A", 6))
	must(t, f.SetColWidth(sh, "B", "B", 22))
	must(t, f.SetColWidth(sh, "C", "K", 10))
	land, a4, fit := "landscape", 9, 1
	tall, yes := 0, true
	must(t, f.SetPageLayout(sh, &excelize.PageLayoutOptions{Orientation: &land, Size: &a4, FitToWidth: &fit, FitToHeight: &tall}))
	must(t, f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &yes}))
	must(t, f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'汇总表'!$1:$3", Scope: sh}))
	note := "填表说明"
	if _, err := f.NewSheet(note); err != nil {
		t.Fatal(err)
	}
	must(t, f.SetCellValue(note, "A1", "1. 按时召开率 = 在规定期限内召开的应开会议数 ÷ 应开会议数。"))
	must(t, f.SetCellValue(note, "A2", "2. 本表于季度结束后10日内报县委组织部组织科。"))
	must(t, f.SetColWidth(note, "A", "A", 70))
	return f
}

// villageCards is a county's per-village register: merged two-level header cells, then a
// three-row card per village (merged cells inside it), with a grand total line by formula.
func villageCards(t testing.TB) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	sh := "村级登记卡"
	must(t, f.SetSheetName("Sheet1", sh))
	set := func(ref string, v any) { must(t, f.SetCellValue(sh, ref, v)) }
	set("A1", "{{期间}}村党组织建设情况登记卡")
	must(t, f.MergeCell(sh, "A1", "H1"))
	set("A2", "项目")
	must(t, f.MergeCell(sh, "A2", "B3"))
	set("C2", "组织生活")
	must(t, f.MergeCell(sh, "C2", "E2"))
	set("F2", "发展党员")
	must(t, f.MergeCell(sh, "F2", "H2"))
	for i, h := range []string{"支部党员大会（应开/按时）", "支委会（应开/按时）", "党课（应开/按时）", "申请人", "积极分子", "发展对象"} {
		ref, _ := excelize.CoordinatesToCellName(i+3, 3)
		set(ref, h)
	}
	// The card: rows 4–6.
	set("A4", "{{#各村}}{{序号}}")
	set("B4", "{{村名}}")
	set("C4", "{{支部党员大会.应开}}")
	set("D4", "{{支委会.应开}}")
	set("E4", "{{党课.应开}}")
	set("F4", "{{入党申请人数}}")
	set("G4", "{{入党积极分子数}}")
	set("H4", "{{发展对象数}}")
	set("A5", "按时")
	must(t, f.MergeCell(sh, "A5", "B5"))
	set("C5", "{{支部党员大会.按时}}")
	set("D5", "{{支委会.按时}}")
	set("E5", "{{党课.按时}}")
	set("F5", "预备党员：{{预备党员数}}人，流动党员：{{党员数.流动}}人")
	must(t, f.MergeCell(sh, "F5", "H5"))
	set("A6", "备注")
	must(t, f.MergeCell(sh, "A6", "B6"))
	set("C6", "最后一次数据同步：{{最后同步}}{{/各村}}")
	must(t, f.MergeCell(sh, "C6", "H6"))
	set("A7", "全镇合计")
	must(t, f.MergeCell(sh, "A7", "B7"))
	for _, c := range []string{"F", "G", "H"} {
		must(t, f.SetCellFormula(sh, c+"7", "SUM("+c+"4:"+c+"6)"))
	}
	set("C7", "{{支部党员大会.应开}}")
	set("D7", "{{支委会.应开}}")
	set("E7", "{{党课.应开}}")
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"}, {Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 15}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	body, _ := f.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	left, _ := f.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "left"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
	must(t, f.SetCellStyle(sh, "A1", "H1", title))
	must(t, f.SetCellStyle(sh, "A2", "H3", head))
	must(t, f.SetCellStyle(sh, "A4", "H7", body))
	must(t, f.SetCellStyle(sh, "C6", "H6", left))
	must(t, f.SetColWidth(sh, "A", "A", 6))
	must(t, f.SetColWidth(sh, "B", "B", 18))
	must(t, f.SetColWidth(sh, "C", "H", 14))
	must(t, f.SetRowHeight(sh, 3, 30))
	port, a4, fit, tall, yes := "portrait", 9, 1, 0, true
	must(t, f.SetPageLayout(sh, &excelize.PageLayoutOptions{Orientation: &port, Size: &a4, FitToWidth: &fit, FitToHeight: &tall}))
	must(t, f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &yes}))
	must(t, f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'村级登记卡'!$1:$3", Scope: sh}))
	return f
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
