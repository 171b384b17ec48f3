package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/google/uuid"

	"zhibu/assets"
	"zhibu/store/replica"
)

// Month approval (审核锁定): after review the township approves a village's month, which
// locks that month's records (meetings with their attendance, items and photos; dues
// payments; trainings with their attendance) on the village's PC; it can unlock the month again with a reason. The approval
// row belongs to the township, so it reaches the village with the next sync and no village
// can change it. A late bundle that would change a locked record at the township is kept as
// a conflict for review instead of being applied (lockGuard, through the engine's Policy).

// Approval states.
const (
	ApprovalApproved = "approved" // reviewed and locked
	ApprovalUnlocked = "unlocked" // unlocked again by the township
)

// Approval is the township's review of one village month.
type Approval struct {
	ID         string `json:"id"`
	VillageID  string `json:"village_id"`
	Month      string `json:"month"`
	State      string `json:"state"`
	ApprovedAt string `json:"approved_at"`
	ApprovedBy string `json:"approved_by"`
	UnlockedAt string `json:"unlocked_at,omitempty"`
	UnlockedBy string `json:"unlocked_by,omitempty"`
	Reason     string `json:"reason,omitempty"`
}

// Locked reports whether the approval locks its month.
func (a Approval) Locked() bool { return a.State == ApprovalApproved }

var approvalSpace = uuid.MustParse("6f7a6869-6275-4170-7072-6f7665000000")

func approvalID(villageID, month string) string {
	return uuid.NewSHA1(approvalSpace, []byte(villageID+"\x00"+month)).String()
}

// ApprovalState labels an approval state in Chinese ("" state: not yet approved).
func ApprovalState(state string) string {
	switch state {
	case ApprovalApproved:
		return assets.T("Approved and locked")
	case ApprovalUnlocked:
		return assets.T("Unlocked")
	}
	return assets.T("Not yet approved")
}

// reviewTarget checks that this PC is a township and code names one of its villages, and
// that month is a month that has ended or is running.
func (db *DB) reviewTarget(ctx context.Context, code, month string) (Org, Org, Period, error) {
	role, err := db.Role(ctx)
	if err != nil {
		return Org{}, Org{}, Period{}, err
	}
	if role != RoleTownship {
		return Org{}, Org{}, Period{}, assets.Wrap(ErrDenied, "Only the township approves and unlocks a village's month; this PC is a village's.")
	}
	if err := db.mayAdmin(ctx); err != nil {
		return Org{}, Org{}, Period{}, err
	}
	town, err := db.Home(ctx)
	if err != nil {
		return Org{}, Org{}, Period{}, err
	}
	v, err := db.villageByCode(ctx, code)
	if err != nil {
		return Org{}, Org{}, Period{}, err
	}
	p, err := ParsePeriod(month)
	if err != nil || p.Kind != PeriodMonth {
		return Org{}, Org{}, Period{}, assets.Wrap(ErrInvalid, "The month %s is not valid; write it as YYYY-MM, e.g. 2026-11.", month)
	}
	if p.Start().After(db.today()) {
		return Org{}, Org{}, Period{}, assets.Wrap(ErrInvalid, "%s has not begun yet; a month can be approved once its records are in.", p.Label())
	}
	return town, v, p, nil
}

// ApproveMonth approves and locks a village's month (township only). Approving a month
// already approved changes nothing.
func (db *DB) ApproveMonth(ctx context.Context, code, month string) (Approval, error) {
	town, v, p, err := db.reviewTarget(ctx, code, month)
	if err != nil {
		return Approval{}, err
	}
	// A running month cannot be approved: locked on the 10th, it would refuse the meeting the
	// village records on the 28th.
	if db.today().Before(p.End()) {
		return Approval{}, assets.Wrap(ErrInvalid, "%s of %s has not ended yet (its last day is %s); approve it after it ends, once its records are in.",
			p.Label(), v.Name, p.LastDay())
	}
	id := approvalID(v.ID, p.String())
	err = db.Write(ctx, func(tx *Tx) error {
		a, err := tx.DB().approval(ctx, v.ID, p.String())
		if err != nil {
			return err
		}
		if a.Locked() {
			return nil
		}
		_, err = tx.r.Put(ctx, "period_approvals", id, map[string]any{"org_id": town.ID, "deleted": int64(0), "village_id": v.ID,
			"month": p.String(), "state": ApprovalApproved, "approved_at": db.now().Format("2006-01-02 15:04"),
			"approved_by": tx.User(), "unlocked_at": "", "unlocked_by": "", "reason": ""})
		return err
	})
	if err != nil {
		return Approval{}, err
	}
	return db.approval(ctx, v.ID, p.String())
}

