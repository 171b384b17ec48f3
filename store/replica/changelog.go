package replica

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// Change is one field change: the unit of sync, and of a row's history.
type Change struct {
	Seq    int64 // the local sequence of the transaction that last changed the row (local only)
	Table  string
	RowID  string
	OrgID  string // owning organisation of the row
	Field  string
	Old    any // value before (history only; not carried between devices)
	Value  any
	HLC    HLC
	Device string
	User   string
	Origin string // "local" or "remote"
	At     int64  // when it was made (Unix ms, from its HLC)
}

// Changes returns the current version of every field of the rows changed after the local
// sequence number after (LastSeq), as changes: value, HLC, device and user of the field as it
// is now, in the order the rows last changed, at most limit (0: all). origin filters by
// "local" (versions this device made) or "remote" ("" for both).
func (db *DB) Changes(ctx context.Context, after int64, origin string, limit int) ([]Change, error) {
	var out []Change
	err := db.read(ctx, func(tx *Tx) error {
		q := `SELECT r.seq, t.name, r.row_id, f.name, c.hlc, d.name, u.name
			FROM crr_rows r JOIN crr_clock c ON c.row=r.id JOIN crr_names t ON t.id=r.tbl JOIN crr_names f ON f.id=c.field
			JOIN crr_names d ON d.id=c.dev JOIN crr_names u ON u.id=c.usr WHERE r.seq>?`
		args := []any{after}
		switch origin {
		case "local":
			q += " AND d.name=?"
			args = append(args, db.Device())
		case "remote":
			q += " AND d.name<>?"
			args = append(args, db.Device())
		}
		q += " ORDER BY r.seq, r.id, c.hlc, c.field"
		if limit > 0 {
			q += fmt.Sprintf(" LIMIT %d", limit)
		}
		cs, err := Collect(ctx, tx, func(s Scanner) (Change, error) {
			var c Change
			var h int64
			err := s.Scan(&c.Seq, &c.Table, &c.RowID, &c.Field, &h, &c.Device, &c.User)
			c.HLC = HLC(h)
			return c, err
		}, q, args...)
		if err != nil {
			return err
		}
		out, err = tx.withValues(ctx, cs)
		return err
	})
	return out, err
}

// withValues fills in the current value and owner of each change's field (and its origin and
// time), leaving out changes of rows or tables no longer here.
func (tx *Tx) withValues(ctx context.Context, cs []Change) ([]Change, error) {
	ids := map[string][]string{}
	for _, c := range cs {
		if tx.db.tables[c.Table] != nil {
			ids[c.Table] = append(ids[c.Table], c.RowID)
		}
	}
	rows := map[rowKey]map[string]any{}
	for tbl, list := range ids {
		sort.Strings(list)
		if err := tx.readRows(ctx, tx.db.tables[tbl], compact(list), func(id string, row map[string]any) { rows[rowKey{tbl, id}] = row }); err != nil {
			return nil, err
		}
	}
	self := tx.db.Device()
	out := cs[:0]
	for _, c := range cs {
		row := rows[rowKey{c.Table, c.RowID}]
		if row == nil {
			continue
		}
		c.Value = row[c.Field]
		c.OrgID, _ = row["org_id"].(string)
		c.Origin = "remote"
		if c.Device == self {
			c.Origin = "local"
		}
		c.At = c.HLC.Wall().UnixMilli()
		out = append(out, c)
	}
	return out, nil
}

// RowHistory returns the audit trail of one row, oldest first: each version of each field
// this PC knows, from what to what, who made it and when. Every edit made here is in it
// (what it replaced and what it set: the audit trail keeps the versions edits made here
// replaced, and those made here that others replaced); of edits made elsewhere, the one in
// force now, and those that replaced an edit made here.
func (db *DB) RowHistory(ctx context.Context, tbl, id string) ([]Change, error) {
	var out []Change
	err := db.read(ctx, func(tx *Tx) error {
		t := db.tables[tbl]
		if t == nil {
			return fmt.Errorf("history: %s is not a replicated table", tbl)
		}
		ref, err := tx.rowRef(ctx, tbl, id)
		if err != nil || ref.id == 0 {
			return err
		}
		cur, err := scanRow(tx.QueryRowContext(ctx, t.selRow, id), t)
		if err != nil || cur == nil {
			return err
		}
		org, _ := cur["org_id"].(string)
		vs, err := Collect(ctx, tx, func(s Scanner) (Change, error) {
			var c Change
			var h, now int64
			err := s.Scan(&now, &c.Field, &h, &c.Device, &c.User, &c.Value)
			c.HLC, c.Seq = HLC(h), now
			return c, err
		}, `SELECT 0, f.name, a.hlc, d.name, u.name, a.value FROM crr_audit a JOIN crr_names f ON f.id=a.field JOIN crr_names d ON d.id=a.dev
				JOIN crr_names u ON u.id=a.usr WHERE a.row=?1
			UNION ALL SELECT 1, f.name, c.hlc, d.name, u.name, NULL FROM crr_clock c JOIN crr_names f ON f.id=c.field JOIN crr_names d ON d.id=c.dev
				JOIN crr_names u ON u.id=c.usr WHERE c.row=?1`, ref.id)
		if err != nil {
			return err
		}
		order := map[string]int{}
		for i, f := range t.cols {
			order[f] = i
		}
		sort.SliceStable(vs, func(i, j int) bool {
			a, b := vs[i], vs[j]
			if a.Field != b.Field {
				return order[a.Field] < order[b.Field]
			}
			if a.HLC != b.HLC {
				return a.HLC < b.HLC
			}
			return a.Seq < b.Seq
		})
		// A field's first version replaced the column's default.
		type dflt struct {
			name string
			expr sql.NullString
		}
		ds, err := Collect(ctx, tx, func(s Scanner) (d dflt, err error) { return d, s.Scan(&d.name, &d.expr) },
			"SELECT name, dflt_value FROM pragma_table_info(?)", tbl)
		if err != nil {
			return err
		}
		defaults := map[string]any{}
		for _, d := range ds {
			if d.expr.Valid && d.name != "org_id" {
				var v any
				if err := tx.QueryRowContext(ctx, "SELECT "+d.expr.String).Scan(&v); err == nil {
					defaults[d.name] = normalize(v)
				}
			}
		}
		self := db.Device()
		for i, v := range vs {
			v.Old = defaults[v.Field]
			if v.Seq == 1 {
				v.Value = cur[v.Field]
			}
			v.Value = normalize(v.Value)
			if i > 0 && vs[i-1].Field == v.Field {
				v.Old = normalize(vs[i-1].Value)
				if vs[i-1].Seq == 1 {
					v.Old = cur[v.Field]
				}
			}
			vs[i].Value = v.Value
			if v.HLC == 0 {
				continue // the value before any version: the next one's old value
			}
			v.Table, v.RowID, v.OrgID, v.Seq = tbl, id, org, 0
			v.Origin = "remote"
			if v.Device == self {
				v.Origin = "local"
			}
			v.At = v.HLC.Wall().UnixMilli()
			out = append(out, v)
		}
		sort.SliceStable(out, func(i, j int) bool {
			if out[i].HLC != out[j].HLC {
				return out[i].HLC < out[j].HLC
			}
			return order[out[i].Field] < order[out[j].Field]
		})
		return nil
	})
	return out, err
}
