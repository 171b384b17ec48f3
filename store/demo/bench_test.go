package demo_test

import (
	"testing"

	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// BenchmarkTownshipDemo fills a township of ten villages (zhibu demo --villages 10).
func BenchmarkTownshipDemo(b *testing.B) {
	for i := 0; i < b.N; i++ {
		f := storetest.Township(b)
		if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: uint64(i), Villages: 10}); err != nil {
			b.Fatal(err)
		}
	}
}
