package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/rules"
)

// A floating member (党员类别 流动) starts as 流动在外 in `theme-day record` and in `meeting add`
// of every kind, with or without --present (issue 22: the theme day recorded them present).
func TestCLIAttendanceStartsFloatingMembersAway(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	ids := h.members(5)
	floating := strings.TrimSpace(h.ok("member", "add", "--name", "外出党员", "--id-number", validID(7), "--joined", "2001-07-01",
		"--category", "floating"))
	h.ok("theme-day", "set", "--month", "2026-11", "--theme", "学习全会精神", "--items", "集中学习")
	statusOf := func(id string) string {
		t.Helper()
		var m store.Meeting
		if err := json.Unmarshal([]byte(h.ok("meeting", "show", id, "--json")), &m); err != nil {
			t.Fatal(err)
		}
		for _, a := range m.Attendance {
			if a.MemberID == floating {
				return a.Status
			}
		}
		return "(not listed)"
	}
	id := strings.TrimSpace(h.ok("theme-day", "record", "--month", "2026-11", "--done", "学习公报"))
	if st := statusOf(id); st != store.AttendFloating {
		t.Errorf("theme-day record: floating member %s", st)
	}
	for i, k := range rules.MeetingKinds {
		if k.Expect != rules.ExpectAll {
			continue // the committee and groups do not list this member
		}
		for _, present := range [][]string{nil, {"--present", ids[0]}} {
			args := append([]string{"meeting", "add", "--kind", k.Slug, "--date", fmt.Sprintf("2026-10-%02d", i+1),
				"--topic", "会议" + k.Label}, present...)
			out := h.ok(append(args, "--json")...)
			var s store.MeetingSummary
			if err := json.Unmarshal([]byte(out), &s); err != nil {
				t.Fatalf("%s: %v\n%s", k.Slug, err, out)
			}
			if st := statusOf(s.ID); st != store.AttendFloating {
				t.Errorf("meeting add --kind %s %v: floating member %s", k.Slug, present, st)
			}
		}
	}
}
