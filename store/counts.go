package store

import (
	"context"
	"fmt"
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

// DuesArrearsCount is how many members DuesArrears lists, counted in one query: members on
// the roll with a month before asOf's month, from the later of their joining month and the
// branch's first dues month, that has no payment.
func (db *DB) DuesArrearsCount(ctx context.Context, orgID string, asOf time.Time) (int, error) {
	start, err := db.duesStart(ctx, orgID)
	if err != nil || start == "" {
		return 0, err // no dues kept yet: nothing is owed
	}
	end := time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0).Format("2006-01")
	// months(m) = 12*year + month of a YYYY-MM string. "+p.org_id" keeps SQLite on the
	// (member_id, month) index: the org index would scan the whole branch per member.
	const months = "(cast(substr(%[1]s,1,4) AS INTEGER)*12 + cast(substr(%[1]s,6,2) AS INTEGER))"
	var n int
	err = db.sql.QueryRowContext(ctx, `WITH r AS (
			SELECT id, CASE WHEN length(joined_date)>=7 AND substr(joined_date,1,7) > ?1 THEN substr(joined_date,1,7) ELSE ?1 END AS first
			FROM members WHERE deleted=0 AND state IN ('', 'active') AND org_id=?2)
		SELECT count(*) FROM r WHERE r.first <= ?3 AND
			(`+fmt.Sprintf(months, "?3")+` - `+fmt.Sprintf(months, "r.first")+` + 1) >
			(SELECT count(DISTINCT p.month) FROM dues_payments p
			 WHERE p.member_id=r.id AND +p.org_id=?2 AND p.deleted=0 AND p.month >= r.first AND p.month <= ?3)`,
		start, orgID, end).Scan(&n)
	return n, err
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
