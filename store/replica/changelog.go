package replica

import (
	"context"
	"fmt"
)

// Change is one field change: the unit of the change log and of sync.
type Change struct {
	Seq    int64 // position in this database's change log (local only)
	Table  string
	RowID  string
	OrgID  string // owning organisation of the row
	Field  string
	Old    any // value before (audit only; not carried between devices)
	Value  any
	HLC    HLC
	Device string
	User   string
	Origin string // "local" or "remote"
	At     int64  // when it was applied here (Unix ms, this PC's clock)
}

const changeCols = "seq,tbl,row_id,org_id,field,old_value,new_value,hlc,device,user_name,origin,applied_at"

// Changes returns change-log entries with seq > after, oldest first, at most limit (0: all).
// origin filters by "local"/"remote" ("" for both).
func (db *DB) Changes(ctx context.Context, after int64, origin string, limit int) ([]Change, error) {
	q := "SELECT " + changeCols + " FROM changes WHERE seq>?"
	args := []any{after}
	if origin != "" {
		q += " AND origin=?"
		args = append(args, origin)
	}
	q += " ORDER BY seq"
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	return Collect(ctx, db.sql, scanChange, q, args...)
}

// RowHistory returns the audit trail of one row, oldest first.
func (db *DB) RowHistory(ctx context.Context, tbl, id string) ([]Change, error) {
	return Collect(ctx, db.sql, scanChange, "SELECT "+changeCols+" FROM changes WHERE tbl=? AND row_id=? ORDER BY seq", tbl, id)
}

func scanChange(s Scanner) (Change, error) {
	var c Change
	var h int64
	err := s.Scan(&c.Seq, &c.Table, &c.RowID, &c.OrgID, &c.Field, &c.Old, &c.Value, &h, &c.Device, &c.User, &c.Origin, &c.At)
	c.HLC = HLC(h)
	c.Old, c.Value = normalize(c.Old), normalize(c.Value)
	return c, err
}
