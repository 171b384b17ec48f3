package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"testing"

	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/store/storetest"
)

// The merge benchmarks time store.ImportChanges alone (no decryption, signature check or
// decoding) and, beside it, a bare SQLite bulk insert of the same number of rows in one
// transaction with the same pragmas, so the ratio DESIGN.md sets (within 3×) is visible:
//
//	go test ./store -run '^$' -bench 'Merge|BareInsert' -benchtime 5x

func benchPeer(b *testing.B, of *storetest.Fixture, role string) replica.Peer {
	b.Helper()
	home, err := of.DB.Home(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return replica.Peer{DeviceID: of.DB.Device(), Role: role, OrgID: home.ID, OrgCode: home.Code, OrgName: home.Name,
		Cert: []byte("cert"), AgeRecipient: "age"}
}

// benchBundle makes a village's bundle for a township, as the store hands it to exchange.
// It returns the bundle and the village as a township pairs with it.
func benchBundle(b *testing.B, members, edits int) (replica.Incoming, replica.Peer) {
	b.Helper()
	ctx := context.Background()
	v := storetest.Village(b)
	town := storetest.Township(b)
	if err := v.DB.Replica().AddPeer(ctx, benchPeer(b, town, store.RoleTownship)); err != nil {
		b.Fatal(err)
	}
	v.VillageYear(b, members, edits)
	out, err := v.DB.Replica().PrepareExport(ctx, town.DB.Device())
	if err != nil {
		b.Fatal(err)
	}
	in := replica.Incoming{From: out.From, Seq: out.Seq, Created: v.DB.Now(), Base: out.Base, Known: out.Known, Changes: out.Changes}
	return in, benchPeer(b, v, store.RoleVillage)
}

func benchMerge(b *testing.B, members, edits int) {
	in, village := benchBundle(b, members, edits)
	benchImport(b, in, village, func(res replica.ImportResult) int { return res.Applied })
	b.ReportMetric(float64(len(in.Changes)), "changes/op")
}

// benchImport imports the bundle into a fresh township each round (the set-up untimed) and
// checks that counted(result) reached every change.
func benchImport(b *testing.B, in replica.Incoming, village replica.Peer, counted func(replica.ImportResult) int) {
	ctx := context.Background()
	b.ResetTimer()
	var changes int
	for range b.N {
		b.StopTimer()
		town := storetest.Township(b)
		if err := town.DB.Replica().AddPeer(ctx, village); err != nil {
			b.Fatal(err)
		}
		bi := in
		bi.Changes = append([]replica.Change(nil), in.Changes...)
		b.StartTimer()
		res, err := town.DB.Replica().ImportChanges(ctx, bi)
		if err != nil {
			b.Fatal(err)
		}
		if n := counted(res); n != len(in.Changes) {
			b.Fatalf("%d of %d changes went through", n, len(in.Changes))
		}
		changes += res.Changes
	}
	b.ReportMetric(float64(changes)/b.Elapsed().Seconds(), "changes/s")
}

// One village-year (TestVillageYearBundleSize's shape: 120 members, 3,000 edits).
func BenchmarkMergeVillageYear(b *testing.B) { benchMerge(b, 120, 3000) }

// The bundle of sync/exchange's BenchmarkImport: 2,000 members entered.
func BenchmarkMergeLarge(b *testing.B) { benchMerge(b, 2000, 0) }

// benchRows is how many rows the baselines write: the field changes of BenchmarkMergeLarge's
// bundle (measured once, so the baselines write exactly as many rows).
var benchRows int

func bareRows(b *testing.B) int {
	if benchRows == 0 {
		in, _ := benchBundle(b, 2000, 0)
		benchRows = len(in.Changes)
	}
	return benchRows
}

func bareDB(b *testing.B) *sql.DB {
	b.Helper()
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)", "busy_timeout(10000)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+filepath.Join(b.TempDir(), "bare.db")+"?"+q.Encode())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	_, err = db.Exec(`CREATE TABLE t (tbl TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL, value ANY,
		hlc INTEGER NOT NULL, device TEXT NOT NULL, PRIMARY KEY (tbl, row_id, field)) STRICT, WITHOUT ROWID`)
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// benchBare writes n rows shaped like field changes into a plain table in one transaction,
// one prepared statement executed per row: the bare bulk insert DESIGN.md measures against.
func benchBare(b *testing.B, query string) {
	n := bareRows(b)
	b.ResetTimer()
	var rows int
	for range b.N {
		b.StopTimer()
		db := bareDB(b)
		b.StartTimer()
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		st, err := tx.Prepare(query)
		if err != nil {
			b.Fatal(err)
		}
		for i := range n {
			id := fmt.Sprintf("0193a1b2-c3d4-7e5f-8a9b-%012d", i/6)
			if _, err := st.Exec("members", id, fmt.Sprintf("f%d", i%6), fmt.Sprintf("第%d次走访记录", i), int64(i)<<16, "TESTDEV-410928001"); err != nil {
				b.Fatal(err)
			}
		}
		st.Close()
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		rows += n
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkBareInsert(b *testing.B) {
	benchBare(b, "INSERT INTO t(tbl,row_id,field,value,hlc,device) VALUES(?,?,?,?,?,?)")
}

// A last-writer-wins upsert of the same rows (the second reference number in DESIGN.md).
func BenchmarkBareUpsert(b *testing.B) {
	benchBare(b, `INSERT INTO t(tbl,row_id,field,value,hlc,device) VALUES(?,?,?,?,?,?)
		ON CONFLICT(tbl,row_id,field) DO UPDATE SET value=excluded.value, hlc=excluded.hlc, device=excluded.device
		WHERE excluded.hlc > t.hlc OR (excluded.hlc = t.hlc AND excluded.device > t.device)`)
}
