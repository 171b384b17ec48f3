package demo_test

import (
	"testing"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// A file the demo filled says so (issue 22: a real roster imported into it mixed with the
// made-up dues history); a file without the demo does not.
func TestFillMarksTheFileAsDemo(t *testing.T) {
	f := storetest.New(t, storetest.Params{Role: store.RoleVillage, OrgCode: "410928001", OrgName: "张庄村党支部"})
	if demo, err := f.DB.IsDemo(f.Ctx); err != nil || demo {
		t.Fatalf("a fresh file reads as demo: %v %v", demo, err)
	}
	if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: 1}); err != nil {
		t.Fatal(err)
	}
	if demo, err := f.DB.IsDemo(f.Ctx); err != nil || !demo {
		t.Errorf("the demo's file is not marked as demo: %v %v", demo, err)
	}
}
