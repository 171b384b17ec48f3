package cli

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"zhibu/store/storetest"
	"zhibu/sync/carriertest"
)

// pairedPair sets up a township and a village paired with each other, the village with a
// member.
func pairedPair(t *testing.T) (town, village *harness) {
	stick := t.TempDir()
	town = newHarness(t)
	town.env["ZHIBU_USER"] = "李委员"
	town.ok("init", "--role", "township", "--org-code", "410928", "--org-name", "城关镇党委", "--admin", "李委员")
	village = newHarness(t)
	village.initVillage()
	village.ok("pair", "export", "--out", filepath.Join(stick, "v.zpair"))
	town.ok("pair", "export", "--out", filepath.Join(stick, "t.zpair"))
	town.ok("pair", "import", filepath.Join(stick, "v.zpair"))
	village.ok("pair", "import", filepath.Join(stick, "t.zpair"))
	village.ok("member", "add", "--name", "张建国", "--id-number", storetest.ValidID("1965-03-01", 11), "--joined", "1990-07-01")
	return town, village
}

func deviceID(t *testing.T, h *harness) string {
	var dev DeviceInfo
	if err := json.Unmarshal([]byte(h.ok("device", "--json")), &dev); err != nil {
		t.Fatal(err)
	}
	return dev.ID
}

type statusRow struct {
	Name       string `json:"name"`
	PendingOut int    `json:"pending_out"`
	LastError  string `json:"last_error"`
}

func status(t *testing.T, h *harness) []statusRow {
	var st []statusRow
	if err := json.Unmarshal([]byte(h.ok("sync", "status", "--json")), &st); err != nil {
		t.Fatal(err)
	}
	return st
}

// The stock-Syncthing relay, driven through the CLI: village → daemon ← township.
func TestCarrierRelayCLI(t *testing.T) {
	town, village := pairedPair(t)
	st := carriertest.Start(t, "", deviceID(t, village), deviceID(t, town))
	for _, h := range []*harness{village, town} {
		out := h.ok("pair", "carrier", st.ID, "--name", "县同步节点")
		if !strings.Contains(out, "县同步节点") || !strings.Contains(out, st.ID) {
			t.Fatalf("pair carrier says %q", out)
		}
	}
	var dev DeviceInfo
	json.Unmarshal([]byte(village.ok("device", "--json")), &dev)
	if len(dev.Carriers) != 1 || dev.Carriers[0].ID != st.ID || len(dev.Paired) != 1 {
		t.Fatalf("device lists %+v", dev)
	}
	for i, h := range []*harness{village, town, village, town} {
		out := h.ok("sync", "with", st.Addr)
		if !strings.Contains(out, "与中转节点县同步节点同步完成") {
			t.Fatalf("step %d: sync with the carrier says %q", i, out)
		}
	}
	if f := st.Files(); len(f) != 0 {
		t.Errorf("the carrier still holds %v", f)
	}
	if a, b := town.ok("digest", "--org", "410928001"), village.ok("digest", "--org", "410928001"); a != b {
		t.Errorf("digests differ: %s %s", a, b)
	}
	for _, h := range []*harness{village, town} {
		for _, s := range status(t, h) {
			if s.PendingOut != 0 || s.LastError != "" {
				t.Errorf("after the relay: %+v", s)
			}
		}
	}
	// A carrier is named by its address, not looked up on the LAN.
	village.fails(2, "中转节点", "sync", "with", "县同步节点")
	village.fails(1, "不是有效的设备号", "pair", "carrier", "NOT-AN-ID", "--name", "x")
	village.fails(2, "--name", "pair", "carrier", st.ID)
}

