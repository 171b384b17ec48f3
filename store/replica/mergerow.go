package replica

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// mergeRow applies the changes of one row (oldest first). A change is written if its
// version (HLC, device) is newer than the field's; where it meets a concurrent edit of the
// same field, the losing value is kept as a conflict record. It returns how many changes won
// and how many conflicts were recorded.
func (m *merger) mergeRow(ctx context.Context, tbl, id string, cs []Change) (won, conflicts int, err error) {
	t := m.tx.db.tables[tbl]
	st := m.loaded[rowKey{tbl, id}]
	if st == nil {
		if st, err = m.readState(ctx, t, id); err != nil {
			return 0, 0, err
		}
	}
	vers, cur := st.vers, st.cur
	if err := m.checkOwner(ctx, cur); err != nil {
		return 0, 0, err
	}
	exists := cur != nil
	closed, err := m.closed(ctx, tbl, id, cur, cs)
	if err != nil {
		return 0, 0, err
	}
	if cur == nil {
		cur = make(map[string]any, len(cs))
	}
	set := make(map[string]any, len(cs))
	var orgID string
	born, top := HLC(0), HLC(0)
	self := m.tx.db.Device()
	var retired []Change // versions made here that the changes replace
	type pair struct{ loser, winner Change }
	var found []pair
	for _, c := range cs {
		c.Value = normalize(c.Value)
		v := vers[c.Field]
		if v.hlc == c.HLC && v.dev == c.Device {
			continue // already here
		}
		old := cur[c.Field]
		concurrent := v.hlc != 0 && v.dev != c.Device && tbl != conflictTable.Name && !equalValues(old, c.Value)
		local := Change{Table: tbl, RowID: id, OrgID: c.OrgID, Field: c.Field, Value: old, HLC: v.hlc, Device: v.dev, User: v.usr}
		if !Newer(c.HLC, c.Device, v.hlc, v.dev) {
			// The change loses. It is a conflict if it is news here: neither side saw the other.
			if concurrent && m.before[c.Device] < c.HLC {
				found = append(found, pair{c, local})
			}
			continue
		}
		if closed {
			// The row is closed to change: the change is kept for review, the row keeps its value.
			if !equalValues(old, c.Value) {
				local.OrgID = c.OrgID
				found = append(found, pair{c, local})
			}
			continue
		}
		// The change wins. It is a conflict if its author had not seen the value it replaces.
		if concurrent && m.senderKnown[v.dev] < v.hlc {
			found = append(found, pair{local, c})
		}
		if err := m.supersede(ctx, c); err != nil {
			return 0, 0, err
		}
		if m.replaced != nil && v.hlc != 0 {
			m.replaced[fieldKey{tbl, id, c.Field}] = local
		}
		if v.dev != "" && v.dev == self {
			retired = append(retired, local)
		}
		won++
		cur[c.Field], set[c.Field] = c.Value, c.Value
		vers[c.Field] = fieldVersion{c.HLC, c.Device, c.User}
		orgID = c.OrgID
		if born == 0 || c.HLC < born {
			born = c.HLC
		}
		top = max(top, c.HLC)
	}
	if len(set) > 0 {
		if err := m.write(ctx, t, id, exists, orgID, set); err != nil {
			return 0, 0, err
		}
		owner, _ := cur["org_id"].(string)
		if owner == "" {
			owner = orgID
		}
		if st.ref, err = m.touch(ctx, tbl, id, st.ref, born, top, owner); err != nil {
			return 0, 0, err
		}
		for _, f := range t.cols {
			if _, ok := set[f]; !ok {
				continue
			}
			v := vers[f]
			fid, err := m.tx.nameID(ctx, f)
			if err != nil {
				return 0, 0, err
			}
			dev, err := m.tx.nameID(ctx, v.dev)
			if err != nil {
				return 0, 0, err
			}
			usr, err := m.tx.nameID(ctx, v.usr)
			if err != nil {
				return 0, 0, err
			}
			if err := m.versions.add(ctx, st.ref.id, fid, int64(v.hlc), dev, usr); err != nil {
				return 0, 0, err
			}
		}
		for _, r := range retired {
			fid, err := m.tx.nameID(ctx, r.Field)
			if err != nil {
				return 0, 0, err
			}
			dev, err := m.tx.nameID(ctx, r.Device)
			if err != nil {
				return 0, 0, err
			}
			usr, err := m.tx.nameID(ctx, r.User)
			if err != nil {
				return 0, 0, err
			}
			if err := m.audit.add(ctx, st.ref.id, fid, int64(r.HLC), dev, usr, r.Value); err != nil {
				return 0, 0, err
			}
		}
	}
	for _, p := range found {
		if err := m.conflict(ctx, p.loser, p.winner); err != nil {
			return 0, 0, err
		}
	}
	return won, len(found), nil
}

