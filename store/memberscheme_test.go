package store_test

import (
	"errors"
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/sync/synctest"
)

// DOMAIN.md (seed 002): 「评星定级 of branches: the township sets standards (科学设星), the village
// declares targets (定标报星), points accrue through the year (动态评星)…」 and 「Member stars
// (seed 002): the 532 model and 五道程序 apply to 农牧民党员 and to 党员中心户…the township sets member
// schemes per category.」 The township edits a category's scheme star by star (renames one,
// removes one, adds one measured from the records, raises a threshold); the villages rate
// their members by it. 科学设星 comes before 定标报星: once members of the category have
// declared their targets for the year, the scheme is fixed for that year (the township sets
// the next year's), while another category's scheme stays open.
func TestMemberSchemeEditedThenFixed(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, a)
	synctest.Sync(t, a, town)
	wang, _ := memberYear(t, a) // 王红: 无职, services in 6 of 12 months
	town.Clock.Set(yearEnd)

	s, err := town.DB.MemberScheme(town.Ctx, store.StarCatNoPost, 2026)
	if err != nil {
		t.Fatal(err)
	}
	var stars []store.Star
	for _, x := range s.Stars {
		switch x.Code {
		case "o4":
			continue // removed
		case "d2":
			x.Name = "调解纠纷星"
		case "c3":
			x.Threshold = 0.6 // service in at least 60% of the months
		}
		stars = append(stars, x)
	}
	stars = append(stars, store.Star{Code: "s1", Group: store.StarChosen, Name: "常态服务星", Points: 10,
		Measure: store.MeasureMemberService, Threshold: 0.25})
	s.Stars = stars
	if err := town.DB.SetMemberScheme(town.Ctx, "无职", s); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	synctest.Sync(t, town, a)

	got, err := a.DB.MemberScheme(a.Ctx, store.StarCatNoPost, 2026)
	if err != nil || got.Default || len(got.Stars) != 12 {
		t.Fatalf("the village's 无职 scheme: %+v %v", got, err)
	}
	if _, ok := got.Star("o4"); ok {
		t.Error("the removed star is still in the village's scheme")
	}
	if err := a.DB.DeclareMemberStars(a.Ctx, wang, 2026, []string{"c1", "c2", "c3", "c4", "c5", "d1", "d2", "d3", "o1", "o4"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("a removed star was accepted as a target: %v", err)
	}
	if err := a.DB.DeclareMemberStars(a.Ctx, wang, 2026, []string{"c1", "c2", "c3", "c4", "c5", "d1", "d2", "d3", "o1", "s1"}); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	r, err := a.DB.MemberStarResultOf(a.Ctx, wang, 2026)
	if err != nil {
		t.Fatal(err)
	}
	line := map[string]store.StarLine{}
	for _, l := range r.Lines {
		line[l.Code] = l
	}
	// 6 of 12 months with a service: 50% misses the raised 60% of c3 and reaches the 25% of s1.
	if line["c3"].Earned || !line["s1"].Earned || line["d2"].Name != "调解纠纷星" {
		t.Errorf("王红's lines under the edited scheme: c3 %+v, s1 %+v, d2 %+v", line["c3"], line["s1"], line["d2"])
	}

	// The targets reach the township: the 无职 scheme of 2026 is now fixed, 2027's is open,
	// and the 在职 scheme (nobody declared under it) can still change.
	synctest.Sync(t, a, town)
	s.Stars[0].Name = "学习星"
	err = town.DB.SetMemberScheme(town.Ctx, store.StarCatNoPost, s)
	if !errors.Is(err, store.ErrInvalid) || !strings.Contains(assets.Chinese(err), "2027") {
		t.Fatalf("a change after 定标报星: %v", err)
	}
	if now, _ := town.DB.MemberScheme(town.Ctx, store.StarCatNoPost, 2026); now.Stars[0].Name == "学习星" {
		t.Error("the refused change was stored")
	}
	next := s
	next.Year = 2027
	if err := town.DB.SetMemberScheme(town.Ctx, store.StarCatNoPost, next); err != nil {
		t.Errorf("the next year's scheme: %v", assets.Chinese(err))
	}
	if err := town.DB.SetMemberScheme(town.Ctx, store.StarCatWorking, store.DefaultMemberScheme(store.StarCatWorking, store.SchemeTen, 2026)); err != nil {
		t.Errorf("another category's scheme: %v", assets.Chinese(err))
	}
}
