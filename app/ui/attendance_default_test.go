package ui

import (
	"testing"

	"zhibu/store"
	"zhibu/store/rules"
)

// Every meeting form starts a floating member (党员类别 流动) as 流动在外, the theme-day form
// included (issue 22: it marked the demo's 31 floating members present).
func TestMeetingFormsStartFloatingMembersAway(t *testing.T) {
	f := orglifeVillage(t)
	s := orglifeSession(t, f, newTestWindow(t))
	roll, err := f.DB.Members(f.Ctx, store.MemberFilter{OrgID: s.Home.ID})
	if err != nil {
		t.Fatal(err)
	}
	floating := map[string]bool{}
	for _, m := range roll {
		if m.Category == "floating" {
			floating[m.ID] = true
		}
	}
	if len(floating) == 0 {
		t.Fatal("the demo village has no floating member")
	}
	check := func(what string, form *meetingForm, all bool) {
		t.Helper()
		seen := 0
		for _, r := range form.attend {
			want := store.AttendPresent
			if floating[r.a.MemberID] {
				want = store.AttendFloating
				seen++
			}
			if got := r.status(); got != want {
				t.Errorf("%s: %s starts as %s, want %s", what, r.a.Name, got, want)
			}
		}
		if all && seen == 0 {
			t.Errorf("%s: no floating member listed among %d", what, len(form.attend))
		}
	}
	for _, k := range rules.MeetingKinds {
		check(k.Slug, newMeetingForm(s, store.Meeting{OrgID: s.Home.ID, Kind: k.Slug}, func(string, string) {}), k.Expect == rules.ExpectAll)
	}
	// The theme-day screen's 记录本月主题党日 for a month with nothing recorded.
	v := newThemeDayView(s)
	v.month.SetSelectedIndex(0)
	v.title.SetText("冬季防火安全")
	v.record()
	settle()
	if v.form == nil {
		t.Fatal("no theme-day form")
	}
	check("theme-day screen", v.form, true)
}

// 打印活动情况 asks before printing a notice whose 完成情况 column would be empty.
func TestThemeDayReportAsksAboutAnEmptyColumn(t *testing.T) {
	f := orglifeVillage(t)
	w := newTestWindow(t)
	s := orglifeSession(t, f, w)
	opened := ""
	s.Show = func(id string) { opened = id }
	v := newThemeDayView(s)
	w.SetContent(v.root)
	v.month.SetSelectedIndex(0) // next month: nothing recorded
	m, err := f.DB.NewThemeDay(f.Ctx, s.Home.ID, v.selected().String())
	if err != nil {
		t.Fatal(err)
	}
	m.Topic = "冬季防火"
	m.Items = []store.MeetingItem{{Kind: "set", Title: "集中学习", Done: "学习了防火知识"}, {Kind: "own", Title: "走访慰问"}}
	if _, err := f.DB.SaveMeeting(f.Ctx, m); err != nil {
		t.Fatal(err)
	}
	v.load()
	v.printReport()
	settle()
	if !shows(w, "公示内容不完整") || opened != "" {
		t.Fatalf("no question before printing an empty 完成情况 (opened %q): %q", opened, texts(w))
	}
	capture(t, w, "themeday-empty-column.png")
	tapDialogButton(t, w, "仍然打印")
	if opened != "notices" {
		t.Fatalf("仍然打印 opened %q", opened)
	}
}
