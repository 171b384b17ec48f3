package lan_test

import (
	"context"
	"crypto/rand"
	"errors"
	"net"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/exchange"
	"zhibu/sync/lan"
	"zhibu/sync/pairing"
	"zhibu/sync/synctest"
)

// serve runs a LAN server for d on a loopback port until the test ends.
func serve(t *testing.T, d *synctest.Device) string { return serveReport(t, d, nil) }

func serveReport(t *testing.T, d *synctest.Device, done func(lan.Result, error)) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	report := done
	stopped := make(chan struct{})
	go func() { lan.Serve(ctx, d.Node, l, lan.Options{}, report); close(stopped) }()
	t.Cleanup(func() { cancel(); <-stopped })
	return l.Addr().String()
}

// addYear gives a village a year of members, some with photos (so the bundle spans several
// blocks).
func addYear(t *testing.T, v *synctest.Device, n int) {
	for i := range n {
		id := v.AddMember(t, "张建国", "1960-03-01", "1990-07-01", i)
		if i%4 == 0 {
			photo := make([]byte, 40<<10)
			rand.Read(photo)
			m, err := v.DB.Member(v.Ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			m.Photo = photo
			if err := v.DB.UpdateMember(v.Ctx, m); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestSyncWithOverLoopback(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	addYear(t, v, 60)
	if err := town.DB.SetSetting(town.Ctx, town.Org.ID, "theme", "学党史"); err != nil {
		t.Fatal(err)
	}
	addr := serve(t, town)

	res, err := lan.With(ctx, v.Node, addr, town.Node.Self(), lan.Options{})
	if err != nil {
		t.Fatalf("sync with the township: %v", err)
	}
	for _, r := range res.Reports {
		if r.Status != exchange.Applied {
			t.Errorf("village import: %+v", r)
		}
	}
	if len(res.Sent) != 1 {
		t.Errorf("village's bundle not confirmed by the township: %+v", res.Sent)
	}
	a, _ := town.DB.Digest(ctx, v.Org.Code)
	b, _ := v.DB.Digest(ctx, v.Org.Code)
	if a != b {
		t.Errorf("digests differ after LAN sync")
	}
	if got, _ := v.DB.Setting(ctx, town.Org.ID, "theme", ""); got != "学党史" {
		t.Errorf("broadcast not received: %q", got)
	}
}

// The township fetching a big bundle is cut halfway; the next session fetches only the
// blocks it lacks.
func TestResumeDoesNotRefetchBlocks(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	addYear(t, v, 80)
	addr := serve(t, v) // the village serves; the township pulls
	res, err := lan.With(ctx, town.Node, addr, v.Node.Self(), lan.Options{StopAfterBlocks: 3})
	if err == nil || res.BlocksFetched != 3 {
		t.Fatalf("cut session: %v, %d blocks", err, res.BlocksFetched)
	}
	res, err = lan.With(ctx, town.Node, addr, v.Node.Self(), lan.Options{})
	if err != nil {
		t.Fatalf("%v (%v)", err, errors.Unwrap(err))
	}
	data, _, _ := v.Node.MakeBundle(ctx, town.Node.Self()) // same content, to count blocks
	total := (len(data) + 128<<10 - 1) / (128 << 10)
	t.Logf("bundle ≈ %d blocks; fetched %d after resuming", total, res.BlocksFetched)
	if res.BlocksFetched != total-3 || total < 5 {
		t.Errorf("resumed session fetched %d blocks, want %d", res.BlocksFetched, total-3)
	}
	if len(res.Reports) != 1 || res.Reports[0].Status != exchange.Applied {
		t.Fatalf("reports: %+v", res.Reports)
	}
	a, _ := town.DB.Digest(ctx, v.Org.Code)
	b, _ := v.DB.Digest(ctx, v.Org.Code)
	if a != b {
		t.Errorf("digests differ after resume")
	}
}

// A device the township never paired with is refused, even if it imported the township's
// enrolment file itself.
func TestUnpairedDeviceIsRefused(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	stranger := synctest.New(t, storetest.Params{Role: store.RoleVillage, OrgCode: "410928009", OrgName: "外村党支部"})
	e, err := pairing.Make(ctx, town.DB, town.Node.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pairing.Accept(ctx, stranger.DB, e); err != nil {
		t.Fatal(err)
	}
	refused := make(chan error, 1)
	addr := serveReport(t, town, func(_ lan.Result, err error) { refused <- err })
	before, _ := town.DB.Digest(ctx, "")
	if _, err := lan.With(ctx, stranger.Node, addr, "", lan.Options{}); err == nil {
		t.Fatal("the stranger's session succeeded")
	}
	if err := <-refused; !errors.Is(err, lan.ErrUnpaired) {
		t.Fatalf("township's verdict: %v", err)
	} else {
		t.Log(err)
	}
	if after, _ := town.DB.Digest(ctx, ""); after != before {
		t.Error("township's data changed")
	}
	// And the stranger refuses a township it has not paired with.
	other := synctest.Township(t)
	if _, err := lan.With(ctx, stranger.Node, serve(t, other), "", lan.Options{}); !errors.Is(err, lan.ErrUnpaired) {
		t.Errorf("connecting to an unpaired township: %v", err)
	}
}
