package store_test

import (
	"errors"
	"testing"

	"zhibu/store"
	"zhibu/sync/synctest"
)

// TestReviewLoop: the village's secretary submits the 2026 report (it goes up); the township
// rates it 较好 with two items, which become the village's tasks with source 述职评议 in the
// same step (they come down with the rating); a bad item records nothing.
func TestReviewLoop(t *testing.T) {
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	synctest.Sync(t, v, town)

	if err := town.DB.SubmitReport(town.Ctx, 2026, "王书记", "x"); !errors.Is(err, store.ErrDenied) {
		t.Errorf("the township wrote a village's report: %v", err)
	}
	if err := v.DB.SubmitReport(v.Ctx, 2026, "王书记", "  "); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("empty report: %v", err)
	}
	report := "一年来，支部坚持“三会一课”制度，按时召开主题党日……存在的问题：党费收缴不及时。"
	if err := v.DB.SubmitReport(v.Ctx, 2026, "王书记", report); err != nil {
		t.Fatal(err)
	}
	synctest.Sync(t, v, town)
	rs, err := town.DB.Reviews(town.Ctx, 2026)
	if err != nil || len(rs) != 1 || rs[0].Report != report || rs[0].Secretary != "王书记" || rs[0].Rating != "" {
		t.Fatalf("the township's reviews: %+v %v", rs, err)
	}

	items := []store.NewTask{{Title: "党费按月收缴", Due: "2027-03-31", Owner: "支部书记"}, {Title: "规范党员活动室", Due: "2027-02-28"}}
	for name, r := range map[string]store.ReviewRating{
		"unknown rating": {Rating: "优秀"},
		"bad item":       {Rating: "较好", Items: []store.NewTask{items[0], {Title: "x", Due: "明年"}}},
	} {
		if _, err := town.DB.RateReview(town.Ctx, "410928001", 2026, r); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if ts, _ := town.DB.Tasks(town.Ctx, store.TaskFilter{}); len(ts) != 0 {
		t.Fatalf("a refused rating raised items: %+v", ts)
	}
	if _, err := v.DB.RateReview(v.Ctx, "410928001", 2026, store.ReviewRating{Rating: "好"}); !errors.Is(err, store.ErrDenied) {
		t.Errorf("the village rated itself: %v", err)
	}
	ids, err := town.DB.RateReview(town.Ctx, "410928001", 2026, store.ReviewRating{Rating: "较好", Comments: "组织生活规范，党费收缴需加强", Items: items})
	if err != nil || len(ids) != 2 {
		t.Fatalf("rate: %v %v", ids, err)
	}
	synctest.Sync(t, town, v)
	vr, err := v.DB.Reviews(v.Ctx, 2026)
	if err != nil || len(vr) != 1 {
		t.Fatalf("the village's review: %+v %v", vr, err)
	}
	r := vr[0]
	if r.Rating != "较好" || r.Comments != "组织生活规范，党费收缴需加强" || len(r.Tasks) != 2 || r.Report != report {
		t.Fatalf("the village sees %+v", r)
	}
	for _, x := range r.Tasks {
		if x.Source != store.ReviewSource || x.VillageID != v.Org.ID || x.State != store.TaskOpen {
			t.Errorf("item %+v", x)
		}
	}
	vt, _ := v.DB.Tasks(v.Ctx, store.TaskFilter{})
	if len(vt) != 2 {
		t.Errorf("the village's task list has %d items, want the review's 2", len(vt))
	}

	// The township's own ratings travel down as a setting.
	if err := town.DB.SetReviewRatings(town.Ctx, []string{"优秀"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("one rating: %v", err)
	}
	if err := town.DB.SetReviewRatings(town.Ctx, []string{"优秀", "良好", "一般", "较差"}); err != nil {
		t.Fatal(err)
	}
	synctest.Sync(t, town, v)
	if got, _ := v.DB.ReviewRatings(v.Ctx); len(got) != 4 || got[0] != "优秀" {
		t.Errorf("the village's ratings: %v", got)
	}
}
