package replica

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"zhibu/assets"
)

// Future changes: villages upgrade months apart, so a bundle may hold changes to tables or
// fields a newer version added and this one does not know. They are not refused. Each is
// kept as received in future_changes (the newest version of each field, last writer wins on
// (HLC, device) as everywhere), scope-checked like any change (the organisation that owns
// the row), with its original HLC, device and author, so it counts in the version vector and
// a relay forwards it onward exactly like a known change (export.go). When the
// database is opened by a version whose migrations know the table and field, the held
// changes are merged through the normal merge path, in one transaction, and removed.
//
// Routing: a Policy routes by the organisation that owns a row, so an unknown table travels
// like any other: to and from the peers whose scope holds the row's owner. The Policy's own
// checks (CheckInbound) see the unknown changes when they arrive and, once this version
// knows the table, again when they are applied: a change the newer rules refuse stays held.
// The digest counts held fields as the fields they set (digest.go), so an older PC and a
// newer one agree on data both hold. (Release 0.1.0 predates all this: it refuses such a
// bundle whole, so its PCs must be upgraded before a version that adds fields is used.)

// futureSchema is the engine's own table of held changes: per field, the newest version
// received, and peer, the device that sent it (whose Policy checks apply it). It is created
// when a database is opened (no numbered migration: it belongs to the engine, not to the
// domain's schema).
const futureSchema = `CREATE TABLE IF NOT EXISTS future_changes (
    tbl       TEXT NOT NULL,
    row_id    TEXT NOT NULL,
    field     TEXT NOT NULL,
    org_id    TEXT NOT NULL,
    value     ANY,
    hlc       INTEGER NOT NULL,
    device    TEXT NOT NULL,
    user_name TEXT NOT NULL DEFAULT '',
    peer      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tbl, row_id, field)
) STRICT, WITHOUT ROWID`

// ensureFuture creates the table of held changes if the database lacks it.
func (db *DB) ensureFuture(ctx context.Context) error {
	var n int
	if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='future_changes'").Scan(&n); err != nil || n > 0 {
		return err
	}
	_, err := db.sql.ExecContext(ctx, futureSchema)
	return err
}

// FutureCount is how many changes this database holds for tables or fields it does not know.
func (db *DB) FutureCount(ctx context.Context) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM future_changes").Scan(&n)
	return n, err
}

