package exchange_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/synctest"
)

// villageYear fills a village with a year of typical work: 120 members entered, then a few
// thousand edits (phones, addresses, notes, states) spread over the year.
func villageYear(t testing.TB, v *synctest.Device, members, edits int) {
	t.Helper()
	var ids []string
	for i := range members {
		ids = append(ids, v.AddMember(t, names[i%len(names)], fmt.Sprintf("19%02d-0%d-1%d", 30+i%50, 1+i%9, i%10), "2001-07-01", i))
	}
	err := v.DB.Write(v.Ctx, func(tx *store.Tx) error {
		for i := range edits {
			id := ids[(i*7)%len(ids)]
			vals := map[string]any{"notes": fmt.Sprintf("%d月走访记录：身体健康，按时交纳党费。第%d次", 1+i%12, i)}
			if i%3 == 0 {
				vals["phone"] = fmt.Sprintf("138%08d", i)
			}
			if i%5 == 0 {
				vals["address"] = fmt.Sprintf("张庄村%d组%d号", i%9, i)
			}
			if _, err := tx.Put(v.Ctx, "members", id, vals); err != nil {
				return err
			}
			v.Clock.Add(time.Hour)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// One village-year of changes fits in a bundle under 150 KB (DESIGN.md).
func TestVillageYearBundleSize(t *testing.T) {
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	villageYear(t, v, 120, 3000)
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
	villageYear(b, v, 2000, 0)
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
