package demo_test

import (
	"testing"

	"zhibu/store/demo"
	"zhibu/store/storetest"
)

func TestDemoLifecycle(t *testing.T) {
	f := storetest.Village(t)
	if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: 7}); err != nil {
		t.Fatal(err)
	}
	home, _ := f.DB.Home(f.Ctx)
	arrears, err := f.DB.DuesArrears(f.Ctx, home.ID, f.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	behind := map[int]bool{}
	for _, a := range arrears {
		behind[len(a.Unpaid)] = true
	}
	if !behind[3] || !behind[4] || !behind[7] {
		t.Errorf("members behind by %v months, want 3, 4 and 7", behind)
	}
	cs, err := f.DB.Candidates(f.Ctx, home.ID, false)
	if err != nil || len(cs) != 4 {
		t.Fatalf("%d candidates: %v", len(cs), err)
	}
	fs, err := f.DB.Check(f.Ctx, home.ID, "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, x := range fs {
		kinds[x.Kind]++
		if x.Kind == "pipeline_too_early" || x.Kind == "pipeline_overdue" {
			t.Errorf("demo data breaks a rule: %s", x.Title)
		}
	}
	for _, k := range []string{"dues_overdue", "pipeline_due", "publicity_running", "probation_ending"} {
		if kinds[k] == 0 {
			t.Errorf("no %s finding in the demo data (%v)", k, kinds)
		}
	}
	r, err := f.DB.PointsResults(f.Ctx, home.ID, "2026")
	if err != nil || len(r) == 0 || r[0].Points == 0 {
		t.Errorf("points: %v", err)
	}
}