// hold keeps changes to tables or fields this version does not know (oldest first), and
// returns how many were new here and how many conflicts were recorded. Each is checked
// against the owner of its row as stored: a known table's row out of the sender's scope
// refuses the bundle, as any change to it would. A row of an unknown table that another
// PC's held changes already claim for an organisation out of the sender's scope is checked
// per row: the sender's changes to it are left out (neither PC can prove the row is its
// own before the upgrade, and the first claim stands), and the rest of the bundle is
// imported, so one village cannot block a neighbour's bundles by claiming a row first.
func (m *merger) hold(ctx context.Context, cs []Change) (held, conflicts int, err error) {
	if len(cs) > 0 && m.owners == nil {
		m.owners = map[rowKey]string{}
	}
	for _, c := range cs {
		c.Value = normalize(c.Value)
		owner, err := m.futureOwner(ctx, c.Table, c.RowID)
		if err != nil {
			return 0, 0, err
		}
		if err := m.checkOwner(ctx, map[string]any{"org_id": owner}); err != nil {
			if errors.Is(err, ErrOutOfScope) && m.tx.db.tables[c.Table] == nil {
				m.squatted++
				continue
			}
			return 0, 0, err
		}
		var old any
		var h int64
		var dev, user string
		q, err := m.stmt(ctx, "SELECT value, hlc, device, user_name FROM future_changes WHERE tbl=? AND row_id=? AND field=?")
		if err != nil {
			return 0, 0, err
		}
		err = q.QueryRowContext(ctx, c.Table, c.RowID, c.Field).Scan(&old, &h, &dev, &user)
		if errors.Is(err, sql.ErrNoRows) {
			err, dev = nil, ""
		}
		if err != nil {
			return 0, 0, err
		}
		local := Change{Table: c.Table, RowID: c.RowID, OrgID: c.OrgID, Field: c.Field, Value: normalize(old), HLC: HLC(h), Device: dev, User: user}
		if local.HLC == c.HLC && local.Device == c.Device {
			continue // already here
		}
		concurrent := dev != "" && dev != c.Device && !equalValues(local.Value, c.Value)
		if !Newer(c.HLC, c.Device, local.HLC, local.Device) {
			// Older than what is held: a conflict, as in mergeRow, if neither side saw the other.
			if concurrent && m.before[c.Device] < c.HLC {
				if err := m.heldConflict(ctx, c, local); err != nil {
					return 0, 0, err
				}
				conflicts++
			}
			continue
		}
		if concurrent && m.senderKnown[local.Device] < local.HLC {
			if err := m.heldConflict(ctx, local, c); err != nil {
				return 0, 0, err
			}
			conflicts++
		}
		put, err := m.stmt(ctx, `INSERT INTO future_changes(tbl,row_id,field,org_id,value,hlc,device,user_name,peer) VALUES(?,?,?,?,?,?,?,?,?)
			ON CONFLICT(tbl,row_id,field) DO UPDATE SET org_id=excluded.org_id, value=excluded.value, hlc=excluded.hlc,
			device=excluded.device, user_name=excluded.user_name, peer=excluded.peer`)
		if err != nil {
			return 0, 0, err
		}
		if _, err := put.ExecContext(ctx, c.Table, c.RowID, c.Field, c.OrgID, c.Value, int64(c.HLC), c.Device, c.User, m.peer.DeviceID); err != nil {
			return 0, 0, fmt.Errorf("hold %s.%s: %w", c.Table, c.Field, err)
		}
		if s, ok := c.Value.(string); ok && c.Field == "org_id" && m.tx.db.tables[c.Table] == nil {
			// The row of an unknown table moved: its held fields follow their owner.
			if _, err := m.tx.ExecContext(ctx, "UPDATE future_changes SET org_id=? WHERE tbl=? AND row_id=?", s, c.Table, c.RowID); err != nil {
				return 0, 0, err
			}
			m.owners[rowKey{c.Table, c.RowID}] = s
		}
		held++
	}
	return held, conflicts, nil
}

// heldConflict keeps the loser of concurrent edits of a held field, as the merge does for
// known ones (the conflict record names the table and field as received).
func (m *merger) heldConflict(ctx context.Context, loser, winner Change) error {
	if err := m.flush(ctx); err != nil {
		return err
	}
	return m.conflict(ctx, loser, winner)
}

// futureOwner is the stored owner of the row a held change is for ("" if none is stored).
// The owners read are kept for the rest of the bundle (its known rows are merged first).
func (m *merger) futureOwner(ctx context.Context, tbl, id string) (string, error) {
	k := rowKey{tbl, id}
	if owner, ok := m.owners[k]; ok {
		return owner, nil
	}
	q := "SELECT org_id FROM future_changes WHERE tbl=? AND row_id=? ORDER BY field='org_id' DESC LIMIT 1"
	args := []any{tbl, id}
	if t := m.tx.db.tables[tbl]; t != nil {
		q, args = "SELECT org_id FROM "+t.Name+" WHERE id=?", []any{id}
	}
	s, err := m.stmt(ctx, q)
	if err != nil {
		return "", err
	}
	var owner string
	if err := s.QueryRowContext(ctx, args...).Scan(&owner); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	if owner == "" && m.tx.db.tables[tbl] == nil {
		return "", nil // a new row: its owner comes with its changes (checked by scope)
	}
	m.owners[k] = owner
	return owner, nil
}

