package replica

import (
	"context"
	"errors"
	"sort"
	"time"

	"zhibu/assets"
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
	Held      int           // changes to tables or fields this version does not know, kept (future.go)
	Claimed   int           // such changes left out: another PC's held changes claim their row first
	ClockSkew time.Duration // how far the sender's clock was ahead of this PC's (negative: behind)
}

// MaxClockSkew is how far a peer's clock may differ before the user is warned, and how far
// ahead of this PC's clock (its wall clock or the newest stamp it holds, whichever is later)
// a received stamp may be. A bundle with a later stamp is refused whole: accepting it would
// drag every later edit on every PC into that future (the HLC never runs back), and a stamp
// near the HLC's maximum would wrap the clock. One day leaves room for time zones and a PC a
// few hours off; a PC a day or more off is already one whose dates the user must fix.
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
			return assets.Wrap(ErrOldBundle, "This bundle (number %d from %s) is not newer than one already imported (number %d). Nothing was changed.", in.Seq, p.Label(), p.InSeq)
		}
		// The engine's own tables never take a peer's writes (an older version sends its
		// conflict records): such changes are dropped, not held.
		reported := conflictReports(in.Changes)
		in.Changes = dropEngineTables(in.Changes)
		if err := tx.checkStamps(ctx, p, in.Changes); err != nil {
			return err
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
		if len(reported) > 0 {
			m.replaced = map[fieldKey]Change{}
		}
		var maxHLC HLC
		origins := map[string]bool{}
		known, future := in.Changes, []Change(nil)
		for i, c := range in.Changes {
			maxHLC = max(maxHLC, c.HLC)
			origins[c.Device] = true
			if !db.Knows(c.Table, c.Field) && future == nil {
				known, future = splitKnown(db, in.Changes[i:], in.Changes[:i:i])
			}
		}
		if res.Applied, res.Conflicts, err = m.merge(ctx, known); err != nil {
			return err
		}
		sortOldestFirst(future)
		if err := m.checkHeldBounds(ctx, future); err != nil {
			return err
		}
		held, conflicts, err := m.hold(ctx, future)
		if err != nil {
			return err
		}
		res.Held, res.Conflicts, res.Claimed = held, res.Conflicts+conflicts, m.squatted
		if err := m.finish(ctx); err != nil {
			return err
		}
		n, err := m.adoptConflicts(ctx, reported)
		if err != nil {
			return err
		}
		res.Conflicts += n
		db.observe(maxHLC)
		tx.ticked = true
		if err := tx.advanceVV(ctx, p, in, before, origins); err != nil {
			return err
		}
		if _, err = tx.ExecContext(ctx, `UPDATE peers SET in_seq=?, acked=?, last_sync=?, last_error='', clock_skew_ms=? WHERE device_id=?`,
			in.Seq, in.Known.json(), db.now().UnixMilli(), res.ClockSkew.Milliseconds(), p.DeviceID); err != nil {
			return err
		}
		// A sender on an older version still sends rows about other organisations: they go.
		_, err = tx.keepOwn(ctx)
		return err
	})
	var ahead *clockAhead
	if errors.As(err, &ahead) {
		// Nothing of the bundle was kept, but the clock check names the sender's PC.
		_, _ = db.sql.ExecContext(ctx, "UPDATE peers SET clock_skew_ms=? WHERE device_id=?", ahead.by.Milliseconds(), in.From)
	}
	return res, err
}

