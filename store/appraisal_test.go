package store_test

import (
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

func TestAppraisalRules(t *testing.T) {
	cases := []struct {
		name      string
		excellent int // full members rated 优秀 (of 8 rated)
		wantWarn  bool
	}{
		// Issue 23: national guidance (共产党员网) "评为优秀的党员一般不超过参评党员总数的三分
		// 之一": 9 members take part (8 full, 1 probationary, not rated), so 3 is the most
		// (504aede divided by the 8 rated and warned at 3).
		{"2 of 9", 2, false},
		{"3 of 9 is one third", 3, false},
		{"4 of 9", 4, true},
		{"none", 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := newBranch(t)
			full := append(append(append([]string{}, b.committee...), b.others...), b.floating)
			var as []store.Appraisal
			for i, id := range full {
				r := "合格"
				if i < c.excellent {
					r = "优秀"
				}
				as = append(as, store.Appraisal{MemberID: id, Rating: r})
			}
			warn, err := b.f.DB.SaveAppraisals(b.f.Ctx, b.org.ID, 2026, as)
			if err != nil {
				t.Fatal(err)
			}
			if (warn != nil) != c.wantWarn {
				t.Fatalf("warning %v, want %v", warn, c.wantWarn)
			}
			if warn != nil && !strings.Contains(assets.Chinese(warn), "参评党员9名，评为优秀的有4名") {
				t.Fatalf("warning %q", assets.Chinese(warn))
			}
			fs, _ := b.f.DB.Check(b.f.Ctx, b.org.ID, "2026")
			found := false
			for _, f := range fs {
				found = found || f.Kind == "appraisal_excellent_share"
			}
			if found != c.wantWarn {
				t.Fatalf("check finding %v, want %v", found, c.wantWarn)
			}
			list, _ := b.f.DB.Appraisals(b.f.Ctx, b.org.ID, 2026)
			rated := 0
			for _, a := range list {
				if a.Rating != "" {
					rated++
				}
			}
			if len(list) != 9 || rated != 8 {
				t.Fatalf("%d listed, %d rated", len(list), rated)
			}
		})
	}
}

// Issue 23: the 1/3 check waits until every full member has a rating; 504aede divided by the
// ratings entered so far and warned mid-entry (2 优秀 of the first 3 rated).
func TestAppraisalShareWaitsForAllRatings(t *testing.T) {
	b := newBranch(t)
	full := append(append(append([]string{}, b.committee...), b.others...), b.floating)
	warn, err := b.f.DB.SaveAppraisals(b.f.Ctx, b.org.ID, 2026, []store.Appraisal{{MemberID: full[0], Rating: "优秀"},
		{MemberID: full[1], Rating: "优秀"}, {MemberID: full[2], Rating: "合格"}})
	if err != nil || warn != nil {
		t.Fatalf("mid-entry: warning %v, error %v", warn, err)
	}
}

func TestAppraisalRefusesProbationaryAndUnknown(t *testing.T) {
	b := newBranch(t)
	cases := []struct {
		a    store.Appraisal
		want string
	}{
		{store.Appraisal{MemberID: b.probation, Rating: "合格"}, "预备党员"},
		{store.Appraisal{MemberID: b.others[0], Rating: "良好"}, "评议等次"},
		{store.Appraisal{MemberID: "nobody", Rating: "合格"}, "在册"},
	}
	for _, c := range cases {
		// A good rating first in the same call: nothing at all may be saved.
		_, err := b.f.DB.SaveAppraisals(b.f.Ctx, b.org.ID, 2026, []store.Appraisal{{MemberID: b.committee[0], Rating: "优秀"}, c.a})
		if err == nil || !strings.Contains(assets.Chinese(err), c.want) {
			t.Errorf("%+v: %v", c.a, err)
		}
	}
	list, _ := b.f.DB.Appraisals(b.f.Ctx, b.org.ID, 2026)
	for _, a := range list {
		if a.Rating != "" {
			t.Fatalf("refused call saved %+v", a)
		}
	}
	// The probationary member may be listed with no rating.
	if _, err := b.f.DB.SaveAppraisals(b.f.Ctx, b.org.ID, 2026, []store.Appraisal{{MemberID: b.probation, Rating: "", Note: "参加评议，不定等次"}}); err != nil {
		t.Fatal(err)
	}
}

func TestThemeFromTownshipWins(t *testing.T) {
	b := newBranch(t)
	// The village records its own programme; later the township's arrives by sync.
	if _, err := b.f.DB.SetTheme(b.f.Ctx, store.Theme{Month: "2026-11", Title: "村自定主题", SetItems: []string{"学习", " ", "交党费"}}); err != nil {
		t.Fatal(err)
	}
	th, ok, err := b.f.DB.ThemeFor(b.f.Ctx, b.org.ID, "2026-11")
	if err != nil || !ok || th.FromTownship || len(th.SetItems) != 2 {
		t.Fatalf("own theme %+v %v %v", th, ok, err)
	}
	town := storetest.Township(t)
	if _, err := town.DB.SetTheme(town.Ctx, store.Theme{Month: "2026-11", Title: "学习贯彻党的二十届四中全会精神",
		SetItems: []string{"重温入党誓词", "集中学习", "交纳党费", "通报支部工作"}}); err != nil {
		t.Fatal(err)
	}
	b.f.ReceiveFrom(t, town, "orgs", "theme_days")
	th, ok, err = b.f.DB.ThemeFor(b.f.Ctx, b.org.ID, "2026-11")
	if err != nil || !ok || !th.FromTownship || len(th.SetItems) != 4 {
		t.Fatalf("township theme %+v %v %v", th, ok, err)
	}
	m, err := b.f.DB.NewThemeDay(b.f.Ctx, b.org.ID, "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	if m.Date != "2026-11-10" || m.Topic != th.Title || len(m.Items) != 4 || len(m.Attendance) != 9 {
		t.Fatalf("new theme day %+v", m)
	}
	if _, err := b.f.DB.SetTheme(b.f.Ctx, store.Theme{Month: "2026-13", Title: "x"}); err == nil {
		t.Fatal("bad month accepted")
	}
}
