package demo_test

import (
	"testing"
	"time"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// TestDemoBranchAffairs checks every demo village's decisions and appraisal against the
// store's own rules: each is saved again through SaveDecision / SaveAppraisals, which
// validate.
func TestDemoBranchAffairs(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func(testing.TB) *storetest.Fixture
		seed uint64
	}{{"village", storetest.Village, 7}, {"village2", storetest.Village, 11}, {"township", storetest.Township, 3}} {
		t.Run(c.name, func(t *testing.T) {
			f := c.f(t)
			if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: c.seed, Villages: 4}); err != nil {
				t.Fatal(err)
			}
			orgs, err := f.DB.Orgs(f.Ctx, store.KindVillage)
			if err != nil || len(orgs) == 0 {
				t.Fatalf("%d villages: %v", len(orgs), err)
			}
			for _, o := range orgs {
				checkDecisions(t, f, o.ID)
				checkAppraisal(t, f, o.ID)
			}
		})
	}
}

func checkDecisions(t *testing.T, f *storetest.Fixture, orgID string) {
	t.Helper()
	today := f.Clock.Now().Format(time.DateOnly)
	ds, err := f.DB.Decisions(f.Ctx, orgID)
	if err != nil || len(ds) != 2 {
		t.Fatalf("%d decisions: %v", len(ds), err)
	}
	steps := map[int]bool{}
	for _, d := range ds {
		steps[d.Step()] = true
		for _, day := range d.Dates() {
			if day > today {
				t.Errorf("%s: step dated %s, after today %s", d.Title, day, today)
			}
		}
		if d.Content == "" || (d.Step() == 6) != (d.Result != "") {
			t.Errorf("%s: content %q, result %q at step %d", d.Title, d.Content, d.Result, d.Step())
		}
		if _, err := f.DB.SaveDecision(f.Ctx, d); err != nil {
			t.Errorf("%s breaks a rule: %v", d.Title, err)
		}
	}
	if !steps[6] || !steps[5] {
		t.Errorf("decision steps %v, want one finished (6) and one with only the resolution published (5)", steps)
	}
	fs, err := f.DB.Check(f.Ctx, orgID, f.Clock.Now().Format("2006-01"))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range fs {
		if x.Kind == "decision_unpublished" {
			t.Errorf("demo decision unpublished: %s", x.Title)
		}
	}
}

func checkAppraisal(t *testing.T, f *storetest.Fixture, orgID string) {
	t.Helper()
	year := f.Clock.Now().Year() - 1
	as, err := f.DB.Appraisals(f.Ctx, orgID, year)
	if err != nil || len(as) == 0 {
		t.Fatalf("%d appraisals: %v", len(as), err)
	}
	count := map[string]int{}
	for _, a := range as {
		if (a.Status == "full") != (a.Rating != "") {
			t.Errorf("%s (%s) rated %q", a.Name, a.Status, a.Rating)
		}
		count[a.Rating]++
	}
	if count[store.RatingQualified] <= count[store.RatingExcellent] || count[store.RatingUnqualified] > 0 || count[store.RatingBasic] > 1 {
		t.Errorf("ratings %v: want mostly qualified, at most one basically qualified", count)
	}
	warn, err := f.DB.SaveAppraisals(f.Ctx, orgID, year, as)
	if err != nil || warn != nil {
		t.Errorf("the demo appraisal breaks a rule: %v %v", err, warn)
	}
}
