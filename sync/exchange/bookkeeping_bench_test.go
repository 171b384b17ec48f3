package exchange_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"zhibu/store/demo"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

// overhead is the engine's bookkeeping over the records, as /work/shared/tools/overhead.sh
// and issue 19 measure it: the pages of everything that is not a record table (a table with
// the single-column primary key id and an org_id column, less conflicts) or an index of one,
// over the pages of those. Target ≤ 1.0.
func overhead(t testing.TB, d *synctest.Device) (ratio, totalMB float64) {
	t.Helper()
	var all, data int64
	err := d.DB.SQL().QueryRow(`WITH dom(name) AS (
		SELECT m.name FROM sqlite_master m WHERE m.type='table' AND m.name<>'conflicts'
			AND (SELECT group_concat(name) FROM pragma_table_info(m.name) WHERE pk>0)='id'
			AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name='org_id')),
	obj(name) AS (SELECT name FROM dom UNION ALL SELECT m.name FROM sqlite_master m WHERE m.type='index' AND m.tbl_name IN (SELECT name FROM dom))
	SELECT sum(pgsize), coalesce(sum(CASE WHEN name IN (SELECT name FROM obj) THEN pgsize END),0) FROM dbstat`).Scan(&all, &data)
	if err != nil || data == 0 {
		t.Fatalf("overhead: %v (%d record bytes)", err, data)
	}
	return float64(all-data) / float64(data), float64(all) / (1 << 20)
}

// BenchmarkTownshipFirstImport12: 12 demo villages (a year of records each), paired with a
// new township; the time to import their first bundles (issue 19: < 5 s for ≈330k changes),
// and the bookkeeping ratio of the township after it and of the first village (target ≤ 1.0).
func BenchmarkTownshipFirstImport12(b *testing.B) {
	ctx := context.Background()
	const n = 12
	start := time.Now()
	var villages []*synctest.Device
	for i := range n {
		v := synctest.Village(b, fmt.Sprintf("410928%03d", i+1), fmt.Sprintf("第%d村党支部", i+1))
		if err := demo.Fill(v.Ctx, v.DB, demo.Options{Seed: uint64(i + 1)}); err != nil {
			b.Fatal(err)
		}
		villages = append(villages, v)
	}
	b.Logf("generated %d demo villages in %v", n, time.Since(start).Round(time.Millisecond))
	var importTime time.Duration
	var importCPU float64
	var changes int
	var townRatio, townMB float64
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		town := synctest.Township(b)
		var data [][]byte
		for _, v := range villages {
			synctest.Pair(b, town, v)
			data = append(data, synctest.Send(b, v, town))
		}
		b.StartTimer()
		t0, c0 := time.Now(), cpuSeconds()
		for _, d := range data {
			r := town.Node.Import(ctx, d)
			if r.Status != exchange.Applied {
				b.Fatal(r.English)
			}
			changes += r.Changes
		}
		importTime += time.Since(t0)
		importCPU += cpuSeconds() - c0
		b.StopTimer()
		townRatio, townMB = overhead(b, town)
		b.StartTimer()
	}
	villageRatio, villageMB := overhead(b, villages[0])
	k := float64(b.N)
	b.ReportMetric(importTime.Seconds()/k, "import-s")
	if importCPU > 0 {
		b.ReportMetric(importCPU/k, "import-cpu-s") // less disturbed by other programs on the cores
	}
	b.ReportMetric(float64(changes)/k, "changes")
	b.ReportMetric(townRatio, "town-overhead")
	b.ReportMetric(townMB, "town-MB")
	b.ReportMetric(villageRatio, "village-overhead")
	b.ReportMetric(villageMB, "village-MB")
}
