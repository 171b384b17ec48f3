package store

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"zhibu/assets"
	"zhibu/store/rules"
)

// The working-day calendar: weekends, public holidays and 调休 make-up working days. The
// national schedule of the shipped years is built in (rules.Holidays); the township adds
// and corrects days in calendar_days, replicated rows it owns that reach its villages by
// sync. Only the township edits; a village reads.

// Calendar day kinds.
const (
	DayHoliday = "holiday" // a public holiday (day off)
	DayWorkday = "workday" // a weekend day worked in exchange (调休上班)
	DayNormal  = "normal"  // an ordinary day: cancels a shipped entry
)

// CalendarDay is one day that differs from the ordinary week.
type CalendarDay struct {
	ID      string `json:"id"` // "" for a shipped day not changed by the township
	Date    string `json:"date"`
	Kind    string `json:"kind"`
	Name    string `json:"name"` // the holiday's name (a catalog key for shipped days)
	Shipped bool   `json:"shipped"`
}

// Label is the day's name in Chinese.
func (d CalendarDay) Label() string {
	if d.Name == "" {
		switch d.Kind {
		case DayWorkday:
			return assets.T("Make-up working day")
		case DayHoliday:
			return assets.T("Public holiday")
		}
		return ""
	}
	if assets.Has(d.Name) {
		return assets.T(d.Name)
	}
	return d.Name
}

// Calendar answers whether a day is a working day. It knows the years whose holidays are
// built in (rules.CalendarShippedYears) or entered by the township; in any other year only
// the fixed-date statutory holidays are certain (rules.FixedHolidays) and the 调休 days are
// unknown, so a date counted through such a year is flagged (UnknownYears).
type Calendar struct {
	days  map[string]CalendarDay // by date
	known map[int]bool           // years with a full schedule
}

var calendarSpace = uuid.MustParse("6f7a6869-6275-4361-6c65-6e6461720000")

func calendarDayID(orgID, date string) string {
	return uuid.NewSHA1(calendarSpace, []byte(orgID+"\x00"+date)).String()
}

// shippedDays expands rules.Holidays.
func shippedDays() map[string]CalendarDay {
	out := map[string]CalendarDay{}
	for _, h := range rules.Holidays {
		from, _ := parseDay(h.From)
		to, _ := parseDay(h.To)
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			s := fmtDay(d)
			out[s] = CalendarDay{Date: s, Kind: DayHoliday, Name: h.Name, Shipped: true}
		}
		for _, w := range h.Workdays {
			out[w] = CalendarDay{Date: w, Kind: DayWorkday, Name: h.Name, Shipped: true}
		}
	}
	return out
}

// Calendar loads the calendar in force: the shipped schedule with the township's changes.
func (db *DB) Calendar(ctx context.Context) (*Calendar, error) {
	c := &Calendar{days: shippedDays(), known: map[int]bool{}}
	for _, y := range rules.CalendarShippedYears {
		c.known[y] = true
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT id, date, kind, name, deleted FROM calendar_days ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var d CalendarDay
		var deleted int
		if err := rows.Scan(&d.ID, &d.Date, &d.Kind, &d.Name, &deleted); err != nil {
			return nil, err
		}
		if deleted != 0 {
			continue
		}
		c.days[d.Date] = d
		if t, ok := parseDay(d.Date); ok && d.Kind == DayHoliday {
			c.known[t.Year()] = true // the township entered that year's schedule
		}
	}
	return c, rows.Err()
}

// Known reports whether the calendar holds the year's full holiday schedule.
func (c *Calendar) Known(year int) bool { return c.known[year] }

// UnknownYears lists the years between two dates (inclusive) whose schedule the calendar
// does not hold: working days counted there may be wrong.
func (c *Calendar) UnknownYears(from, to time.Time) []int {
	var out []int
	for y := from.Year(); y <= to.Year(); y++ {
		if !c.known[y] {
			out = append(out, y)
		}
	}
	return out
}

