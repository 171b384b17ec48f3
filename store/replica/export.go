package replica

import (
	"context"
	"sort"
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
	type key struct{ tbl, row, field string }
	newest := map[key]int{}
	for _, origin := range origins {
		cs, err := Collect(ctx, tx, scanChange, `SELECT seq,tbl,row_id,org_id,field,NULL,new_value,hlc,device,user_name,origin,applied_at
			FROM changes WHERE device=? AND hlc>? ORDER BY hlc, seq`, origin, int64(p.Acked[origin]))
		if err != nil {
			return out, err
		}
		for _, c := range cs {
			if scope != nil && !scope[c.OrgID] {
				continue
			}
			// Only the newest version of each field travels: older ones would lose anyway.
			k := key{c.Table, c.RowID, c.Field}
			if i, ok := newest[k]; ok {
				if prev := out.Changes[i]; !Newer(c.HLC, c.Device, prev.HLC, prev.Device) {
					continue
				}
				out.Changes[i] = c
				continue
			}
			newest[k] = len(out.Changes)
			out.Changes = append(out.Changes, c)
		}
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
