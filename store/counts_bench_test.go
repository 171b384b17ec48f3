package store_test

import (
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
)

// BenchmarkHomeCounts compares, on 5,000 members with a year of meetings and dues, the home
// screen's figures worked out from the full lists ("lists", what the home did before) and
// from the counts (store/counts.go), in the same run.
func BenchmarkHomeCounts(b *testing.B) {
	f := storetest.Village(b)
	f.VillageYear(b, 5000, 0)
	f.YearOfRecords(b)
	home, _ := f.DB.Home(f.Ctx)
	now := f.DB.Now()
	q := store.CurrentQuarter(now)
	b.Run("lists", func(b *testing.B) {
		for range b.N {
			ms, _ := f.DB.Members(f.Ctx, store.MemberFilter{OrgID: home.ID})
			arrears, _ := f.DB.DuesArrears(f.Ctx, home.ID, now)
			cs, _ := f.DB.Candidates(f.Ctx, home.ID, false)
			bs, _ := f.DB.Birthdays(f.Ctx, home.ID, q)
			if len(ms) < 5000 || len(arrears) == 0 {
				b.Fatalf("%d members, %d in arrears, %d candidates, %d birthdays", len(ms), len(arrears), len(cs), len(bs))
			}
		}
	})
	b.Run("counts", func(b *testing.B) {
		for range b.N {
			mc, _ := f.DB.MemberCounts(f.Ctx, home.ID)
			arrears, _ := f.DB.DuesArrearsCount(f.Ctx, home.ID, now)
			f.DB.CandidateCounts(f.Ctx, home.ID, now)
			f.DB.BirthdayCount(f.Ctx, home.ID, q)
			if mc.Total < 5000 || arrears == 0 {
				b.Fatalf("%+v, %d in arrears", mc, arrears)
			}
		}
	})
}
