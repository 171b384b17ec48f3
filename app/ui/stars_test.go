package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"zhibu/store"
	"zhibu/store/storetest"
)

// TestStarsVillage: the village sees its year's scheme with the figures its records earn,
// declares its targets (two self-chosen stars of four; a third is refused with a message and
// nothing saved) and assesses itself.
func TestStarsVillage(t *testing.T) {
	f := orglifeVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	settle()
	if !strings.Contains(strings.Join(texts(w), " "), "2026年度评星定级") {
		t.Error("the home screen does not show the year's stars")
	}
	capture(t, w, "home-village-stars.png")
	u.shell.show("stars")
	settle()
	capture(t, w, "stars-village.png")
	v := newVillageStars(u.shell.sess)
	w.SetContent(v.root)
	settle()
	for _, want := range []string{"评星定级", "组织建设星", "按时召开率", "尚未申报目标星", "共性星", "自选星"} {
		if !strings.Contains(strings.Join(texts(w), " "), want) {
			t.Errorf("the village's stars do not show %q", want)
		}
	}
	for _, c := range []string{"o1", "o2", "o3"} {
		v.targets[c].SetChecked(true)
	}
	test.Tap(v.declare)
	settle()
	if !v.problem.Visible() || !strings.Contains(v.problem.Text, "自选星") {
		t.Errorf("three self-chosen stars: %q", v.problem.Text)
	}
	if r, _ := f.DB.StarResultOf(f.Ctx, u.shell.sess.Home.ID, v.year.year()); r.Declared != "" {
		t.Fatal("a refused declaration was saved")
	}
	v.targets["o3"].SetChecked(false)
	test.Tap(v.declare)
	settle()
	r, err := f.DB.StarResultOf(f.Ctx, u.shell.sess.Home.ID, v.year.year())
	if err != nil || r.Declared == "" {
		t.Fatalf("not declared: %q %v", v.problem.Text, err)
	}
	v.claims["c5"].SetChecked(true)
	v.claims["o1"].SetChecked(true)
	v.note.SetText("按计划完成")
	test.Tap(v.self)
	settle()
	r, _ = f.DB.StarResultOf(f.Ctx, u.shell.sess.Home.ID, v.year.year())
	if r.Stage != store.StarsSelf || r.SelfNote != "按计划完成" || !v.done.Visible() {
		t.Fatalf("self-assessment: %+v %q", r.Stage, v.problem.Text)
	}
	capture(t, w, "stars-village-self.png")

	rv := newVillageReview(u.shell.sess)
	w.SetContent(rv.root)
	rv.secretary.SetText("王书记")
	rv.report.SetText("一年来支部按时召开三会一课。")
	rv.submit()
	if rs, _ := f.DB.Reviews(f.Ctx, rv.year.year()); len(rs) != 1 || rs[0].Report != "一年来支部按时召开三会一课。" {
		t.Fatalf("report not saved: %q", rv.problem.Text)
	}
	capture(t, w, "review-village.png")
}

// TestStarsTownship: the township's 40 villages' ratings for last year (the demo assessed
// it), one village's assessment changed from the screen, the scheme tab and the reports.
func TestStarsTownship(t *testing.T) {
	f := township40(t)
	u, w := newTestUI(t, f)
	login(t, u, "李委员", storetest.Password)
	v := newTownStars(u.shell.sess)
	w.SetContent(v.root)
	v.year.SetSelectedIndex(1) // last year
	settle()
	if len(v.rs) != 40 {
		t.Fatalf("%d rows, want 40", len(v.rs))
	}
	if !strings.Contains(v.count.Text, "共40个村：已考评40个") {
		t.Errorf("count: %q", v.count.Text)
	}
	v.pick(0)
	capture(t, w, "stars-township.png")
	before := v.rs[0]
	for _, c := range v.awards {
		c.SetChecked(false)
	}
	v.plaque.SetDate("2026-01-20")
	v.saveAssessment()
	settle()
	after, err := f.DB.StarResultOf(f.Ctx, before.OrgID, v.year.year())
	if err != nil || after.Stage != store.StarsAssessed || after.PlaqueOn != "2026-01-20" {
		t.Fatalf("assessment not saved: %+v %v %q", after, err, v.problem.Text)
	}
	measured := 0
	for _, l := range after.Lines {
		if l.Earned && l.Measure != "" {
			measured++
		}
	}
	if after.Stars != measured {
		t.Errorf("with no judged star awarded %s has %d stars, want the %d measured ones", after.OrgName, after.Stars, measured)
	}
	if v.rs[0].Stars != after.Stars {
		t.Errorf("the list was not refreshed: %d stars shown, %d stored", v.rs[0].Stars, after.Stars)
	}
	v.plaque.SetDate("2099-01-01")
	v.saveAssessment()
	if !v.problem.Visible() {
		t.Error("a plaque date in the future was accepted")
	}
	// The scheme tab: a wrong figure is refused with a message.
	v.scheme.grades[2].SetText("20") // silver above gold
	v.scheme.save()
	settle()
	if !v.problem.Visible() {
		t.Error("silver above gold was accepted")
	}
	if s, _ := f.DB.StarSchemeFor(f.Ctx, v.year.year()); !s.Default {
		t.Error("a refused scheme was saved")
	}
	v.tabs.SelectIndex(1)
	capture(t, w, "stars-scheme.png")
	v.tabs.SelectIndex(2)
	settle()
	v.reviews.pick(0)
	v.reviews.save() // no rating chosen: refused
	if !v.reviews.problem.Visible() {
		t.Error("a review without a rating was saved")
	}
	v.reviews.rating.SetSelected("一般")
	v.reviews.comments.SetText("党费收缴不及时")
	v.reviews.items[0].title.SetText("党费按月收缴")
	v.reviews.items[0].due.SetDate("2026-12-31")
	v.reviews.save()
	settle()
	rs, err := f.DB.Reviews(f.Ctx, v.year.year())
	if err != nil || rs[0].Rating != "一般" || len(rs[0].Tasks) != 1 || rs[0].Tasks[0].Source != store.ReviewSource {
		t.Fatalf("the rating was not saved with its item: %+v %v %q", rs[0], err, v.reviews.problem.Text)
	}
	capture(t, w, "review-township.png")
}
