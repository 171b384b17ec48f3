package store_test

import (
	"strings"
	"testing"
	"time"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/rules"
	"zhibu/store/storetest"
)

func at(day string) time.Time {
	t, _ := time.Parse(time.DateOnly, day)
	return t.Add(10 * time.Hour)
}

type held struct{ kind, date string }

// TestRequiredMeetingBoundaries checks each frequency rule on the days around the end of
// its period: month ends, quarter ends, the year end and a leap day.
func TestRequiredMeetingBoundaries(t *testing.T) {
	cases := []struct {
		name     string
		today    string
		meetings []held
		period   string
		rule     rules.Rule
		due      string // the unit's last day: identifies the finding
		kind     string // "" when there must be no finding
		severity string
	}{
		{"committee on the month's last day counts", "2026-11-01", []held{{"committee", "2026-10-31"}}, "2026-10", rules.CommitteePerMonth, "2026-10-31", "", ""},
		{"committee on the next month's first day is late", "2026-11-01", []held{{"committee", "2026-11-01"}}, "2026-10", rules.CommitteePerMonth, "2026-10-31", "meeting_missing", "alarm"},
		{"this month's committee not yet held", "2026-11-29", nil, "2026-11", rules.CommitteePerMonth, "2026-11-30", "meeting_due", "warning"},
		{"next month is not checked yet", "2026-11-30", nil, "2026-12", rules.CommitteePerMonth, "2026-12-31", "", ""},
		{"leap day counts for February", "2024-03-01", []held{{"committee", "2024-02-29"}}, "2024-02", rules.CommitteePerMonth, "2024-02-29", "", ""},
		{"February of a leap year ends on the 29th", "2024-02-29", nil, "2024-02", rules.CommitteePerMonth, "2024-02-29", "meeting_due", "warning"},
		{"February ended", "2024-03-01", nil, "2024Q1", rules.CommitteePerMonth, "2024-02-29", "meeting_missing", "alarm"},
		{"general on the quarter's last day counts", "2026-10-01", []held{{"general", "2026-09-30"}}, "2026Q3", rules.GeneralPerQuarter, "2026-09-30", "", ""},
		{"general missing in the ended quarter", "2026-10-01", []held{{"general", "2026-10-01"}}, "2026Q3", rules.GeneralPerQuarter, "2026-09-30", "meeting_missing", "alarm"},
		{"general due, quarter just begun: info", "2026-10-01", nil, "2026-10", rules.GeneralPerQuarter, "2026-12-31", "meeting_due", "info"},
		{"general due in the quarter's last month: warning", "2026-12-01", nil, "2026-12", rules.GeneralPerQuarter, "2026-12-31", "meeting_due", "warning"},
		{"lecture missing in Q1, seen from a year check", "2026-11-29", []held{{"lecture", "2026-05-10"}}, "2026", rules.LecturePerQuarter, "2026-03-31", "meeting_missing", "alarm"},
		{"lecture held in Q2", "2026-11-29", []held{{"lecture", "2026-05-10"}}, "2026", rules.LecturePerQuarter, "2026-06-30", "", ""},
		{"life meeting due in Q4 is a warning in December", "2026-12-01", nil, "2026-12", rules.LifePerYear, "2026-12-31", "meeting_due", "warning"},
		{"life meeting due earlier in the year is info", "2026-09-30", nil, "2026-09", rules.LifePerYear, "2026-12-31", "meeting_due", "info"},
		{"life meeting due in Q4 is a warning", "2026-10-01", nil, "2026-10", rules.LifePerYear, "2026-12-31", "meeting_due", "warning"},
		{"a finished quarter does not list this year's life meeting still due", "2026-11-29", nil, "2026Q3", rules.LifePerYear, "2026-12-31", "", ""},
		{"a finished month does not either", "2026-11-29", nil, "2026-10", rules.LifePerYear, "2026-12-31", "", ""},
		{"the current quarter lists it", "2026-11-29", nil, "2026Q4", rules.LifePerYear, "2026-12-31", "meeting_due", "warning"},
		{"a finished month does not list its quarter's general meeting still due", "2026-11-29", nil, "2026-10", rules.GeneralPerQuarter, "2026-12-31", "", ""},
		{"life meeting missing after the year end", "2027-01-01", nil, "2026", rules.LifePerYear, "2026-12-31", "meeting_missing", "alarm"},
		{"life meeting on 12-31 counts", "2027-01-01", []held{{"life", "2026-12-31"}}, "2026", rules.LifePerYear, "2026-12-31", "", ""},
		{"talk held", "2027-01-05", []held{{"talk", "2026-06-01"}}, "2026", rules.TalkPerYear, "2026-12-31", "", ""},
		{"appraisal missing", "2027-01-05", nil, "2026", rules.AppraisalPerYear, "2026-12-31", "meeting_missing", "alarm"},
		{"theme day this month", "2026-11-10", []held{{"theme-day", "2026-11-10"}}, "2026-11", rules.ThemeDayDay, "2026-11-30", "", ""},
		{"theme day missing last month", "2026-11-10", nil, "2026-10", rules.ThemeDayDay, "2026-10-31", "meeting_missing", "alarm"},
		{"theme day off its fixed day", "2026-11-20", []held{{"theme-day", "2026-11-15"}}, "2026-11", rules.ThemeDayDay, "", "theme_day_off_day", "info"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := newBranch(t)
			// The branch keeps its records in the app from 2024 on: every unit here is required.
			if err := b.f.DB.SetRecordsStart(b.f.Ctx, b.org.ID, "2024-01"); err != nil {
				t.Fatal(err)
			}
			for _, m := range c.meetings {
				b.meeting(t, m.kind, m.date, "", nil)
			}
			b.f.Clock.Set(at(c.today))
			fs, err := b.f.DB.Check(b.f.Ctx, b.org.ID, c.period)
			if err != nil {
				t.Fatal(err)
			}
			var got []store.Finding
			for _, f := range fs {
				if f.Rule == c.rule.Key && f.Due == c.due {
					got = append(got, f)
				}
			}
			if c.kind == "" {
				if len(got) != 0 {
					t.Fatalf("unexpected finding %+v", got[0])
				}
				return
			}
			if len(got) != 1 || got[0].Kind != c.kind || got[0].Severity != c.severity {
				t.Fatalf("findings %+v, want one %s/%s", got, c.kind, c.severity)
			}
			if got[0].Title == "" || got[0].Action == "" || got[0].Source == "" || strings.ContainsAny(got[0].Title+got[0].Action, "abcdefghijklmnopqrstuvwxyz") {
				t.Fatalf("finding not a Chinese sentence with its source: %+v", got[0])
			}
		})
	}
}

