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
		if err := tx.checkScope(ctx, p, in.Changes); err != nil {
			return err
		}
		before, err := knownVV(ctx, tx, db.Device())
		if err != nil {
			return err
		}
		m, err := tx.newMerger(ctx, in.Known, before)
		if err != nil {
			return err
		}
		defer m.close()
		sort.SliceStable(in.Changes, func(i, j int) bool {
			return Newer(in.Changes[j].HLC, in.Changes[j].Device, in.Changes[i].HLC, in.Changes[i].Device)
		})
		var maxHLC HLC
		origins := map[string]bool{}
		for _, c := range in.Changes {
			won, conflict, err := m.merge(ctx, c)
			if err != nil {
				return err
			}
			if won {
				res.Applied++
			}
			if conflict {
				res.Conflicts++
			}
			maxHLC = max(maxHLC, c.HLC)
			origins[c.Device] = true
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
// the township's broadcasts.
func (tx *Tx) checkScope(ctx context.Context, p Peer, cs []Change) error {
	scope, err := tx.scopeOrgs(ctx, p)
	if err != nil {
		return err
	}
	role, err := getMeta(ctx, tx, "role")
	if err != nil {
		return err
	}
	if role == RoleTownship && p.Role == RoleVillage {
		scope = map[string]bool{p.OrgID: true}
	}
	owners := map[string]string{} // table+row → owner here ("" if no such row)
	for _, c := range cs {
		t := registry[c.Table]
		if t == nil || !t.has(c.Field) {
			return assets.Wrap(ErrInvalid, "The bundle from %s holds data this version of Zhibu does not know (%s.%s). Update Zhibu on this PC, then import it again. Nothing was changed.", peerLabel(p), c.Table, c.Field)
		}
		if scope == nil {
			continue
		}
		if !scope[c.OrgID] {
			return assets.Wrap(ErrOutOfScope, "The bundle from %s changes data of another organisation (%s), which it may not send. Nothing was imported; tell the township office.", peerLabel(p), tx.orgLabel(ctx, c.OrgID))
		}
		if c.Field == "org_id" {
			if s, _ := c.Value.(string); !scope[s] {
				return assets.Wrap(ErrOutOfScope, "The bundle from %s moves a record to another organisation (%s), which it may not do. Nothing was imported; tell the township office.", peerLabel(p), tx.orgLabel(ctx, s))
			}
		}
		k := c.Table + "\x00" + c.RowID
		owner, ok := owners[k]
		if !ok {
			err := tx.QueryRowContext(ctx, "SELECT org_id FROM "+c.Table+" WHERE id=?", c.RowID).Scan(&owner)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			owners[k] = owner
		}
		if owner != "" && !scope[owner] {
			return assets.Wrap(ErrOutOfScope, "The bundle from %s changes a record that belongs to %s, which it may not do. Nothing was imported; tell the township office.", peerLabel(p), tx.orgLabel(ctx, owner))
		}
	}
	return nil
}

func (tx *Tx) orgLabel(ctx context.Context, id string) string {
	var name string
	if err := tx.QueryRowContext(ctx, "SELECT name FROM orgs WHERE id=?", id).Scan(&name); err != nil || name == "" {
		return assets.T("an organisation this PC does not know")
	}
	return name
}

// merger applies a bundle's changes with statements prepared once per import.
type merger struct {
	tx          *Tx
	senderKnown VV // what the sender held when it made the bundle
	before      VV // what this database held before the bundle
	version     *sql.Stmt
	setVersion  *sql.Stmt
	logChange   *sql.Stmt
	stmts       map[string]*sql.Stmt
	derive      map[string]map[string]bool // table → rows whose derived columns need refreshing
	now         int64
}

func (tx *Tx) newMerger(ctx context.Context, senderKnown, before VV) (*merger, error) {
	m := &merger{tx: tx, senderKnown: senderKnown, before: before, stmts: map[string]*sql.Stmt{}, derive: map[string]map[string]bool{}, now: tx.db.now().UnixMilli()}
	var err error
	if m.version, err = tx.PrepareContext(ctx, "SELECT hlc, device FROM field_versions WHERE tbl=? AND row_id=? AND field=?"); err != nil {
		return nil, err
	}
	if m.setVersion, err = tx.PrepareContext(ctx, `INSERT INTO field_versions(tbl,row_id,field,hlc,device) VALUES(?,?,?,?,?)
		ON CONFLICT(tbl,row_id,field) DO UPDATE SET hlc=excluded.hlc, device=excluded.device`); err != nil {
		return nil, err
	}
	if m.logChange, err = tx.PrepareContext(ctx, `INSERT INTO changes(tbl,row_id,org_id,field,old_value,new_value,hlc,device,user_name,applied_at,origin)
		VALUES(?,?,?,?,?,?,?,?,?,?,'remote')`); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *merger) close() {
	for _, s := range []*sql.Stmt{m.version, m.setVersion, m.logChange} {
		s.Close()
	}
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

// merge applies one change. It reports whether the change won, and whether it met a
// concurrent edit of the same field (then the losing value is kept as a conflict record).
func (m *merger) merge(ctx context.Context, c Change) (won, conflict bool, err error) {
	var h int64
	var dev string
	err = m.version.QueryRowContext(ctx, c.Table, c.RowID, c.Field).Scan(&h, &dev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, false, err
	}
	if HLC(h) == c.HLC && dev == c.Device {
		return false, false, nil // already here
	}
	get, err := m.stmt(ctx, "SELECT "+c.Field+" FROM "+c.Table+" WHERE id=?")
	if err != nil {
		return false, false, err
	}
	var cur any
	exists := true
	if err := get.QueryRowContext(ctx, c.RowID).Scan(&cur); errors.Is(err, sql.ErrNoRows) {
		exists = false
	} else if err != nil {
		return false, false, err
	}
	cur = normalize(cur)
	c.Value = normalize(c.Value)
	concurrent := h != 0 && dev != c.Device && c.Table != "conflicts" && !equalValues(cur, c.Value)
	if !Newer(c.HLC, c.Device, HLC(h), dev) {
		// The change loses. It is a conflict if it is news here: neither side saw the other.
		if concurrent && m.before[c.Device] < c.HLC {
			local := Change{Table: c.Table, RowID: c.RowID, OrgID: c.OrgID, Field: c.Field, Value: cur, HLC: HLC(h), Device: dev}
			return false, true, m.conflict(ctx, c, local)
		}
		return false, false, nil
	}
	if !exists {
		ins, err := m.stmt(ctx, "INSERT INTO "+c.Table+"(id, org_id) VALUES(?,?)")
		if err != nil {
			return false, false, err
		}
		if _, err := ins.ExecContext(ctx, c.RowID, c.OrgID); err != nil {
			return false, false, fmt.Errorf("merge insert %s: %w", c.Table, err)
		}
	}
	upd, err := m.stmt(ctx, "UPDATE "+c.Table+" SET "+c.Field+"=? WHERE id=?")
	if err != nil {
		return false, false, err
	}
	if _, err := upd.ExecContext(ctx, c.Value, c.RowID); err != nil {
		return false, false, fmt.Errorf("merge %s.%s: %w", c.Table, c.Field, err)
	}
	if _, err := m.setVersion.ExecContext(ctx, c.Table, c.RowID, c.Field, int64(c.HLC), c.Device); err != nil {
		return false, false, err
	}
	if _, err := m.logChange.ExecContext(ctx, c.Table, c.RowID, c.OrgID, c.Field, cur, c.Value, int64(c.HLC), c.Device, c.User, m.now); err != nil {
		return false, false, err
	}
	if registry[c.Table].derive != nil {
		if m.derive[c.Table] == nil {
			m.derive[c.Table] = map[string]bool{}
		}
		m.derive[c.Table][c.RowID] = true
	}
	// The change wins. It is a conflict if its author had not seen the value it replaces.
	if concurrent && m.senderKnown[dev] < HLC(h) {
		local := Change{Table: c.Table, RowID: c.RowID, OrgID: c.OrgID, Field: c.Field, Value: cur, HLC: HLC(h), Device: dev}
		return true, true, m.conflict(ctx, local, c)
	}
	return true, false, nil
}

// finish refreshes the derived local columns of every row the bundle touched.
func (m *merger) finish(ctx context.Context) error {
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
