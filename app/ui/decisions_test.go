package ui

import (
	"strings"
	"testing"

	"zhibu/app/notice"
	"zhibu/store"
)

func TestDecisionsScreenRecordsStepsAndRefusesBadVote(t *testing.T) {
	f := orglifeVillage(t)
	w := newTestWindow(t)
	s := orglifeSession(t, f, w)
	v := newDecisionsView(s)
	w.SetContent(v.content())
	before, _ := f.DB.Decisions(f.Ctx, s.Home.ID) // what the demo data made
	v.title.SetText("村内主干道硬化")
	v.matter.SetText("硬化村内主干道1.2公里，预算36万元。")
	v.dates[0].SetDate("2026-10-08")
	v.merged.SetChecked(true)
	v.dates[2].SetDate("2026-10-15")
	v.dates[3].SetDate("2026-10-20")
	v.due.SetText("31")
	v.present.SetText("18") // fewer than two thirds of a 村民代表会议 (组织法 第二十六条): refused, nothing saved
	v.agreed.SetText("17")
	v.save()
	if ds, _ := f.DB.Decisions(f.Ctx, s.Home.ID); len(ds) != len(before) || !strings.Contains(v.problem.Label.Text, "实到 18") || !strings.Contains(v.problem.Label.Text, "第二十六条") {
		t.Fatalf("bad vote: %d saved, problem %q", len(ds)-len(before), v.problem.Label.Text)
	}
	v.present.SetText("28")
	v.save()
	all, _ := f.DB.Decisions(f.Ctx, s.Home.ID)
	var ds []store.Decision
	for _, d := range all {
		if d.Title == "村内主干道硬化" {
			ds = append(ds, d)
		}
	}
	if len(all) != len(before)+1 || len(ds) != 1 || ds[0].DiscussedOn != "2026-10-08" || ds[0].Step() != 4 {
		t.Fatalf("saved %+v (%s)", ds, v.problem.Label.Text)
	}
	if v.printBt.Disabled() || !shows(w, "第4/6步") {
		t.Errorf("print disabled or step not listed: %q", texts(w))
	}
	w.Content().Refresh()
	capture(t, w, "decisions.png")
	v.print()
	if pendingNotice == nil || pendingNotice.Kind != notice.Decision || pendingNotice.Subject != ds[0].ID {
		t.Fatalf("pending notice = %+v", pendingNotice)
	}
	nv := newNoticesView(s)
	nv.choose(*pendingNotice)
	pendingNotice = nil
	if nv.problem.Label.Text != "" || !strings.Contains(nv.doc.Title, "村内主干道硬化") {
		t.Fatalf("notice: %q %q", nv.doc.Title, nv.problem.Label.Text)
	}
}

// Issue 23 (四议两公开): the step-3 vote of the party members' meeting, the township's review
// (四议一审两公开) and the 村民会议's basis (村民委员会组织法 第二十二条: more than half of the
// adult villagers, or two thirds of the households, present) were command-line only. In
// the form: a step-3 vote below the quorum is refused with the store's reason; the counts,
// the review date and the households basis are saved and shown again.
func TestDecisionFormTakesTheReviewVoteTheTownshipReviewAndTheBasis(t *testing.T) {
	f := orglifeVillage(t)
	w := newTestWindow(t)
	s := orglifeSession(t, f, w)
	v := newDecisionsView(s)
	w.SetContent(v.content())
	find := func() (store.Decision, bool) {
		all, _ := f.DB.Decisions(f.Ctx, s.Home.ID)
		for _, d := range all {
			if d.Title == "修建村文化广场" {
				return d, true
			}
		}
		return store.Decision{}, false
	}
	v.title.SetText("修建村文化广场")
	v.dates[0].SetDate("2026-10-08")
	v.dates[1].SetDate("2026-10-09")
	v.dates[2].SetDate("2026-10-15")
	v.reviewDue.SetText("40")
	v.reviewPresent.SetText("20") // half: below the two thirds the party members' meeting needs
	v.reviewFor.SetText("20")
	v.save()
	if _, saved := find(); saved || !strings.Contains(v.problem.Label.Text, "党员大会") {
		t.Fatalf("a step-3 vote below the quorum: saved %v, problem %q", saved, v.problem.Label.Text)
	}
	v.reviewPresent.SetText("30")
	v.reviewFor.SetText("25")
	v.townReview.SetDate("2026-10-18")
	v.dates[3].SetDate("2026-10-20")
	v.body.SetSelectedIndex(1)  // 村民会议
	v.basis.SetSelectedIndex(1) // over the households: 2/3 needed
	v.due.SetText("300")
	v.present.SetText("160") // more than half, less than two thirds
	v.agreed.SetText("150")
	v.save()
	if _, saved := find(); saved || !strings.Contains(v.problem.Label.Text, "第二十二条") {
		t.Fatalf("160 of 300 households: saved %v, problem %q", saved, v.problem.Label.Text)
	}
	v.present.SetText("210")
	v.save()
	d, saved := find()
	if !saved {
		t.Fatalf("not saved: %q", v.problem.Label.Text)
	}
	if d.ReviewDue != 40 || d.ReviewPresent != 30 || d.ReviewFor != 25 || d.TownshipReviewedOn != "2026-10-18" || d.ResolutionBasis != store.BasisHouseholds {
		t.Errorf("saved %+v", d)
	}
	capture(t, w, "decisions-review.png")
	v.open(-1)
	for i := range v.list {
		if v.list[i].ID == d.ID {
			v.open(i)
		}
	}
	if v.reviewPresent.Text != "30" || v.townReview.Date() != "2026-10-18" || v.basis.SelectedIndex() != 1 {
		t.Errorf("reopened: %q %q %d", v.reviewPresent.Text, v.townReview.Date(), v.basis.SelectedIndex())
	}
}