// merge applies changes row by row, oldest first, reading the rows ahead in windows; it
// returns how many changes won and how many conflicts were recorded. finish writes the rest.
func (m *merger) merge(ctx context.Context, cs []Change) (won, conflicts int, err error) {
	sortOldestFirst(cs)
	// Group the changes by row without copying them (a bundle may hold two million): number
	// the rows in the order they first appear, then lay out the changes' indices row by row
	// (a counting sort, stable, so each row keeps its changes oldest first).
	rank := map[rowKey]int32{}
	var order []rowKey
	rowOf := make([]int32, len(cs))
	for i := range cs {
		k := rowKey{cs[i].Table, cs[i].RowID}
		r, ok := rank[k]
		if !ok {
			r = int32(len(order))
			rank[k] = r
			order = append(order, k)
		}
		rowOf[i] = r
	}
	rank = nil
	start := make([]int32, len(order)+1)
	for _, r := range rowOf {
		start[r+1]++
	}
	for r := range order {
		start[r+1] += start[r]
	}
	at := append([]int32(nil), start[:len(order)]...)
	byRow := make([]int32, len(cs))
	for i, r := range rowOf {
		byRow[at[r]] = int32(i)
		at[r]++
	}
	rowOf, at = nil, nil
	var group []Change
	for w0 := 0; w0 < len(order); w0 += loadRows {
		w := order[w0:min(w0+loadRows, len(order))]
		if err := m.load(ctx, w); err != nil {
			return 0, 0, err
		}
		for j, k := range w {
			r := w0 + j
			group = group[:0]
			for _, i := range byRow[start[r]:start[r+1]] {
				group = append(group, cs[i])
			}
			n, c, err := m.mergeRow(ctx, k.tbl, k.row, group)
			if err != nil {
				return 0, 0, err
			}
			won += n
			conflicts += c
		}
	}
	return won, conflicts, nil
}

// splitKnown appends to known the changes of cs this version knows, and returns them with
// the others.
func splitKnown(db *DB, cs, known []Change) ([]Change, []Change) {
	var future []Change
	for _, c := range cs {
		if db.Knows(c.Table, c.Field) {
			known = append(known, c)
		} else {
			future = append(future, c)
		}
	}
	return known, future
}

// sortOldestFirst orders changes by version (HLC, then device).
func sortOldestFirst(cs []Change) {
	sort.SliceStable(cs, func(i, j int) bool { return Newer(cs[j].HLC, cs[j].Device, cs[i].HLC, cs[i].Device) })
}

// clockAhead is the refusal of a bundle stamped beyond the bound; by is how far ahead.
type clockAhead struct {
	error
	by time.Duration
}

func (e *clockAhead) Unwrap() error { return e.error }

// checkStamps refuses a bundle holding a stamp more than MaxClockSkew ahead of this PC.
func (tx *Tx) checkStamps(ctx context.Context, p Peer, cs []Change) error {
	var top HLC
	for _, c := range cs {
		top = max(top, c.HLC)
	}
	here := tx.db.now()
	if w := tx.db.Clock().Wall(); w.After(here) {
		here = w
	}
	limit := here.Add(MaxClockSkew)
	if top < 0 || top.Wall().After(limit) {
		stamp := "?"
		if top >= 0 && top.Wall().Year() < 10000 {
			stamp = top.Wall().Local().Format("2006-01-02 15:04")
		}
		return &clockAhead{by: top.Wall().Sub(here), error: assets.Wrap(ErrClockAhead,
			"This bundle from %s carries changes dated %s, more than a day after this PC's clock (%s). Nothing was imported. Check the date and time on both PCs; if this PC's date is wrong, set it and import again; if theirs is wrong, ask them to set it.",
			p.Label(), stamp, here.Local().Format("2006-01-02 15:04"))}
	}
	return nil
}

// advanceVV records what this database now holds. The sender's knowledge of an origin counts
// only if the sender sees at least as much of it as this database may (the origin itself, or
// a relay) and the bundle continues from what this database already held.
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
	relays := tx.db.policy.Relays(p)
	for o, h := range in.Known {
		if o == self || h <= before[o] {
			continue
		}
		if o != p.DeviceID && !relays {
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

// engineTables are the engine's own: what a peer sends for them is never written or held.
var engineTables = map[string]bool{"conflicts": true, "meta": true, "changes": true, "field_versions": true,
	"peers": true, "sync_vv": true, "future_changes": true, "crr_names": true, "crr_rows": true, "crr_clock": true, "crr_audit": true}

// dropEngineTables returns the changes that are not to the engine's own tables.
func dropEngineTables(cs []Change) []Change {
	for i, c := range cs {
		if engineTables[c.Table] {
			out := append([]Change(nil), cs[:i]...)
			for _, c := range cs[i+1:] {
				if !engineTables[c.Table] {
					out = append(out, c)
				}
			}
			return out
		}
	}
	return cs
}
