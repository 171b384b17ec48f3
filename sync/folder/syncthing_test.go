package folder_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"zhibu/sync/carriertest"
	"zhibu/sync/synctest"
)

// Folder mode over two stock Syncthing daemons that keep one folder in step (village's
// node ↔ township's node, loopback only): the two PCs never meet, converge, and the folders
// empty once the receipts are read.
func TestFolderThroughTwoSyncthingDaemons(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	for i := range 30 {
		v.AddMember(t, "张建国", "1960-03-01", "1990-07-01", i)
	}
	town.DB.SetSetting(town.Ctx, town.Org.ID, "theme", "学党史")
	a, b := carriertest.Generate(t), carriertest.Generate(t)
	a.Run("", []*carriertest.Daemon{b})
	b.Run("", []*carriertest.Daemon{a})

	// arrive waits until the other node's folder shows exactly want.
	arrive := func(from, to *carriertest.Daemon, want ...string) {
		t.Helper()
		from.Scan()
		slices.Sort(want)
		deadline := time.Now().Add(25 * time.Second)
		for {
			got := to.Files()
			slices.Sort(got)
			if slices.Equal(got, want) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("the other node holds %v, want %v", got, want)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	start := time.Now()
	r := pass(t, v, a.Folder)
	x := filepath.Base(r.Written[0].File)
	arrive(a, b, x)
	r = pass(t, town, b.Folder)
	if len(r.Reports) != 1 || len(r.Receipts) != 1 {
		t.Fatalf("township: %+v", r)
	}
	xt := filepath.Base(r.Written[0].File)
	arrive(b, a, x, r.Receipts[0], xt)
	r = pass(t, v, a.Folder)
	if len(r.Confirmed) != 1 || len(r.Reports) != 1 {
		t.Fatalf("village, second pass: %+v", r)
	}
	arrive(a, b, r.Receipts[0], xt)
	r = pass(t, town, b.Folder)
	if len(r.Confirmed) != 1 {
		t.Fatalf("township, second pass: %+v", r)
	}
	arrive(b, a)
	t.Logf("converged through two Syncthing daemons in %v", time.Since(start).Round(time.Millisecond))
	if got := b.Files(); len(got) != 0 {
		t.Errorf("the township's folder still holds %v", got)
	}
	d1, _ := town.DB.Digest(ctx, v.Org.Code)
	d2, _ := v.DB.Digest(ctx, v.Org.Code)
	if d1 != d2 {
		t.Error("digests differ")
	}
	if p, q := pending(t, v), pending(t, town); p != 0 || q != 0 {
		t.Errorf("pending: village %d, township %d", p, q)
	}
}
