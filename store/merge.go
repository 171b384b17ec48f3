package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"zhibu/assets"
)

// Sync sentinel errors; each comes wrapped in a Chinese message saying what to do.
var (
	ErrUnknownPeer = errors.New("unknown sender")
	ErrOutOfScope  = errors.New("change out of scope")
	ErrOldBundle   = errors.New("bundle already imported")
)

// Incoming is a verified bundle from a paired device, ready to merge.
type Incoming struct {
	From    string
	Seq     int64
	Created time.Time // the sender's wall clock when it made the bundle
	Base    VV        // what the sender believed this database held
	Known   VV        // what the sender held
	Changes []Change
}

// ImportResult says what merging a bundle did.
type ImportResult struct {
	Changes   int           // changes in the bundle
	Applied   int           // changes that won and were written
	Conflicts int           // concurrent edits kept for review
	ClockSkew time.Duration // how far the sender's clock was ahead of this PC's (negative: behind)
}

// MaxClockSkew is how far a peer's clock may differ before the user is warned.
const MaxClockSkew = 24 * time.Hour

// ImportChanges merges a bundle in one transaction: it checks the sender, the bundle number
// and the scope of every change before writing anything, then applies each change if its
// version (HLC, device) is newer than the field's, and keeps concurrent edits as conflicts.
func (db *DB) ImportChanges(ctx context.Context, in Incoming) (ImportResult, error) {
	res := ImportResult{Changes: len(in.Changes), ClockSkew: in.Created.Sub(db.now())}
	err := db.Write(ctx, func(tx *Tx) error {
		p, err := tx.peer(ctx, in.From)
		if err != nil {
			return err
		}
		if in.Seq <= p.InSeq {
			return assets.Wrap(ErrOldBundle, "This bundle (number %d from %s) is not newer than one already imported (number %d). Nothing was changed.", in.Seq, peerLabel(p), p.InSeq)
		}
		scope, err := tx.checkScope(ctx, p, in.Changes)
		if err != nil {
			return err
		}
		before, err := knownVV(ctx, tx, db.Device())
		if err != nil {
			return err
		}
		m, err := tx.newMerger(ctx, p, scope, in.Known, before)
		if err != nil {
			return err
		}
		defer m.close()
		sort.SliceStable(in.Changes, func(i, j int) bool {
			return Newer(in.Changes[j].HLC, in.Changes[j].Device, in.Changes[i].HLC, in.Changes[i].Device)
		})
		var maxHLC HLC
		origins := map[string]bool{}
		groups := map[rowKey][]Change{}
		var order []rowKey
		for _, c := range in.Changes {
			k := rowKey{c.Table, c.RowID}
			if _, ok := groups[k]; !ok {
				order = append(order, k)
			}
			groups[k] = append(groups[k], c)
			maxHLC = max(maxHLC, c.HLC)
			origins[c.Device] = true
		}
		for len(order) > 0 {
			w := order[:min(loadRows, len(order))]
			order = order[len(w):]
			if err := m.load(ctx, w); err != nil {
				return err
			}
			for _, k := range w {
				won, conflicts, err := m.mergeRow(ctx, k.tbl, k.row, groups[k])
				if err != nil {
					return err
				}
				res.Applied += won
				res.Conflicts += conflicts
			}
		}
		if err := m.finish(ctx); err != nil {
			return err
		}
		db.Observe(maxHLC)
		tx.hlcs = true
		if err := tx.advanceVV(ctx, p, in, before, origins); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE peers SET in_seq=?, acked=?, last_sync=?, last_error='', clock_skew_ms=? WHERE device_id=?`,
			in.Seq, vvJSON(in.Known), db.now().UnixMilli(), res.ClockSkew.Milliseconds(), p.DeviceID)
		return err
	})
	return res, err
}

// advanceVV records what this database now holds. The sender's knowledge of an origin counts
// only if the sender sees at least as much of it as this database may (the origin itself, or
// a township) and the bundle continues from what this database already held.
func (tx *Tx) advanceVV(ctx context.Context, p Peer, in Incoming, before VV, origins map[string]bool) error {
	self := tx.db.Device()
	for o := range origins {
		if o == self {
			continue
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO sync_vv(device,hlc) VALUES(?,0)", o); err != nil {
			return err
		}
	}
	for o, h := range in.Known {
		if o == self || h <= before[o] {
			continue
		}
		if o != p.DeviceID && p.Role != RoleTownship {
			continue
		}
		if in.Base[o] > before[o] {
			continue // a gap: the changes were applied, but what came before them is missing
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO sync_vv(device,hlc) VALUES(?,?) ON CONFLICT(device) DO UPDATE SET hlc=max(hlc, excluded.hlc)", o, int64(h)); err != nil {
			return err
		}
	}
	return nil
}

func peerLabel(p Peer) string {
	if p.OrgName != "" {
		return p.OrgName
	}
	return p.DeviceID
}

// checkScope refuses a bundle holding a change the sender may not make or this database may
// not receive: a village writes only its own rows; a village receives only its own rows and
// the township's broadcasts. It returns the organisations whose rows the bundle may touch
// (nil: all); the owner of each existing row is checked against them as the row is merged,
// and a refusal then rolls the whole import back.
func (tx *Tx) checkScope(ctx context.Context, p Peer, cs []Change) (map[string]bool, error) {
	scope, err := tx.scopeOrgs(ctx, p)
	if err != nil {
		return nil, err
	}
	role, err := getMeta(ctx, tx, "role")
	if err != nil {
		return nil, err
	}
	if role == RoleTownship && p.Role == RoleVillage {
		scope = map[string]bool{p.OrgID: true}
	}
	for _, c := range cs {
		t := registry[c.Table]
		if t == nil || !t.has(c.Field) {
			return nil, assets.Wrap(ErrInvalid, "The bundle from %s holds data this version of Zhibu does not know (%s.%s). Update Zhibu on this PC, then import it again. Nothing was changed.", peerLabel(p), c.Table, c.Field)
		}
		if scope == nil {
			continue
		}
		if !scope[c.OrgID] {
			return nil, assets.Wrap(ErrOutOfScope, "The bundle from %s changes data of another organisation (%s), which it may not send. Nothing was imported; tell the township office.", peerLabel(p), tx.orgLabel(ctx, c.OrgID))
		}
		if c.Field == "org_id" {
			if s, _ := c.Value.(string); !scope[s] {
				return nil, assets.Wrap(ErrOutOfScope, "The bundle from %s moves a record to another organisation (%s), which it may not do. Nothing was imported; tell the township office.", peerLabel(p), tx.orgLabel(ctx, s))
			}
		}
	}
	return scope, nil
}

func (tx *Tx) orgLabel(ctx context.Context, id string) string {
	var name string
	if err := tx.QueryRowContext(ctx, "SELECT name FROM orgs WHERE id=?", id).Scan(&name); err != nil || name == "" {
		return assets.T("an organisation this PC does not know")
	}
	return name
}

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
	scope       map[string]bool // organisations whose rows the bundle may change (nil: all)
}

type rowKey struct{ tbl, row string }

// rowState is a row as stored before the bundle touched it: its replicated fields (nil if
// there is no such row) and the version of each field.
type rowState struct {
	cur  map[string]any
	vers map[string]fieldVersion
}

// loadRows is how many rows the merger reads ahead in one query per table.
const loadRows = 256

// load reads the rows of a window and their versions, a query per table rather than two per
// row. Each row appears in one window only and only its own merge writes it, so what is read
// here stays current until the row is merged, except conflict records, which the merge of
// other rows may write (m.conflict): those are read when merged.
func (m *merger) load(ctx context.Context, keys []rowKey) error {
	clear(m.loaded)
	var tables []string
	ids := map[string][]string{}
	for _, k := range keys {
		if k.tbl == "conflicts" {
			continue
		}
		if _, ok := ids[k.tbl]; !ok {
			tables = append(tables, k.tbl)
		}
		ids[k.tbl] = append(ids[k.tbl], k.row)
		m.loaded[k] = &rowState{vers: map[string]fieldVersion{}}
	}
	for _, tbl := range tables {
		if err := m.loadTable(ctx, registry[tbl], ids[tbl]); err != nil {
			return err
		}
	}
	return nil
}

func (m *merger) loadTable(ctx context.Context, t *table, ids []string) error {
	marks := strings.Repeat(",?", len(ids))[1:]
	args := make([]any, 0, len(ids)+1)
	args = append(args, t.name)
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
	for rows.Next() {
		var id, f string
		var v fieldVersion
		if err := rows.Scan(&id, &f, (*int64)(&v.hlc), &v.dev); err != nil {
			rows.Close()
			return err
		}
		m.loaded[rowKey{t.name, id}].vers[f] = v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	q, err = m.stmt(ctx, "SELECT id,"+strings.Join(t.fields, ",")+" FROM "+t.name+" WHERE id IN ("+marks+")")
	if err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, args[1:]...)
	if err != nil {
		return err
	}
	defer rows.Close()
	vals := make([]any, len(t.fields)+1)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		id, _ := vals[0].(string)
		st := m.loaded[rowKey{t.name, id}]
		if st == nil {
			return fmt.Errorf("merge %s: read unexpected row %v", t.name, vals[0])
		}
		st.cur = make(map[string]any, len(t.fields))
		for i, f := range t.fields {
			st.cur[f] = normalize(vals[i+1])
		}
	}
	return rows.Err()
}

// readState reads one row and its versions (rows that were not read ahead).
func (m *merger) readState(ctx context.Context, t *table, id string) (*rowState, error) {
	st := &rowState{vers: map[string]fieldVersion{}}
	rows, err := m.versionsOf.QueryContext(ctx, t.name, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var f string
		var v fieldVersion
		if err := rows.Scan(&f, (*int64)(&v.hlc), &v.dev); err != nil {
			rows.Close()
			return nil, err
		}
		st.vers[f] = v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if st.cur, err = m.readRow(ctx, t, id); err != nil {
		return nil, err
	}
	return st, nil
}

func (tx *Tx) newMerger(ctx context.Context, p Peer, scope map[string]bool, senderKnown, before VV) (*merger, error) {
	m := &merger{tx: tx, peer: p, scope: scope, senderKnown: senderKnown, before: before, stmts: map[string]*sql.Stmt{}, derive: map[string]map[string]bool{}, loaded: map[rowKey]*rowState{}, now: tx.db.now().UnixMilli()}
	var err error
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

// readRow is Tx.readRow with the statement prepared once per table.
func (m *merger) readRow(ctx context.Context, t *table, id string) (map[string]any, error) {
	q, err := m.stmt(ctx, "SELECT "+strings.Join(t.fields, ",")+" FROM "+t.name+" WHERE id=?")
	if err != nil {
		return nil, err
	}
	vals := make([]any, len(t.fields))
	ptrs := make([]any, len(t.fields))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := q.QueryRowContext(ctx, id).Scan(ptrs...); errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	row := make(map[string]any, len(t.fields))
	for i, f := range t.fields {
		row[f] = normalize(vals[i])
	}
	return row, nil
}

type fieldVersion struct {
	hlc HLC
	dev string
}

// mergeRow applies the changes of one row (oldest first). A change is written if its
// version (HLC, device) is newer than the field's; where it meets a concurrent edit of the
// same field, the losing value is kept as a conflict record. It returns how many changes won
// and how many conflicts were recorded.
func (m *merger) mergeRow(ctx context.Context, tbl, id string, cs []Change) (won, conflicts int, err error) {
	t := registry[tbl]
	st := m.loaded[rowKey{tbl, id}]
	if st == nil {
		if st, err = m.readState(ctx, t, id); err != nil {
			return 0, 0, err
		}
	}
	vers, cur := st.vers, st.cur
	if owner, _ := cur["org_id"].(string); m.scope != nil && owner != "" && !m.scope[owner] {
		return 0, 0, assets.Wrap(ErrOutOfScope, "The bundle from %s changes a record that belongs to %s, which it may not do. Nothing was imported; tell the township office.", peerLabel(m.peer), m.tx.orgLabel(ctx, owner))
	}
	exists := cur != nil
	if cur == nil {
		cur = make(map[string]any, len(cs))
	}
	set := make(map[string]any, len(cs))
	var orgID string
	type pair struct{ loser, winner Change }
	var found []pair
	for _, c := range cs {
		c.Value = normalize(c.Value)
		v := vers[c.Field]
		if v.hlc == c.HLC && v.dev == c.Device {
			continue // already here
		}
		old := cur[c.Field]
		concurrent := v.hlc != 0 && v.dev != c.Device && tbl != "conflicts" && !equalValues(old, c.Value)
		local := Change{Table: tbl, RowID: id, OrgID: c.OrgID, Field: c.Field, Value: old, HLC: v.hlc, Device: v.dev}
		if !Newer(c.HLC, c.Device, v.hlc, v.dev) {
			// The change loses. It is a conflict if it is news here: neither side saw the other.
			if concurrent && m.before[c.Device] < c.HLC {
				found = append(found, pair{c, local})
			}
			continue
		}
		// The change wins. It is a conflict if its author had not seen the value it replaces.
		if concurrent && m.senderKnown[v.dev] < v.hlc {
			found = append(found, pair{local, c})
		}
		won++
		cur[c.Field], set[c.Field] = c.Value, c.Value
		vers[c.Field] = fieldVersion{c.HLC, c.Device}
		orgID = c.OrgID
		if err := m.versions.add(ctx, tbl, id, c.Field, int64(c.HLC), c.Device); err != nil {
			return 0, 0, err
		}
		if err := m.log.add(ctx, tbl, id, c.OrgID, c.Field, old, c.Value, int64(c.HLC), c.Device, c.User, m.now); err != nil {
			return 0, 0, err
		}
	}
	if len(set) > 0 {
		if !exists {
			// A new row: one INSERT of the owner and every field that won (the owner is the
			// org_id change if there is one, else the owner its changes name).
			fields := make([]string, 0, len(set)+2)
			args := make([]any, 0, len(set)+2)
			fields = append(fields, "id", "org_id")
			args = append(args, id, orgID)
			for _, f := range t.fields {
				if v, ok := set[f]; ok {
					if f == "org_id" {
						args[1] = v
						continue
					}
					fields = append(fields, f)
					args = append(args, v)
				}
			}
			ins, err := m.stmt(ctx, "INSERT INTO "+tbl+"("+strings.Join(fields, ",")+") VALUES(?"+strings.Repeat(",?", len(fields)-1)+")")
			if err != nil {
				return 0, 0, err
			}
			if _, err := ins.ExecContext(ctx, args...); err != nil {
				return 0, 0, fmt.Errorf("merge insert %s: %w", tbl, err)
			}
		} else {
			fields := make([]string, 0, len(set))
			for _, f := range t.fields {
				if _, ok := set[f]; ok {
					fields = append(fields, f)
				}
			}
			args := make([]any, 0, len(fields)+1)
			for _, f := range fields {
				args = append(args, set[f])
			}
			upd, err := m.stmt(ctx, "UPDATE "+tbl+" SET "+strings.Join(fields, "=?,")+"=? WHERE id=?")
			if err != nil {
				return 0, 0, err
			}
			if _, err := upd.ExecContext(ctx, append(args, id)...); err != nil {
				return 0, 0, fmt.Errorf("merge %s: %w", tbl, err)
			}
		}
		if t.derive != nil {
			if m.derive[tbl] == nil {
				m.derive[tbl] = map[string]bool{}
			}
			m.derive[tbl][id] = true
		}
	}
	if len(found) > 0 { // the conflict records look up who made each version in the log
		if err := m.versions.flush(ctx); err != nil {
			return 0, 0, err
		}
		if err := m.log.flush(ctx); err != nil {
			return 0, 0, err
		}
	}
	for _, p := range found {
		if err := m.conflict(ctx, p.loser, p.winner); err != nil {
			return 0, 0, err
		}
	}
	return won, len(found), nil
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

// finish refreshes the derived local columns of every row the bundle touched.
func (m *merger) finish(ctx context.Context) error {
	if err := m.versions.flush(ctx); err != nil {
		return err
	}
	if err := m.log.flush(ctx); err != nil {
		return err
	}
	for name, rows := range m.derive {
		ids := make([]string, 0, len(rows))
		for id := range rows {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			if err := registry[name].derive(ctx, m.tx, id); err != nil {
				return fmt.Errorf("derive %s %s: %w", name, id, err)
			}
		}
	}
	return nil
}

// userOf finds who made a version of a field, from the change log.
func (m *merger) userOf(ctx context.Context, c Change) string {
	if c.User != "" {
		return c.User
	}
	var u string
	err := m.tx.QueryRowContext(ctx, "SELECT user_name FROM changes WHERE tbl=? AND row_id=? AND field=? AND hlc=? AND device=? LIMIT 1",
		c.Table, c.RowID, c.Field, int64(c.HLC), c.Device).Scan(&u)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(u)
}
