package store

import (
	"context"
	"math"
	"strconv"
	"time"

	"zhibu/assets"
	"zhibu/store/rules"
)

// The organisational-life checks: required meetings missing (or not yet held) in their
// period, theme days off their fixed day, attendance below the rule, quorum not reached,
// too many 优秀 ratings. The same counting gives the township KPIs (按时召开率, 党员平均参会率).

func init() {
	RegisterChecker(checkOrgLife)
}

// requirement is a required kind of meeting: at least the rule's count in each unit period.
type requirement struct {
	kind string
	unit string
	rule rules.Rule // the count rule (the theme day: its fixed day; one a month)
	def  rules.MeetingKind
}

// requirements derives the required kinds from the rules' table of meeting kinds, monthly
// kinds first.
var requirements = func() []requirement {
	var out []requirement
	for _, unit := range []string{rules.PerMonth, rules.PerQuarter, rules.PerYear} {
		for _, k := range rules.MeetingKinds {
			if k.Unit == unit {
				out = append(out, requirement{kind: k.Slug, unit: unit, rule: k.FrequencyRule(), def: k})
			}
		}
	}
	return out
}()

// unitStatus is how one requirement stands in one unit period (and party group).
type unitStatus struct {
	req      requirement
	unit     Period
	group    Org // party group meetings only
	need     int
	held     []MeetingSummary
	ended    bool // the unit is over
	started  bool // the unit has begun
	lastPart bool // today is in the unit's last stretch: time is running out
	onTime   int  // of the first need meetings held (all dated inside the unit)
	// enteredLate: of those, the ones typed in after the grace days (information only)
	enteredLate []MeetingSummary
}

// requiredMeetings counts, for every requirement and unit overlapping p, the meetings held.
func (db *DB) requiredMeetings(ctx context.Context, orgID string, p Period) ([]unitStatus, error) {
	n, err := db.meetingNeeds(ctx)
	if err != nil {
		return nil, err
	}
	life, err := db.orgLifeOf(ctx, []string{orgID}, p, n)
	if err != nil {
		return nil, err
	}
	return n.units(life[orgID], p, db.today()), nil
}

// lastPart reports whether today is in the last stretch of a unit: its last month (a month,
// a quarter) or its last quarter (a year, whose 组织生活会 is usually held in Q4).
func lastPart(u Period, today time.Time) bool {
	if u.Kind == PeriodYear {
		return QuarterOf(u.Last()) == QuarterOf(today)
	}
	return MonthOf(u.Last()) == MonthOf(today)
}

func mustDay(s string) time.Time {
	d, _ := parseDay(s)
	return d
}