// closed asks the Policy's guard whether the row is closed to the changes (which it then
// keeps as conflicts rather than applying).
func (m *merger) closed(ctx context.Context, tbl, id string, cur map[string]any, cs []Change) (bool, error) {
	if m.guard == nil || tbl == conflictTable.Name {
		return false, nil
	}
	in := make(map[string]any, len(cs))
	for _, c := range cs {
		in[c.Field] = normalize(c.Value)
	}
	err := m.guard(ctx, tbl, id, cur, in)
	if errors.Is(err, ErrClosed) {
		return true, nil
	}
	return false, err
}

// write stores the fields of a row that won: one INSERT for a new row (its owner is the
// org_id change if there is one, else the owner its changes name), one UPDATE otherwise.
func (m *merger) write(ctx context.Context, t *table, id string, exists bool, orgID string, set map[string]any) error {
	var fields []string
	var args []any
	if !exists {
		fields, args = []string{"id", "org_id"}, []any{id, orgID}
	}
	for _, f := range t.cols {
		v, ok := set[f]
		if !ok {
			continue
		}
		if f == "org_id" && !exists {
			args[1] = v
			continue
		}
		fields = append(fields, f)
		args = append(args, v)
	}
	var q string
	if exists {
		q = "UPDATE " + t.Name + " SET " + strings.Join(fields, "=?,") + "=? WHERE id=?"
		args = append(args, id)
	} else {
		q = "INSERT INTO " + t.Name + "(" + strings.Join(fields, ",") + ") VALUES(?" + strings.Repeat(",?", len(fields)-1) + ")"
	}
	s, err := m.stmt(ctx, q)
	if err != nil {
		return err
	}
	if _, err := s.ExecContext(ctx, args...); err != nil {
		return fmt.Errorf("merge %s: %w", t.Name, err)
	}
	if t.derives(func(f string) bool { _, ok := set[f]; return ok }) {
		if m.derive[t.Name] == nil {
			m.derive[t.Name] = map[string]bool{}
		}
		m.derive[t.Name][id] = true
	}
	return nil
}

// touch numbers a row new here and marks it changed by this transaction (as touchRow, in
// a batch).
func (m *merger) touch(ctx context.Context, tbl, id string, ref rowRef, born, top HLC, org string) (rowRef, error) {
	seq, err := m.tx.seq(ctx)
	if err != nil {
		return ref, err
	}
	tid, err := m.tx.nameID(ctx, tbl)
	if err != nil {
		return ref, err
	}
	if org != "" {
		if ref.org, err = m.tx.nameID(ctx, org); err != nil {
			return ref, err
		}
	}
	if ref.id == 0 {
		if m.nextRow == 0 {
			if err := m.tx.QueryRowContext(ctx, "SELECT coalesce(max(id),0) FROM crr_rows").Scan(&m.nextRow); err != nil {
				return ref, err
			}
		}
		m.nextRow++
		ref.id, ref.born = m.nextRow, born
	}
	ref.born = min(ref.born, born)
	return ref, m.rows.add(ctx, ref.id, tid, id, ref.org, int64(ref.born), int64(top), seq)
}

func (m *merger) flush(ctx context.Context) error {
	if err := m.rows.flush(ctx); err != nil {
		return err
	}
	if err := m.versions.flush(ctx); err != nil {
		return err
	}
	return m.audit.flush(ctx)
}

// finish writes what is batched and refreshes the derived local columns of every row the
// bundle touched.
func (m *merger) finish(ctx context.Context) error {
	if err := m.flush(ctx); err != nil {
		return err
	}
	for name, rows := range m.derive {
		ids := make([]string, 0, len(rows))
		for id := range rows {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			if err := m.tx.db.tables[name].Derive(ctx, m.tx, id); err != nil {
				return fmt.Errorf("derive %s %s: %w", name, id, err)
			}
		}
	}
	return nil
}
