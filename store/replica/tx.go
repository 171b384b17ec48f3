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
	names  *names               // names interned or read in this transaction (clock.go)
	seqNo  int64                // this transaction's local sequence number, once taken
	own    HLC                  // the newest version this transaction made here
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
	tx := &Tx{Tx: stx, db: db, user: UserFrom(ctx), names: newNames()}
	defer tx.closeStmts()
	// A transaction that does not commit may still have advanced the clock: harmless, the
	// clock only needs to be monotonic.
	err = fn(tx)
	if err == nil && tx.ticked {
		err = SetMeta(ctx, stx, "hlc", strconv.FormatInt(int64(db.Clock()), 10))
	}
	if err == nil && tx.seqNo != 0 {
		err = SetMeta(ctx, stx, "seq", strconv.FormatInt(tx.seqNo, 10))
	}
	if err == nil && tx.own != 0 {
		err = SetMeta(ctx, stx, "own_hlc", strconv.FormatInt(int64(tx.own), 10))
	}
	if err == nil {
		err = stx.Commit()
	}
	if err == nil {
		db.keepNames(tx.names)
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
	inserted := false
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
		old["org_id"] = nil // the owner is set by this write
		inserted = true
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
	tx.own = h
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
	if err := tx.record(ctx, tbl, id, inserted, h, org, changed, old); err != nil {
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

// record stamps the changed fields of a row written here with this device, user and HLC,
// and keeps in the audit trail the version each replaced, with its value, unless the write
// made the row: one insert of all the audit entries and one of all the clocks.
func (tx *Tx) record(ctx context.Context, tbl, id string, inserted bool, h HLC, org string, changed []string, old map[string]any) error {
	ref := rowRef{}
	var err error
	if !inserted {
		if ref, err = tx.rowRef(ctx, tbl, id); err != nil {
			return err
		}
	}
	if ref, err = tx.touchRow(ctx, tbl, id, ref, h, h, org); err != nil {
		return err
	}
	dev, err := tx.nameID(ctx, tx.db.Device())
	if err != nil {
		return err
	}
	usr, err := tx.nameID(ctx, tx.user)
	if err != nil {
		return err
	}
	cargs := make([]any, 0, 5*len(changed))
	aargs := make([]any, 0, 2*len(changed)+1)
	for _, f := range changed {
		fid, err := tx.nameID(ctx, f)
		if err != nil {
			return err
		}
		cargs = append(cargs, ref.id, fid, int64(h), dev, usr)
		aargs = append(aargs, fid, old[f])
	}
	more := len(changed) - 1
	if !inserted {
		// The versions this edit replaces go to the audit trail first.
		aargs = append(aargs, ref.id)
		n := len(aargs)
		if _, err := tx.ExecContext(ctx, `WITH v(field, value) AS (VALUES (?,?)`+strings.Repeat(",(?,?)", more)+`)
			INSERT OR REPLACE INTO crr_audit(row,field,hlc,dev,usr,value)
			SELECT ?`+strconv.Itoa(n)+`, v.field, coalesce(c.hlc,0), coalesce(c.dev,(SELECT id FROM crr_names WHERE name='')), coalesce(c.usr,(SELECT id FROM crr_names WHERE name='')), v.value
			FROM v LEFT JOIN crr_clock c ON c.row=?`+strconv.Itoa(n)+` AND c.field=v.field`, aargs...); err != nil {
			return fmt.Errorf("record change: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO crr_clock(row,field,hlc,dev,usr) VALUES(?,?,?,?,?)`+strings.Repeat(",(?,?,?,?,?)", more)+`
		ON CONFLICT(row,field) DO UPDATE SET hlc=excluded.hlc, dev=excluded.dev, usr=excluded.usr`, cargs...); err != nil {
		return fmt.Errorf("record version: %w", err)
	}
	return nil
}

// Version returns the version stamp of a field (zero values if it was never written).
func (tx *Tx) Version(ctx context.Context, tbl, id, field string) (HLC, string, error) {
	ref, err := tx.rowRef(ctx, tbl, id)
	if err != nil || ref.id == 0 {
		return 0, "", err
	}
	f, ok, err := tx.lookupID(ctx, field)
	if err != nil || !ok {
		return 0, "", err
	}
	var h, dev int64
	err = tx.QueryRowContext(ctx, "SELECT hlc, dev FROM crr_clock WHERE row=? AND field=?", ref.id, f).Scan(&h, &dev)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	if err != nil {
		return 0, "", err
	}
	name, err := tx.name(ctx, dev)
	return HLC(h), name, err
}
