package lan_test

import (
	"context"
	"testing"
	"time"

	"zhibu/store/replica"
	"zhibu/sync/carriertest"
	"zhibu/sync/exchange"
	"zhibu/sync/lan"
	"zhibu/sync/synctest"
)

func pendingOut(t *testing.T, d *synctest.Device) int {
	t.Helper()
	st, err := exchange.Status(context.Background(), d.Node.DB)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range st {
		n += s.PendingOut
	}
	return n
}

// A village and its township that never meet sync through a stock Syncthing daemon: each
// connects to it with the built-in BEP peer; bundles are addressed to the real recipient,
// receipts travel back the same way, and the folder empties.
func TestRelayThroughStockSyncthing(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	addYear(t, v, 40)
	if err := town.DB.SetSetting(town.Ctx, town.Org.ID, "theme", "学党史"); err != nil {
		t.Fatal(err)
	}
	st := carriertest.Start(t, "", v.Node.Self(), town.Node.Self())
	for _, d := range []*synctest.Device{v, town} {
		if err := d.Node.DB.AddCarrier(ctx, replica.Carrier{DeviceID: st.ID, Name: "县同步节点"}); err != nil {
			t.Fatal(err)
		}
	}
	with := func(d *synctest.Device) lan.Result {
		t.Helper()
		start := time.Now()
		res, err := lan.With(ctx, d.Node, st.Addr, st.ID, lan.Options{Timeout: 40 * time.Second})
		if err != nil {
			t.Fatalf("%s: sync with the carrier: %v", d.Org.Name, err)
		}
		if !res.Complete || res.Carrier.Name != "县同步节点" {
			t.Fatalf("%s: %+v", d.Org.Name, res)
		}
		for _, r := range res.Reports {
			if r.Status != exchange.Applied {
				t.Fatalf("%s: import %s: %s", d.Org.Name, r.File, r.English)
			}
		}
		t.Logf("%s: %d received, %d confirmed, folder %v, %v", d.Org.Name, len(res.Reports), len(res.Sent), st.Files(), time.Since(start).Round(time.Millisecond))
		return res
	}
	if r := with(v); len(r.Reports) != 0 || len(st.Files()) != 1 {
		t.Fatalf("the carrier should hold the village's bundle for the township: %v", st.Files())
	}
	if r := with(town); len(r.Reports) != 1 {
		t.Fatalf("the township received %d bundles, want 1", len(r.Reports))
	}
	if r := with(v); len(r.Sent) != 1 || len(r.Reports) != 1 {
		t.Fatalf("village, second time: confirmed %v, received %d", r.Sent, len(r.Reports))
	}
	if r := with(town); len(r.Sent) != 1 {
		t.Fatalf("township, second time: confirmed %v", r.Sent)
	}
	if f := st.Files(); len(f) != 0 {
		t.Errorf("the carrier's folder still holds %v after the receipts", f)
	}
	a, _ := town.DB.Digest(ctx, v.Org.Code)
	b, _ := v.DB.Digest(ctx, v.Org.Code)
	if a != b {
		t.Error("digests differ after the relay")
	}
	if got, _ := v.DB.Setting(ctx, town.Org.ID, "theme", ""); got != "学党史" {
		t.Errorf("broadcast not received: %q", got)
	}
	if p, q := pendingOut(t, v), pendingOut(t, town); p != 0 || q != 0 {
		t.Errorf("pending after the relay: village %d, township %d", p, q)
	}
}
