package replica

import (
	"context"
	"sort"
	"strings"
)

// Outgoing is what a bundle for one paired device carries: the changes it lacks, within its
// scope, numbered and stamped with what each side knows.
type Outgoing struct {
	To      string // recipient device
	From    string // this device
	Seq     int64  // bundle number, per recipient, increasing
	Base    VV     // what the recipient is known to hold (from its newest bundle)
	Known   VV     // what this database holds
	Clock   HLC    // this database's clock when the bundle was made
	Changes []Change
}

// PrepareExport collects the changes a paired device lacks and gives the bundle its number.
// Bundles are cumulative: until the peer's own bundle says what it has received, every
// bundle carries everything since the last acknowledgement, so a lost or skipped bundle
// does no harm.
func (db *DB) PrepareExport(ctx context.Context, deviceID string) (Outgoing, error) {
	out, err := db.Outgoing(ctx, deviceID)
	if err != nil {
		return out, err
	}
	return out, db.CommitExport(ctx, out)
}

// Outgoing is PrepareExport without recording anything: the bundle's number and last_sent
// are recorded by CommitExport once the bundle is safely written (a full USB stick must not
// use up a number nor count as sent).
func (db *DB) Outgoing(ctx context.Context, deviceID string) (Outgoing, error) {
	var out Outgoing
	err := db.read(ctx, func(tx *Tx) error {
		p, err := tx.peer(ctx, deviceID)
		if err != nil {
			return err
		}
		if out, err = tx.outgoing(ctx, p); err != nil {
			return err
		}
		out.Seq = p.OutSeq + 1
		return nil
	})
	return out, err
}

// CommitExport records that the bundle out was written: its number is used and the peer
// counts as sent to now.
func (db *DB) CommitExport(ctx context.Context, out Outgoing) error {
	_, err := db.sql.ExecContext(ctx, "UPDATE peers SET out_seq=max(out_seq, ?), last_sent=? WHERE device_id=?", out.Seq, db.now().UnixMilli(), out.To)
	return db.diskErr(err)
}

func (tx *Tx) outgoing(ctx context.Context, p Peer) (Outgoing, error) {
	self := tx.db.Device()
	known, err := knownVV(ctx, tx, self)
	if err != nil {
		return Outgoing{}, err
	}
	out := Outgoing{To: p.DeviceID, From: self, Base: p.Acked, Known: known, Clock: tx.db.Clock()}
	scope, relay, err := tx.db.policy.Outbound(ctx, tx, p)
	if err != nil {
		return out, err
	}
	// A device sends its own edits; a relay also forwards what it holds of every other
	// device, within the recipient's scope.
	origins := []string{self}
	if relay {
		for d := range known {
			if d != self && d != p.DeviceID {
				origins = append(origins, d)
			}
		}
		sort.Strings(origins[1:])
	}
	for _, origin := range origins {
		cs, err := tx.versionsAfter(ctx, origin, p.Acked[origin], scope)
		if err != nil {
			return out, err
		}
		out.Changes = append(out.Changes, cs...)
	}
	// A row that concerns only some organisations goes only to peers holding one of them.
	if out.Changes, err = tx.routeByAudience(ctx, out.Changes, p); err != nil {
		return out, err
	}
	reports, err := tx.conflictReportsFor(ctx, p, scope)
	if err != nil {
		return out, err
	}
	out.Changes = append(out.Changes, reports...)
	sort.SliceStable(out.Changes, func(i, j int) bool {
		a, b := out.Changes[i], out.Changes[j]
		if a.Device != b.Device {
			return a.Device < b.Device
		}
		return a.HLC < b.HLC
	})
	return out, nil
}

