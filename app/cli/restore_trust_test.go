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

// A township office PC restored from a backup (issue 20: "a restored township must re-enrol
// every village by hand"): it syncs as usual and each village takes its new device identity
// from the signed takeover its bundles carry, with no enrolment file carried to any village.
// The records made after the backup come back from the villages; the digests agree.
func TestRestoredTownshipNeedsNoReEnrolment(t *testing.T) {
	stick := t.TempDir()
	town := newHarness(t)
	town.env["ZHIBU_USER"] = "李委员"
	town.env["ZHIBU_BACKUP_PASSWORD"] = "城关镇备份2026年十二月"
	town.ok("init", "--role", "township", "--org-code", "410928", "--org-name", "城关镇党委", "--admin", "李委员")
	town.ok("pair", "export", "--out", filepath.Join(stick, "town.zpair"))
	var villages []*harness
	for i, v := range []struct{ code, name string }{{"410928001", "张庄村党支部"}, {"410928002", "李寨村党支部"}} {
		h := newHarness(t)
		h.ok("init", "--role", "village", "--org-code", v.code, "--org-name", v.name, "--parent-code", "410928", "--admin", "王书记")
		f := filepath.Join(stick, v.code+".zpair")
		h.ok("pair", "export", "--out", f)
		town.ok("pair", "import", f)
		h.ok("pair", "import", filepath.Join(stick, "town.zpair"))
		h.ok("member", "add", "--name", []string{"张建国", "李国强"}[i], "--id-number", storetest.ValidID("1965-03-01", 11+i), "--joined", "1990-07-01")
		villages = append(villages, h)
	}
	sync := func(from, to *harness) []map[string]any {
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
		return rs
	}
	for _, v := range villages {
		sync(v, town)
		sync(town, v)
	}
	bak := filepath.Join(stick, "town.zbak")
	town.ok("backup", "--out", bak)
	// After the backup: a member added in 张庄 reaches the township, then the township's PC dies.
	villages[0].ok("member", "add", "--name", "李秀英", "--id-number", storetest.ValidID("1970-05-02", 22), "--joined", "1995-07-01")
	sync(villages[0], town)

	newTown := newHarness(t)
	newTown.env["ZHIBU_USER"] = "李委员"
	newTown.env["ZHIBU_BACKUP_PASSWORD"] = town.env["ZHIBU_BACKUP_PASSWORD"]
	newTown.ok("restore", bak)
	if strings.Contains(newTown.ok("member", "list"), "李秀英") {
		t.Fatal("the backup already holds the record made after it")
	}
	// No enrolment file: the restored township's bundles are taken by both villages.
	for _, v := range villages {
		rs := sync(newTown, v)
		if len(rs) != 1 || rs[0]["took_over"] == nil || rs[0]["took_over"] == "" || !strings.Contains(rs[0]["message"].(string), "接替原设备") {
			t.Fatalf("the village did not take the restored township's new identity: %+v", rs)
		}
		sync(v, newTown)
	}
	if out := newTown.ok("member", "list"); !strings.Contains(out, "李秀英") || !strings.Contains(out, "李国强") {
		t.Fatalf("the records the villages hold did not come back:\n%s", out)
	}
	for _, c := range []struct {
		v    *harness
		code string
	}{{villages[0], "410928001"}, {villages[1], "410928002"}} {
		if a, b := newTown.ok("digest", "--org", c.code), c.v.ok("digest", "--org", c.code); a != b {
			t.Errorf("%s: digests differ after the restore and a sync: township %s village %s", c.code, a, b)
		}
	}
	// The old identity is gone on the villages: only the restored township is paired.
	if out := villages[1].ok("device"); strings.Count(out, "城关镇党委") != 1 {
		t.Errorf("the village lists the township %d times:\n%s", strings.Count(out, "城关镇党委"), out)
	}
}
