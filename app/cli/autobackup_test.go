package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhibu/store/storetest"
)

// A damaged database is refused at start with the newest automatic backup named and what
// restoring it loses; restoring that backup brings the members back.
func TestDamagedDatabaseOffersAutomaticBackup(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	for i, name := range []string{"张建国", "李秀英"} {
		h.ok("member", "add", "--name", name, "--id-number", storetest.ValidID("1965-03-01", 11+i), "--joined", "1990-07-01")
	}
	h.env["ZHIBU_NEW_PASSWORD"] = "secret456"
	h.ok("user", "add", "小李", "--role", "recorder")
	if out := h.ok("backup", "--auto"); !strings.Contains(out, "自动备份") {
		t.Fatalf("backup --auto: %s", out)
	}
	if out := h.ok("backup", "--auto"); !strings.Contains(out, "已经做过") {
		t.Fatalf("second backup --auto the same day: %s", out)
	}
	db := h.env["ZHIBU_DB"]
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for i := 4096 * 2; i < len(b) && i < 4096*6; i++ { // wreck pages after the header
		b[i] = 0x5A
	}
	os.WriteFile(db, b, 0o600)
	os.Remove(db + "-wal")
	os.Remove(db + "-shm")
	code, _, errs := h.run("member", "list")
	if code != 1 || !strings.Contains(errs, "已损坏") || !strings.Contains(errs, "restore --auto") {
		t.Fatalf("damaged database: exit %d: %s", code, errs)
	}
	t.Log(errs)
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "backups", "daily-*.zbak"))
	if len(files) != 1 {
		t.Fatalf("automatic backups: %v", files)
	}
	// Issue 20, failure 8: rolling the ledger back needs an administrator's login.
	for _, who := range []struct{ user, pw string }{{"", ""}, {"王书记", "wrong-password"}, {"小李", "secret456"}} {
		h.env["ZHIBU_USER"], h.env["ZHIBU_PASSWORD"] = who.user, who.pw
		if code, _, errs := h.run("restore", "--auto", files[0]); code == 0 {
			t.Fatalf("restore --auto as %q with %q was allowed", who.user, who.pw)
		} else {
			t.Log(errs)
		}
	}
	h.env["ZHIBU_USER"], h.env["ZHIBU_PASSWORD"] = "王书记", "secret123"
	h.ok("restore", "--auto", files[0])
	if out := h.ok("member", "list"); !strings.Contains(out, "张建国") || !strings.Contains(out, "李秀英") {
		t.Fatalf("after restoring: %s", out)
	}
}
