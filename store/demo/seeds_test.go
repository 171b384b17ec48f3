package demo_test

import (
	"testing"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// Every seed must make valid data: the GUI seeds the demo from the clock.
func TestManySeedsMakeValidData(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for seed := uint64(0); seed < 10; seed++ {
		f := storetest.New(t, storetest.Params{Role: store.RoleTownship, OrgCode: "410928", OrgName: "城关镇党委"})
		if err := demo.Fill(f.Ctx, f.DB, demo.Options{Villages: 2, Seed: seed}); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
}
