package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"zhibu/store"
	"zhibu/sync/exchange"
)

// digest020 is what v0.2.0 printed for 张庄村 on both PCs of the fixture (testdata/v0.2.0).
const digest020 = "b053cdd98dca01ae40bcda3d9481574c0da4694311bbd7f2e79afb085dd67c36"

// releaseWithKeys unpacks a database of a release with the device keys kept beside it.
func releaseWithKeys(t *testing.T, tag, name string) string {
	t.Helper()
	path := release(t, tag, name)
	src := filepath.Join("testdata", tag, name+".keys")
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(path+".keys", 0o700); err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(path+".keys", e.Name()), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// Issue 19, "Upgrade and compatibility": a paired township and village made by the v0.2.0
// binary open in this build and migrate in place: every record identical, the administrators
// log in, both PCs still agree on the village's digest (the one v0.2.0 printed), and a bundle
// the v0.2.0 village wrote afterwards imports on the upgraded township (mixed versions keep
// syncing during a county's months-long upgrade).
func TestUpgradeFromRelease020(t *testing.T) {
	ctx := context.Background()
	paths := map[string]string{}
	dbs := map[string]*store.DB{}
	for _, c := range []struct{ file, admin string }{{"village.db", "王书记"}, {"township.db", "李委员"}} {
		path := releaseWithKeys(t, "v0.2.0", c.file)
		raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		var oldVersion int
		raw.QueryRow("PRAGMA user_version").Scan(&oldVersion)
		cols := columns(t, raw)
		before := dump(t, raw, cols)
		raw.Close()
		if oldVersion != 10 || len(before["members"]) == 0 {
			t.Fatalf("%s fixture: schema %d, %d members", c.file, oldVersion, len(before["members"]))
		}
		start := time.Now()
		db, err := store.Open(ctx, path, store.Options{MustExist: true})
		if err != nil {
			t.Fatalf("open the v0.2.0 %s: %v", c.file, err)
		}
		t.Logf("%s: opened and migrated in %v", c.file, time.Since(start).Round(time.Millisecond))
		t.Cleanup(func() { db.Close() })
		var version int
		db.SQL().QueryRow("PRAGMA user_version").Scan(&version)
		if version != store.SchemaVersion() {
			t.Errorf("%s migrated to schema %d, want %d", c.file, version, store.SchemaVersion())
		}
		// The records: every table the engine replicates, row for row on the old columns.
		records := map[string][]string{}
		for _, tbl := range db.Replica().Tables() {
			if cs, ok := cols[tbl]; ok {
				records[tbl] = cs
			}
		}
		if len(records) < 20 {
			t.Fatalf("%s: only %d record tables found", c.file, len(records))
		}
		after := dump(t, db.SQL(), records)
		for tbl := range records {
			if !slices.Equal(before[tbl], after[tbl]) {
				t.Errorf("%s table %s: %d rows before the upgrade, %d after, not identical", c.file, tbl, len(before[tbl]), len(after[tbl]))
			}
		}
		checkNewColumnsDefaultToZero(t, db, cols)
		if _, err := db.Login(ctx, c.admin, "test-pass-0.2.0"); err != nil {
			t.Errorf("%s: login after the upgrade: %v", c.file, err)
		}
		paths[c.file], dbs[c.file] = path, db
	}
	for file, db := range dbs {
		if d, err := db.Digest(ctx, "410928001"); err != nil || d != digest020 {
			t.Errorf("%s: digest of 张庄村 after the upgrade %s (%v), v0.2.0 printed %s", file, d, err, digest020)
		}
	}
	// The v0.2.0 village's next bundle, on the upgraded township.
	town := dbs["township.db"]
	node, err := exchange.Open(town.Replica())
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "v0.2.0", "later.zbundle"))
	if err != nil {
		t.Fatal(err)
	}
	if r := node.Import(ctx, data); r.Status != exchange.Applied || r.Applied == 0 {
		t.Fatalf("the v0.2.0 village's bundle on the upgraded township: %+v", r)
	}
	ms, err := town.Members(ctx, store.MemberFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(ms, func(m store.Member) bool { return m.Name == "周新民" }) {
		t.Error("the member added on the v0.2.0 village after the snapshot did not arrive")
	}
	if d, _ := town.Digest(ctx, "410928001"); d == digest020 || strings.TrimSpace(d) == "" {
		t.Errorf("the township's digest of 张庄村 did not change with the new member: %s", d)
	}
}
