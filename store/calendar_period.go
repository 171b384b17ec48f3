package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"zhibu/assets"
)

// periodRange returns the first and last day of a period: "2026-11" (month), "2026Q4"
// (quarter) or "2026" (year).
func periodRange(s string) (from, to time.Time, err error) {
	p, err := ParsePeriod(s)
	if err != nil {
		return from, to, err
	}
	return p.Start(), p.Last(), nil
}

// CurrentQuarter is the quarter of t as "2026Q4".
func CurrentQuarter(t time.Time) string {
	return fmt.Sprintf("%dQ%d", t.Year(), (int(t.Month())+2)/3)
}

// ruleInt reads a whole-number rule.
func (db *DB) ruleInt(ctx context.Context, key string) (int, error) {
	v, err := db.RuleValue(ctx, key)
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, fmt.Errorf("rule %s: %q is not a whole number", key, v)
	}
	return n, nil
}

// ParseYuan reads an amount of money in yuan ("12", "12.5", "0.20") as fen.
func ParseYuan(s string) (int64, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "元"))
	s = strings.TrimPrefix(s, "¥")
	bad := assets.Wrap(ErrInvalid, "The amount %s is not valid; write yuan with at most two decimals, e.g. 12.50.", s)
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || len(frac) > 2 || strings.Trim(whole+frac, "0123456789") != "" {
		return 0, bad
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if whole == "" {
		whole = "0"
	}
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || n > 1e11 {
		return 0, bad
	}
	return n, nil
}

// Yuan formats fen as yuan with two decimals: 1250 → "12.50".
func Yuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
}
