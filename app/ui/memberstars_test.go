package ui

import (
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
)

// TestMemberStarsVillage: the village's member stars tab on the demo (source 002:
// 「7组不同的农牧民党员设星模式…为部分优秀农牧民党员(党员中心户)制定了党员标识牌」): members in roll
// order with their category (党员中心户 among them), a 中心户's record with the households led
// and the plate button; the branch enters a member's targets for this year (a third
// self-chosen star is refused with a message and nothing saved), then its 评定.
func TestMemberStarsVillage(t *testing.T) {
	f := orglifeVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	settle()
	v := newMemberStarsView(u.shell.sess)
	w.SetContent(v.root)
	settle()
	if len(v.rs) < 10 {
		t.Fatalf("%d members listed", len(v.rs))
	}
	center := -1
	for i, r := range v.rs {
		if r.Center && center < 0 {
			center = i
		}
	}
	if center < 0 {
		t.Fatal("the demo has no 党员中心户")
	}
	v.pick(center)
	settle()
	text := strings.Join(texts(w), " ")
	for _, want := range []string{"党员中心户", "联系", "打印标识牌", "联系群众星", "参会率", "保存目标星"} {
		if !strings.Contains(text, want) {
			t.Errorf("the 中心户's record does not show %q", want)
		}
	}
	capture(t, w, "member-stars-village.png")

	r := v.rs[center]
	for _, c := range []string{"o1", "o2", "o3"} {
		v.targets[c].SetChecked(true)
	}
	v.saveTargets()
	settle()
	if !v.problem.Visible() || !strings.Contains(v.problem.Text, "自选星") {
		t.Errorf("three self-chosen stars: %q", v.problem.Text)
	}
	if got, _ := f.DB.MemberStarResultOf(f.Ctx, r.MemberID, v.year.year()); got.DeclaredAt != "" {
		t.Fatal("a refused declaration was saved")
	}
	v.targets["o3"].SetChecked(false)
	v.saveTargets()
	settle()
	got, err := f.DB.MemberStarResultOf(f.Ctx, r.MemberID, v.year.year())
	if err != nil || got.DeclaredAt == "" {
		t.Fatalf("not declared: %q %v", v.problem.Text, err)
	}
	v.pick(center) // the reload picks the member again
	settle()
	v.judged["d1"].SetChecked(true)
	v.note.SetText("常走访所联农户")
	v.saveAssessment()
	settle()
	got, _ = f.DB.MemberStarResultOf(f.Ctx, r.MemberID, v.year.year())
	if got.Stage != store.MemberStarsAssessed || got.Note != "常走访所联农户" {
		t.Fatalf("评定: %s %q (%q)", got.Stage, got.Note, v.problem.Text)
	}
}
