package store

import (
	"context"
	"fmt"
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
}

// requiredMeetings counts, for every requirement and unit overlapping p, the meetings held.
func (db *DB) requiredMeetings(ctx context.Context, orgID string, p Period) ([]unitStatus, error) {
	today := db.today()
	var all []MeetingSummary
	for _, y := range p.Split(PeriodYear) {
		ms, err := db.Meetings(ctx, MeetingFilter{OrgID: orgID, Period: &y})
		if err != nil {
			return nil, err
		}
		all = append(all, ms...)
	}
	groups, err := db.Groups(ctx, orgID)
	if err != nil {
		return nil, err
	}
	committee, err := db.hasCommittee(ctx, orgID)
	if err != nil {
		return nil, err
	}
	var out []unitStatus
	for _, req := range requirements {
		if req.def.NeedsCommittee && !committee {
			continue
		}
		need := 1
		if req.def.Count != nil {
			v, err := db.RuleValue(ctx, req.rule.Key)
			if err != nil {
				return nil, err
			}
			if need, err = strconv.Atoi(v); err != nil || need < 0 {
				need = 1
			}
		}
		scopes := []Org{{}}
		if req.def.PerGroup {
			scopes = groups
		}
		for _, u := range p.Split(req.unit) {
			for _, g := range scopes {
				s := unitStatus{req: req, unit: u, group: g, need: need, ended: !today.Before(u.End()),
					started: !today.Before(u.Start()), lastPart: lastPart(u, today)}
				for _, m := range all {
					if m.Kind == req.kind && m.GroupID == g.ID && u.Contains(mustDay(m.Date)) {
						s.held = append(s.held, m)
					}
				}
				out = append(out, s)
			}
		}
	}
	return out, nil
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
	fixed := db.ThemeDayOfMonth(ctx)
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

// MeetingKPI are a branch's organisational-life figures for a period, as the township
// oversees them.
type MeetingKPI struct {
	OrgID    string `json:"org_id"`
	Period   string `json:"period"`
	Required int    `json:"required"` // required meetings of the units already over
	Held     int    `json:"held"`     // of those, held in their unit
	// OnTimeRate (按时召开率) is Held/Required (1 when nothing was due yet).
	OnTimeRate float64 `json:"on_time_rate"`
	Meetings   int     `json:"meetings"` // meetings with an attendance list in the period
	// AttendanceRate (党员平均参会率) is the mean share of expected members present.
	AttendanceRate float64 `json:"attendance_rate"`
}

// MeetingKPIs computes the on-time rate and the average attendance of an organisation in a
// period. Units still running are left out of the on-time rate.
func (db *DB) MeetingKPIs(ctx context.Context, orgID string, p Period) (MeetingKPI, error) {
	k := MeetingKPI{OrgID: orgID, Period: p.String(), OnTimeRate: 1}
	units, err := db.requiredMeetings(ctx, orgID, p)
	if err != nil {
		return k, err
	}
	for _, s := range units {
		if !s.ended || !containsPeriod(p, s.unit) {
			continue
		}
		k.Required += s.need
		k.Held += min(len(s.held), s.need)
	}
	if k.Required > 0 {
		k.OnTimeRate = float64(k.Held) / float64(k.Required)
	}
	ms, err := db.Meetings(ctx, MeetingFilter{OrgID: orgID, Period: &p})
	if err != nil {
		return k, err
	}
	var sum float64
	for _, m := range ms {
		if m.Expected > 0 && m.Kind != MeetingTalk {
			k.Meetings++
			sum += m.Rate()
		}
	}
	if k.Meetings > 0 {
		k.AttendanceRate = sum / float64(k.Meetings)
	}
	return k, nil
}

// containsPeriod reports whether u lies wholly inside p.
func containsPeriod(p, u Period) bool {
	return !u.Start().Before(p.Start()) && !u.End().After(p.End())
}

// String formats a KPI for logs.
func (k MeetingKPI) String() string {
	return fmt.Sprintf("%s %s: %d/%d on time, attendance %.0f%%", k.OrgID, k.Period, k.Held, k.Required, k.AttendanceRate*100)
}

// hasCommittee reports whether a branch has a committee: at least rules.CommitteeMinFull
// full members on its roll (条例 第六章). Without one, no 支委会 is required of it.
func (db *DB) hasCommittee(ctx context.Context, orgID string) (bool, error) {
	v, err := db.RuleValue(ctx, rules.CommitteeMinFull.Key)
	if err != nil {
		return false, err
	}
	min, err := strconv.Atoi(v)
	if err != nil {
		min = 7
	}
	var n int
	err = db.sql.QueryRowContext(ctx, "SELECT count(*) FROM members WHERE org_id=? AND deleted=0 AND state IN ('','active') AND status='full'", orgID).Scan(&n)
	return n >= min, err
}
