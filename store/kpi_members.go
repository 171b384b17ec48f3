package store

import (
	"context"

	"zhibu/store/replica"
)

// kpiCategories counts each village's members on the roll by 党员类别 (working, no post,
// floating, elderly; "" where none is recorded), in one query, with the same roll as
// KPI.Members so the categories add up to it.
func (db *DB) kpiCategories(ctx context.Context, at map[string]*KPI) error {
	type cnt struct {
		org, cat string
		n        int
	}
	cs, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (cnt, error) {
		var c cnt
		return c, s.Scan(&c.org, &c.cat, &c.n)
	}, `SELECT org_id, category, count(*) FROM members WHERE deleted=0 AND state IN ('','active') GROUP BY org_id, category`)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if k := at[c.org]; k != nil {
			k.Categories[c.cat] += c.n
		}
	}
	return nil
}
