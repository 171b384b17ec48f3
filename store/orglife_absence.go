package store

import (
	"context"
	"strings"

	"zhibu/assets"
	"zhibu/store/rules"
)

func init() { RegisterChecker(checkOrgLifeAbsence) }

// checkOrgLifeAbsence applies the second half of 党章 第九条 ("没有正当理由，连续六个月不参加党
// 的组织生活…被认为是自行脱党"): a member recorded absent without good reason (无故缺席, or
// 流动在外 and not reached another way) from every attendance-counted meeting since a day
// orglife.warn_months ago is warned about, orglife.alarm_months ago alarmed. Attending, an
// excused absence (请假, 病) and a 流动在外 member reached by 送学上门 (a note) count as taking part.
func checkOrgLifeAbsence(ctx context.Context, db *DB, orgID, period string) ([]Finding, error) {
	asOf, err := db.checkAsOf(period)
	if err != nil {
		return nil, err
	}
	warn, err := db.ruleInt(ctx, rules.OrgLifeWarn.Key)
	if err != nil {
		return nil, err
	}
	alarm, err := db.ruleInt(ctx, rules.OrgLifeAlarm.Key)
	if err != nil {
		return nil, err
	}
	var kinds []string
	for _, k := range rules.MeetingKinds {
		if k.Attendance {
			kinds = append(kinds, "'"+k.Slug+"'")
		}
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT a.member_id, mb.name, m.date, a.status, a.note FROM meeting_attendance a
		JOIN meetings m ON m.id=a.meeting_id AND m.deleted=0 JOIN members mb ON mb.id=a.member_id AND mb.deleted=0 AND mb.state IN ('','active')
		WHERE a.deleted=0 AND m.org_id=? AND m.date<=? AND m.kind IN (`+strings.Join(kinds, ",")+`) ORDER BY m.date`, orgID, fmtDay(asOf))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type run struct{ name, from string } // first absence without reason since the member last took part
	runs := map[string]*run{}
	for rows.Next() {
		var id, name, date, status, note string
		if err := rows.Scan(&id, &name, &date, &status, &note); err != nil {
			return nil, err
		}
		absent := status == AttendUnexcused || (status == AttendFloating && strings.TrimSpace(note) == "")
		switch {
		case !absent:
			delete(runs, id)
		case runs[id] == nil:
			runs[id] = &run{name: name, from: date}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []Finding
	for id, r := range runs {
		from, _ := parseDay(r.from)
		sev, rule := "", rules.OrgLifeWarn
		switch {
		case !addMonths(from, alarm).After(asOf):
			sev, rule = "alarm", rules.OrgLifeAlarm
		case !addMonths(from, warn).After(asOf):
			sev = "warning"
		default:
			continue
		}
		out = append(out, Finding{Kind: "orglife_absent", Severity: sev, OrgID: orgID, Subject: id, Due: fmtDay(addMonths(from, alarm)),
			Title:  assets.T("%s has not taken part in organisational life since %s (absent without reason from every meeting since).", r.name, r.from),
			Action: assets.T("Talk with %s: six months without organisational life and without good reason is treated as leaving the party (党章 第九条). Record the reason, or reach the member another way (送学上门) and note it.", r.name),
			Rule:   rule.Key, Source: rule.Source})
	}
	return out, nil
}
