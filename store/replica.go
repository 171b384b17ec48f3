package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// A replicated table: every row has id, org_id (the owning organisation) and deleted (the
// tombstone), and a fixed list of fields that sync. Columns not listed (such as members'
// search keys) are local and derived.
type table struct {
	name   string
	fields []string // replicated columns, starting with org_id and deleted
	// derive, if set, recomputes a row's local columns after any of its fields changed.
	derive func(ctx context.Context, tx *Tx, id string) error
}

var registry = map[string]*table{}

// register adds a replicated table; it is called from init functions of the files that own
// each table.
func register(name string, derive func(ctx context.Context, tx *Tx, id string) error, fields ...string) {
	if _, dup := registry[name]; dup {
		panic("store: table registered twice: " + name)
	}
	registry[name] = &table{name: name, fields: append([]string{"org_id", "deleted"}, fields...), derive: derive}
}

// ReplicatedTables lists the tables that sync, sorted by name.
func ReplicatedTables() []string {
	var names []string
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// TableFields lists the replicated fields of a table (nil if the table does not sync).
func TableFields(name string) []string {
	t := registry[name]
	if t == nil {
		return nil
	}
	return append([]string(nil), t.fields...)
}

func (t *table) has(field string) bool {
	for _, f := range t.fields {
		if f == field {
			return true
		}
	}
	return false
}

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

// normalize maps Go values to the SQLite storage types this package compares.
func normalize(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case int64, float64, string:
		return x
	case []byte:
		if x == nil {
			return nil
		}
		return x
	}
	return fmt.Sprint(v)
}

func equalValues(a, b any) bool {
	a, b = normalize(a), normalize(b)
	if ab, ok := a.([]byte); ok {
		bb, ok := b.([]byte)
		return ok && bytes.Equal(ab, bb)
	}
	return a == b
}

// readRow returns the replicated fields of a row, or nil if there is no such row.
func (tx *Tx) readRow(ctx context.Context, t *table, id string) (map[string]any, error) {
	vals := make([]any, len(t.fields))
	ptrs := make([]any, len(t.fields))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	err := tx.QueryRowContext(ctx, "SELECT "+strings.Join(t.fields, ",")+" FROM "+t.name+" WHERE id=?", id).Scan(ptrs...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	row := make(map[string]any, len(t.fields))
	for i, f := range t.fields {
		row[f] = normalize(vals[i])
	}
	return row, nil
}

// Put writes fields of a replicated row, inserting the row if it does not exist (then
// vals must hold org_id). Only fields whose value changes are written, stamped and logged.
// It reports whether anything changed.
func (tx *Tx) Put(ctx context.Context, tbl, id string, vals map[string]any) (bool, error) {
	t := registry[tbl]
	if t == nil {
		return false, fmt.Errorf("put: %s is not a replicated table", tbl)
	}
	for f := range vals {
		if !t.has(f) {
			return false, fmt.Errorf("put %s: unknown field %s", tbl, f)
		}
	}
	old, err := tx.readRow(ctx, t, id)
	if err != nil {
		return false, fmt.Errorf("put %s %s: %w", tbl, id, err)
	}
	if old == nil {
		org, _ := vals["org_id"].(string)
		if org == "" {
			return false, fmt.Errorf("put %s %s: new row without org_id", tbl, id)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+tbl+"(id, org_id) VALUES(?,?)", id, org); err != nil {
			return false, fmt.Errorf("insert %s: %w", tbl, err)
		}
		old, err = tx.readRow(ctx, t, id)
		if err != nil {
			return false, err
		}
		old["org_id"] = nil // log the owner as set by this write
	}
	// Fields in the table's order, so the log is deterministic.
	var changed []string
	for _, f := range t.fields {
		if v, ok := vals[f]; ok && !equalValues(old[f], v) {
			changed = append(changed, f)
		}
	}
	if len(changed) == 0 {
		return false, nil
	}
	h := tx.tick()
	dev := tx.db.Device()
	org, _ := vals["org_id"].(string)
	if org == "" {
		org, _ = old["org_id"].(string)
	}
	sets := make([]string, len(changed))
	args := make([]any, 0, len(changed)+1)
	for i, f := range changed {
		sets[i] = f + "=?"
		args = append(args, normalize(vals[f]))
	}
	args = append(args, id)
	if _, err := tx.ExecContext(ctx, "UPDATE "+tbl+" SET "+strings.Join(sets, ",")+" WHERE id=?", args...); err != nil {
		return false, fmt.Errorf("update %s: %w", tbl, err)
	}
	for _, f := range changed {
		c := Change{Table: tbl, RowID: id, OrgID: org, Field: f, Old: old[f], Value: normalize(vals[f]), HLC: h, Device: dev, User: tx.user, Origin: "local"}
		if err := tx.record(ctx, c); err != nil {
			return false, err
		}
	}
	if t.derive != nil {
		if err := t.derive(ctx, tx, id); err != nil {
			return false, err
		}
	}
	return true, nil
}

// Delete marks a replicated row deleted (a tombstone that syncs like any field).
func (tx *Tx) Delete(ctx context.Context, tbl, id string) error {
	_, err := tx.Put(ctx, tbl, id, map[string]any{"deleted": int64(1)})
	return err
}

// record stores the field's new version and appends the change to the log.
func (tx *Tx) record(ctx context.Context, c Change) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO field_versions(tbl,row_id,field,hlc,device) VALUES(?,?,?,?,?)
		ON CONFLICT(tbl,row_id,field) DO UPDATE SET hlc=excluded.hlc, device=excluded.device`,
		c.Table, c.RowID, c.Field, int64(c.HLC), c.Device); err != nil {
		return fmt.Errorf("record version: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO changes(tbl,row_id,org_id,field,old_value,new_value,hlc,device,user_name,applied_at,origin)
		VALUES(?,?,?,?,?,?,?,?,?,?,?)`,
		c.Table, c.RowID, c.OrgID, c.Field, c.Old, c.Value, int64(c.HLC), c.Device, c.User, tx.db.now().UnixMilli(), c.Origin); err != nil {
		return fmt.Errorf("record change: %w", err)
	}
	return nil
}

