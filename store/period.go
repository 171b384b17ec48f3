package store

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"zhibu/assets"
)

// Period kinds.
const (
	PeriodMonth   = "month"
	PeriodQuarter = "quarter"
	PeriodYear    = "year"
)

// Period is a calendar month ("2026-11"), quarter ("2026Q4") or year ("2026"): the unit in
// which the rules count required meetings and in which findings are reported. Its days are
// calendar days (time.Time at UTC midnight, like every date of the store).
type Period struct {
	Kind  string
	Year  int
	Index int // month 1–12 or quarter 1–4; 0 for a year
}

// ParsePeriod reads "YYYY-MM", "YYYYQn" (also "YYYY-Qn", lower-case q) or "YYYY".
func ParsePeriod(s string) (Period, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	bad := assets.Wrap(ErrInvalid, "The period %s is not valid; write a month as 2026-11, a quarter as 2026Q4 or a year as 2026.", s)
	if len(s) < 4 {
		return Period{}, bad
	}
	year, err := strconv.Atoi(s[:4])
	if err != nil || year < 1921 || year > 2999 {
		return Period{}, bad
	}
	rest := s[4:]
	switch {
	case rest == "":
		return Period{Kind: PeriodYear, Year: year}, nil
	case strings.HasPrefix(rest, "Q") || strings.HasPrefix(rest, "-Q"):
		q, err := strconv.Atoi(strings.TrimPrefix(strings.TrimPrefix(rest, "-"), "Q"))
		if err != nil || q < 1 || q > 4 {
			return Period{}, bad
		}
		return Period{Kind: PeriodQuarter, Year: year, Index: q}, nil
	case strings.HasPrefix(rest, "-") && len(rest) == 3:
		m, err := strconv.Atoi(rest[1:])
		if err != nil || m < 1 || m > 12 {
			return Period{}, bad
		}
		return Period{Kind: PeriodMonth, Year: year, Index: m}, nil
	}
	return Period{}, bad
}

// MonthOf returns the month holding t.
func MonthOf(t time.Time) Period {
	return Period{Kind: PeriodMonth, Year: t.Year(), Index: int(t.Month())}
}

// QuarterOf returns the quarter holding t.
func QuarterOf(t time.Time) Period {
	return Period{Kind: PeriodQuarter, Year: t.Year(), Index: (int(t.Month())-1)/3 + 1}
}

// YearOf returns the year holding t.
func YearOf(t time.Time) Period { return Period{Kind: PeriodYear, Year: t.Year()} }

// String formats the period the way ParsePeriod reads it.
func (p Period) String() string {
	switch p.Kind {
	case PeriodMonth:
		return fmt.Sprintf("%04d-%02d", p.Year, p.Index)
	case PeriodQuarter:
		return fmt.Sprintf("%04dQ%d", p.Year, p.Index)
	}
	return fmt.Sprintf("%04d", p.Year)
}

// Label is the period in Chinese: 2026年11月, 2026年第四季度, 2026年.
func (p Period) Label() string {
	switch p.Kind {
	case PeriodMonth:
		return assets.T("%d-%d (month)", p.Year, p.Index)
	case PeriodQuarter:
		return assets.T("%d quarter %s", p.Year, []string{"", "一", "二", "三", "四"}[p.Index])
	}
	return assets.T("%d (year)", p.Year)
}

// Start is the period's first day.
func (p Period) Start() time.Time {
	switch p.Kind {
	case PeriodMonth:
		return time.Date(p.Year, time.Month(p.Index), 1, 0, 0, 0, 0, time.UTC)
	case PeriodQuarter:
		return time.Date(p.Year, time.Month(3*p.Index-2), 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(p.Year, 1, 1, 0, 0, 0, 0, time.UTC)
}

// End is the day after the period's last day (exclusive).
func (p Period) End() time.Time {
	switch p.Kind {
	case PeriodMonth:
		return p.Start().AddDate(0, 1, 0)
	case PeriodQuarter:
		return p.Start().AddDate(0, 3, 0)
	}
	return p.Start().AddDate(1, 0, 0)
}

// Last is the period's last day.
func (p Period) Last() time.Time { return p.End().AddDate(0, 0, -1) }

// FirstDay and LastDay format Start and Last as YYYY-MM-DD (for SQL ranges on date columns).
func (p Period) FirstDay() string { return fmtDay(p.Start()) }

// LastDay formats Last as YYYY-MM-DD.
func (p Period) LastDay() string { return fmtDay(p.Last()) }

// Contains reports whether the day of t lies in the period.
func (p Period) Contains(t time.Time) bool {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return !d.Before(p.Start()) && d.Before(p.End())
}

// Split lists the periods of a kind that overlap p, in order: the months of a quarter, the
// quarters of a year; the quarter or year holding a month.
func (p Period) Split(kind string) []Period {
	var out []Period
	seen := map[Period]bool{}
	for d := p.Start(); d.Before(p.End()); d = d.AddDate(0, 1, 0) {
		var q Period
		switch kind {
		case PeriodMonth:
			q = MonthOf(d)
		case PeriodQuarter:
			q = QuarterOf(d)
		default:
			q = YearOf(d)
		}
		if !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}
