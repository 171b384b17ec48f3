package exchange_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

// TestVillageCannotWriteTheTownshipsBranchwork: the township refuses, unchanged, a bundle in
// which a village raises its own development plan (source 003: the township sets the quota)
// or closes (销号) its own 整顿 (source 003: the township names and closes it).
func TestVillageCannotWriteTheTownshipsBranchwork(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	synctest.Sync(t, v, town)
	dev := v.Node.Self()
	next := func() replica.HLC { return v.DB.Replica().Clock() + 1 }
	row := func(table, id, field string, value any) replica.Change {
		return replica.Change{Table: table, RowID: id, OrgID: v.Org.ID, Field: field, Value: value, HLC: next(), Device: dev}
	}
	id := store.NewID()
	cases := map[string][]replica.Change{
		"a quota of its own": {row("dev_plans", id, "org_id", v.Org.ID), row("dev_plans", id, "target_id", v.Org.ID),
			row("dev_plans", id, "year", int64(2026)), row("dev_plans", id, "quota", int64(50))},
		"its rectification closed": {row("rectifications", id, "org_id", v.Org.ID), row("rectifications", id, "village_id", v.Org.ID),
			row("rectifications", id, "closed_on", "2026-11-29")},
	}
	seq := int64(100)
	for name, cs := range cases {
		t.Run(name, func(t *testing.T) {
			before := snapshot(t, town)
			seq++
			r := town.Node.Import(ctx, forge(t, v, town, seq, cs))
			if r.Status != exchange.Rejected || !errors.Is(r.Err, replica.ErrOutOfScope) || !strings.Contains(r.Message, "发展党员计划") {
				t.Fatalf("status %s, error %v, message %q", r.Status, r.Err, r.Message)
			}
			if after := snapshot(t, town); after != before {
				t.Errorf("database changed")
			}
		})
	}
}
