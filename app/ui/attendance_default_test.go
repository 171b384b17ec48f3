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
	if v.form == nil {
		t.Fatal("no theme-day form")
	}
	check("theme-day screen", v.form, true)
}