// UnlockMonth unlocks an approved month of a village again (township only); the reason is
// kept with the record.
func (db *DB) UnlockMonth(ctx context.Context, code, month, reason string) (Approval, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Approval{}, assets.Wrap(ErrInvalid, "Say why the month is unlocked, e.g. 补录会议记录.")
	}
	_, v, p, err := db.reviewTarget(ctx, code, month)
	if err != nil {
		return Approval{}, err
	}
	err = db.Write(ctx, func(tx *Tx) error {
		a, err := tx.DB().approval(ctx, v.ID, p.String())
		if err != nil {
			return err
		}
		if !a.Locked() {
			return assets.Wrap(ErrInvalid, "%s of %s is not approved, so there is nothing to unlock.", p.Label(), v.Name)
		}
		_, err = tx.r.Put(ctx, "period_approvals", a.ID, map[string]any{"state": ApprovalUnlocked,
			"unlocked_at": db.now().Format("2006-01-02 15:04"), "unlocked_by": tx.User(), "reason": reason})
		return err
	})
	if err != nil {
		return Approval{}, err
	}
	return db.approval(ctx, v.ID, p.String())
}

// approvalCols are the columns an Approval is read from (the table's descriptor).
func approvalCols() string { return mustTable("period_approvals").selectList() }

// bind ties the period_approvals columns to the fields of a that hold them.
func (a *Approval) bind() *binding {
	return bind("period_approvals", &a.ID, map[string]any{"village_id": &a.VillageID, "month": &a.Month, "state": &a.State,
		"approved_at": &a.ApprovedAt, "approved_by": &a.ApprovedBy, "unlocked_at": &a.UnlockedAt, "unlocked_by": &a.UnlockedBy,
		"reason": &a.Reason}, nil)
}

func scanApproval(s replica.Scanner) (Approval, error) {
	var a Approval
	err := a.bind().scan(s)
	return a, err
}

// approval returns the approval of a village month (a zero Approval with the month if none).
func (db *DB) approval(ctx context.Context, villageID, month string) (Approval, error) {
	a, err := scanApproval(db.sql.QueryRowContext(ctx, "SELECT "+approvalCols()+" FROM period_approvals WHERE id=? AND deleted=0",
		approvalID(villageID, month)))
	if errors.Is(err, sql.ErrNoRows) {
		return Approval{VillageID: villageID, Month: month}, nil
	}
	return a, err
}

// Approvals lists the approvals of a village (every village: ""), by month.
func (db *DB) Approvals(ctx context.Context, villageID string) ([]Approval, error) {
	return replica.Collect(ctx, db.sql, scanApproval, "SELECT "+approvalCols()+" FROM period_approvals WHERE deleted=0 AND (?='' OR village_id=?) ORDER BY village_id, month",
		villageID, villageID)
}

// lockedMonths returns the locked months of every village (village → month → true).
func lockedMonths(ctx context.Context, q replica.Querier) (map[string]map[string]bool, error) {
	type vm struct{ v, m string }
	list, err := replica.Collect(ctx, q, func(s replica.Scanner) (vm, error) {
		var x vm
		return x, s.Scan(&x.v, &x.m)
	}, "SELECT village_id, month FROM period_approvals WHERE deleted=0 AND state=?", ApprovalApproved)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]bool{}
	for _, x := range list {
		if out[x.v] == nil {
			out[x.v] = map[string]bool{}
		}
		out[x.v][x.m] = true
	}
	return out, nil
}

