package store

import (
	"context"
	"sort"
	"time"
)

// 政治生日: members whose joining anniversary (入党时间) falls in a period, for the branch's
// quarterly ceremony and the 政治生日名单 notice.

// Birthday is one member's political birthday in a period.
type Birthday struct {
	MemberID   string `json:"id"`
	Name       string `json:"name"`
	JoinedDate string `json:"joined_date"`
	Date       string `json:"date"`  // the anniversary in the period
	Years      int    `json:"years"` // years in the party on that day
}

// Birthdays lists the members on an organisation's roll whose joining anniversary falls in
// the period ("2026Q4", "2026-11" or "2026"), by date. A member who joined on 29 February
// has the anniversary on 28 February in other years.
func (db *DB) Birthdays(ctx context.Context, orgID, period string) ([]Birthday, error) {
	from, to, err := periodRange(period)
	if err != nil {
		return nil, err
	}
	ms, err := db.Members(ctx, MemberFilter{OrgID: orgID})
	if err != nil {
		return nil, err
	}
	return birthdaysOf(ms, from, to), nil
}

// birthdaysOf is the anniversaries of the members' joining dates between from and to, by
// date (BirthdayCount needs only ID and JoinedDate filled in).
func birthdaysOf(ms []Member, from, to time.Time) []Birthday {
	out := []Birthday{}
	for _, m := range ms {
		j, ok := parseDay(m.JoinedDate)
		if !ok {
			continue
		}
		for y := from.Year(); y <= to.Year(); y++ {
			if y <= j.Year() {
				continue
			}
			a := addMonths(j, 12*(y-j.Year()))
			if a.Before(from) || a.After(to) {
				continue
			}
			out = append(out, Birthday{MemberID: m.ID, Name: m.Name, JoinedDate: m.JoinedDate, Date: fmtDay(a), Years: y - j.Year()})
		}
	}
	sort.SliceStable(out, func(i, k int) bool { return out[i].Date < out[k].Date })
	return out
}
