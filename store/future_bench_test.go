package store_test

import (
	"testing"

	"zhibu/store/replica"
)

// BenchmarkMergeHeldVillageYear is BenchmarkMergeVillageYear with every change renamed to a
// table this version does not know, as a newer version's bundle would be at worst: each is
// scope-checked, held and logged (replica/future.go), none is applied.
func BenchmarkMergeHeldVillageYear(b *testing.B) {
	in, village := benchBundle(b, 120, 3000)
	for i := range in.Changes {
		in.Changes[i].Table = "newer_" + in.Changes[i].Table
	}
	benchImport(b, in, village, func(res replica.ImportResult) int { return res.Held })
}
