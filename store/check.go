package store

import (
	"context"
	"sort"

	"zhibu/assets"
)

// Finding is one thing the rules say needs attention in a period.
type Finding struct {
	Kind     string `json:"kind"`     // stable slug, e.g. "meeting_missing", "dues_overdue"
	Severity string `json:"severity"` // "alarm", "warning" or "info"
	OrgID    string `json:"org_id"`
	Subject  string `json:"subject,omitempty"` // row ID the finding is about (member, candidate, meeting)
	Title    string `json:"title"`             // Chinese: what is wrong
	Action   string `json:"action"`            // Chinese: what to do next
	Due      string `json:"due,omitempty"`     // YYYY-MM-DD when relevant
	Rule     string `json:"rule,omitempty"`    // rules key
	Source   string `json:"source,omitempty"`  // the rule's source document
}

// Checker finds problems of one area for one organisation in a period ("2026-11", "2026Q4",
// "2026"; see ParsePeriod in the rules area).
type Checker func(ctx context.Context, db *DB, orgID, period string) ([]Finding, error)

var checkers []Checker

// RegisterChecker adds an area's checks; areas call it from init functions.
func RegisterChecker(c Checker) { checkers = append(checkers, c) }

// Severities of a finding, most severe first.
const (
	SeverityAlarm   = "alarm"   // overdue: a rule is already broken
	SeverityWarning = "warning" // due soon
	SeverityInfo    = "info"    // a reminder
)

var severityRank = map[string]int{SeverityAlarm: 0, SeverityWarning: 1, SeverityInfo: 2}

// SeverityLabel is the Chinese name of a severity, wherever a finding is shown.
func SeverityLabel(severity string) string {
	switch severity {
	case SeverityAlarm:
		return assets.T("Overdue (finding)")
	case SeverityWarning:
		return assets.T("Due soon (finding)")
	}
	return assets.T("Reminder (finding)")
}

// Check runs every registered checker for an organisation and period, most severe first.
func (db *DB) Check(ctx context.Context, orgID, period string) ([]Finding, error) {
	out := []Finding{}
	for _, c := range checkers {
		fs, err := c(ctx, db, orgID, period)
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if severityRank[out[i].Severity] != severityRank[out[j].Severity] {
			return severityRank[out[i].Severity] < severityRank[out[j].Severity]
		}
		return out[i].Due < out[j].Due
	})
	return out, nil
}
