package ui

import (
	"zhibu/assets"
	"zhibu/store"
)

// branchworkColumns are the overview's columns of the branch work of issue 24: the
// development plan's progress (admitted of the quota).
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
	}
}
