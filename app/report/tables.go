package report

import (
	"strconv"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

// The report's tables, shared by the spreadsheet and the PDF: a totals table and one per
// indicator. Cells keep their type, so the spreadsheet stores numbers as numbers and rates
// as percentages.

type cellKind int

const (
	text cellKind = iota
	count
	ratio // a fraction shown as a percentage with one decimal
)

type cell struct {
	kind cellKind
	s    string
	n    float64
}

func str(s string) cell     { return cell{kind: text, s: s} }
func num(n int) cell        { return cell{kind: count, n: float64(n)} }
func pct(r store.Rate) cell { return cell{kind: ratio, n: float64(r)} }
func (c cell) String() string {
	switch c.kind {
	case count:
		return strconv.Itoa(int(c.n))
	case ratio:
		return store.Percent(c.n)
	}
	return c.s
}

// table is one sheet: a name (the sheet tab), a caption, headers and rows; the last row of
// a table with a total is the township's.
type table struct {
	name    string
	caption string
	headers []string
	weights []float64 // PDF column widths, relative
	rows    [][]cell
}

func (r Report) tables() []table {
	rowsOf := func(each func(f Figures) []cell) [][]cell {
		var out [][]cell
		for _, v := range r.Villages {
			out = append(out, append([]cell{str(v.OrgName)}, each(v)...))
		}
		if len(r.Villages) > 1 {
			out = append(out, append([]cell{str(assets.T("Total of the whole %s", TownWord(r.Township.Name)))}, each(r.Township.Figures)...))
		}
		return out
	}
	stage := func(f Figures, i int) cell { return num(f.Candidates[store.StageSlugs[i]]) }
	total := table{name: assets.T("Totals"), caption: assets.T("Totals by village"),
		headers: []string{assets.T("Village"), assets.T("Members (number)"), assets.T("Meetings required"), assets.T("Held on time"),
			assets.T("Held late"), assets.T("Missing"), assets.T("On-time rate"), assets.T("Average attendance"),
			assets.T("Dues collection rate"), assets.T("Owing 3+ months"), assets.T("Candidates"), assets.T("Notices posted"),
			assets.T("Months approved"), assets.T("Last sync")},
		weights: []float64{2.2, 1, 1.1, 1, 1, 1, 1.2, 1.2, 1.2, 1.1, 1, 1, 1.1, 2}}
	total.rows = rowsOf(func(f Figures) []cell {
		k := f.kpi
		cands := 0
		for _, n := range f.Candidates {
			cands += n
		}
		return []cell{num(f.Members), num(k.Required), num(k.OnTime), num(k.Late), num(k.Missing), pct(f.OnTimeRate),
			pct(f.AttendanceRate), pct(f.DuesRate), num(f.Arrears3m), num(cands), num(f.NoticesPosted),
			num(len(f.ApprovedMonths)), str(f.LastSync)}
	})
	meetings := table{name: assets.T("On-time rate"), caption: assets.T("Required meetings by kind (按时召开率)"),
		headers: []string{assets.T("Village"), assets.T("Kind of meeting"), assets.T("Meetings required"), assets.T("Held on time"),
			assets.T("Held late"), assets.T("Missing"), assets.T("On-time rate")},
		weights: []float64{2.2, 1.6, 1, 1, 1, 1, 1.1}}
	for _, f := range append(append([]Figures{}, r.Villages...), r.totalIfMany()...) {
		name := f.OrgName
		if f.OrgCode == r.Township.OrgCode && len(r.Villages) > 1 {
			name = assets.T("Total of the whole %s", TownWord(r.Township.Name))
		}
		for _, m := range f.Meetings {
			meetings.rows = append(meetings.rows, []cell{str(name), str(m.Label), num(m.Required), num(m.OnTime), num(m.Late),
				num(m.Missing), pct(ratioOf(m.OnTime, m.Required))})
		}
	}
	attendance := table{name: assets.T("Attendance rate (sheet)"), caption: assets.T("Average attendance of members (党员平均参会率)"),
		headers: []string{assets.T("Village"), assets.T("Expected (person-times)"), assets.T("Present (person-times)"), assets.T("Average attendance")},
		weights: []float64{2.2, 1.2, 1.2, 1.2}}
	attendance.rows = rowsOf(func(f Figures) []cell {
		return []cell{num(f.kpi.Expected), num(f.kpi.Present), pct(f.AttendanceRate)}
	})
	dues := table{name: assets.T("Dues"), caption: assets.T("Dues collection (党费收缴率)"),
		headers: []string{assets.T("Village"), assets.T("Member-months due"), assets.T("Member-months paid"), assets.T("Dues collection rate"),
			assets.T("Owing 3+ months"), assets.T("Unpaid 6 months in a row")},
		weights: []float64{2.2, 1.2, 1.2, 1.2, 1.2, 1.3}}
	dues.rows = rowsOf(func(f Figures) []cell {
		return []cell{num(f.kpi.DuesDue), num(f.kpi.DuesPaid), pct(f.DuesRate), num(f.Arrears3m), num(f.kpi.Arrears6m)}
	})
	pipeline := table{name: assets.T("Candidates"), caption: assets.T("Party membership candidates by stage (发展党员)"),
		headers: []string{assets.T("Village")}, weights: []float64{2.2}}
	for i := 1; i <= 5; i++ {
		pipeline.headers = append(pipeline.headers, store.StageName(i))
		pipeline.weights = append(pipeline.weights, 1.2)
	}
	pipeline.headers = append(pipeline.headers, assets.T("Step due soon"), assets.T("Step overdue"))
	pipeline.weights = append(pipeline.weights, 1, 1)
	pipeline.rows = rowsOf(func(f Figures) []cell {
		return []cell{stage(f, 1), stage(f, 2), stage(f, 3), stage(f, 4), stage(f, 5), num(f.kpi.DueSoon), num(f.kpi.Overdue)}
	})
	notices := table{name: assets.T("Notices and approval"), caption: assets.T("Notices posted and months approved"),
		headers: []string{assets.T("Village"), assets.T("Notices printed"), assets.T("Notices posted"), assets.T("Months approved"), assets.T("Last sync")},
		weights: []float64{2.2, 1, 1, 2.4, 1.6}}
	notices.rows = rowsOf(func(f Figures) []cell {
		return []cell{num(f.kpi.NoticesPrinted), num(f.NoticesPosted), str(strings.Join(f.ApprovedMonths, "、")), str(f.LastSync)}
	})
	return append([]table{total, meetings, attendance, dues, pipeline, notices}, r.branchworkTables(rowsOf)...)
}

func (r Report) totalIfMany() []Figures {
	if len(r.Villages) > 1 {
		return []Figures{r.Township.Figures}
	}
	return nil
}

// ratioOf is n ÷ d, or no data (「—」) when d is 0.
func ratioOf(n, d int) store.Rate {
	if d == 0 {
		return store.NoData
	}
	return store.Rate(float64(n) / float64(d))
}

// Title is the report's title: 城关镇党委2026年第四季度党建工作报表.
func (r Report) Title() string {
	return assets.T("%s %s party work report", r.Township.Name, r.Label)
}

// Preview is the totals table as text, for a screen to show before saving.
func (r Report) Preview() (headers []string, rows [][]string) {
	t := r.tables()[0]
	for _, row := range t.rows {
		cells := make([]string, len(row))
		for i, c := range row {
			cells[i] = c.String()
		}
		rows = append(rows, cells)
	}
	return t.headers, rows
}
