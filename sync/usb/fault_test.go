package usb_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zhibu/sync/bundle"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
	"zhibu/sync/usb"
)

// A bundle that cannot be written (a full stick, here a folder in the way) uses up no
// number and does not count as sent; the next export writes it with the same number.
func TestFailedExportRecordsNothing(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	v.AddMember(t, "张建国", "1965-03-01", "1990-07-01", 11)
	stick := t.TempDir()
	blocker := filepath.Join(stick, usb.FileName(v.Node.Self(), town.Node.Self(), 1))
	os.MkdirAll(filepath.Join(blocker, "x"), 0o700)
	before, _ := v.DB.Replica().Peer(ctx, town.Node.Self())
	if _, err := usb.Export(ctx, v.Node, stick, nil); err == nil {
		t.Fatal("export into a blocked file succeeded")
	}
	after, _ := v.DB.Replica().Peer(ctx, town.Node.Self())
	if after.OutSeq != before.OutSeq || after.LastSent != before.LastSent {
		t.Fatalf("a failed export recorded bundle %d, last sent %d (before: %d, %d)", after.OutSeq, after.LastSent, before.OutSeq, before.LastSent)
	}
	os.RemoveAll(blocker)
	ws, err := usb.Export(ctx, v.Node, stick, nil)
	if err != nil || len(ws) != 1 || ws[0].Seq != 1 {
		t.Fatalf("export again: %+v %v", ws, err)
	}
	if rs, _ := usb.Import(ctx, town.Node, []string{stick}); len(rs) != 1 || rs[0].Status != exchange.Applied {
		t.Fatalf("import: %+v", rs)
	}
}

// A 3 GB file that looks like a bundle is refused from its size, without being read; a
// bundle this PC wrote itself is refused as such.
func TestHugeAndOwnBundles(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	stick := t.TempDir()
	ws, err := usb.Export(ctx, v.Node, stick, nil)
	if err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(t.TempDir(), "huge"+bundle.Ext)
	os.Link(ws[0].File, huge)
	data, _ := os.ReadFile(ws[0].File)
	os.Remove(huge)
	os.WriteFile(huge, data, 0o600)
	if err := os.Truncate(huge, 3<<30); err != nil { // sparse: takes no disk space
		t.Fatal(err)
	}
	start := time.Now()
	rs, err := usb.Import(ctx, town.Node, []string{huge})
	if err != nil || len(rs) != 1 || rs[0].Status != exchange.Rejected || !errors.Is(rs[0].Err, bundle.ErrTooLarge) {
		t.Fatalf("huge: %+v %v", rs, err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("refusing the huge file took %v", d)
	}
	t.Log(rs[0].Message)
	rs, _ = usb.Import(ctx, v.Node, []string{ws[0].File})
	if len(rs) != 1 || !errors.Is(rs[0].Err, exchange.ErrOwnBundle) || !strings.Contains(rs[0].Message, "本机自己") {
		t.Fatalf("own bundle: %+v", rs)
	}
}
