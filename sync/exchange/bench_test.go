package exchange_test

import (
	"context"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/synctest"
)

// One village-year of changes fits in a bundle under 150 KB (DESIGN.md).
func TestVillageYearBundleSize(t *testing.T) {
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	v.VillageYear(t, 120, 3000)
	data, og, err := v.Node.MakeBundle(context.Background(), town.Node.Self())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("village-year: %d field changes in the log, %d in the bundle, %d bytes", 120*18+3000*2, len(og.Changes), len(data))
	if len(data) > 150*1024 {
		t.Errorf("bundle of a village-year is %d KB, want < 150 KB", len(data)/1024)
	}
	if r := town.Node.Import(context.Background(), data); r.Status != "applied" {
		t.Fatal(r.English)
	}
}

// BenchmarkImport measures merging a large bundle into an empty township: field changes per
// second, to compare with a bare SQLite insert (DESIGN.md: ≥120k/s).
func BenchmarkImport(b *testing.B) {
	v := synctest.Village(b, "410928001", "张庄村党支部")
	probe := synctest.Township(b)
	synctest.Pair(b, probe, v)
	v.VillageYear(b, 2000, 0)
	ctx := context.Background()
	var changes int
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		town := synctest.New(b, storetest.Params{Role: store.RoleTownship, OrgCode: "410928", OrgName: "城关镇党委"})
		synctest.Pair(b, town, v)
		data := synctest.Send(b, v, town)
		b.StartTimer()
		r := town.Node.Import(ctx, data)
		if r.Status != "applied" {
			b.Fatal(r.English)
		}
		changes += r.Changes
	}
	b.ReportMetric(float64(changes)/b.Elapsed().Seconds(), "changes/s")
}
