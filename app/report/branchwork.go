package report

import (
	"strconv"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

// The report's tables of the branch work of issue 24: the development plan (发展党员指导性计划,
// source 003: reviewed each quarter) of the quarter's year, and the village secretaries' class
// hours of the year (书记培训覆盖, source 003; 中国共产党党员教育管理工作条例 2019: 56 a year).

// planTotal sums the villages' plans (nil when no village has one): its rate counts only what
// each village admitted within its own quota (store.PlanKPI.Add).
func planTotal(vs []Figures) *store.PlanKPI {
	var t *store.PlanKPI
	for _, v := range vs {
		if v.Plan == nil {
			continue
		}
		if t == nil {
			t = &store.PlanKPI{}
		}
		t.Add(v.Plan)
	}
	return t
}

func (r Report) branchworkTables(rowsOf func(each func(f Figures) []cell) [][]cell) []table {
	plan := table{name: assets.T("Development plan"), caption: assets.T("Development plan: members admitted against the quota (发展党员指导性计划). The total's completion counts each village's admissions within its own quota; admissions over a village's quota are shown apart and do not make up for another village's shortfall."),
		headers: []string{assets.T("Village"), assets.T("Quota"), assets.T("Admitted (step 17)"), assets.T("Of which over the quota"), assets.T("Awaiting approval"),
			assets.T("Completion (within quota)"), assets.T("State")},
		weights: []float64{2.2, 1, 1, 1.1, 1, 1.2, 1.4}}
	plan.rows = rowsOf(func(f Figures) []cell {
		p := f.Plan
		if p == nil {
			return []cell{str("—"), str("—"), str("—"), str("—"), pct(store.NoData), str(assets.T("Not set"))}
		}
		return []cell{num(p.Quota), num(p.Admitted), num(p.Over), num(p.Pending), pct(p.Rate), str(store.PlanState(p))}
	})
	training := table{name: assets.T("Secretaries' training"), caption: assets.T("Secretaries' class hours (书记培训覆盖)"),
		headers: []string{assets.T("Village"), assets.T("Secretary"), assets.T("Class hours"), assets.T("Required"), assets.T("State")},
		weights: []float64{2.2, 1.2, 1, 1, 1.2}}
	for _, v := range r.Villages {
		s := v.SecretaryTraining
		if s == nil {
			training.rows = append(training.rows, []cell{str(v.OrgName), str("—"), str("—"), str("—"), str(assets.T("No secretary on the roll"))})
			continue
		}
		state := assets.T("Met")
		if !s.Met {
			state = assets.T("Short by %s", store.FmtHours(float64(s.Required)-s.Hours))
		}
		training.rows = append(training.rows, []cell{str(v.OrgName), str(s.Name), str(store.FmtHours(s.Hours)), num(s.Required), str(state)})
	}
	weak := table{name: assets.T("Rectification of weak branches"), caption: assets.T("Rectification of weak branches (软弱涣散党组织整顿)"),
		headers: []string{assets.T("Village"), assets.T("Reasons"), assets.T("Leader in charge (包联)"), assets.T("Items accepted"),
			assets.T("Talks and attendance"), assets.T("State")},
		weights: []float64{2, 3.4, 1.2, 1, 1, 1.4}}
	for _, v := range r.Villages {
		x := v.Rectification
		if x == nil {
			continue
		}
		state := assets.T("Under rectification")
		if x.ClosedOn != "" {
			state = assets.T("Closed on %s", x.ClosedOn)
		}
		weak.rows = append(weak.rows, []cell{str(v.OrgName), str(strings.Join(x.Reasons, "；")), str(x.Leader),
			str(assets.T("%d of %d", x.Accepted, x.Items)), str(itoaCell(x.Talks) + "/" + itoaCell(x.Attended)), str(state)})
	}
	return []table{plan, training, weak}
}

func itoaCell(n int) string { return strconv.Itoa(n) }
