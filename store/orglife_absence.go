package store

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"zhibu/assets"
	"zhibu/store/replica"
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
	// The attendance rows only; who is on the roll, and their names, come from the roster
	// (in memory): joining the members table cost two lookups per attendance row.
	type row struct{ id, date, status, note string }
	rows, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (row, error) {
		var r row
		return r, s.Scan(&r.id, &r.date, &r.status, &r.note)
	}, `SELECT a.member_id, m.date, a.status, a.note FROM meeting_attendance a
		JOIN meetings m ON m.id=a.meeting_id AND m.deleted=0
		WHERE a.deleted=0 AND m.org_id=? AND m.date<=? AND m.kind IN (`+strings.Join(kinds, ",")+`) ORDER BY m.date`, orgID, fmtDay(asOf))
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for _, r := range rows {
		ids[r.id] = true
	}
	names, err := db.onRollNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	type run struct{ name, from string } // first absence without reason since the member last took part
	runs := map[string]*run{}
	for _, r := range rows {
		name, ok := names[r.id]
		if !ok {
			continue // no longer on the roll
		}
		absent := r.status == AttendUnexcused || (r.status == AttendFloating && strings.TrimSpace(r.note) == "")
		switch {
		case !absent:
			delete(runs, r.id)
		case runs[r.id] == nil:
			runs[r.id] = &run{name: name, from: r.date}
		}
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

// onRollNames returns the names of the members among ids who are on the roll (not deleted,
// state empty or active), from the roster in memory (member_search.go), or the table in a view.
func (db *DB) onRollNames(ctx context.Context, ids map[string]bool) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	if db.members != nil {
		rows, err := db.members.current(ctx, db)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if r.onRoll && ids[r.m.ID] {
				out[r.m.ID] = r.m.Name
			}
		}
		return out, nil
	}
	list, err := json.Marshal(slices.Collect(maps.Keys(ids)))
	if err != nil {
		return nil, err
	}
	type named struct{ id, name string }
	ns, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (named, error) {
		var n named
		return n, s.Scan(&n.id, &n.name)
	}, `SELECT id, name FROM members WHERE deleted=0 AND state IN ('','active') AND id IN (SELECT value FROM json_each(?))`, string(list))
	for _, n := range ns {
		out[n.id] = n.name
	}
	return out, err
}
