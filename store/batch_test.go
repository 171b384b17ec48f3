package store_test

import (
	"reflect"
	"testing"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// PointsResults and Candidates, which read every member's (candidate's) records in a fixed
// number of queries, give exactly what the per-member queries gave, on a demo township with
// points of every kind and candidates at every stage.
func TestBatchedListingsMatchPerMemberQueries(t *testing.T) {
	f := storetest.Township(t)
	if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: 4, Villages: 3}); err != nil {
		t.Fatal(err)
	}
	orgs, err := f.DB.Orgs(f.Ctx, store.KindVillage)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, o := range orgs {
		for _, period := range []string{"2026", "2025", "2026Q3", "2026-10"} {
			got, err := f.DB.PointsResults(f.Ctx, o.ID, period)
			if err != nil {
				t.Fatal(err)
			}
			want, err := f.DB.PointsResultsPerMember(f.Ctx, o.ID, period)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %s: the points differ", o.Name, period)
			}
			for _, r := range got {
				for _, e := range r.Entries {
					kinds[e.Kind]++
				}
			}
		}
	}
	for _, k := range []string{"attendance", "dues", "service", "duty"} {
		if kinds[k] == 0 {
			t.Errorf("no %s points compared (%v)", k, kinds)
		}
	}
	steps := 0
	for _, c := range []struct {
		org string
		all bool
	}{{"", false}, {"", true}, {orgs[1].ID, false}, {"nobody", false}} {
		got, err := f.DB.Candidates(f.Ctx, c.org, c.all)
		if err != nil {
			t.Fatal(err)
		}
		want, err := f.DB.CandidatesPerCandidate(f.Ctx, c.org, c.all)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("candidates of %q (all %v) differ:\n%+v\n%+v", c.org, c.all, got, want)
		}
		for _, x := range got {
			steps += len(x.Steps)
		}
	}
	if steps == 0 {
		t.Error("no candidate steps compared")
	}
}

// BenchmarkPointsResults5000: the year's points of 5,000 members with a year of meetings and
// dues, read in a fixed number of queries ("batched") and as before, a few queries per
// member ("per-member"), in the same run.
func BenchmarkPointsResults5000(b *testing.B) {
	f := storetest.Village(b)
	f.VillageYear(b, 5000, 0)
	f.YearOfRecords(b)
	home, _ := f.DB.Home(f.Ctx)
	for _, c := range []struct {
		name string
		run  func() ([]store.PointsResult, error)
	}{{"batched", func() ([]store.PointsResult, error) { return f.DB.PointsResults(f.Ctx, home.ID, "2026") }},
		{"per-member", func() ([]store.PointsResult, error) { return f.DB.PointsResultsPerMember(f.Ctx, home.ID, "2026") }}} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				if rs, err := c.run(); err != nil || len(rs) < 5000 {
					b.Fatalf("%d results, %v", len(rs), err)
				}
			}
		})
	}
}

// BenchmarkCandidates: every candidate of a township (40 villages × 5 candidates, each with
// the steps of an activist), batched and per candidate, in the same run.
func BenchmarkCandidates(b *testing.B) {
	f := storetest.Township(b)
	err := f.DB.Write(f.Ctx, func(tx *store.Tx) error {
		db := tx.DB()
		for v := range 40 {
			code := "410928" + string(rune('0'+v/100)) + string(rune('0'+v/10%10)) + string(rune('0'+v%10))
			home, _ := db.Home(f.Ctx)
			org, err := db.AddOrg(f.Ctx, store.Org{Code: code, Name: code + "村党支部", Kind: store.KindVillage, ParentID: home.ID})
			if err != nil {
				return err
			}
			for i := range 5 {
				birth := "1990-0" + string(rune('1'+i)) + "-1" + string(rune('0'+v%10))
				id, err := db.AddCandidate(f.Ctx, store.CandidateInput{OrgID: org, Name: "候选人" + code + string(rune('甲'+i)), Gender: "male",
					BirthDate: birth, IDNumber: storetest.ValidID(birth, 2*(v*5+i)+1)})
				if err != nil {
					return err
				}
				for _, s := range []struct {
					n    int
					date string
				}{{1, "2026-01-05"}, {2, "2026-01-20"}, {3, "2026-03-01"}} {
					if _, err := db.RecordStep(f.Ctx, store.StepInput{CandidateID: id, Step: s.n, Date: s.date, By: "李委员"}); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		run  func() ([]store.Candidate, error)
	}{{"batched", func() ([]store.Candidate, error) { return f.DB.Candidates(f.Ctx, "", false) }},
		{"per-candidate", func() ([]store.Candidate, error) { return f.DB.CandidatesPerCandidate(f.Ctx, "", false) }}} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				if cs, err := c.run(); err != nil || len(cs) != 200 {
					b.Fatalf("%d candidates, %v", len(cs), err)
				}
			}
		})
	}
}
