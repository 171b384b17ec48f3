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
		local := Change{Table: tbl, RowID: id, OrgID: c.OrgID, Field: c.Field, Value: old, HLC: v.hlc, Device: v.dev}
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
		won++
		cur[c.Field], set[c.Field] = c.Value, c.Value
		vers[c.Field] = fieldVersion{c.HLC, c.Device}
		orgID = c.OrgID
		if err := m.versions.add(ctx, tbl, id, c.Field, int64(c.HLC), c.Device); err != nil {
			return 0, 0, err
		}
		if m.logged {
			continue
		}
		if err := m.log.add(ctx, tbl, id, c.OrgID, c.Field, old, c.Value, int64(c.HLC), c.Device, c.User, m.now); err != nil {
			return 0, 0, err
		}
	}
	if len(set) > 0 {
		if err := m.write(ctx, t, id, exists, orgID, set); err != nil {
			return 0, 0, err
		}
	}
	if len(found) > 0 { // the conflict records look up who made each version in the log
		if err := m.flush(ctx); err != nil {
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

func (m *merger) flush(ctx context.Context) error {
	if err := m.versions.flush(ctx); err != nil {
		return err
	}
	return m.log.flush(ctx)
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
