package exchange_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"zhibu/store/replica"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

// TestFutureStampRefused: a change stamped at the HLC's maximum (or two days ahead) is
// refused whole with a message naming the sender, the township's clock does not move, its
// next edit is stamped normally and exported, and check names the village's clock; a stamp
// half a day ahead (a PC a few hours off) is still accepted.
func TestFutureStampRefused(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	id := v.AddMember(t, "张建国", "1965-03-01", "1990-07-01", 11)
	synctest.Sync(t, town, v)
	now := town.DB.Now()
	change := func(h replica.HLC, phone string) []replica.Change {
		return []replica.Change{{Table: "members", RowID: id, OrgID: v.Org.ID, Field: "phone", Value: phone, HLC: h, Device: v.Node.Self()}}
	}
	clock := town.DB.Replica().Clock()
	for i, h := range []replica.HLC{math.MaxInt64, replica.MakeHLC(now.Add(48*time.Hour), 0)} {
		r := town.Node.Import(ctx, forge(t, v, town, int64(10+i), change(h, "13900000009")))
		if r.Status != exchange.Rejected || !errors.Is(r.Err, replica.ErrClockAhead) {
			t.Fatalf("stamp %d: %s %v", h, r.Status, r.Err)
		}
		if !strings.Contains(r.Message, "张庄村党支部") {
			t.Errorf("message does not name the sender: %s", r.Message)
		}
		t.Log(r.Message)
	}
	if got := town.DB.Replica().Clock(); got != clock {
		t.Fatalf("clock moved from %s to %s", clock, got)
	}
	if m, _ := town.DB.Member(town.Ctx, id); m.Phone == "13900000009" {
		t.Fatal("refused change applied")
	}
	fs, err := town.DB.Check(ctx, town.Org.ID, "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	named := false
	for _, f := range fs {
		named = named || f.Kind == "clock_skew" && strings.Contains(f.Title, "张庄村党支部")
	}
	if !named {
		t.Errorf("no finding names the village's clock: %+v", fs)
	}
	m, _ := town.DB.Member(town.Ctx, id)
	m.Phone = "13700000007"
	if err := town.DB.UpdateMember(town.Ctx, m); err != nil {
		t.Fatal(err)
	}
	if c := town.DB.Replica().Clock(); c <= clock || c.Wall().Before(now.Add(-time.Minute)) {
		t.Fatalf("next local stamp %d (%s)", c, c)
	}
	synctest.Sync(t, town, v)
	if got, _ := v.DB.Member(v.Ctx, id); got.Phone != "13700000007" {
		t.Fatalf("township's edit after the refusal did not reach the village: %q", got.Phone)
	}
	r := town.Node.Import(ctx, forge(t, v, town, 20, change(replica.MakeHLC(town.DB.Now().Add(12*time.Hour), 0), "13900000012")))
	if r.Status != exchange.Applied {
		t.Fatalf("half a day ahead: %s %s", r.Status, r.English)
	}
}
