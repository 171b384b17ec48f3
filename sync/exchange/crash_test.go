package exchange_test

import (
	"bufio"
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/device"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

// TestCrashHelper is the child process of TestCrashDuringImport: it imports one bundle into
// a database and is killed somewhere along the way.
func TestCrashHelper(t *testing.T) {
	dbPath, keys, bundlePath := os.Getenv("ZHIBU_CRASH_DB"), os.Getenv("ZHIBU_CRASH_KEYS"), os.Getenv("ZHIBU_CRASH_BUNDLE")
	if dbPath == "" {
		t.Skip("only run as the child of TestCrashDuringImport")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath, store.Options{Now: crashNow})
	if err != nil {
		t.Fatal(err)
	}
	id, err := device.Load(keys)
	if err != nil {
		t.Fatal(err)
	}
	n, err := exchange.New(db.Replica(), id)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(bundlePath)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("importing\n")
	r := n.Import(ctx, data)
	os.Stdout.WriteString("done " + r.Status + "\n")
}

// A township PC loses power at a random moment while importing a village's bundle: the
// database stays intact, holds either nothing or everything of the bundle, and importing the
// bundle again converges.
func TestCrashDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(*seed, 7))
	for round := range 4 {
		town := synctest.Township(t)
		v := synctest.Village(t, "410928001", "张庄村党支部")
		synctest.Pair(t, town, v)
		v.VillageYear(t, 150, 500)
		data := synctest.Send(t, v, town)
		bundlePath := filepath.Join(t.TempDir(), "b.zbundle")
		os.WriteFile(bundlePath, data, 0o644)
		before, _ := town.DB.Digest(ctx, "")
		want, _ := v.DB.Digest(ctx, v.Org.Code)
		town.DB.Close()

		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$")
		cmd.Env = append(os.Environ(), "ZHIBU_CRASH_DB="+town.Path, "ZHIBU_CRASH_KEYS="+keysOf(t, town), "ZHIBU_CRASH_BUNDLE="+bundlePath)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		lines.Scan() // "importing"
		kill := time.AfterFunc(time.Duration(rng.IntN(400))*time.Millisecond, func() { cmd.Process.Kill() })
		for lines.Scan() {
		}
		cmd.Wait()
		kill.Stop()

		db, err := store.Open(ctx, town.Path, store.Options{Now: crashNow})
		if err != nil {
			t.Fatal(err)
		}
		var check string
		db.SQL().QueryRow("PRAGMA integrity_check").Scan(&check)
		if check != "ok" {
			t.Fatalf("round %d: integrity_check: %s", round, check)
		}
		mid, _ := db.Digest(ctx, "")
		id, _ := device.Load(keysOf(t, town))
		n, err := exchange.New(db.Replica(), id)
		if err != nil {
			t.Fatal(err)
		}
		r := n.Import(ctx, data)
		got, _ := db.Digest(ctx, v.Org.Code)
		if got != want {
			t.Errorf("round %d: after re-import (%s) the village's data differs", round, r.Status)
		}
		t.Logf("round %d: killed %s; re-import %s", round, map[bool]string{true: "before commit", false: "after commit"}[mid == before], r.Status)
		db.Close()
	}
}

// crashNow is the township's clock after the village's year of edits (stamps more than a
// day ahead of the receiver are refused).
func crashNow() time.Time { return storetest.DefaultTime.AddDate(0, 2, 0) }

// keysOf is where synctest keeps a device's keys: beside a "keys.db" in its own folder.
func keysOf(t *testing.T, d *synctest.Device) string {
	return filepath.Join(filepath.Dir(d.Node.ID.Dir), "keys.db")
}
