package cli

import (
	"bufio"
	"context"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"

	"zhibu/store/storetest"
)

// "sync serve" on the township and "sync with" on the village, over loopback.
func TestSyncServeAndWith(t *testing.T) {
	stick := t.TempDir()
	town := newHarness(t)
	town.env["ZHIBU_USER"] = "李委员"
	town.ok("init", "--role", "township", "--org-code", "410928", "--org-name", "城关镇党委", "--admin", "李委员")
	village := newHarness(t)
	village.initVillage()
	village.ok("pair", "export", "--out", filepath.Join(stick, "v.zpair"))
	town.ok("pair", "export", "--out", filepath.Join(stick, "t.zpair"))
	town.ok("pair", "import", filepath.Join(stick, "v.zpair"))
	village.ok("pair", "import", filepath.Join(stick, "t.zpair"))
	village.ok("member", "add", "--name", "张建国", "--id-number", storetest.ValidID("1965-03-01", 11), "--joined", "1990-07-01")

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan int)
	pr, pw := io.Pipe()
	go func() {
		code := Run(ctx, []string{"sync", "serve", "--listen", addr}, pw, io.Discard, func(k string) string { return town.env[k] })
		pw.Close()
		served <- code
	}()
	lines := bufio.NewScanner(pr)
	if !lines.Scan() || !strings.Contains(lines.Text(), "正在") { // "waiting on ADDR": it listens
		t.Fatalf("sync serve says %q", lines.Text())
	}
	go io.Copy(io.Discard, pr)
	code, out, errs := village.run("sync", "with", addr)
	if code != 0 {
		t.Fatalf("sync with: exit %d %s", code, errs)
	}
	cancel()
	if code := <-served; code != 0 {
		t.Errorf("sync serve exit %d", code)
	}
	if !strings.Contains(out, "与城关镇党委同步完成") {
		t.Fatalf("sync with says %q", out)
	}
	if a, b := town.ok("digest", "--org", "410928001"), village.ok("digest", "--org", "410928001"); a != b {
		t.Errorf("digests differ: %s %s", a, b)
	}
}
