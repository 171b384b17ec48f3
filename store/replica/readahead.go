package replica

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// merger applies a bundle's changes row by row: the rows and their versions read in batches
// (one query per table for up to loadRows rows), one write of the fields that win, and the
// version stamps in batched inserts.
type merger struct {
	tx          *Tx
	senderKnown VV // what the sender held when it made the bundle
	before      VV // what this database held before the bundle
	versions    *batch
	rows        *batch // the engine's rows the bundle makes or changes (crr_rows)
	nextRow     int64  // the last row number given out (0: not read yet)
	audit       *batch // versions made here that the bundle replaces (the audit trail)
	stmts       map[string]*sql.Stmt
	derive      map[string]map[string]bool // table → rows whose derived columns need refreshing
	loaded      map[rowKey]*rowState       // the rows of the current window, read ahead
	now         int64
	peer        Peer
	scope       map[string]bool     // organisations whose rows the bundle may change (nil: all)
	guard       Guard               // the Policy's guard of closed rows (nil: none)
	owners      map[rowKey]string   // owners of the rows held changes are for, as read (future.go)
	open        map[fieldKey]bool   // fields with an open conflict (conflict.go)
	replaced    map[fieldKey]Change // versions this merge replaced, when conflict reports need them
	squatted    int                 // held changes left out: their row is claimed by another PC (future.go)
}

type rowKey struct{ tbl, row string }

type fieldVersion struct {
	hlc HLC
	dev string
	usr string
}

// rowState is a row as stored before the bundle touched it: its replicated fields (nil if
// there is no such row), the engine's number of it and the version of each field.
type rowState struct {
	cur  map[string]any
	ref  rowRef
	vers map[string]fieldVersion
}

// loadRows is how many rows the merger reads ahead in one query per table.
const loadRows = 256

func (tx *Tx) newMerger(ctx context.Context, p Peer, scope map[string]bool, senderKnown, before VV) (*merger, error) {
	m := &merger{tx: tx, peer: p, scope: scope, senderKnown: senderKnown, before: before, stmts: map[string]*sql.Stmt{},
		derive: map[string]map[string]bool{}, loaded: map[rowKey]*rowState{}, now: tx.db.now().UnixMilli()}
	var err error
	if m.open, err = openConflicts(ctx, tx); err != nil {
		return nil, err
	}
	if m.guard, err = tx.db.policy.Guard(ctx, tx, p); err != nil {
		return nil, err
	}
	m.versions = &batch{tx: tx, head: "INSERT INTO crr_clock(row,field,hlc,dev,usr) VALUES ", row: "(?,?,?,?,?)",
		tail: " ON CONFLICT(row,field) DO UPDATE SET hlc=excluded.hlc, dev=excluded.dev, usr=excluded.usr", cols: 5}
	// A row's number is given here (no other write in the merge's transaction numbers rows),
	// so that new rows and changed ones are written in batches like the clocks.
	m.rows = &batch{tx: tx, head: "INSERT INTO crr_rows(id,tbl,row_id,org,born,top,seq) VALUES ", row: "(?,?,?,?,?,?,?)",
		tail: ` ON CONFLICT(id) DO UPDATE SET org=excluded.org, born=min(born,excluded.born), top=max(top,excluded.top), seq=excluded.seq
			WHERE crr_rows.row_id=excluded.row_id AND crr_rows.tbl=excluded.tbl`, cols: 7}
	m.audit = &batch{tx: tx, head: "INSERT OR REPLACE INTO crr_audit(row,field,hlc,dev,usr,value) VALUES ", row: "(?,?,?,?,?,?)", cols: 6}
	return m, nil
}

func (m *merger) close() {
	m.versions.close()
	m.rows.close()
	m.audit.close()
	for _, s := range m.stmts {
		s.Close()
	}
}

func (m *merger) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if s, ok := m.stmts[q]; ok {
		return s, nil
	}
	s, err := m.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	m.stmts[q] = s
	return s, nil
}

// load reads the rows of a window and their versions, a query per table rather than two per
// row. Each row appears in one window only and only its own merge writes it, so what is read
// here stays current until the row is merged, except conflict records, which the merge of
// other rows may write (m.conflict): those are read when merged.
func (m *merger) load(ctx context.Context, keys []rowKey) error {
	clear(m.loaded)
	var tables []string
	ids := map[string][]string{}
	for _, k := range keys {
		if k.tbl == conflictTable.Name {
			continue
		}
		if _, ok := ids[k.tbl]; !ok {
			tables = append(tables, k.tbl)
		}
		ids[k.tbl] = append(ids[k.tbl], k.row)
		m.loaded[k] = &rowState{vers: map[string]fieldVersion{}}
	}
	for _, tbl := range tables {
		if err := m.loadTable(ctx, m.tx.db.tables[tbl], ids[tbl]); err != nil {
			return err
		}
	}
	return nil
}