// versionsAfter derives the changes of one origin device newer than after, within scope (nil:
// every organisation): the fields whose current version the device made after that point,
// each with its current value read from its record table, and the held changes of tables or
// fields this version does not know (future.go). Only the newest version of a field exists
// here, which is the one that travels: older ones would lose anyway.
func (tx *Tx) versionsAfter(ctx context.Context, origin string, after HLC, scope map[string]bool) ([]Change, error) {
	var out []Change
	dev, ok, err := tx.lookupID(ctx, origin)
	if err != nil {
		return nil, err
	}
	if ok {
		type ver struct {
			tbl, field, usr, org int64
			row                  string
			hlc                  HLC
		}
		vs, err := Collect(ctx, tx, func(s Scanner) (ver, error) {
			var v ver
			return v, s.Scan(&v.tbl, &v.row, &v.org, &v.field, (*int64)(&v.hlc), &v.usr)
		}, `SELECT r.tbl, r.row_id, r.org, c.field, c.hlc, c.usr FROM crr_rows r JOIN crr_clock c ON c.row=r.id
			WHERE r.top>?2 AND c.hlc>?2 AND c.dev=?1 ORDER BY c.hlc, c.row, c.field`, dev, int64(after))
		if err != nil {
			return nil, err
		}
		// The rows to read, by table, in scope.
		ids := map[string][]string{}
		keep := vs[:0]
		for _, v := range vs {
			org, err := tx.name(ctx, v.org)
			if err != nil {
				return nil, err
			}
			if scope != nil && !scope[org] {
				continue
			}
			tbl, err := tx.name(ctx, v.tbl)
			if err != nil {
				return nil, err
			}
			if tx.db.tables[tbl] == nil {
				continue
			}
			ids[tbl] = append(ids[tbl], v.row)
			keep = append(keep, v)
		}
		rows := map[rowKey]map[string]any{}
		for tbl, list := range ids {
			sort.Strings(list)
			if err := tx.readRows(ctx, tx.db.tables[tbl], compact(list), func(id string, row map[string]any) { rows[rowKey{tbl, id}] = row }); err != nil {
				return nil, err
			}
		}
		for _, v := range keep {
			tbl, _ := tx.name(ctx, v.tbl)
			field, err := tx.name(ctx, v.field)
			if err != nil {
				return nil, err
			}
			usr, err := tx.name(ctx, v.usr)
			if err != nil {
				return nil, err
			}
			row := rows[rowKey{tbl, v.row}]
			if row == nil || !tx.db.tables[tbl].colSet[field] {
				continue
			}
			org, _ := row["org_id"].(string)
			if scope != nil && !scope[org] {
				continue
			}
			out = append(out, Change{Table: tbl, RowID: v.row, OrgID: org, Field: field, Value: row[field], HLC: v.hlc, Device: origin, User: usr, Origin: "local"})
		}
	}
	held, err := Collect(ctx, tx, func(s Scanner) (Change, error) {
		var c Change
		var h int64
		err := s.Scan(&c.Table, &c.RowID, &c.OrgID, &c.Field, &c.Value, &h, &c.User)
		c.HLC, c.Device, c.Origin, c.Value = HLC(h), origin, "remote", normalize(c.Value)
		return c, err
	}, "SELECT tbl, row_id, org_id, field, value, hlc, user_name FROM future_changes WHERE device=? AND hlc>? ORDER BY hlc, tbl, row_id, field", origin, int64(after))
	if err != nil {
		return nil, err
	}
	for _, c := range held {
		if scope == nil || scope[c.OrgID] {
			out = append(out, c)
		}
	}
	if self := tx.db.Device(); origin != self {
		for i := range out {
			out[i].Origin = "remote"
		}
	}
	return out, nil
}

// readRows reads the replicated fields of rows of a table, 500 at a time.
func (tx *Tx) readRows(ctx context.Context, t *table, ids []string, put func(id string, row map[string]any)) error {
	for len(ids) > 0 {
		part := ids[:min(len(ids), 500)]
		ids = ids[len(part):]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := tx.QueryContext(ctx, "SELECT id,"+strings.Join(t.cols, ",")+" FROM "+t.Name+" WHERE id IN (?"+strings.Repeat(",?", len(part)-1)+")", args...)
		if err != nil {
			return err
		}
		vals, ptrs := scanTargets(len(t.cols) + 1)
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return err
			}
			id, _ := vals[0].(string)
			put(id, t.rowOf(vals[1:]))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