// "sync folder" on a shared folder (as a network share or a stick would be): two passes
// each way and the folder is empty; nothing pending; the bad paths say what to do.
func TestSyncFolderCLI(t *testing.T) {
	town, village := pairedPair(t)
	dir := t.TempDir()
	if out := village.ok("sync", "folder", dir); !strings.Contains(out, "城关镇党委") {
		t.Fatalf("village's first pass says %q", out)
	}
	if out := town.ok("sync", "folder", dir); !strings.Contains(out, "张庄村党支部") {
		t.Fatalf("township's pass says %q", out)
	}
	village.ok("sync", "folder", dir)
	town.ok("sync", "folder", dir)
	if out := village.ok("sync", "folder", dir); !strings.Contains(out, "没有要做的") {
		t.Errorf("a quiet pass says %q", out)
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Errorf("folder not empty: %d files", len(es))
	}
	if a, b := town.ok("digest", "--org", "410928001"), village.ok("digest", "--org", "410928001"); a != b {
		t.Errorf("digests differ")
	}
	for _, h := range []*harness{village, town} {
		for _, s := range status(t, h) {
			if s.PendingOut != 0 {
				t.Errorf("pending after folder sync: %+v", s)
			}
		}
	}
	village.fails(1, "无法打开同步文件夹", "sync", "folder", filepath.Join(dir, "missing"))
	village.fails(2, "--interval", "sync", "folder", dir, "--watch", "--interval", "0")

	// --watch keeps going until stopped.
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int)
	go func() {
		done <- Run(ctx, []string{"sync", "folder", dir, "--watch", "--interval", "1"}, pw, io.Discard, func(k string) string { return town.env[k] })
		pw.Close()
	}()
	var out strings.Builder
	var mu sync.Mutex
	go func() {
		b := make([]byte, 4096)
		for {
			n, err := pr.Read(b)
			mu.Lock()
			out.Write(b[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	village.ok("member", "add", "--name", "李秀英", "--id-number", storetest.ValidID("1972-03-02", 12), "--joined", "2001-07-01")
	village.ok("sync", "folder", dir)
	deadline := time.Now().Add(20 * time.Second)
	for {
		mu.Lock()
		got := out.String()
		mu.Unlock()
		if strings.Contains(got, "已导入") || strings.Contains(got, "导入") && strings.Contains(got, "张庄村党支部") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("--watch did not import the new bundle: %q", got)
		}
		time.Sleep(200 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("sync folder --watch exit %d", code)
	}
}

// "sync serve" says 同步完成 only for a finished session, refuses an unpaired device with a
// line in its log, and broadcasts only when asked.
func TestSyncServeMessages(t *testing.T) {
	town, village := pairedPair(t)
	stranger := newHarness(t)
	stranger.env["ZHIBU_USER"] = "赵书记"
	stranger.ok("init", "--role", "village", "--org-code", "410928009", "--org-name", "外村党支部", "--admin", "赵书记")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var buf syncBuf
	done := make(chan int)
	go func() {
		done <- Run(ctx, []string{"sync", "serve", "--listen", addr}, &buf, io.Discard, func(k string) string { return town.env[k] })
	}()
	for !strings.Contains(buf.String(), addr) {
		time.Sleep(50 * time.Millisecond)
	}
	village.ok("sync", "with", addr)
	stranger.fails(1, "没有与本机配对", "sync", "with", addr)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(buf.String(), "已拒绝一个连接") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	<-done
	out := buf.String()
	if strings.Count(out, "同步完成") != 1 || !strings.Contains(out, "与张庄村党支部同步完成") {
		t.Errorf("serve log: %q", out)
	}
	if !strings.Contains(out, "已拒绝一个连接") || !strings.Contains(out, deviceID(t, stranger)) {
		t.Errorf("the unpaired device was not logged: %q", out)
	}
	if strings.Contains(out, "广播") {
		t.Errorf("serve broadcast without --announce: %q", out)
	}
	for _, s := range status(t, village) {
		if s.PendingOut != 0 {
			t.Errorf("village pending after a two-way sync: %+v", s)
		}
	}
	for _, s := range status(t, town) {
		if s.PendingOut != 0 {
			t.Errorf("township pending after a two-way sync: %+v", s)
		}
	}
}

type syncBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestInitCounty(t *testing.T) {
	h := newHarness(t)
	h.env["ZHIBU_USER"] = "县管理员"
	h.fails(1, "county（县）", "init", "--role", "city", "--org-code", "4109", "--org-name", "范县县委", "--admin", "县管理员")
	h.ok("init", "--role", "county", "--org-code", "4109", "--org-name", "范县县委", "--admin", "县管理员")
	var dev DeviceInfo
	json.Unmarshal([]byte(h.ok("device", "--json")), &dev)
	if dev.Role != "county" || dev.OrgCode != "4109" {
		t.Errorf("device: %+v", dev)
	}
	if out := h.ok("device"); !strings.Contains(out, "县") {
		t.Errorf("device says %q", out)
	}
}
