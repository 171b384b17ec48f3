package store_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"zhibu/store"
	"zhibu/sync/synctest"
)

// Source 002 (seed material on 评星定级): 「7组不同的农牧民党员设星模式…为部分优秀农牧民党员
// (党员中心户)制定了党员标识牌」 — the township sets member schemes per category, the 党员中心户
// among them, and members go through the same 五道程序 as branches. Central guidance against
// 指尖上的形式主义: no ranking, no leaderboard; a member sees their own record and the posted
// result (DOMAIN.md "积分 and 星级").

// memberYear gives village v two members with a year of records (clock left at yearEnd):
//   - 王红 attends all four 2026 lectures, pays every month of 2026 within the month, serves
//     in six months (6/12 = 50%) and fulfils her one commitment: c1–c4 earned from the records.
//   - 李强 (党员中心户, leading three households) misses two lectures without reason (2/4), pays
//     nothing (0/12), never serves, and leaves his commitment open: no measured star.
func memberYear(t *testing.T, v *synctest.Device) (wang, li string) {
	t.Helper()
	ctx := v.Ctx
	v.Clock.Set(time.Date(2026, 1, 2, 9, 0, 0, 0, cst))
	wang = v.AddMember(t, "王红", "1980-03-01", "2010-07-01", 11)
	li = v.AddMember(t, "李强", "1975-05-02", "2008-07-01", 13)
	for i, d := range []string{"2026-02-20", "2026-05-20", "2026-08-20", "2026-11-20"} {
		day, _ := time.ParseInLocation(time.DateOnly, d, cst)
		v.Clock.Set(day.Add(20 * time.Hour))
		liStatus := store.AttendPresent
		if i%2 == 1 {
			liStatus = store.AttendUnexcused
		}
		m := store.Meeting{OrgID: v.Org.ID, Kind: store.MeetingLecture, Date: d, Topic: "党课 " + d,
			Attendance: []store.Attendee{{MemberID: wang, Status: store.AttendPresent}, {MemberID: li, Status: liStatus}}}
		if _, err := v.DB.SaveMeeting(ctx, m); err != nil {
			t.Fatalf("lecture %s: %v", d, err)
		}
	}
	v.Clock.Set(yearEnd)
	for mo := 1; mo <= 12; mo++ {
		month := fmt.Sprintf("2026-%02d", mo)
		if _, err := v.DB.PayDues(ctx, store.PayRequest{MemberID: wang, Months: []string{month}, PaidDate: month + "-15", Late: true}); err != nil {
			t.Fatalf("dues %s: %v", month, err)
		}
		if mo%2 == 0 {
			if _, err := v.DB.AddService(ctx, store.Service{MemberID: wang, Date: month + "-10", Activity: "清扫村道", Hours: 2}); err != nil {
				t.Fatal(err)
			}
		}
	}
	c, err := v.DB.AddCommitment(ctx, store.Commitment{MemberID: wang, Year: 2026, Content: "帮助两户发展养殖", MadeDate: "2026-01-10"})
	if err != nil {
		t.Fatal(err)
	}
	if err := v.DB.FulfilCommitment(ctx, c, "2026-10-01", "两户已出栏"); err != nil {
		t.Fatal(err)
	}
	if _, err := v.DB.AddCommitment(ctx, store.Commitment{MemberID: li, Year: 2026, Content: "修好组里的水渠", MadeDate: "2026-01-10"}); err != nil {
		t.Fatal(err)
	}
	m, err := v.DB.Member(ctx, li)
	if err != nil {
		t.Fatal(err)
	}
	m.More = map[string]string{"center": "yes"}
	if err := v.DB.UpdateMember(ctx, m); err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"周大娘", "赵二叔", "孙家"} {
		if _, err := v.DB.AddHousehold(ctx, store.Household{MemberID: li, Name: h, Address: "二组", From: "2026-01-10"}); err != nil {
			t.Fatal(err)
		}
	}
	return wang, li
}

func earned(r store.MemberStarResult) string {
	var e string
	for _, l := range r.Lines {
		if l.Earned {
			e += l.Code + " "
		}
	}
	return e
}

