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