// CheckMonthOpen refuses a change to an organisation's records of a month the township has
// approved and locked, with the sentence the user sees.
func (db *DB) CheckMonthOpen(ctx context.Context, orgID, month string) error {
	if len(month) < 7 {
		return nil
	}
	a, err := db.approval(ctx, orgID, month[:7])
	if err != nil || !a.Locked() {
		return err
	}
	return monthLockedError(ctx, db.sql, orgID, month[:7])
}

// ErrMonthLocked: a change to a month the township approved and locked (the engine's
// ErrClosed, so that a merge keeps such a change as a conflict).
var ErrMonthLocked = replica.ErrClosed

// monthLockedError is the sentence a user reads when a change meets a locked month.
func monthLockedError(ctx context.Context, q replica.Querier, orgID, month string) error {
	var at string
	if err := q.QueryRowContext(ctx, "SELECT approved_at FROM period_approvals WHERE id=?", approvalID(orgID, month)).Scan(&at); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	p, _ := ParsePeriod(month)
	return assets.Wrap(ErrMonthLocked, "The township approved and locked %s on %s: its records can no longer be changed here. If something must be corrected, ask the township to unlock the month.",
		p.Label(), at)
}

// lockedTables name, for each table whose records a month lock covers, how a row finds its
// month: its own field, or its meeting's date (the descriptors' Lock, tables_decl.go).
var lockedTables = func() map[string]string {
	out := map[string]string{}
	for _, t := range tableDecls {
		if t.Lock != "" {
			out[t.Name] = t.Lock
		}
	}
	return out
}()

// lockParents name, for each locked table whose Lock is a reference, the parent table whose
// own Lock column gives the month.
var lockParents = func() map[string]string {
	out := map[string]string{}
	for _, t := range tableDecls {
		if c, ok := t.Column(t.Lock); ok && c.Ref != "" {
			out[t.Name] = c.Ref
		}
	}
	return out
}()

// Guard is the engine's guard (Policy.Guard) of locked months: it closes a record of a
// locked month (before or after the change) to a village's own writes and to a village's
// bundles merged at the township. The township's own changes always apply.
func (p policy) Guard(ctx context.Context, tx *replica.Tx, peer replica.Peer) (replica.Guard, error) {
	role, err := replica.GetMeta(ctx, tx, "role")
	if err != nil {
		return nil, err
	}
	if (peer.DeviceID == "" && role == RoleTownship) || peer.Role == RoleTownship {
		return nil, nil
	}
	locked, err := lockedMonths(ctx, tx)
	if err != nil || len(locked) == 0 {
		return nil, err
	}
	// A child row finds its month through its parent's lock column (a meeting's date, a
	// training's date), as seen in this merge or transaction.
	parentDay := map[string]string{} // parent row ID → its lock column's value
	dayOf := func(ctx context.Context, parent, id string) (string, error) {
		if d, ok := parentDay[id]; ok {
			return d, nil
		}
		var d string
		err := tx.QueryRowContext(ctx, "SELECT "+lockedTables[parent]+" FROM "+parent+" WHERE id=?", id).Scan(&d)
		if errors.Is(err, sql.ErrNoRows) {
			err = nil
		}
		parentDay[id] = d
		return d, err
	}
	return func(ctx context.Context, tbl, id string, cur, in map[string]any) error {
		field, ok := lockedTables[tbl]
		if !ok {
			return nil
		}
		org := str(in, "org_id")
		if org == "" {
			org = str(cur, "org_id")
		}
		parent := lockParents[tbl]
		if parent == "" { // a parent: the children that follow look their month up here
			if d := str(in, field); d != "" {
				parentDay[id] = d
			} else if d := str(cur, field); d != "" {
				parentDay[id] = d
			}
		}
		if locked[org] == nil {
			return nil
		}
		for _, row := range []map[string]any{cur, in} {
			v := str(row, field)
			if parent != "" && v != "" {
				var err error
				if v, err = dayOf(ctx, parent, v); err != nil {
					return err
				}
			}
			if len(v) >= 7 && locked[org][v[:7]] {
				return monthLockedError(ctx, tx, org, v[:7])
			}
		}
		return nil
	}, nil
}

// str reads a text field of a row (nil row or missing field: "").
func str(row map[string]any, field string) string {
	s, _ := row[field].(string)
	return s
}
