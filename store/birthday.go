package store

import (
	"context"
	"sort"
	"strconv"
	"time"

	"zhibu/assets"
)

// 政治生日: members whose joining anniversary (入党时间) falls in a period, for the branch's
// quarterly ceremony and the 政治生日名单 notice. The political birthday is the anniversary of
// joining; 党龄 counts from the day the member became a full member (党章 第七条 "党员的党龄，
// 从预备期满转为正式党员之日算起"): a 预备党员 has none yet.

// Birthday is one member's political birthday in a period.
type Birthday struct {
	MemberID      string `json:"id"`
	Name          string `json:"name"`
	JoinedDate    string `json:"joined_date"`
	ConfirmedDate string `json:"confirmed_date"`
	Date          string `json:"date"`        // the anniversary in the period
	Anniversary   int    `json:"anniversary"` // years since joining on that day (the n-th political birthday)
	PartyYears    *int   `json:"party_years"` // 党龄 on that day; null for a 预备党员 or an unknown 转正 date
	Probationary  bool   `json:"probationary"`
}

// Standing is the 党龄 as a list or notice shows it: the years, "预备党员", or a note that the
// 转正 date is missing.
func (b Birthday) Standing() string {
	switch {
	case b.Probationary:
		return assets.T("Probationary member")
	case b.PartyYears == nil:
		return assets.T("转正 date not entered")
	}
	return strconv.Itoa(*b.PartyYears)
}

// PartyYears is a member's 党龄 on a day: whole years since 转正 (党章 第七条). ok is false for
// a 预备党员 and for a full member whose 转正 date is not entered (or lies after the day).
func PartyYears(m Member, on time.Time) (years int, ok bool) {
	if m.Status == "probationary" {
		return 0, false
	}
	c, okc := parseDay(m.ConfirmedDate)
	if !okc || c.After(on) {
		return 0, false
	}
	years = on.Year() - c.Year()
	if addMonths(c, 12*years).After(on) {
		years--
	}
	return years, true
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
			b := Birthday{MemberID: m.ID, Name: m.Name, JoinedDate: m.JoinedDate, ConfirmedDate: m.ConfirmedDate, Date: fmtDay(a),
				Anniversary: y - j.Year(), Probationary: m.Status == "probationary"}
			if n, ok := PartyYears(m, a); ok {
				b.PartyYears = &n
			}
			out = append(out, b)
		}
	}
	sort.SliceStable(out, func(i, k int) bool { return out[i].Date < out[k].Date })
	return out
}
