package replica

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

type ctxKey int

const userKey ctxKey = 0

// WithUser returns a context whose writes are attributed to the named user.
func WithUser(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, userKey, name)
}

// UserFrom returns the user name writes in ctx are attributed to ("system" if none).
func UserFrom(ctx context.Context) string {
	if s, ok := ctx.Value(userKey).(string); ok && s != "" {
		return s
	}
	return "system"
}

// Tx is a write transaction. Every replicated write made through it is stamped, versioned
// and logged in the same transaction.
type Tx struct {
	*sql.Tx
	db     *DB
	user   string
	ticked bool                 // whether the clock advanced in this transaction
	stmts  map[string]*sql.Stmt // prepared statements, closed when the transaction ends
	guard  *Guard               // the Policy's guard of local writes, once asked (nil: not yet)
}

// Write runs fn in one immediate transaction and commits it if fn returns nil. Failures to
// write reach the caller as a sentence saying what to do (disk full, read-only, busy).
func (db *DB) Write(ctx context.Context, fn func(tx *Tx) error) error {
	stx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return db.diskErr(err)
	}
	defer stx.Rollback()
	db.mu.Lock()
	device, org := db.device, db.org
	db.mu.Unlock()
	tx := &Tx{Tx: stx, db: db, user: UserFrom(ctx)}
	defer tx.closeStmts()
	// A transaction that does not commit may still have advanced the clock: harmless, the
	// clock only needs to be monotonic.
	err = fn(tx)
	if err == nil && tx.ticked {
		err = SetMeta(ctx, stx, "hlc", strconv.FormatInt(int64(db.Clock()), 10))
	}
	if err == nil {
		err = stx.Commit()
	}
	if err != nil {
		db.mu.Lock()
		db.device, db.org = device, org // a device set up in a failed transaction is not set up
		db.mu.Unlock()
		return db.diskErr(err)
	}
	return nil
}

// DB returns the database the transaction belongs to.
func (tx *Tx) DB() *DB { return tx.db }

// User is the user the transaction's writes are attributed to.
func (tx *Tx) User() string { return tx.user }

func (tx *Tx) tick() HLC {
	tx.ticked = true
	return tx.db.tick()
}

func (tx *Tx) table(name string) (*table, error) {
	t := tx.db.tables[name]
	if t == nil {
		return nil, fmt.Errorf("%s is not a replicated table", name)
	}
	return t, nil
}

// scanRow returns the replicated fields of a row queried with t.selRow, or nil if there is
// no such row.
func scanRow(r *sql.Row, t *table) (map[string]any, error) {
	vals, ptrs := scanTargets(len(t.cols))
	err := r.Scan(ptrs...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return t.rowOf(vals), nil
}

// Put writes fields of a replicated row, inserting the row if it does not exist (then
// vals must hold org_id). Only fields whose value changes are written, stamped and logged.
// It reports whether anything changed.
func (tx *Tx) Put(ctx context.Context, tbl, id string, vals map[string]any) (bool, error) {
	t, err := tx.table(tbl)
	if err != nil {
		return false, fmt.Errorf("put: %w", err)
	}
	for f := range vals {
		if !t.colSet[f] {
			return false, fmt.Errorf("put %s: unknown field %s", tbl, f)
		}
	}
	old, err := scanRow(tx.QueryRowContext(ctx, t.selRow, id), t)
	if err != nil {
		return false, fmt.Errorf("put %s %s: %w", tbl, id, err)
	}
	if err := tx.checkGuard(ctx, tbl, id, old, vals); err != nil {
		return false, err
	}
	if old == nil {
		org, _ := vals["org_id"].(string)
		if org == "" {
			return false, fmt.Errorf("put %s %s: new row without org_id", tbl, id)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+tbl+"(id, org_id) VALUES(?,?)", id, org); err != nil {
			return false, fmt.Errorf("insert %s: %w", tbl, err)
		}
		if old, err = scanRow(tx.QueryRowContext(ctx, t.selRow, id), t); err != nil {
			return false, err
		}
		old["org_id"] = nil // log the owner as set by this write
	}
	// Fields in the table's order, so the log is deterministic.
	var changed []string
	for _, f := range t.cols {
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
	cs := make([]Change, len(changed))
	for i, f := range changed {
		cs[i] = Change{Table: tbl, RowID: id, OrgID: org, Field: f, Old: old[f], Value: normalize(vals[f]), HLC: h, Device: dev, User: tx.user, Origin: "local"}
	}
	if err := tx.record(ctx, cs); err != nil {
		return false, err
	}
	if t.derives(func(f string) bool { _, ok := vals[f]; return ok && slices.Contains(changed, f) }) {
		if err := t.Derive(ctx, tx, id); err != nil {
			return false, err
		}
	}
	return true, nil
}

// checkGuard asks the Policy's guard (loaded once per transaction) whether a local write
// may change the row.
func (tx *Tx) checkGuard(ctx context.Context, tbl, id string, old, vals map[string]any) error {
	if tbl == conflictTable.Name {
		return nil
	}
	if tx.guard == nil {
		g, err := tx.db.policy.Guard(ctx, tx, Peer{})
		if err != nil {
			return err
		}
		tx.guard = &g
	}
	if *tx.guard == nil {
		return nil
	}
	return (*tx.guard)(ctx, tbl, id, old, vals)
}

// Delete marks a replicated row deleted (a tombstone that syncs like any field).
func (tx *Tx) Delete(ctx context.Context, tbl, id string) error {
	_, err := tx.Put(ctx, tbl, id, map[string]any{"deleted": int64(1)})
	return err
}

// record stores the fields' new versions and appends the changes to the log, in field order:
// one insert of all of them into each table (one per field made a record of 20 fields cost
// 40 statements).
func (tx *Tx) record(ctx context.Context, cs []Change) error {
	if len(cs) == 0 {
		return nil
	}
	now := tx.db.now().UnixMilli()
	vargs := make([]any, 0, 5*len(cs))
	cargs := make([]any, 0, 11*len(cs))
	for _, c := range cs {
		vargs = append(vargs, c.Table, c.RowID, c.Field, int64(c.HLC), c.Device)
		cargs = append(cargs, c.Table, c.RowID, c.OrgID, c.Field, c.Old, c.Value, int64(c.HLC), c.Device, c.User, now, c.Origin)
	}
	more := len(cs) - 1
	if _, err := tx.ExecContext(ctx, `INSERT INTO field_versions(tbl,row_id,field,hlc,device) VALUES(?,?,?,?,?)`+strings.Repeat(",(?,?,?,?,?)", more)+`
		ON CONFLICT(tbl,row_id,field) DO UPDATE SET hlc=excluded.hlc, device=excluded.device`, vargs...); err != nil {
		return fmt.Errorf("record version: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO changes(tbl,row_id,org_id,field,old_value,new_value,hlc,device,user_name,applied_at,origin)
		VALUES(?,?,?,?,?,?,?,?,?,?,?)`+strings.Repeat(",(?,?,?,?,?,?,?,?,?,?,?)", more), cargs...); err != nil {
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
