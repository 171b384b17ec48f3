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

// TestMemberSchemeEditor: the township edits the 党员中心户 scheme star by star with the same
// editor as the branch scheme (DOMAIN.md: 「the township sets member schemes per category」;
// 科学设星): renames a star, removes one, adds one measured from the records (months with a
// service ≥ 30%) and saves; a star left without a name is refused with a message and nothing
// is stored.
func TestMemberSchemeEditor(t *testing.T) {
	f := township40(t)
	u, w := newTestUI(t, f)
	login(t, u, "李委员", storetest.Password)
	v := newTownStars(u.shell.sess)
	w.SetContent(v.root)
	settle()
	v.tabs.SelectIndex(3)
	settle()
	m := v.members
	m.category.SetSelectedIndex(4) // 党员中心户
	settle()
	sf := m.scheme
	if len(sf.rows) != 12 || sf.grades[4] != nil {
		t.Fatalf("the seed 中心户 scheme shows %d stars (want 12), class rules %v", len(sf.rows), sf.grades[4])
	}
	year := v.year.year()
	// A star without a name: refused, nothing stored.
	sf.rows[0].name.SetText("")
	sf.save()
	settle()
	if !v.problem.Visible() {
		t.Fatal("a star without a name was accepted")
	}
	if s, _ := f.DB.MemberScheme(f.Ctx, store.StarCatCenter, year); !s.Default {
		t.Fatal("a refused scheme was stored")
	}
	sf.rows[0].name.SetText("学习教育星")
	sf.removeStar(sf.rows[len(sf.rows)-1]) // o4
	sf.addStar()
	r := sf.rows[len(sf.rows)-1]
	r.name.SetText("常态服务星")
	r.group.SetSelectedIndex(2) // self-chosen
	r.measure.SetSelectedIndex(3)
	r.threshold.SetText("30")
	capture(t, w, "member-scheme-editor.png")
	sf.save()
	settle()
	s, err := f.DB.MemberScheme(f.Ctx, store.StarCatCenter, year)
	if err != nil || s.Default || len(s.Stars) != 12 {
		t.Fatalf("saved scheme: %+v %v %q", s, err, v.problem.Text)
	}
	if s.Stars[0].Name != "学习教育星" {
		t.Errorf("renamed star: %+v", s.Stars[0])
	}
	if _, ok := s.Star("o4"); ok {
		t.Error("the removed star was saved")
	}
	x, ok := s.Star("s1")
	if !ok || x.Group != store.StarChosen || x.Measure != store.MeasureMemberService || x.Threshold != 0.3 {
		t.Errorf("the added star: %+v", x)
	}
	if !strings.Contains(v.done.Text, "党员中心户") {
		t.Errorf("saved message: %q", v.done.Text)
	}
}