func TestGroupMeetingsPerGroup(t *testing.T) {
	b := newBranch(t)
	b.meeting(t, store.MeetingGroup, "2026-10-12", b.groups[0], nil)
	b.f.Clock.Set(at("2026-11-02"))
	fs, err := b.f.DB.Check(b.f.Ctx, b.org.ID, "2026-10")
	if err != nil {
		t.Fatal(err)
	}
	var missing []store.Finding
	for _, f := range fs {
		if f.Rule == rules.GroupPerMonth.Key {
			missing = append(missing, f)
		}
	}
	if len(missing) != 1 || missing[0].Subject != b.groups[1] || !strings.Contains(missing[0].Title, "第二党小组") {
		t.Fatalf("group findings %+v", missing)
	}
}

func TestAttendanceAndQuorumFindings(t *testing.T) {
	cases := []struct {
		name    string
		kind    string
		absent  func(b *branch) map[string]string
		wantLow bool
		wantQ   bool
	}{
		{"all present", store.MeetingGeneral, func(b *branch) map[string]string { return nil }, false, false},
		// 9 expected, 1 floating excused: 8 counted; 7 present = 87.5% ≥ 80%.
		{"floating excused is not counted against", store.MeetingGeneral, func(b *branch) map[string]string {
			return map[string]string{b.floating: store.AttendFloating, b.others[0]: store.AttendSick}
		}, false, false},
		// 6 of 8 = 75% < 80%.
		{"two more absent is low", store.MeetingGeneral, func(b *branch) map[string]string {
			return map[string]string{b.floating: store.AttendFloating, b.others[0]: store.AttendSick, b.others[1]: store.AttendUnexcused}
		}, true, false},
		// Floating unexcused counts: 8 of 9 = 89%.
		{"a floating member absent without reason counts", store.MeetingGeneral, func(b *branch) map[string]string {
			return map[string]string{b.floating: store.AttendUnexcused}
		}, false, false},
		{"committee 1 of 3: low and no quorum", store.MeetingCommittee, func(b *branch) map[string]string {
			return map[string]string{b.committee[1]: store.AttendLeave, b.committee[2]: store.AttendLeave}
		}, true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := newBranch(t)
			s := b.meeting(t, c.kind, "2026-11-05", "", c.absent(b))
			fs, err := b.f.DB.Check(b.f.Ctx, b.org.ID, "2026-11")
			if err != nil {
				t.Fatal(err)
			}
			var low, q bool
			for _, f := range fs {
				low = low || (f.Kind == "attendance_low" && f.Subject == s.ID)
				q = q || (f.Kind == "quorum_missing" && f.Subject == s.ID && f.Severity == "alarm")
			}
			if low != c.wantLow || q != c.wantQ {
				t.Fatalf("low %v quorum finding %v, want %v %v", low, q, c.wantLow, c.wantQ)
			}
		})
	}
}

func TestThemeDayDateClamps(t *testing.T) {
	cases := []struct {
		month string
		day   int
		want  string
	}{
		{"2024-02", 30, "2024-02-29"},
		{"2026-02", 31, "2026-02-28"},
		{"2026-04", 31, "2026-04-30"},
		{"2026-11", 10, "2026-11-10"},
	}
	for _, c := range cases {
		p, _ := store.ParsePeriod(c.month)
		if got := store.ThemeDayDate(p, c.day).Format(time.DateOnly); got != c.want {
			t.Errorf("%s day %d → %s, want %s", c.month, c.day, got, c.want)
		}
	}
}

// BenchmarkCheckDemoVillage measures the home screen's check of one month on a village with
// a demo year of meetings.
func BenchmarkCheckDemoVillage(b *testing.B) {
	f := storetest.Village(b)
	if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: 1}); err != nil {
		b.Fatal(err)
	}
	home, _ := f.DB.Home(f.Ctx)
	b.ResetTimer()
	for b.Loop() {
		if _, err := f.DB.Check(f.Ctx, home.ID, "2026-11"); err != nil {
			b.Fatal(err)
		}
	}
}