// TestMemberStarYear follows the 五道程序 for members: 科学设星 (township, per category, the
// 党员中心户 its own), 定标报星 (the branch enters a member's targets), 动态评星 (measured stars
// from the records), 评定 (the branch judges the rest), 审核 and 挂牌授星 (township) — and the
// rows keep their audience: a member's stars reach the member's township, not another village.
func TestMemberStarYear(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	b := synctest.Village(t, "410928002", "李庄村党支部")
	synctest.Pair(t, town, a)
	synctest.Pair(t, town, b)
	synctest.Sync(t, a, town)
	synctest.Sync(t, b, town)
	wang, li := memberYear(t, a)
	town.Clock.Set(yearEnd)
	b.Clock.Set(yearEnd)

	// 科学设星: the township's scheme for 党员中心户 goes to every village; a village may not set one.
	center := store.DefaultMemberScheme(store.StarCatCenter, store.Scheme532, 2026)
	if err := a.DB.SetMemberScheme(a.Ctx, "center", center); !errors.Is(err, store.ErrDenied) {
		t.Errorf("a village set a member scheme: %v", err)
	}
	if err := town.DB.SetMemberScheme(town.Ctx, "宇航员", center); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("an unknown category: %v", err)
	}
	center.Stars[5].Name = "联系服务群众星"
	if err := town.DB.SetMemberScheme(town.Ctx, "中心户", center); err != nil {
		t.Fatal(err)
	}
	synctest.Sync(t, town, a)
	synctest.Sync(t, town, b)
	for _, d := range []*synctest.Device{a, b} {
		s, err := d.DB.MemberScheme(d.Ctx, store.StarCatCenter, 2026)
		if err != nil || s.Default || s.Stars[5].Name != "联系服务群众星" {
			t.Errorf("%s did not receive the 中心户 scheme: %+v %v", d.Org.Name, s.Stars, err)
		}
	}

	// 定标报星 by the branch.
	if err := a.DB.DeclareMemberStars(a.Ctx, wang, 2026, []string{"c1", "o1", "o2", "o3"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("three self-chosen stars: %v", err)
	}
	if err := a.DB.AssessMemberStars(a.Ctx, wang, 2026, []string{"c5"}, ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("assessed before the targets: %v", err)
	}
	all := []string{"c1", "c2", "c3", "c4", "c5", "d1", "d2", "d3", "o1", "o2"}
	for _, id := range []string{wang, li} {
		if err := a.DB.DeclareMemberStars(a.Ctx, id, 2026, all); err != nil {
			t.Fatal(err)
		}
	}

	// 动态评星: the measured stars follow the records.
	rs, err := a.DB.MemberStarResults(a.Ctx, a.Org.ID, 2026)
	if err != nil || len(rs) != 2 {
		t.Fatalf("results: %+v %v", rs, err)
	}
	by := map[string]store.MemberStarResult{}
	for _, r := range rs {
		by[r.MemberID] = r
	}
	w, l := by[wang], by[li]
	if w.AttendanceRate != 1 || w.DuesRate != 1 || w.ServiceRate != 0.5 || w.CommitmentRate != 1 {
		t.Errorf("王红's figures: attendance %v dues %v service %v commitments %v", w.AttendanceRate, w.DuesRate, w.ServiceRate, w.CommitmentRate)
	}
	if l.AttendanceRate != 0.5 || l.DuesRate != 0 || l.ServiceRate != 0 || l.CommitmentRate != 0 {
		t.Errorf("李强's figures: attendance %v dues %v service %v commitments %v", l.AttendanceRate, l.DuesRate, l.ServiceRate, l.CommitmentRate)
	}
	if earned(w) != "c1 c2 c3 c4 " || w.Stars != 4 || w.Stage != store.MemberStarsDynamic || w.Category != store.StarCatNoPost {
		t.Errorf("王红 during the year: %q, %d stars, %s, %s", earned(w), w.Stars, w.Stage, w.Category)
	}
	if earned(l) != "" || !l.Center || l.Households != 3 || l.Category != store.StarCatCenter || l.Lines[5].Name != "联系服务群众星" {
		t.Errorf("李强 during the year: %q, center %v, %d households, %s, %s", earned(l), l.Center, l.Households, l.Category, l.Lines[5].Name)
	}

	// 评定 by the branch: judged stars only.
	if err := a.DB.AssessMemberStars(a.Ctx, wang, 2026, []string{"c2"}, ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("judged a measured star: %v", err)
	}
	if err := a.DB.AssessMemberStars(a.Ctx, wang, 2026, []string{"c5", "d1", "d2", "d3", "o1"}, "带头致富"); err != nil {
		t.Fatal(err)
	}
	if err := a.DB.AssessMemberStars(a.Ctx, li, 2026, []string{"c5", "d1", "d2"}, ""); err != nil {
		t.Fatal(err)
	}
	w, _ = a.DB.MemberStarResultOf(a.Ctx, wang, 2026)
	if earned(w) != "c1 c2 c3 c4 c5 d1 d2 d3 o1 " || w.Stars != 9 || w.Colour != store.ColourGold || w.Stage != store.MemberStarsAssessed {
		t.Errorf("王红 assessed: %q, %d stars, %s, %s", earned(w), w.Stars, w.Colour, w.Stage)
	}

	// 审核: the township sees the village's results once synced, returns or approves them.
	if err := a.DB.ReviewMemberStars(a.Ctx, a.Org.Code, 2026, store.MemberStarReview{State: store.ReviewApproved}); !errors.Is(err, store.ErrDenied) {
		t.Errorf("the village reviewed itself: %v", err)
	}
	if err := town.DB.ReviewMemberStars(town.Ctx, a.Org.Code, 2026, store.MemberStarReview{State: store.ReviewApproved}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("approved before anything reached the township: %v", err)
	}
	synctest.Sync(t, a, town)
	if err := town.DB.ReviewMemberStars(town.Ctx, a.Org.Code, 2026, store.MemberStarReview{State: store.ReviewReturned}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("returned without saying why: %v", err)
	}
	if err := town.DB.ReviewMemberStars(town.Ctx, a.Org.Code, 2026, store.MemberStarReview{State: store.ReviewApproved, PlaqueOn: "2027-01-08"}); err != nil {
		t.Fatal(err)
	}
	synctest.Sync(t, town, a)
	synctest.Sync(t, town, b)
	if err := a.DB.AssessMemberStars(a.Ctx, li, 2026, []string{"c5"}, ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("changed after the township's approval: %v", err)
	}
	tr, err := town.DB.MemberStarResults(town.Ctx, a.Org.ID, 2026)
	if err != nil || len(tr) != 2 {
		t.Fatalf("township results: %v %v", len(tr), err)
	}
	ar, _ := a.DB.MemberStarResults(a.Ctx, a.Org.ID, 2026)
	for i := range tr {
		x, y := tr[i], ar[i]
		if x.MemberID != y.MemberID || earned(x) != earned(y) || x.Stars != y.Stars || x.Stage != store.MemberStarsApproved ||
			x.Review.PlaqueOn != "2027-01-08" {
			t.Errorf("township and village disagree on %s: %q %d %s %q / %q %d", x.Name, earned(x), x.Stars, x.Stage, x.Review.PlaqueOn, earned(y), y.Stars)
		}
	}
	// The roll order (pinyin: 李 before 王), not the stars decide the order: no ranking.
	if ar[0].Name != "李强" || ar[1].Name != "王红" {
		t.Errorf("results in the order %s, %s; want the roll's", ar[0].Name, ar[1].Name)
	}

	// Audience: the member's star rows and the review reach the township and never village B.
	for d, want := range map[*synctest.Device]int{town: 2, a: 2, b: 0} {
		if n := count(t, d, "SELECT count(*) FROM member_stars"); n != want {
			t.Errorf("%s holds %d member star records, want %d", d.Org.Name, n, want)
		}
	}
	for d, want := range map[*synctest.Device]int{town: 1, a: 1, b: 0} {
		if n := count(t, d, "SELECT count(*) FROM member_star_reviews"); n != want {
			t.Errorf("%s holds %d reviews, want %d", d.Org.Name, n, want)
		}
	}
}
