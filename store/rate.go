package store

import (
	"encoding/json"
	"fmt"
	"math"
)

// Rate is a fraction (0.85), or no data when there was nothing to count: no meeting
// required, nobody expected, no month of dues due. No data is 「—」 on screen and paper and
// null in JSON, never 100 % (DOMAIN.md, Township KPIs: "a rate with nothing to count is no
// data").
type Rate float64

// NoData is the rate of nothing to count.
var NoData = Rate(math.NaN())

// Valid reports whether the rate counts something.
func (r Rate) Valid() bool { return !math.IsNaN(float64(r)) }

// Or returns the rate, or def when it is no data (sorting, thresholds that must not fire).
func (r Rate) Or(def float64) float64 {
	if !r.Valid() {
		return def
	}
	return float64(r)
}

// MarshalJSON writes the fraction, or null for no data.
func (r Rate) MarshalJSON() ([]byte, error) {
	if !r.Valid() {
		return []byte("null"), nil
	}
	return json.Marshal(float64(r))
}

// UnmarshalJSON reads a fraction, or null as no data.
func (r *Rate) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*r = NoData
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*r = Rate(f)
	return nil
}

// rate is n ÷ d, or no data when d is 0.
func rate(n, d int) Rate {
	if d == 0 {
		return NoData
	}
	return Rate(float64(n) / float64(d))
}

// Percent formats a rate as a percentage with one decimal (85.0%), or 「—」 for no data.
func Percent[T ~float64](r T) string {
	if math.IsNaN(float64(r)) {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", float64(r)*100)
}
