package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhibu/store/storetest"
)

// TestRestoredPCCatchesUp (issue 20, failure 4): a village PC restored from a backup (the
// README's advice for a replaced PC too) gets back, by syncing with its township, every
// record made after the backup that had reached the township; both sides' digests agree;
// its next bundle is not skipped as a reused number. Two PCs, driven through the CLI.
func TestRestoredPCCatchesUp(t *testing.T) {
	stick := t.TempDir()
	town := newHarness(t)
	town.env["ZHIBU_USER"] = "李委员"
	town.ok("init", "--role", "township", "--org-code", "410928", "--org-name", "城关镇党委", "--admin", "李委员")
	village := newHarness(t)
	village.ok("init", "--role", "village", "--org-code", "410928001", "--org-name", "张庄村党支部", "--parent-code", "410928", "--admin", "王书记")
	village.ok("pair", "export", "--out", filepath.Join(stick, "v.zpair"))
	town.ok("pair", "export", "--out", filepath.Join(stick, "town.zpair"))
	town.ok("pair", "import", filepath.Join(stick, "v.zpair"))
	village.ok("pair", "import", filepath.Join(stick, "town.zpair"))
	sync := func(from, to *harness) {
		t.Helper()
		dir := t.TempDir()
		from.ok("sync", "export", "--out", dir)
		var rs []map[string]any
		if err := json.Unmarshal([]byte(to.ok("sync", "import", dir, "--json")), &rs); err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r["status"] != "applied" {
				t.Fatalf("import: %+v", r)
			}
		}
	}

	village.ok("member", "add", "--name", "张建国", "--id-number", storetest.ValidID("1965-03-01", 11), "--joined", "1990-07-01")
	sync(village, town)
	sync(town, village)
	bak := filepath.Join(stick, "backup.zbak")
	village.env["ZHIBU_BACKUP_PASSWORD"] = "张庄村备份2026年十一月"
	village.ok("backup", "--out", bak)
	lost := strings.TrimSpace(village.ok("member", "add", "--name", "李秀英", "--id-number", storetest.ValidID("1970-05-02", 22), "--joined", "1995-07-01"))
	sync(village, town)
	town.ok("member", "set", lost, "--phone", "13812345678", "--user", "李委员")
	sync(town, village)

	// The village PC dies; the backup is restored on a new one.
	newPC := newHarness(t)
	newPC.env["ZHIBU_BACKUP_PASSWORD"] = "张庄村备份2026年十一月"
	newPC.ok("restore", bak)
	if strings.Contains(newPC.ok("member", "list"), "李秀英") {
		t.Fatal("the backup already holds the record made after it")
	}
	// The restored PC tells the township who it is now (a new enrolment on the stick).
	newPC.ok("pair", "export", "--out", filepath.Join(stick, "v2.zpair"))
	town.ok("pair", "import", filepath.Join(stick, "v2.zpair"))
	sync(town, newPC)
	if out := newPC.ok("member", "list"); !strings.Contains(out, "李秀英") {
		t.Fatalf("the record the township holds did not come back:\n%s", out)
	}
	if a, b := town.ok("digest", "--org", "410928001"), newPC.ok("digest", "--org", "410928001"); a != b {
		t.Errorf("digests differ after the restore and a sync: township %s restored %s", a, b)
	}
	// Its next change reaches the township: no bundle number is reused and skipped.
	newPC.ok("member", "add", "--name", "王立新", "--id-number", storetest.ValidID("1980-01-02", 33), "--joined", "2005-07-01")
	sync(newPC, town)
	if out := town.ok("member", "list"); !strings.Contains(out, "王立新") {
		t.Fatalf("the restored PC's new record did not reach the township:\n%s", out)
	}
	if a, b := town.ok("digest", "--org", "410928001"), newPC.ok("digest", "--org", "410928001"); a != b {
		t.Errorf("digests differ: township %s restored %s", a, b)
	}
	// Restoring the backup a second time on the same PC works the same way.
	_ = os.Remove(filepath.Join(stick, "v2.zpair"))
}
