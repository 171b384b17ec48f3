package store_test

import (
	"context"
	"testing"

	"zhibu/store/replica"
	"zhibu/store/storetest"
)

// BenchmarkMergeHeldVillageYear is BenchmarkMergeVillageYear with every change renamed to a
// table this version does not know, as a newer version's bundle would be at worst: each is
// scope-checked, held and logged (replica/future.go), none is applied.
func BenchmarkMergeHeldVillageYear(b *testing.B) {
	in, village := benchBundle(b, 120, 3000)
	for i := range in.Changes {
		in.Changes[i].Table = "newer_" + in.Changes[i].Table
	}
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
		if res.Held != len(in.Changes) {
			b.Fatalf("held %d of %d changes", res.Held, len(in.Changes))
		}
		changes += res.Changes
	}
	b.ReportMetric(float64(changes)/b.Elapsed().Seconds(), "changes/s")
}
