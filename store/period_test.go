package store_test

import (
	"testing"
	"time"

	"zhibu/store"
)

func TestParsePeriod(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	cases := []struct {
		in, str     string
		first, last string
	}{
		{"2026-11", "2026-11", "2026-11-01", "2026-11-30"},
		{"2026-12", "2026-12", "2026-12-01", "2026-12-31"},
		{"2024-02", "2024-02", "2024-02-01", "2024-02-29"}, // leap year
		{"2026-02", "2026-02", "2026-02-01", "2026-02-28"},
		{"2100-02", "2100-02", "2100-02-01", "2100-02-28"}, // not a leap year
		{"2026Q4", "2026Q4", "2026-10-01", "2026-12-31"},
		{"2026q1", "2026Q1", "2026-01-01", "2026-03-31"},
		{"2026-Q2", "2026Q2", "2026-04-01", "2026-06-30"},
		{"2026", "2026", "2026-01-01", "2026-12-31"},
		{" 2026-03 ", "2026-03", "2026-03-01", "2026-03-31"},
	}
	for _, c := range cases {
		p, err := store.ParsePeriod(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if p.String() != c.str || p.FirstDay() != c.first || p.LastDay() != c.last {
			t.Errorf("%q: %s %s..%s, want %s %s..%s", c.in, p, p.FirstDay(), p.LastDay(), c.str, c.first, c.last)
		}
		if !p.Contains(day(c.first)) || !p.Contains(day(c.last)) || p.Contains(day(c.last).AddDate(0, 0, 1)) || p.Contains(day(c.first).AddDate(0, 0, -1)) {
			t.Errorf("%q: Contains wrong at the edges", c.in)
		}
	}
	for _, bad := range []string{"", "26-11", "2026-13", "2026-00", "2026Q5", "2026Q0", "2026-1", "20261", "abcd", "2026-11-01"} {
		if _, err := store.ParsePeriod(bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

func TestPeriodSplitAndLabel(t *testing.T) {
	y, _ := store.ParsePeriod("2026")
	if got := y.Split(store.PeriodQuarter); len(got) != 4 || got[3].String() != "2026Q4" {
		t.Errorf("quarters of 2026 = %v", got)
	}
	q, _ := store.ParsePeriod("2026Q4")
	if got := q.Split(store.PeriodMonth); len(got) != 3 || got[0].String() != "2026-10" || got[2].String() != "2026-12" {
		t.Errorf("months of 2026Q4 = %v", got)
	}
	m, _ := store.ParsePeriod("2026-11")
	if got := m.Split(store.PeriodQuarter); len(got) != 1 || got[0].String() != "2026Q4" {
		t.Errorf("quarter of 2026-11 = %v", got)
	}
	for p, want := range map[string]string{"2026-11": "2026年11月", "2026Q4": "2026年第四季度", "2026": "2026年"} {
		pp, _ := store.ParsePeriod(p)
		if pp.Label() != want {
			t.Errorf("%s label %q, want %q", p, pp.Label(), want)
		}
	}
	if got := store.QuarterOf(time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)).String(); got != "2026Q1" {
		t.Errorf("QuarterOf(03-31) = %s", got)
	}
	if got := store.QuarterOf(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)).String(); got != "2026Q2" {
		t.Errorf("QuarterOf(04-01) = %s", got)
	}
}
