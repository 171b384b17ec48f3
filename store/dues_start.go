package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"zhibu/assets"
	"zhibu/store/replica"
)

// When dues are owed from. The app never assumes months before it kept dues were unpaid:
// a member owes dues from the latest of
//   - the branch's dues start month (DuesStartKey, asked on the first import or the first
//     start of the GUI: 党费从哪个月开始在本软件登记; without it, the month of the branch's
//     earliest recorded payment),
//   - the month the member joined (for a 预备党员 that is the branch meeting that accepted
//     them) or was transferred in,
//   - the month after the member's "paid up to" month (a roster column, or the dues screen),
//     or without one the month the member was first entered in the app (or of the member's
//     earliest payment recorded, if earlier).

// DuesStartKey is the organisation setting holding the first month (YYYY-MM) the branch
// keeps dues in this app.
const DuesStartKey = "dues.start_month"

// DuesStartMonth returns the branch's dues start month and whether it was set explicitly.
func (db *DB) DuesStartMonth(ctx context.Context, orgID string) (string, bool, error) {
	s, err := db.Setting(ctx, orgID, DuesStartKey, "")
	if err != nil || s != "" {
		return s, s != "", err
	}
	first, err := db.duesStart(ctx, orgID)
	return first, false, err
}

// SetDuesStartMonth records the first month the branch keeps dues in this app.
func (db *DB) SetDuesStartMonth(ctx context.Context, orgID, month string) error {
	return db.Write(ctx, func(tx *Tx) error { return tx.SetDuesStartMonth(ctx, orgID, month) })
}

// SetDuesStartMonth is SetDuesStartMonth inside a transaction.
func (tx *Tx) SetDuesStartMonth(ctx context.Context, orgID, month string) error {
	t, ok := parseMonth(month)
	if !ok {
		return assets.Wrap(ErrInvalid, "The month %s is not valid; write it as YYYY-MM, e.g. 2026-03, or a quarter such as 2026Q1.", month)
	}
	if t.After(tx.db.today()) {
		return assets.Wrap(ErrInvalid, "The dues start month %s is in the future; give the month from which this app records dues.", month)
	}
	return tx.SetSetting(ctx, orgID, DuesStartKey, t.Format("2006-01"))
}

// SetDuesPaidTo records that a member had paid dues up to a month (YYYY-MM) before the app
// kept them; "" clears it.
func (db *DB) SetDuesPaidTo(ctx context.Context, memberID, month string) error {
	return db.Write(ctx, func(tx *Tx) error { return tx.SetDuesPaidTo(ctx, memberID, month) })
}

// SetDuesPaidTo is SetDuesPaidTo inside a transaction.
func (tx *Tx) SetDuesPaidTo(ctx context.Context, memberID, month string) error {
	m, err := tx.Member(ctx, memberID)
	if err != nil {
		return err
	}
	if month != "" {
		t, ok := parseDuesMonth(month)
		if !ok {
			return assets.Wrap(ErrInvalid, "The month %s is not valid; write it as YYYY-MM, e.g. 2026-03, or a quarter such as 2026Q1.", month)
		}
		if t.After(addMonths(tx.db.today(), 12)) {
			return assets.Wrap(ErrInvalid, "Dues can be paid at most 12 months ahead; %s is too far ahead.", t.Format("2006-01"))
		}
		month = t.Format("2006-01")
	}
	_, err = tx.r.Put(ctx, "dues_profiles", m.ID, map[string]any{"org_id": m.OrgID, "deleted": int64(0), "paid_to": month})
	return err
}

// parseDuesMonth reads a month as a roster writes it: 2026-03, 2026.3, 2026/03, 2026年3月,
// or a full date (its month counts).
func parseDuesMonth(s string) (time.Time, bool) {
	if t, ok := parseMonth(s); ok {
		return t, true
	}
	if d, ok := parseDay(s); ok {
		return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC), true
	}
	var y, m int
	for _, layout := range []string{"%d.%d", "%d/%d", "%d年%d月", "%d-%d"} {
		if n, _ := fmt.Sscanf(strings.TrimSpace(s), layout, &y, &m); n == 2 && y > 1900 && m >= 1 && m <= 12 {
			return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// memberDuesStarts returns, for every member of an organisation ("" every organisation),
// the first month (YYYY-MM) the member's own record lets dues be owed: the latest of the
// joining month and the transfer-in month, and either the month after "paid up to" (the
// roster's 党费交至) or, without it, the month the member was first entered in the app. A
// member imported into a branch that already keeps dues owes nothing for the months before
// the import unless the roster says so.
func (db *DB) memberDuesStarts(ctx context.Context, orgID string, members []Member) (map[string]string, error) {
	out := map[string]string{}
	later := func(id, mo string) {
		if mo > out[id] {
			out[id] = mo
		}
	}
	for _, m := range members {
		if len(m.JoinedDate) >= 7 {
			later(m.ID, m.JoinedDate[:7])
		}
	}
	each := func(q string, f func(id, v string)) error {
		rows, err := db.sql.QueryContext(ctx, q, orgID, orgID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var v sql.NullString
			if err := rows.Scan(&id, &v); err != nil {
				return err
			}
			f(id, v.String)
		}
		return rows.Err()
	}
	if err := each(`SELECT new_member_id, date FROM transfers WHERE deleted=0 AND kind='in' AND (?='' OR org_id=?)`, func(id, date string) {
		if len(date) >= 7 {
			later(id, date[:7])
		}
	}); err != nil {
		return nil, err
	}
	paidTo := map[string]bool{}
	if err := each(`SELECT id, paid_to FROM dues_profiles WHERE deleted=0 AND (?='' OR org_id=?) AND paid_to<>''`, func(id, to string) {
		if t, ok := parseMonth(to); ok {
			paidTo[id] = true
			later(id, t.AddDate(0, 1, 0).Format("2006-01"))
		}
	}); err != nil {
		return nil, err
	}
	// Dues history typed in for a member (back-payments recorded after the member was
	// entered) shows the branch kept the member's dues from that month.
	firstPaid := map[string]string{}
	if err := each(`SELECT member_id, min(month) FROM dues_payments WHERE deleted=0 AND (?='' OR org_id=?) GROUP BY member_id`, func(id, mo string) {
		firstPaid[id] = mo
	}); err != nil {
		return nil, err
	}
	if err := each(`SELECT r.row_id, CAST(r.born AS TEXT) FROM row_born r JOIN members m ON m.id=r.row_id
		WHERE r.tbl='members' AND (?='' OR m.org_id=?)`, func(id, h string) {
		n, err := strconv.ParseInt(h, 10, 64)
		if err != nil || paidTo[id] {
			return
		}
		entered := replica.HLC(n).Wall().Format("2006-01")
		if p := firstPaid[id]; p != "" && p < entered {
			entered = p
		}
		later(id, entered)
	}); err != nil {
		return nil, err
	}
	return out, nil
}
