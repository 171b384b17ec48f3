package ui

import (
	"zhibu/assets"
	"zhibu/store"
)

// branchworkColumns are the overview's columns of the branch work of issue 24: the
// development plan's progress (admitted of the quota), the secretary's class hours and the
// year's 整顿 (items accepted of the plan's, or closed).
func branchworkColumns() []overviewColumn {
	return []overviewColumn{
		{assets.T("Development plan (column)"), 84, func(k store.KPI) string {
			p := k.Branchwork.Plan
			if p == nil {
				return "—"
			}
			s := assets.T("%d of %d", p.Admitted, p.Quota)
			if p.Admitted > p.Quota {
				s += " " + assets.T("Over the plan")
			}
			return s
		}, func(k store.KPI) float64 {
			if p := k.Branchwork.Plan; p != nil {
				return float64(p.Admitted) - float64(p.Quota)
			}
			return -1e9
		}},
		{assets.T("Secretary's class hours (column)"), 84, func(k store.KPI) string {
			if s := k.Branchwork.Secretary; s != nil {
				return store.FmtHours(s.Hours) + "/" + itoa(s.Required)
			}
			return "—"
		}, func(k store.KPI) float64 {
			if s := k.Branchwork.Secretary; s != nil {
				return s.Hours
			}
			return -1
		}},
		{assets.T("Rectification (column)"), 96, func(k store.KPI) string {
			r := k.Branchwork.Rectification
			switch {
			case r == nil:
				return "—"
			case r.ClosedOn != "":
				return assets.T("Closed on %s", r.ClosedOn)
			}
			return assets.T("Under rectification") + " " + itoa(r.Accepted) + "/" + itoa(r.Items)
		}, func(k store.KPI) float64 {
			r := k.Branchwork.Rectification
			switch {
			case r == nil:
				return -1
			case r.ClosedOn != "":
				return 0
			}
			return 1
		}},
	}
}
