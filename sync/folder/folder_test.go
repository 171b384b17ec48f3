package folder_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"zhibu/sync/exchange"
	"zhibu/sync/folder"
	"zhibu/sync/synctest"
)

func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

func pass(t *testing.T, d *synctest.Device, dir string) folder.Result {
	t.Helper()
	res, err := folder.Sync(context.Background(), d.Node, dir, folder.Options{})
	if err != nil {
		t.Fatalf("%s: sync folder: %v", d.Org.Name, err)
	}
	for _, r := range res.Reports {
		if r.Status == exchange.Rejected {
			t.Fatalf("%s: rejected %s: %s", d.Org.Name, r.File, r.English)
		}
	}
	if len(res.Problems) > 0 {
		t.Fatalf("%s: %v", d.Org.Name, res.Problems)
	}
	return res
}

func pending(t *testing.T, d *synctest.Device) int {
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

// Two PCs that never meet converge through a shared folder; receipts empty it, and neither
// side is left with anything pending.
func TestFolderRoundTripEmpties(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	for i := range 30 {
		v.AddMember(t, "张建国", "1960-03-01", "1990-07-01", i)
	}
	if err := town.DB.SetSetting(town.Ctx, town.Org.ID, "theme", "学党史"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()

	r := pass(t, v, dir)
	if len(r.Written) != 1 || r.Written[0].Changes == 0 {
		t.Fatalf("village wrote %+v", r.Written)
	}
	if again := pass(t, v, dir); len(again.Written) != 0 || len(names(t, dir)) != 1 {
		t.Fatalf("a second pass with nothing new wrote %+v; folder %v", again.Written, names(t, dir))
	}
	r = pass(t, town, dir)
	if len(r.Reports) != 1 || r.Reports[0].Status != exchange.Applied || len(r.Receipts) != 1 || len(r.Written) != 1 {
		t.Fatalf("township pass: %+v", r)
	}
	r = pass(t, v, dir)
	if len(r.Confirmed) != 1 || len(r.Reports) != 1 || len(r.Receipts) != 1 {
		t.Fatalf("village pass: %+v", r)
	}
	r = pass(t, town, dir)
	if len(r.Confirmed) != 1 {
		t.Fatalf("township pass 2: %+v", r)
	}
	pass(t, v, dir)
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("folder not empty after receipts: %v", got)
	}
	a, _ := town.DB.Digest(ctx, v.Org.Code)
	b, _ := v.DB.Digest(ctx, v.Org.Code)
	if a != b {
		t.Error("digests differ after folder sync")
	}
	if got, _ := v.DB.Setting(ctx, town.Org.ID, "theme", ""); got != "学党史" {
		t.Errorf("broadcast not received: %q", got)
	}
	if p, q := pending(t, v), pending(t, town); p != 0 || q != 0 {
		t.Errorf("pending after a full round: village %d, township %d", p, q)
	}
}

// A bundle that fails verification gets no receipt, and is reported; a forged receipt does
// not remove the sender's bundle.
func TestFolderRejectsAndForgedReceipts(t *testing.T) {
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	v.AddMember(t, "张建国", "1960-03-01", "1990-07-01", 1)
	dir := t.TempDir()
	w := pass(t, v, dir).Written[0]
	data, _ := os.ReadFile(w.File)
	data[len(data)-10] ^= 0xff
	os.WriteFile(w.File, data, 0o644)

	res, err := folder.Sync(context.Background(), town.Node, dir, folder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rejected() != 1 || len(res.Receipts) != 0 {
		t.Fatalf("damaged bundle: %+v", res)
	}
	for _, n := range names(t, dir) {
		if strings.HasSuffix(n, folder.ReceiptExt) {
			t.Errorf("a receipt was written for a rejected bundle: %s", n)
		}
	}
	// A carrier forging the township's receipt.
	forged := filepath.Join(dir, folder.ReceiptName(filepath.Base(w.File)))
	os.WriteFile(forged, []byte(`{"format":"zhibu-receipt/1","bundle":"`+filepath.Base(w.File)+`","from":"`+v.Node.Self()+`","by":"`+town.Node.Self()+`","status":"applied","known":{},"sig":"AAAA"}`), 0o644)
	res = must(t, v, dir)
	if len(res.Problems) != 1 || len(res.Confirmed) != 0 {
		t.Fatalf("forged receipt: %+v", res)
	}
	if _, err := os.Stat(w.File); err != nil {
		t.Error("the forged receipt removed the village's bundle")
	}
	t.Log(res.Problems[0])
}

func must(t *testing.T, d *synctest.Device, dir string) folder.Result {
	res, err := folder.Sync(context.Background(), d.Node, dir, folder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
