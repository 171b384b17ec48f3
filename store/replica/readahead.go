package replica

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// merger applies a bundle's changes row by row: the rows and their versions read in batches
// (one query per table for up to loadRows rows), one write of the fields that win, and the
// version stamps and change log in batched inserts.
type merger struct {
	tx          *Tx
	senderKnown VV // what the sender held when it made the bundle
	before      VV // what this database held before the bundle
	versionsOf  *sql.Stmt
	versions    *batch
	log         *batch
	stmts       map[string]*sql.Stmt
	derive      map[string]map[string]bool // table → rows whose derived columns need refreshing
	loaded      map[rowKey]*rowState       // the rows of the current window, read ahead
	now         int64
	peer        Peer
	scope       map[string]bool   // organisations whose rows the bundle may change (nil: all)
	guard       Guard             // the Policy's guard of closed rows (nil: none)
	logged      bool              // the changes are in the change log already (held ones, future.go)
	owners      map[rowKey]string // owners of the rows held changes are for, as read (future.go)
	open        map[fieldKey]bool // fields with an open conflict (conflict.go)
}

type rowKey struct{ tbl, row string }

type fieldVersion struct {
	hlc HLC
	dev string
}

// rowState is a row as stored before the bundle touched it: its replicated fields (nil if
// there is no such row) and the version of each field.
type rowState struct {
	cur  map[string]any
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
	if m.versionsOf, err = tx.PrepareContext(ctx, "SELECT field, hlc, device FROM field_versions WHERE tbl=? AND row_id=?"); err != nil {
		return nil, err
	}
	m.versions = &batch{tx: tx, head: "INSERT OR FAIL INTO field_versions(tbl,row_id,field,hlc,device) VALUES ", row: "(?,?,?,?,?)",
		tail: " ON CONFLICT(tbl,row_id,field) DO UPDATE SET hlc=excluded.hlc, device=excluded.device", cols: 5}
	m.log = &batch{tx: tx, head: "INSERT OR FAIL INTO changes(tbl,row_id,org_id,field,old_value,new_value,hlc,device,user_name,applied_at,origin) VALUES ",
		row: "(?,?,?,?,?,?,?,?,?,?,'remote')", cols: 10}
	return m, nil
}

func (m *merger) close() {
	m.versionsOf.Close()
	m.versions.close()
	m.log.close()
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
	args := make([]any, 0, len(ids)+1)
	args = append(args, t.Name)
	for _, id := range ids {
		args = append(args, id)
	}
	q, err := m.stmt(ctx, "SELECT row_id, field, hlc, device FROM field_versions WHERE tbl=? AND row_id IN ("+marks+")")
	if err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	err = scanVersions(rows, func(id, f string, v fieldVersion) { m.loaded[rowKey{t.Name, id}].vers[f] = v }, true)
	if err != nil {
		return err
	}
	if q, err = m.stmt(ctx, "SELECT id,"+strings.Join(t.cols, ",")+" FROM "+t.Name+" WHERE id IN ("+marks+")"); err != nil {
		return err
	}
	if rows, err = q.QueryContext(ctx, args[1:]...); err != nil {
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

// scanVersions reads (row_id,) field, hlc, device rows and closes them.
func scanVersions(rows *sql.Rows, put func(id, field string, v fieldVersion), withID bool) error {
	defer rows.Close()
	for rows.Next() {
		var id, f string
		var v fieldVersion
		dest := []any{&f, (*int64)(&v.hlc), &v.dev}
		if withID {
			dest = append([]any{&id}, dest...)
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		put(id, f, v)
	}
	return rows.Err()
}

// readState reads one row and its versions (rows that were not read ahead).
func (m *merger) readState(ctx context.Context, t *table, id string) (*rowState, error) {
	st := &rowState{vers: map[string]fieldVersion{}}
	rows, err := m.versionsOf.QueryContext(ctx, t.Name, id)
	if err != nil {
		return nil, err
	}
	if err := scanVersions(rows, func(_, f string, v fieldVersion) { st.vers[f] = v }, false); err != nil {
		return nil, err
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