func (m *merger) loadTable(ctx context.Context, t *table, ids []string) error {
	marks := strings.Repeat(",?", len(ids))[1:]
	tid, ok, err := m.tx.lookupID(ctx, t.Name)
	if err != nil {
		return err
	}
	args := make([]any, 0, len(ids)+1)
	args = append(args, tid)
	for _, id := range ids {
		args = append(args, id)
	}
	if ok {
		q, err := m.stmt(ctx, "SELECT r.row_id, r.id, r.born, r.org, c.field, c.hlc, c.dev, c.usr FROM crr_rows r LEFT JOIN crr_clock c ON c.row=r.id WHERE r.tbl=? AND r.row_id IN ("+marks+")")
		if err != nil {
			return err
		}
		rows, err := q.QueryContext(ctx, args...)
		if err != nil {
			return err
		}
		err = m.tx.scanClocks(ctx, rows, func(id string) *rowState { return m.loaded[rowKey{t.Name, id}] })
		if err != nil {
			return err
		}
	}
	q, err := m.stmt(ctx, "SELECT id,"+strings.Join(t.cols, ",")+" FROM "+t.Name+" WHERE id IN ("+marks+")")
	if err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, args[1:]...)
	if err != nil {
		return err
	}
	defer rows.Close()
	vals, ptrs := scanTargets(len(t.cols) + 1)
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		id, _ := vals[0].(string)
		st := m.loaded[rowKey{t.Name, id}]
		if st == nil {
			return fmt.Errorf("merge %s: read unexpected row %v", t.Name, vals[0])
		}
		st.cur = t.rowOf(vals[1:])
	}
	return rows.Err()
}

// scanClocks reads rows of (row_id, row number, born, org, field, hlc, dev, usr), the clock
// columns NULL for a row without clocks, into the states state gives, and closes them.
func (tx *Tx) scanClocks(ctx context.Context, rows *sql.Rows, state func(id string) *rowState) error {
	type entry struct {
		id            string
		ref           rowRef
		field         sql.NullInt64
		hlc, dev, usr sql.NullInt64
	}
	var es []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.id, &e.ref.id, (*int64)(&e.ref.born), &e.ref.org, &e.field, &e.hlc, &e.dev, &e.usr); err != nil {
			rows.Close()
			return err
		}
		es = append(es, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, e := range es {
		st := state(e.id)
		if st == nil {
			return fmt.Errorf("merge: read unexpected row %s", e.id)
		}
		st.ref = e.ref
		if !e.field.Valid {
			continue
		}
		f, err := tx.name(ctx, e.field.Int64)
		if err != nil {
			return err
		}
		dev, err := tx.name(ctx, e.dev.Int64)
		if err != nil {
			return err
		}
		usr, err := tx.name(ctx, e.usr.Int64)
		if err != nil {
			return err
		}
		st.vers[f] = fieldVersion{HLC(e.hlc.Int64), dev, usr}
	}
	return nil
}

// readState reads one row and its versions (rows that were not read ahead).
func (m *merger) readState(ctx context.Context, t *table, id string) (*rowState, error) {
	st := &rowState{vers: map[string]fieldVersion{}}
	tid, ok, err := m.tx.lookupID(ctx, t.Name)
	if err != nil {
		return nil, err
	}
	if ok {
		rows, err := m.tx.QueryContext(ctx, "SELECT r.row_id, r.id, r.born, r.org, c.field, c.hlc, c.dev, c.usr FROM crr_rows r LEFT JOIN crr_clock c ON c.row=r.id WHERE r.tbl=? AND r.row_id=?", tid, id)
		if err != nil {
			return nil, err
		}
		if err := m.tx.scanClocks(ctx, rows, func(string) *rowState { return st }); err != nil {
			return nil, err
		}
	}
	q, err := m.stmt(ctx, t.selRow)
	if err != nil {
		return nil, err
	}
	st.cur, err = scanRow(q.QueryRowContext(ctx, id), t)
	return st, err
}

// batch collects rows for a multi-row INSERT, so that thousands of changes cost tens of
// statements rather than thousands.
type batch struct {
	tx              *Tx
	head, row, tail string
	cols            int
	args            []any
	full            *sql.Stmt
}

const batchRows = 64

func (b *batch) add(ctx context.Context, vals ...any) error {
	b.args = append(b.args, vals...)
	if len(b.args) == batchRows*b.cols {
		return b.flush(ctx)
	}
	return nil
}

func (b *batch) query(n int) string {
	rows := make([]string, n)
	for i := range rows {
		rows[i] = b.row
	}
	return b.head + strings.Join(rows, ",") + b.tail
}

func (b *batch) flush(ctx context.Context) error {
	n := len(b.args) / b.cols
	if n == 0 {
		return nil
	}
	var err error
	if n == batchRows {
		if b.full == nil {
			if b.full, err = b.tx.PrepareContext(ctx, b.query(n)); err != nil {
				return err
			}
		}
		_, err = b.full.ExecContext(ctx, b.args...)
	} else {
		_, err = b.tx.ExecContext(ctx, b.query(n), b.args...)
	}
	b.args = b.args[:0]
	return err
}

func (b *batch) close() {
	if b.full != nil {
		b.full.Close()
	}
}
