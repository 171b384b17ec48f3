package exchange_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/device"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

var update = flag.Bool("update", false, "rewrite the fixtures in testdata/newer (see its README)")

// newerFixture names what testdata/newer holds besides the database, keys and bundle.
type newerFixture struct {
	Member string `json:"member"`
	Visit  string `json:"visit"`
	Note   string `json:"note"`
	Day    string `json:"day"`
}

const fixtureDir = "testdata/newer"

// writeNewerFixture makes the fixtures: a township of this schema paired with a village of
// the newer one, and the village's first bundle for it (see testdata/newer/README.md).
func writeNewerFixture(t *testing.T) {
	tw := township(t, "410928", "城关镇党委")
	v := synctest.New(t, storetest.Params{Role: store.RoleVillage, OrgCode: "410928001", OrgName: "张庄村党支部", Future: newer})
	synctest.Pair(t, tw, v)
	apply(t, tw, v)
	fx := newerFixture{Visit: "01937a00-0000-7000-8000-000000000002", Note: "退役军人", Day: "2026-11-30"}
	fx.Member = v.AddMember(t, "张建国", "1960-03-01", "1990-07-01", 11)
	put(t, v, "members", fx.Member, map[string]any{"future_note": fx.Note})
	put(t, v, "future_visits", fx.Visit, map[string]any{"org_id": v.Org.ID, "member_id": fx.Member, "day": fx.Day, "note": "走访慰问"})
	data := synctest.Send(t, v, tw)
	if err := tw.DB.Close(); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(fixtureDir)
	keys := filepath.Join(fixtureDir, "township.db.keys")
	if err := os.MkdirAll(keys, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"cert.pem", "key.pem", "age.key"} {
		b, err := os.ReadFile(filepath.Join(tw.Node.ID.Dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(keys, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	db, err := os.ReadFile(tw.Path)
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(filepath.Join(fixtureDir, "township.db.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(out, gzip.BestCompression)
	zw.Write(db)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	js, _ := json.MarshalIndent(fx, "", "  ")
	os.WriteFile(filepath.Join(fixtureDir, "expect.json"), append(js, '\n'), 0o644)
	os.WriteFile(filepath.Join(fixtureDir, "village-to-township.zbundle"), data, 0o644)
}

// A bundle written by a village on a newer schema (a fixture: testdata/newer) is accepted by
// a township database of this build's schema kept beside it: the known fields apply, the
// unknown ones are held; opened with the newer schema, the township shows them.
func TestNewerBundleFixture(t *testing.T) {
	if *update {
		writeNewerFixture(t)
	}
	ctx := context.Background()
	var fx newerFixture
	b, err := os.ReadFile(filepath.Join(fixtureDir, "expect.json"))
	if err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(b, &fx)
	path := filepath.Join(t.TempDir(), "township.db")
	f, err := os.Open(filepath.Join(fixtureDir, "township.db.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	f.Close()
	if err != nil || os.WriteFile(path, raw, 0o600) != nil {
		t.Fatal(err)
	}
	clock := storetest.NewClock(storetest.DefaultTime.Add(1e12))
	open := func(future *store.Future) (*store.DB, *exchange.Node) {
		db, err := store.Open(ctx, path, store.Options{Now: clock.Now, MustExist: true, Future: future})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		id, err := device.Load(filepath.Join(fixtureDir, "township.db"))
		if err != nil {
			t.Fatal(err)
		}
		n, err := exchange.New(db.Replica(), id)
		if err != nil {
			t.Fatal(err)
		}
		return db, n
	}
	db, n := open(nil)
	data, err := os.ReadFile(filepath.Join(fixtureDir, "village-to-township.zbundle"))
	if err != nil {
		t.Fatal(err)
	}
	r := n.Import(ctx, data)
	if r.Status != exchange.Applied || r.Held != 5 {
		t.Fatalf("the newer village's bundle: %s, %d held, %s", r.Status, r.Held, r.English)
	}
	if m, err := db.Member(ctx, fx.Member); err != nil || m.Name != "张建国" {
		t.Fatalf("the member's known fields: %+v %v", m, err)
	}
	db.Close()
	db, _ = open(newer)
	var note, day string
	db.SQL().QueryRow("SELECT future_note FROM members WHERE id=?", fx.Member).Scan(&note)
	db.SQL().QueryRow("SELECT day FROM future_visits WHERE id=?", fx.Visit).Scan(&day)
	if note != fx.Note || day != fx.Day {
		t.Errorf("after the upgrade: note %q, visit day %q; want %q, %q", note, day, fx.Note, fx.Day)
	}
	if n, _ := db.Replica().FutureCount(ctx); n != 0 {
		t.Errorf("%d changes still held after the upgrade", n)
	}
}