// applyFuture merges the held changes this version now knows (its migrations added their
// tables or fields), per peer they came from, through the normal merge: last writer wins on
// (HLC, device) against what is there, concurrent edits become conflicts, closed rows keep
// their values. They are already in the version vector; they keep their versions. All of it is one transaction; a peer's held
// changes that its Policy now refuses stay held.
func (db *DB) applyFuture(ctx context.Context) error {
	type field struct{ tbl, field string }
	fields, err := Collect(ctx, db.sql, func(s Scanner) (field, error) {
		var f field
		return f, s.Scan(&f.tbl, &f.field)
	}, "SELECT DISTINCT tbl, field FROM future_changes")
	if err != nil || len(fields) == 0 {
		return err
	}
	var known []field
	for _, f := range fields {
		if db.Knows(f.tbl, f.field) {
			known = append(known, f)
		}
	}
	if len(known) == 0 {
		return nil
	}
	return db.Write(ctx, func(tx *Tx) error {
		byPeer := map[string][]Change{}
		for _, f := range known {
			cs, err := Collect(ctx, tx, func(s Scanner) (Change, error) {
				var c Change
				var h int64
				var peer string
				err := s.Scan(&c.RowID, &c.OrgID, &c.Value, &h, &c.Device, &c.User, &peer)
				c.Table, c.Field, c.HLC, c.Origin = f.tbl, f.field, HLC(h), peer
				return c, err
			}, "SELECT row_id, org_id, value, hlc, device, user_name, peer FROM future_changes WHERE tbl=? AND field=?", f.tbl, f.field)
			if err != nil {
				return err
			}
			for _, c := range cs {
				byPeer[c.Origin] = append(byPeer[c.Origin], c)
			}
		}
		peers := make([]string, 0, len(byPeer))
		for p := range byPeer {
			peers = append(peers, p)
		}
		sort.Strings(peers)
		before, err := knownVV(ctx, tx, db.Device())
		if err != nil {
			return err
		}
		for _, id := range peers {
			cs := byPeer[id]
			for i := range cs {
				cs[i].Origin = "remote"
			}
			p, err := tx.peer(ctx, id)
			if errors.Is(err, ErrUnknownPeer) {
				continue // unpaired since: nobody vouches for them any more; they stay held
			}
			if err != nil {
				return err
			}
			// The same checks as a bundle's changes: the sender's scope for the rows' owners
			// (as stored now, and as the changes set them) and the Policy's rules. Changes the
			// rules refuse stay held, nothing is lost.
			scope, err := db.policy.Inbound(ctx, tx, p)
			if err != nil {
				return err
			}
			// A row whose owner (as stored now) is outside the sender's scope keeps its held
			// changes held: the sender claimed a row that turned out to be another's. So does
			// a row whose held changes name or move to an owner out of the sender's scope;
			// the sender's other rows are applied.
			if cs, err = ownRows(ctx, tx, scope, cs); err != nil {
				return err
			}
			if cs = scopedRows(scope, cs); len(cs) == 0 {
				continue
			}
			err = db.policy.CheckInbound(ctx, tx, p, cs)
			if errors.Is(err, ErrOutOfScope) {
				continue
			}
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "SAVEPOINT held_peer"); err != nil {
				return err
			}
			m, err := tx.newMerger(ctx, p, scope, VV{}, before)
			if err != nil {
				return err
			}
			if _, _, err = m.merge(ctx, cs); err == nil {
				err = m.finish(ctx)
			}
			m.close()
			if errors.Is(err, ErrOutOfScope) {
				// A row they would change belongs outside the sender's scope: undo this
				// peer's part, keep its changes held.
				if _, err := tx.ExecContext(ctx, "ROLLBACK TO held_peer"); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, "RELEASE held_peer"); err != nil {
					return err
				}
				continue
			}
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "RELEASE held_peer"); err != nil {
				return err
			}
			for _, c := range cs {
				if _, err := tx.ExecContext(ctx, "DELETE FROM future_changes WHERE tbl=? AND row_id=? AND field=? AND peer=?", c.Table, c.RowID, c.Field, id); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// scopedRows keeps the changes of rows none of whose changes is to a row of an organisation
// out of scope (nil: all) or moves it out of scope.
func scopedRows(scope map[string]bool, cs []Change) []Change {
	if scope == nil {
		return cs
	}
	bad := map[rowKey]bool{}
	for _, c := range cs {
		if s, _ := c.Value.(string); !scope[c.OrgID] || c.Field == "org_id" && !scope[s] {
			bad[rowKey{c.Table, c.RowID}] = true
		}
	}
	if len(bad) == 0 {
		return cs
	}
	var out []Change
	for _, c := range cs {
		if !bad[rowKey{c.Table, c.RowID}] {
			out = append(out, c)
		}
	}
	return out
}

// Bounds of what this PC holds for tables and fields it does not know: a paired PC cannot
// fill the disk with them. A bundle that would pass either is refused whole.
const (
	MaxHeldPerPeer = 50_000
	MaxHeldTotal   = 200_000
)

// checkHeldBounds refuses a bundle whose new held changes would pass the bounds.
func (m *merger) checkHeldBounds(ctx context.Context, future []Change) error {
	if len(future) == 0 {
		return nil
	}
	var total, mine int
	if err := m.tx.QueryRowContext(ctx, "SELECT count(*), coalesce(sum(peer=?),0) FROM future_changes", m.peer.DeviceID).Scan(&total, &mine); err != nil {
		return err
	}
	if mine+len(future) > MaxHeldPerPeer || total+len(future) > MaxHeldTotal {
		return assets.Wrap(ErrInvalid, "The bundle from %s holds %d changes to data only a newer version of Zhibu knows, more than this PC keeps (%d from one PC, %d in all). Nothing was imported. Upgrade Zhibu on this PC, then import the bundle again.",
			m.peer.Label(), len(future), MaxHeldPerPeer, MaxHeldTotal)
	}
	return nil
}

// HeldGroup is what this PC holds for a table or field it does not know, from one peer.
type HeldGroup struct {
	Peer  string `json:"peer"`
	Table string `json:"table"`
	Field string `json:"field"`
	Count int    `json:"count"`
}

// HeldChanges lists what this PC holds for tables and fields it does not know, by peer,
// table and field.
func (db *DB) HeldChanges(ctx context.Context) ([]HeldGroup, error) {
	return Collect(ctx, db.sql, func(s Scanner) (HeldGroup, error) {
		var g HeldGroup
		return g, s.Scan(&g.Peer, &g.Table, &g.Field, &g.Count)
	}, "SELECT peer, tbl, field, count(*) FROM future_changes GROUP BY peer, tbl, field ORDER BY peer, tbl, field")
}

// DropHeld removes the held changes a peer sent (peer "" for every peer) for a table
// (table "" for every table), as an administrator decides; it returns how many went. Their
// data is lost on this PC: the peer sends it again only if it changes.
func (db *DB) DropHeld(ctx context.Context, peer, table string) (int, error) {
	var n int64
	err := db.Write(ctx, func(tx *Tx) error {
		r, err := tx.ExecContext(ctx, "DELETE FROM future_changes WHERE (?1='' OR peer=?1) AND (?2='' OR tbl=?2)", peer, table)
		if err != nil {
			return err
		}
		n, err = r.RowsAffected()
		return err
	})
	return int(n), err
}

// ownRows keeps the changes to rows that do not exist yet or whose stored owner is in scope.
func ownRows(ctx context.Context, tx *Tx, scope map[string]bool, cs []Change) ([]Change, error) {
	if scope == nil {
		return cs, nil
	}
	owners := map[rowKey]string{}
	var out []Change
	for _, c := range cs {
		k := rowKey{c.Table, c.RowID}
		owner, ok := owners[k]
		if !ok {
			if t := tx.db.tables[c.Table]; t != nil {
				err := tx.QueryRowContext(ctx, "SELECT org_id FROM "+t.Name+" WHERE id=?", c.RowID).Scan(&owner)
				if err != nil && !errors.Is(err, sql.ErrNoRows) {
					return nil, err
				}
			}
			owners[k] = owner
		}
		if owner == "" || scope[owner] {
			out = append(out, c)
		}
	}
	return out, nil
}
