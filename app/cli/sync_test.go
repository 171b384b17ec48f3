package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhibu/store/storetest"
)

// A township and a village pair by enrolment files on a stick, sync both ways by USB, and
// agree on the village's digest; a bad bundle is refused with exit status 1.
func TestPairAndSyncByUSB(t *testing.T) {
	stick := t.TempDir()
	town := newHarness(t)
	town.env["ZHIBU_USER"] = "李委员"
	town.ok("init", "--role", "township", "--org-code", "410928", "--org-name", "城关镇党委", "--admin", "李委员")
	village := newHarness(t)
	village.ok("init", "--role", "village", "--org-code", "410928001", "--org-name", "张庄村党支部", "--parent-code", "410928", "--admin", "王书记")

	village.ok("pair", "export", "--out", filepath.Join(stick, "zhangzhuang.zpair"))
	town.ok("pair", "export", "--out", filepath.Join(stick, "town.zpair"))
	out := town.ok("pair", "import", filepath.Join(stick, "zhangzhuang.zpair"))
	if !strings.Contains(out, "张庄村党支部") {
		t.Errorf("pair import says %q", out)
	}
	village.ok("pair", "import", filepath.Join(stick, "town.zpair"))
	var dev DeviceInfo
	json.Unmarshal([]byte(town.ok("device", "--json")), &dev)
	if len(dev.Paired) != 1 || dev.Paired[0].OrgCode != "410928001" {
		t.Fatalf("township's paired devices: %+v", dev.Paired)
	}

	id := strings.TrimSpace(village.ok("member", "add", "--name", "张建国", "--id-number", storetest.ValidID("1965-03-01", 11), "--joined", "1990-07-01"))
	village.ok("sync", "export", "--out", stick)
	var reports []map[string]any
	if err := json.Unmarshal([]byte(town.ok("sync", "import", stick, "--json")), &reports); err != nil {
		t.Fatal(err)
	}
	if len(reports) != 1 || reports[0]["status"] != "applied" {
		t.Fatalf("township import: %+v", reports)
	}
	town.ok("member", "set", id, "--phone", "13812345678", "--user", "李委员")
	town.ok("sync", "export", "--to", "410928001", "--out", stick)
	out = village.ok("sync", "import", stick)
	if !strings.Contains(out, "已导入") {
		t.Errorf("village import says %q", out)
	}
	// The village's own bundle and the township's older one are passed over or skipped.
	if a, b := town.ok("digest", "--org", "410928001"), village.ok("digest", "--org", "410928001"); a != b {
		t.Errorf("digest differs: township %s village %s", a, b)
	}
	var st []map[string]any
	json.Unmarshal([]byte(town.ok("sync", "status", "--json")), &st)
	if len(st) != 1 || st[0]["name"] != "张庄村党支部" || st[0]["last_sync"] == "" {
		t.Errorf("status: %+v", st)
	}

	bad := filepath.Join(t.TempDir(), "bad.zbundle")
	os.WriteFile(bad, []byte("ZHIBUBDL\x01garbage"), 0o644)
	code, _, errs := town.run("sync", "import", bad)
	if code != 1 || !strings.Contains(errs, "拒收") {
		t.Errorf("bad bundle: exit %d, %q", code, errs)
	}
	if code, _, _ := town.run("sync", "export"); code != 2 {
		t.Errorf("sync export without --out: exit %d, want 2", code)
	}
}

// A backup taken while in use restores the same data and keys; a wrong password is refused
// and changes nothing.
func TestBackupAndRestore(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	h.ok("member", "add", "--name", "张建国", "--id-number", storetest.ValidID("1965-03-01", 11), "--joined", "1990-07-01")
	want := h.ok("digest")
	dev := h.ok("device", "--json")
	file := filepath.Join(t.TempDir(), "backup.zbak")
	// Issue 20, failure 8: the backup is not locked with the login password.
	if code, _, errs := h.run("backup", "--out", file); code == 0 {
		t.Fatal("a backup without its own password was written")
	} else {
		t.Log(errs)
	}
	h.env["ZHIBU_BACKUP_PASSWORD"] = "secret123"
	if code, _, errs := h.run("backup", "--out", file); code != 1 || !strings.Contains(errs, "备份密码") {
		t.Fatalf("a backup locked with the login password: exit %d %s", code, errs)
	}
	h.env["ZHIBU_BACKUP_PASSWORD"] = "张庄村备份2026年十一月"
	h.ok("backup", "--out", file)
	h.ok("member", "add", "--name", "李秀英", "--id-number", storetest.ValidID("1970-05-02", 22), "--joined", "1995-07-01")

	h.env["ZHIBU_BACKUP_PASSWORD"] = "wrong-password"
	if code, _, errs := h.run("restore", file); code != 1 || !strings.Contains(errs, "密码不对") {
		t.Errorf("wrong password: exit %d %q", code, errs)
	}
	h.env["ZHIBU_BACKUP_PASSWORD"] = "张庄村备份2026年十一月"
	if got := h.ok("digest"); got == want {
		t.Fatal("the refused restore changed the database")
	}
	h.ok("restore", file)
	if got := h.ok("digest"); got != want {
		t.Errorf("digest after restore %s, want %s", got, want)
	}
	// The restored database keeps its organisation and pairings under a new device ID (a
	// new epoch: see TestRestoredPCCatchesUp).
	var before, after DeviceInfo
	json.Unmarshal([]byte(dev), &before)
	json.Unmarshal([]byte(h.ok("device", "--json")), &after)
	if after.ID == before.ID || after.OrgCode != before.OrgCode || after.Role != before.Role || len(after.Paired) != len(before.Paired) {
		t.Errorf("device after restore:\n%+v\nbefore\n%+v", after, before)
	}
}
