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

// TestVillageCannotWriteVisits: supervision visits are the township's; a bundle in which a
// village records one (for itself or another village) is refused whole with a sentence
// naming what it tried, and the township's database is unchanged.
func TestVillageCannotWriteVisits(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	synctest.Sync(t, v, town)
	dev := v.Node.Self()
	id := store.NewID()
	var cs []replica.Change
	for _, f := range [][2]any{{"org_id", v.Org.ID}, {"village_id", v.Org.ID}, {"day", "2026-11-20"}, {"visitors", "自己"}, {"checked", "无"}} {
		cs = append(cs, replica.Change{Table: "visits", RowID: id, OrgID: v.Org.ID, Field: f[0].(string), Value: f[1],
			HLC: v.DB.Replica().Clock() + 1, Device: dev})
	}
	before := snapshot(t, town)
	r := town.Node.Import(ctx, forge(t, v, town, 100, cs))
	if r.Status != exchange.Rejected || !errors.Is(r.Err, replica.ErrOutOfScope) || !strings.Contains(r.Message, "督导记录") {
		t.Fatalf("status %s, error %v, message %q", r.Status, r.Err, r.Message)
	}
	if after := snapshot(t, town); after != before {
		t.Errorf("database changed")
	}
}
