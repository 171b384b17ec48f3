package replica

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

// Replication state, in the spirit of cr-sqlite's clock tables: the record tables hold the
// values once; the engine keeps, per field, only the version of the value there (its HLC, the
// device and user that made it), with every name interned as a small integer:
//
//	crr_names(id, name)                  device IDs, table, field, user and organisation names
//	crr_rows(id, tbl, row_id, org, born, top, seq)
//	                                     one per replicated row: its owner (as interned name),
//	                                     the HLC it was first written at here (born), the
//	                                     newest of its fields' (top, indexed: what a bundle
//	                                     carries is found by it), and the local sequence of
//	                                     the transaction that last changed it (indexed)
//	crr_clock(row, field, hlc, dev, usr) the version of each field's current value
//	crr_audit(row, field, hlc, dev, usr, value)
//	                                     the versions edits made here replaced, and versions
//	                                     made here that others' edits replaced, with values:
//	                                     with the clocks, every edit made here (who, when,
//	                                     from what, to what)
//
// What a bundle carries is derived from the clocks newer than what the peer acknowledged,
// joined with the current values (export.go); there is no second copy of any value.

// names interns strings within a transaction: ids found or made in it are cached on the
// database only once it commits (a rolled-back insert must not leave an id behind).
type names struct {
	byName map[string]int64
	byID   map[int64]string
}

func newNames() *names { return &names{byName: map[string]int64{}, byID: map[int64]string{}} }

func (n *names) add(id int64, name string) {
	n.byName[name] = id
	n.byID[id] = name
}

// nameID returns the id of a name, interning it if new.
func (tx *Tx) nameID(ctx context.Context, name string) (int64, error) {
	if id, ok := tx.db.cachedID(name); ok {
		return id, nil
	}
	if id, ok := tx.names.byName[name]; ok {
		return id, nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM crr_names WHERE name=?", name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, "INSERT INTO crr_names(name) VALUES(?) RETURNING id", name).Scan(&id)
	}
	if err != nil {
		return 0, fmt.Errorf("intern %q: %w", name, err)
	}
	tx.names.add(id, name)
	return id, nil
}

// lookupID returns the id of a name without interning it (0, false if it has none).
func (tx *Tx) lookupID(ctx context.Context, name string) (int64, bool, error) {
	if id, ok := tx.db.cachedID(name); ok {
		return id, true, nil
	}
	if id, ok := tx.names.byName[name]; ok {
		return id, true, nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM crr_names WHERE name=?", name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	tx.names.add(id, name)
	return id, true, nil
}

// name returns the string an id stands for.
func (tx *Tx) name(ctx context.Context, id int64) (string, error) {
	if s, ok := tx.db.cachedName(id); ok {
		return s, nil
	}
	if s, ok := tx.names.byID[id]; ok {
		return s, nil
	}
	var s string
	if err := tx.QueryRowContext(ctx, "SELECT name FROM crr_names WHERE id=?", id).Scan(&s); err != nil {
		return "", fmt.Errorf("name %d: %w", id, err)
	}
	tx.names.add(id, s)
	return s, nil
}

func (db *DB) cachedID(name string) (int64, bool) {
	db.mu.Lock()
	defer db.mu.Unlock()
	id, ok := db.names.byName[name]
	return id, ok
}

func (db *DB) cachedName(id int64) (string, bool) {
	db.mu.Lock()
	defer db.mu.Unlock()
	s, ok := db.names.byID[id]
	return s, ok
}

// keepNames caches the names a committed transaction found or made.
func (db *DB) keepNames(n *names) {
	if len(n.byName) == 0 {
		return
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	for name, id := range n.byName {
		db.names.add(id, name)
	}
}

// loadNames reads every interned name (a few hundred: devices, tables, fields, users).
func (db *DB) loadNames(ctx context.Context) error {
	rows, err := db.sql.QueryContext(ctx, "SELECT id, name FROM crr_names")
	if err != nil {
		return err
	}
	defer rows.Close()
	n := newNames()
	for rows.Next() {
		var id int64
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			return err
		}
		n.add(id, s)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	db.mu.Lock()
	db.names = n
	db.mu.Unlock()
	return nil
}

// seq is the local sequence number of this transaction's changes: every row it changes gets
// it (crr_rows.seq), so "what changed since" is a range of one index. It is taken once per
// transaction, above every number used before (kept in meta, as rows may be removed).
func (tx *Tx) seq(ctx context.Context) (int64, error) {
	if tx.seqNo != 0 {
		return tx.seqNo, nil
	}
	var top int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(seq),0) FROM crr_rows").Scan(&top); err != nil {
		return 0, err
	}
	m, err := GetMeta(ctx, tx, "seq")
	if err != nil {
		return 0, err
	}
	if v, _ := strconv.ParseInt(m, 10, 64); v > top {
		top = v
	}
	tx.seqNo = top + 1
	return tx.seqNo, nil
}

// LastSeq is the local sequence number of the newest committed change (0 if none): it grows
// with every transaction that changes a replicated row, here or by a merge.
func (db *DB) LastSeq(ctx context.Context) (int64, error) {
	var top int64
	err := db.sql.QueryRowContext(ctx, "SELECT coalesce(max(seq),0) FROM crr_rows").Scan(&top)
	return top, err
}

// rowRef is a replicated row as the engine numbers it.
type rowRef struct {
	id   int64
	born HLC
	org  int64
}

// rowID returns the engine's number of a row (0 if it has none yet).
func (tx *Tx) rowRef(ctx context.Context, tbl, id string) (rowRef, error) {
	t, ok, err := tx.lookupID(ctx, tbl)
	if err != nil || !ok {
		return rowRef{}, err
	}
	var r rowRef
	err = tx.QueryRowContext(ctx, "SELECT id, born, org FROM crr_rows WHERE row_id=? AND tbl=?", id, t).Scan(&r.id, (*int64)(&r.born), &r.org)
	if errors.Is(err, sql.ErrNoRows) {
		return rowRef{}, nil
	}
	return r, err
}

// touchRow numbers a row if it is new here and marks it changed by this transaction: h and
// top are the oldest and newest versions written to it, org its owner's name.
func (tx *Tx) touchRow(ctx context.Context, tbl, id string, ref rowRef, h, top HLC, org string) (rowRef, error) {
	seq, err := tx.seq(ctx)
	if err != nil {
		return ref, err
	}
	var orgID int64
	if org != "" {
		if orgID, err = tx.nameID(ctx, org); err != nil {
			return ref, err
		}
	}
	if ref.id == 0 {
		t, err := tx.nameID(ctx, tbl)
		if err != nil {
			return ref, err
		}
		err = tx.QueryRowContext(ctx, "INSERT INTO crr_rows(tbl,row_id,org,born,top,seq) VALUES(?,?,?,?,?,?) RETURNING id", t, id, orgID, int64(h), int64(top), seq).Scan(&ref.id)
		ref.born, ref.org = h, orgID
		return ref, err
	}
	if orgID == 0 {
		orgID = ref.org
	}
	_, err = tx.ExecContext(ctx, "UPDATE crr_rows SET seq=?, born=min(born,?), top=max(top,?), org=? WHERE id=?", seq, int64(h), int64(top), orgID, ref.id)
	ref.born, ref.org = min(ref.born, h), orgID
	return ref, err
}
