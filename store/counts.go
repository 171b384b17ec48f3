package store

import (
	"context"
	"time"

	"zhibu/store/replica"
)

// Counts for the home screen: the figures it shows, worked out in SQL (or from the few
// columns they need) instead of loading every member's record to count them.

// MemberCounts is an organisation's roll in numbers.
type MemberCounts struct {
	Total        int `json:"total"`        // on the roll
	Full         int `json:"full"`         // 正式党员
	Probationary int `json:"probationary"` // 预备党员
	Floating     int `json:"floating"`     // 流动党员 (category)
}

// MemberCounts counts the members on the roll of an organisation ("" for every one in the
// database), the same members Members lists.
func (db *DB) MemberCounts(ctx context.Context, orgID string) (MemberCounts, error) {
	var c MemberCounts
	err := db.sql.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(status='probationary'),0),
		coalesce(sum(category=?),0) FROM members
		WHERE deleted=0 AND state IN ('', 'active') AND (?='' OR org_id=?)`, "floating", orgID, orgID).
		Scan(&c.Total, &c.Probationary, &c.Floating)
	c.Full = c.Total - c.Probationary
	return c, err
}

// DuesArrearsCount is how many members DuesArrears lists: the same rule, counted (a count
// of its own once left out the members' own starts — transfers in, the month they were
// entered in the app, 党费交至 — and the home then said 5,007 owed where the dues screen
// said 7, after a roster import).
func (db *DB) DuesArrearsCount(ctx context.Context, orgID string, asOf time.Time) (int, error) {
	list, err := db.DuesArrears(ctx, orgID, asOf)
	return len(list), err
}

// CandidateCounts is the pipeline in numbers.
type CandidateCounts struct {
	Active int `json:"active"` // in the pipeline
	Due    int `json:"due"`    // with a step overdue or due soon (the check's pipeline findings)
}

// CandidateCounts counts an organisation's candidates in the pipeline and those with a
// step due by the rules (the same findings "zhibu check" gives for the month of asOf).
func (db *DB) CandidateCounts(ctx context.Context, orgID string, asOf time.Time) (CandidateCounts, error) {
	var c CandidateCounts
	if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM candidates WHERE deleted=0 AND state='active' AND org_id=?", orgID).Scan(&c.Active); err != nil || c.Active == 0 {
		return c, err
	}
	fs, err := checkPipeline(ctx, db, orgID, MonthOf(asOf).String())
	if err != nil {
		return c, err
	}
	due := map[string]bool{}
	for _, f := range fs {
		switch f.Kind {
		case "pipeline_overdue", "pipeline_due", "probation_ending":
			due[f.Subject] = true
		}
	}
	c.Due = len(due)
	return c, nil
}

// BirthdayCount is how many political birthdays Birthdays lists for the period, reading
// only the joining dates.
func (db *DB) BirthdayCount(ctx context.Context, orgID, period string) (int, error) {
	from, to, err := periodRange(period)
	if err != nil {
		return 0, err
	}
	joined, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (m Member, err error) {
		return m, s.Scan(&m.ID, &m.JoinedDate)
	}, "SELECT id, joined_date FROM members WHERE deleted=0 AND state IN ('', 'active') AND org_id=?", orgID)
	if err != nil {
		return 0, err
	}
	return len(birthdaysOf(joined, from, to)), nil
}