// Version returns the version stamp of a field (zero values if it was never written).
func (tx *Tx) Version(ctx context.Context, tbl, id, field string) (HLC, string, error) {
	var h int64
	var dev string
	err := tx.QueryRowContext(ctx, "SELECT hlc, device FROM field_versions WHERE tbl=? AND row_id=? AND field=?", tbl, id, field).Scan(&h, &dev)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	return HLC(h), dev, err
}

// Apply merges one change made on another device: it is written if its (HLC, device) is
// newer than the field's current version, and otherwise ignored, so applying the same
// changes in any order, any number of times, gives the same result. It returns whether the
// change won and the value it replaced.
func (tx *Tx) Apply(ctx context.Context, c Change) (won bool, replaced any, err error) {
	t := registry[c.Table]
	if t == nil || !t.has(c.Field) {
		return false, nil, fmt.Errorf("apply: unknown field %s.%s", c.Table, c.Field)
	}
	tx.db.Observe(c.HLC)
	tx.hlcs = true
	h, dev, err := tx.Version(ctx, c.Table, c.RowID, c.Field)
	if err != nil {
		return false, nil, err
	}
	if !Newer(c.HLC, c.Device, h, dev) {
		return false, nil, nil
	}
	old, err := tx.readRow(ctx, t, c.RowID)
	if err != nil {
		return false, nil, err
	}
	if old == nil {
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+c.Table+"(id, org_id) VALUES(?,?)", c.RowID, c.OrgID); err != nil {
			return false, nil, fmt.Errorf("apply insert %s: %w", c.Table, err)
		}
		old = map[string]any{}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE "+c.Table+" SET "+c.Field+"=? WHERE id=?", normalize(c.Value), c.RowID); err != nil {
		return false, nil, fmt.Errorf("apply %s.%s: %w", c.Table, c.Field, err)
	}
	c.Old = old[c.Field]
	c.Origin = "remote"
	if err := tx.record(ctx, c); err != nil {
		return false, nil, err
	}
	if t.derive != nil {
		if err := t.derive(ctx, tx, c.RowID); err != nil {
			return false, nil, err
		}
	}
	return true, c.Old, nil
}

// Changes returns change-log entries with seq > after, oldest first, at most limit (0: all).
// origin filters by "local"/"remote" ("" for both).
func (db *DB) Changes(ctx context.Context, after int64, origin string, limit int) ([]Change, error) {
	q := `SELECT seq,tbl,row_id,org_id,field,old_value,new_value,hlc,device,user_name,origin,applied_at FROM changes WHERE seq>?`
	args := []any{after}
	if origin != "" {
		q += " AND origin=?"
		args = append(args, origin)
	}
	q += " ORDER BY seq"
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	return queryChanges(ctx, db.sql, q, args...)
}

// RowHistory returns the audit trail of one row, oldest first.
func (db *DB) RowHistory(ctx context.Context, tbl, id string) ([]Change, error) {
	return queryChanges(ctx, db.sql, `SELECT seq,tbl,row_id,org_id,field,old_value,new_value,hlc,device,user_name,origin,applied_at
		FROM changes WHERE tbl=? AND row_id=? ORDER BY seq`, tbl, id)
}

func queryChanges(ctx context.Context, q querier, query string, args ...any) ([]Change, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var c Change
		var h int64
		if err := rows.Scan(&c.Seq, &c.Table, &c.RowID, &c.OrgID, &c.Field, &c.Old, &c.Value, &h, &c.Device, &c.User, &c.Origin, &c.At); err != nil {
			return nil, err
		}
		c.HLC = HLC(h)
		c.Old, c.Value = normalize(c.Old), normalize(c.Value)
		out = append(out, c)
	}
	return out, rows.Err()
}
