package demo

import (
	"context"

	"zhibu/store"
)

// townshipBranchwork gives a township's demo villages this year's development plan (发展党员
// 指导性计划): most a quota one or two above what they admitted so far, the second village a
// quota it has already exceeded, so the overview and the report show both.
func townshipBranchwork(ctx context.Context, tx *store.Tx, villages []store.Org) error {
	db := tx.DB()
	year := db.Now().Year()
	ps, err := db.Plans(ctx, year)
	if err != nil {
		return err
	}
	admitted := map[string]int{}
	for _, p := range ps {
		admitted[p.OrgID] = p.Admitted
	}
	for i, v := range villages {
		quota := admitted[v.ID] + 1 + i%2
		if i == 1 && admitted[v.ID] > 0 {
			quota = admitted[v.ID] - 1
		}
		if err := db.SetPlan(ctx, v.Code, year, quota, "按县委组织部下达的年度指导性计划"); err != nil {
			return err
		}
	}
	return nil
}