// UnknownYearWarning is the sentence shown with a date counted through a year whose holidays
// are not entered ("" if every year is known).
func (c *Calendar) UnknownYearWarning(from, to time.Time) string {
	ys := c.UnknownYears(from, to)
	if len(ys) == 0 {
		return ""
	}
	return assets.T("The working-day calendar has no holiday schedule for %d yet: this date counts only weekends and the fixed public holidays. Ask the township to enter the holidays and make-up working days of %d on the calendar screen.", ys[0], ys[0])
}

// fixedHoliday reports whether a day of a year without a schedule is a statutory holiday
// with a fixed date.
func fixedHoliday(t time.Time) bool {
	md := t.Format("01-02")
	for _, f := range rules.FixedHolidays {
		if f == md {
			return true
		}
	}
	return false
}

// IsWorkday reports whether t's date is a working day.
func (c *Calendar) IsWorkday(t time.Time) bool {
	if d, ok := c.days[fmtDay(t)]; ok && d.Kind != DayNormal {
		return d.Kind == DayWorkday
	}
	if c.known != nil && !c.known[t.Year()] && fixedHoliday(t) {
		return false
	}
	wd := t.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// WorkdaysEnd returns the last day of a period of n working days that starts on start (or
// on the next working day if start is not one): the end of a 公示 of n working days.
func (c *Calendar) WorkdaysEnd(start time.Time, n int) time.Time {
	d := start
	for !c.IsWorkday(d) {
		d = d.AddDate(0, 0, 1)
	}
	for i := 1; i < n; i++ {
		d = d.AddDate(0, 0, 1)
		for !c.IsWorkday(d) {
			d = d.AddDate(0, 0, 1)
		}
	}
	return d
}

// Days lists the special days of a year (0: every year), by date.
func (c *Calendar) Days(year int) []CalendarDay {
	var out []CalendarDay
	prefix := ""
	if year > 0 {
		prefix = time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006-")
	}
	for _, d := range c.days {
		if strings.HasPrefix(d.Date, prefix) {
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// SetCalendarDay marks a date as a holiday, a make-up working day or an ordinary day
// (which cancels a shipped holiday). Only a township edits the calendar.
func (db *DB) SetCalendarDay(ctx context.Context, date, kind, name string) error {
	role, err := db.Role(ctx)
	if err != nil {
		return err
	}
	if role != RoleTownship {
		return assets.Wrap(ErrDenied, "Only the township office edits the working-day calendar; its changes reach the villages with the next sync.")
	}
	d, ok := parseDay(date)
	if !ok {
		return assets.Wrap(ErrInvalid, "The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-10-01.", date)
	}
	if kind != DayHoliday && kind != DayWorkday && kind != DayNormal {
		return assets.Wrap(ErrInvalid, "The kind of day must be holiday, workday or normal.")
	}
	home, err := db.Home(ctx)
	if err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "calendar_days", calendarDayID(home.ID, fmtDay(d)), map[string]any{
			"org_id": home.ID, "date": fmtDay(d), "kind": kind, "name": name, "deleted": int64(0)})
		return err
	})
}

// ResetCalendarDay removes the township's change to a date: the shipped schedule applies again.
func (db *DB) ResetCalendarDay(ctx context.Context, date string) error {
	home, err := db.Home(ctx)
	if err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		return tx.r.Delete(ctx, "calendar_days", calendarDayID(home.ID, date))
	})
}

// Dates of the member lifecycle are calendar days: time.Time at UTC midnight.

func parseDay(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	return t, err == nil
}

func fmtDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// today is the database clock's date.
func (db *DB) today() time.Time {
	n := db.now()
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

// addMonths adds n months, clamping to the month's last day (2024-01-31 + 1 → 2024-02-29;
// 2024-02-29 + 12 → 2025-02-28).
func addMonths(t time.Time, n int) time.Time {
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	day := t.Day()
	if day > last {
		day = last
	}
	return time.Date(first.Year(), first.Month(), day, 0, 0, 0, 0, time.UTC)
}
