package store

import (
	"context"
	"time"

	"zhibu/assets"
	"zhibu/store/rules"
)

func init() { RegisterChecker(checkModes) }

// ModeGap is a member whose management mode has no record in a quarter.
type ModeGap struct {
	MemberID string `json:"id"`
	Name     string `json:"name"`
	Mode     string `json:"mode"`
	Quarter  string `json:"quarter"`
	Missing  string `json:"missing"` // in Chinese: what record is missing
}

// ModeGaps lists the members whose management mode (分类管理) has no record in the quarter
// that holds day: 承诺式 (在职) a commitment for the year, 定岗式 (无职) a post held in the
// quarter, 跟踪式 (流动) a contact in the quarter, 关爱式 (夕阳红) a care visit in the quarter.
// Members who joined after the quarter are left out.
func (db *DB) ModeGaps(ctx context.Context, orgID string, day time.Time) ([]ModeGap, error) {
	qp := QuarterOf(day)
	q, from, to := qp.Label(), qp.Start(), qp.Last()
	parts, err := db.MemberParts(ctx, orgID, from.Year())
	if err != nil {
		return nil, err
	}
	ms, err := db.Members(ctx, MemberFilter{OrgID: orgID})
	if err != nil {
		return nil, err
	}
	joined := map[string]string{}
	for _, m := range ms {
		joined[m.ID] = m.JoinedDate
	}
	f, t := fmtDay(from), fmtDay(to)
	out := []ModeGap{}
	for _, p := range parts {
		if p.Mode == "" || joined[p.MemberID] > t {
			continue
		}
		has := false
		missing := ""
		switch p.Mode {
		case "commitment":
			has = len(p.Commitments) > 0
			missing = assets.T("no commitment for %d", from.Year())
		case "post":
			for _, d := range p.Duties {
				has = has || (d.From <= t && (d.To == "" || d.To >= f))
			}
			missing = assets.T("no post held in %s", q)
		case "tracking", "care":
			kind := map[string]string{"tracking": "track", "care": "care"}[p.Mode]
			for _, c := range p.Contacts {
				has = has || (c.Kind == kind && c.Date >= f && c.Date <= t)
			}
			missing = assets.T("no contact recorded in %s", q)
			if p.Mode == "care" {
				missing = assets.T("no care visit recorded in %s", q)
			}
		}
		if !has {
			out = append(out, ModeGap{MemberID: p.MemberID, Name: p.Name, Mode: p.Mode, Quarter: qp.String(), Missing: missing})
		}
	}
	return out, nil
}

// checkModes reports the members whose management mode has no record this quarter.
func checkModes(ctx context.Context, db *DB, orgID, period string) ([]Finding, error) {
	// A township that does not use the four modes switches the reminders off (local practice).
	if on, err := db.RuleValue(ctx, rules.ModeReminders.Key); err != nil || on == "off" {
		return nil, err
	}
	asOf, err := db.checkAsOf(period)
	if err != nil {
		return nil, err
	}
	day := asOf
	if p, err := ParsePeriod(period); err == nil && asOf.After(p.Last()) {
		day = p.Last()
	}
	gaps, err := db.ModeGaps(ctx, orgID, day)
	if err != nil {
		return nil, err
	}
	_, end, _ := periodRange(CurrentQuarter(day))
	var out []Finding
	for _, g := range gaps {
		out = append(out, Finding{Kind: "member_mode_missing", Severity: "info", OrgID: orgID, Subject: g.MemberID,
			Title:  assets.T("%s (%s): %s.", g.Name, ManagementModeLabel(g.Mode), g.Missing),
			Action: modeAction(g.Mode, g.Name), Due: fmtDay(end), Source: assets.T("党员分类管理（地方做法）")})
	}
	return out, nil
}

func modeAction(mode, name string) string {
	switch mode {
	case "commitment":
		return assets.T("Record the commitment %s made for this year (承诺践诺).", name)
	case "post":
		return assets.T("Give %s a post with duties (设岗定责) and record it.", name)
	case "tracking":
		return assets.T("Contact %s this quarter and record how they were reached.", name)
	}
	return assets.T("Visit %s this quarter and record the visit.", name)
}

// TalkGap is a committee member and the members they have not yet talked with in a year
// (谈心谈话: each committee member with each member at least once a year, 支部工作条例 第十九条).
type TalkGap struct {
	MemberID string   `json:"id"`
	Name     string   `json:"name"`
	Missing  []string `json:"missing"` // names of the members not yet talked with
}

// TalkCoverage lists, for each committee member (书记, 副书记, 委员), the members on the roll
// with whom no talk (a 谈心谈话 record with both present, or one hosting) is recorded in the
// year. Committee members with everyone covered are left out.
func (db *DB) TalkCoverage(ctx context.Context, orgID string, year int) ([]TalkGap, error) {
	ms, err := db.Members(ctx, MemberFilter{OrgID: orgID})
	if err != nil {
		return nil, err
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT m.id, m.host_id, a.member_id, a.status FROM meetings m
		LEFT JOIN meeting_attendance a ON a.meeting_id=m.id AND a.deleted=0
		WHERE m.deleted=0 AND m.org_id=? AND m.kind='talk' AND m.date>=? AND m.date<=?`, orgID, fmtDayOf(year, 1, 1), fmtDayOf(year, 12, 31))
	if err != nil {
		return nil, err
	}
	in := map[string]map[string]bool{} // meeting → members who took part
	for rows.Next() {
		var id, host string
		var member, status *string
		if err := rows.Scan(&id, &host, &member, &status); err != nil {
			rows.Close()
			return nil, err
		}
		if in[id] == nil {
			in[id] = map[string]bool{}
		}
		if host != "" {
			in[id][host] = true
		}
		if member != nil && status != nil && *status == "present" {
			in[id][*member] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	talked := map[[2]string]bool{}
	for _, people := range in {
		for a := range people {
			for b := range people {
				talked[[2]string{a, b}] = true
			}
		}
	}
	out := []TalkGap{}
	for _, c := range ms {
		if c.Position != "secretary" && c.Position != "deputy" && c.Position != "committee" {
			continue
		}
		g := TalkGap{MemberID: c.ID, Name: c.Name, Missing: []string{}}
		for _, m := range ms {
			if m.ID != c.ID && !talked[[2]string{c.ID, m.ID}] {
				g.Missing = append(g.Missing, m.Name)
			}
		}
		if len(g.Missing) > 0 {
			out = append(out, g)
		}
	}
	return out, nil
}

func fmtDayOf(y, m, d int) string {
	return fmtDay(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC))
}