func checkOrgLife(ctx context.Context, db *DB, orgID, period string) ([]Finding, error) {
	p, err := ParsePeriod(period)
	if err != nil {
		return nil, err
	}
	units, err := db.requiredMeetings(ctx, orgID, p)
	if err != nil {
		return nil, err
	}
	var out []Finding
	fixed, err := db.ThemeDayOfMonth(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range units {
		if !s.started {
			continue
		}
		what := MeetingKind.Label(s.req.kind)
		if s.group.ID != "" {
			what = assets.T("%s of %s", what, s.group.Name)
		}
		f := Finding{OrgID: orgID, Subject: s.group.ID, Due: s.unit.LastDay(), Rule: s.req.rule.Key, Source: s.req.rule.Source}
		switch {
		case len(s.held) >= s.need:
			for _, late := range s.enteredLate {
				days := int(late.Recorded.Sub(s.unit.End()).Hours() / 24)
				out = append(out, Finding{Kind: "meeting_late", Severity: "info", OrgID: orgID, Subject: late.ID, Due: s.unit.LastDay(),
					Rule: rules.RecordGraceDays.Key, Source: rules.RecordGraceDays.Source,
					Title:  assets.T("The %s of %s was held on time but entered on %s, %d days after the period ended (information only; it counts as on time).", what, s.unit.Label(), dateLabel(late.Recorded), days),
					Action: assets.T("Enter each meeting's record soon after it is held.")})
			}
			if s.req.kind == MeetingThemeDay && s.need > 0 {
				if day := mustDay(s.held[0].Date).Day(); day != ThemeDayDate(s.unit, fixed).Day() {
					f.Kind, f.Severity, f.Subject, f.Due = "theme_day_off_day", "info", s.held[0].ID, ""
					f.Title = assets.T("The theme party day of %s was held on the %dth, not on the fixed day (the %dth).", s.unit.Label(), day, fixed)
					f.Action = assets.T("Hold the theme party day on the fixed day each month, or ask the township to change the fixed day.")
					out = append(out, f)
				}
			}
			continue
		case s.ended:
			f.Kind, f.Severity = "meeting_missing", "alarm"
			f.Title = assets.T("No %s was recorded in %s.", what, s.unit.Label())
			if len(s.held) > 0 {
				f.Title = assets.T("%s: %d of the required %d recorded in %s.", what, len(s.held), s.need, s.unit.Label())
			}
			f.Action = assets.T("If it was held, record it now; if not, hold it as soon as possible and note in the record why it was late.")
		default:
			// A longer unit still open (this year's 组织生活会 seen from Q3) is a reminder only
			// in the current period; looking back at a finished period it is not a finding of
			// that period (nor in its KPIs: DOMAIN "Required meetings").
			if !containsPeriod(p, s.unit) && !p.Contains(db.today()) {
				continue
			}
			f.Kind, f.Severity = "meeting_due", "info"
			if s.lastPart {
				f.Severity = "warning"
			}
			f.Title = assets.T("No %s has been recorded yet in %s.", what, s.unit.Label())
			if len(s.held) > 0 {
				f.Title = assets.T("%s: %d of the required %d recorded so far in %s.", what, len(s.held), s.need, s.unit.Label())
			}
			f.Action = assets.T("Hold it by %s and record it.", dateLabel(s.unit.Last()))
		}
		out = append(out, f)
	}
	minAttend, err := db.RuleValue(ctx, rules.AttendanceMin.Key)
	if err != nil {
		return nil, err
	}
	minPct, _ := strconv.ParseFloat(minAttend, 64)
	ms, err := db.Meetings(ctx, MeetingFilter{OrgID: orgID, Period: &p})
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		label := assets.T("the %s of %s (%s)", m.KindLabel, dateLabel(mustDay(m.Date)), m.Topic)
		if m.QuorumRequired && !m.Quorum {
			rule, _ := rules.Lookup(m.QuorumRule)
			action := assets.T("Decisions of a meeting without a quorum are not valid: hold the vote again at a meeting where at least half of the full members are present (%s).", rule.Source)
			if k, _ := rules.Kind(m.Kind); !k.QuorumVoting {
				action = assets.T("Decisions of a meeting without a quorum are not valid: discuss them again with at least half of the committee present (%s).", rule.Source)
			}
			out = append(out, Finding{Kind: "quorum_missing", Severity: "alarm", OrgID: orgID, Subject: m.ID, Due: m.Date,
				Title: assets.T("Too few members were present at %s for a quorum.", label), Action: action, Rule: rule.Key, Source: rule.Source})
		}
		if m.Kind != MeetingTalk && m.Expected > 0 && m.ExcusedRate()*100 < minPct-1e-9 {
			out = append(out, Finding{Kind: "attendance_low", Severity: "warning", OrgID: orgID, Subject: m.ID, Due: m.Date,
				Title: assets.T("Attendance at %s was %d%% (%d of %d), below %s%%.", label, int(math.Round(m.ExcusedRate()*100)),
					m.Present, m.Expected-m.Floating, minAttend),
				Action: assets.T("Talk with the members who missed it and help them catch up (送学上门 for those who cannot come); note it in the record."),
				Rule:   rules.AttendanceMin.Key, Source: rules.AttendanceMin.Source})
		}
	}
	for _, y := range p.Split(PeriodYear) {
		fs, err := db.appraisalFindings(ctx, orgID, y.Year)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	return out, nil
}

// dateLabel writes a date as 2026年11月30日.
func dateLabel(t time.Time) string {
	return assets.T("%d-%d-%d (date)", t.Year(), int(t.Month()), t.Day())
}
