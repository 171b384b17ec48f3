package store_test

import (
	"testing"

	"zhibu/store"
	"zhibu/store/rules"
)

// DOMAIN: 流动党员 attend remotely or not at all; the app must not count them present (nor
// absent without reason) by default. Issue 22: the theme-day draft marked all 153 of the demo
// village present, 31 floating members among them.
func TestNewAttendanceStartsFloatingMembersAway(t *testing.T) {
	b := newBranch(t)
	for _, k := range rules.MeetingKinds {
		group := ""
		if k.Slug == store.MeetingGroup {
			// The floating member's group (seq 21 → groups[(21/2)%2]).
			group = b.groups[(21/2)%2]
		}
		as, err := b.f.DB.NewAttendance(b.f.Ctx, b.org.ID, k.Slug, group)
		if err != nil {
			t.Fatalf("%s: %v", k.Slug, err)
		}
		sawFloating := false
		for _, a := range as {
			want := store.AttendPresent
			if a.MemberID == b.floating {
				want, sawFloating = store.AttendFloating, true
			}
			if a.Status != want {
				t.Errorf("%s: %s starts as %q, want %q", k.Slug, a.Name, a.Status, want)
			}
		}
		if k.Expect != rules.ExpectCommittee && !sawFloating {
			t.Errorf("%s: the floating member is not on the list (%d rows)", k.Slug, len(as))
		}
	}
}

func TestThemeDayDraftAndRecordKeepFloatingAway(t *testing.T) {
	b := newBranch(t)
	m, err := b.f.DB.NewThemeDay(b.f.Ctx, b.org.ID, "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	m.Topic = "学习贯彻全会精神"
	for _, a := range m.Attendance {
		if a.MemberID == b.floating && a.Status != store.AttendFloating {
			t.Fatalf("draft: floating member %+v", a)
		}
	}
	s, err := b.f.DB.SaveMeeting(b.f.Ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	// 9 expected: 8 present, the floating member away (excused), nobody unexcused.
	if s.Expected != 9 || s.Present != 8 || s.Floating != 1 || s.Unexcused != 0 {
		t.Fatalf("saved theme day: %+v", s)
	}
}
