package folder_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"zhibu/sync/exchange"
	"zhibu/sync/folder"
	"zhibu/sync/pairing"
	"zhibu/sync/synctest"
	"zhibu/sync/usb"
)

// TestCarrierFilesAreOpenedSafely (issue 20, failure 7): a sync folder and a stick hold a
// FIFO, a link to /dev/zero, a link to a file outside the folder and a 3 GB sparse file,
// all named as bundles for this PC; `sync folder` and `sync import` finish quickly, read
// none of them whole, and say why each was not read. `pair import` of a 2 GB file is
// refused without reading it.
func TestCarrierFilesAreOpenedSafely(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	dir := t.TempDir()
	name := func(seq int64) string { return usb.FileName(town.Node.Self(), v.Node.Self(), seq) }
	if err := syscall.Mkfifo(filepath.Join(dir, name(1)), 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, name(2))); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "secret.zbundle")
	os.WriteFile(outside, synctest.Send(t, town, v), 0o600)
	if err := os.Symlink(outside, filepath.Join(dir, name(3))); err != nil {
		t.Fatal(err)
	}
	huge, err := os.Create(filepath.Join(dir, name(4)))
	if err != nil {
		t.Fatal(err)
	}
	huge.Truncate(3 << 30)
	huge.Close()

	check := func(what string, run func() []string) {
		t.Helper()
		start := time.Now()
		done := make(chan []string, 1)
		go func() { done <- run() }()
		select {
		case msgs := <-done:
			t.Logf("%s: %.1f s", what, time.Since(start).Seconds())
			all := strings.Join(msgs, "\n")
			for _, want := range []string{"不是普通文件", "超过"} {
				if !strings.Contains(all, want) {
					t.Errorf("%s: no message saying %q:\n%s", what, want, all)
				}
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("%s hangs on the folder's files", what)
		}
	}
	check("sync folder", func() []string {
		res, err := folder.Sync(ctx, v.Node, dir, folder.Options{})
		if err != nil {
			return []string{err.Error()}
		}
		return res.Problems
	})
	check("sync import", func() []string {
		rs, err := usb.Import(ctx, v.Node, []string{dir})
		if err != nil {
			return []string{err.Error()}
		}
		var msgs []string
		for _, r := range rs {
			if r.Status == exchange.Applied {
				t.Errorf("%s was applied", r.File)
			}
			msgs = append(msgs, r.Message)
		}
		return msgs
	})

	big := filepath.Join(t.TempDir(), "big.zpair")
	f, _ := os.Create(big)
	f.Truncate(2 << 30)
	f.Close()
	start := time.Now()
	if _, err := pairing.Read(big); err == nil || time.Since(start) > 5*time.Second {
		t.Errorf("pair import of a 2 GB file: %v after %v", err, time.Since(start))
	}
}
