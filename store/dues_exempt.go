package store

import (
	"context"
	"strings"

	"zhibu/assets"
)

// 少交或免交: a member in real difficulty may pay less or nothing when the branch decides and
// the higher committee approves (关于中国共产党党费收缴、使用和管理的规定（2008）). The approved
// amount replaces the computed one; 0.00 a month is paid up, never 「视为自行脱党」.

// DuesExemption is the branch's decision and the approval of a reduced or waived amount.
type DuesExemption struct {
	MemberID   string
	Amount     int64  // fen a month, 0 for 免交
	DecidedOn  string // YYYY-MM-DD: the branch's decision
	ApprovedBy string // the higher committee that approved, e.g. 城关镇党委
	ApprovedOn string // YYYY-MM-DD
}

// SetDuesExemption records a reduced or waived amount with who approved it and when.
func (db *DB) SetDuesExemption(ctx context.Context, x DuesExemption) error {
	m, err := db.Member(ctx, x.MemberID)
	if err != nil {
		return err
	}
	x.ApprovedBy = strings.TrimSpace(x.ApprovedBy)
	decided, ok1 := parseDay(x.DecidedOn)
	approved, ok2 := parseDay(x.ApprovedOn)
	switch {
	case x.Amount < 0:
		return assets.Wrap(ErrInvalid, "Amounts cannot be negative.")
	case !ok1 || !ok2:
		return assets.Wrap(ErrInvalid, "Enter the day the branch decided and the day the higher committee approved, as YYYY-MM-DD.")
	case x.ApprovedBy == "":
		return assets.Wrap(ErrInvalid, "Enter who approved the reduced dues (the higher party committee).")
	case approved.Before(decided):
		return assets.Wrap(ErrInvalid, "The approval (%s) cannot come before the branch's decision (%s).", x.ApprovedOn, x.DecidedOn)
	case approved.After(db.today()):
		return assets.Wrap(ErrInvalid, "The date %s is in the future.", x.ApprovedOn)
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "dues_profiles", m.ID, map[string]any{"org_id": m.OrgID, "deleted": int64(0), "fixed": x.Amount,
			"exempt_decided_on": fmtDay(decided), "exempt_approved_by": x.ApprovedBy, "exempt_approved_on": fmtDay(approved)})
		return err
	})
}
