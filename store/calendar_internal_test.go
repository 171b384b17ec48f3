package store

import (
	"testing"
	"time"
)

func TestAddMonthsClampsToMonthEnd(t *testing.T) {
	for _, c := range []struct {
		from string
		n    int
		want string
	}{
		{"2024-01-31", 1, "2024-02-29"}, // leap year
		{"2025-01-31", 1, "2025-02-28"},
		{"2024-02-29", 12, "2025-02-28"},
		{"2024-02-29", 48, "2028-02-29"},
		{"2026-03-31", 3, "2026-06-30"},
		{"2026-11-30", 3, "2027-02-28"},
		{"2026-12-15", 1, "2027-01-15"},
		{"2026-03-31", -1, "2026-02-28"},
	} {
		f, _ := time.Parse(time.DateOnly, c.from)
		if got := fmtDay(addMonths(f, c.n)); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.from, c.n, got, c.want)
		}
	}
}

func TestPeriodRange(t *testing.T) {
	for _, c := range []struct{ p, from, to string }{
		{"2026-11", "2026-11-01", "2026-11-30"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2026Q4", "2026-10-01", "2026-12-31"},
		{"2026q1", "2026-01-01", "2026-03-31"},
		{"2026", "2026-01-01", "2026-12-31"},
	} {
		f, to, err := periodRange(c.p)
		if err != nil || fmtDay(f) != c.from || fmtDay(to) != c.to {
			t.Errorf("%s: %s..%s %v", c.p, fmtDay(f), fmtDay(to), err)
		}
	}
	for _, p := range []string{"2026Q5", "2026-13", "26", "x"} {
		if _, _, err := periodRange(p); err == nil {
			t.Errorf("%s accepted", p)
		}
	}
}
