package replica

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// Rows routed to whom they concern. Scope is by the organisation that owns a row; a row the
// township owns may yet concern one village only (a task raised for it, a supervision visit,
// a month approval, a star assessment, a rating, an announcement to chosen villages and its
// files). Such a row's table names its audience (Table.Audience), and the engine:
//   - leaves the row out of a bundle for a peer whose scope holds none of its audience, on
//     every path (the owner's own bundles, and a relay's forwarding, which is the same
//     export), so it never reaches another village's PC;
//   - on a PC whose Policy keeps only its own organisation's rows (Keeper: a village), removes
//     rows of other owners whose audience leaves it out, when the database is opened and after
//     every import (a township still on an older version sends them), with SQLite's secure
//     delete so their text does not stay in free pages. The removal is local: nothing is
//     logged and nothing travels; the version vector still says the changes were received,
//     so nobody sends them again.
// The conflicts this PC reports to a peer take the audience of the row they are about.

// Recipients is what a Policy implements when some peers are to receive only the rows that
// concern them: filtered says whether p is such a peer (a village's PC), org its
// organisation. A peer that is not filtered (a township's or county's PC) receives every row
// its scope holds.
type Recipients interface {
	Recipient(p Peer) (org string, filtered bool)
}

// Keeper is what a Policy implements when this PC keeps only what concerns its own
// organisation: home is that organisation, and keep reports whether the rule applies now.
type Keeper interface {
	Keeps(ctx context.Context, tx *Tx) (home string, keep bool, err error)
}

// audienceExpr is the audience expression of a table ("" if it has none).
func (db *DB) audienceExpr(t *table) string { return t.Audience }

// audiences reads the audience of rows of a table (missing rows and rows without one are
// absent from the result).
func (tx *Tx) audiences(ctx context.Context, t *table, ids []string) (map[string]string, error) {
	expr := tx.db.audienceExpr(t)
	out := map[string]string{}
	if expr == "" {
		return out, nil
	}
	for len(ids) > 0 {
		part := ids[:min(len(ids), 500)]
		ids = ids[len(part):]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		type aud struct{ id, orgs string }
		as, err := Collect(ctx, tx, func(s Scanner) (aud, error) {
			var a aud
			return a, s.Scan(&a.id, &a.orgs)
		}, "SELECT id, coalesce(("+expr+"),'') FROM "+t.Name+" WHERE id IN (?"+strings.Repeat(",?", len(part)-1)+")", args...)
		if err != nil {
			return nil, fmt.Errorf("audience of %s: %w", t.Name, err)
		}
		for _, a := range as {
			if a.orgs != "" {
				out[a.id] = a.orgs
			}
		}
	}
	return out, nil
}

// concerns reports whether a row owned by owner, with the audience, concerns org.
func concerns(owner, audience, org string) bool {
	if audience == "" || owner == org {
		return true
	}
	for _, o := range strings.Split(audience, ",") {
		if strings.TrimSpace(o) == org {
			return true
		}
	}
	return false
}

// recipient is the organisation of a peer that receives only the rows concerning it ("" if
// the peer receives every row in its scope).
func (db *DB) recipient(p Peer) string {
	if r, ok := db.policy.(Recipients); ok {
		if org, filtered := r.Recipient(p); filtered {
			return org
		}
	}
	return ""
}

// routeByAudience drops from cs, for a peer that receives only what concerns it, the
// changes of rows of other owners whose audience leaves the peer out.
func (tx *Tx) routeByAudience(ctx context.Context, cs []Change, p Peer) ([]Change, error) {
	org := tx.db.recipient(p)
	if org == "" {
		return cs, nil
	}
	rows := map[string][]string{}
	for _, c := range cs {
		if t := tx.db.tables[c.Table]; t != nil && t.Audience != "" {
			rows[c.Table] = append(rows[c.Table], c.RowID)
		}
	}
	if len(rows) == 0 {
		return cs, nil
	}
	auds := map[rowKey]string{}
	for name, ids := range rows {
		sort.Strings(ids)
		as, err := tx.audiences(ctx, tx.db.tables[name], compact(ids))
		if err != nil {
			return nil, err
		}
		for id, a := range as {
			auds[rowKey{name, id}] = a
		}
	}
	out := cs[:0]
	for _, c := range cs {
		if concerns(c.OrgID, auds[rowKey{c.Table, c.RowID}], org) {
			out = append(out, c)
		}
	}
	return out, nil
}

func compact(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

type victim struct{ tbl, id string }

// foreignRows lists, on a PC whose Policy is a Keeper that applies, the rows of other owners
// whose audience leaves this PC's organisation out; an announcement's files come before it
// (they take its audience).
func (tx *Tx) foreignRows(ctx context.Context) ([]victim, error) {
	k, ok := tx.db.policy.(Keeper)
	if !ok {
		return nil, nil
	}
	home, keep, err := k.Keeps(ctx, tx)
	if err != nil || !keep || home == "" {
		return nil, err
	}
	var victims []victim
	for _, name := range tx.db.Tables() {
		t := tx.db.tables[name]
		expr := tx.db.audienceExpr(t)
		if expr == "" {
			continue
		}
		ids, err := Collect(ctx, tx, func(s Scanner) (string, error) {
			var id string
			return id, s.Scan(&id)
		}, "SELECT id FROM "+name+" WHERE org_id<>?1 AND coalesce(("+expr+"),'')<>'' AND instr(','||replace(("+expr+"),' ','')||',', ','||?1||',')=0", home)
		if err != nil {
			return nil, fmt.Errorf("rows not for this PC in %s: %w", name, err)
		}
		for _, id := range ids {
			victims = append(victims, victim{name, id})
		}
	}
	return victims, nil
}

// keepOwn removes the rows foreignRows finds, with their versions, their audit entries and
// the conflicts about them. It writes nothing that travels. It returns how
// many rows it removed.
func (tx *Tx) keepOwn(ctx context.Context) (int, error) {
	victims, err := tx.foreignRows(ctx)
	if err != nil || len(victims) == 0 {
		return 0, err
	}
	// Deleted content is overwritten, so the file keeps nothing of it.
	if _, err := tx.Tx.ExecContext(ctx, "PRAGMA secure_delete=ON"); err != nil {
		return 0, err
	}
	defer tx.Tx.ExecContext(context.Background(), "PRAGMA secure_delete=OFF")
	for _, v := range victims {
		for _, q := range []string{
			"DELETE FROM " + v.tbl + " WHERE id=?2",
			"DELETE FROM crr_audit WHERE row=(SELECT r.id FROM crr_names t JOIN crr_rows r ON r.tbl=t.id WHERE t.name=?1 AND r.row_id=?2)",
			"DELETE FROM crr_clock WHERE row=(SELECT r.id FROM crr_names t JOIN crr_rows r ON r.tbl=t.id WHERE t.name=?1 AND r.row_id=?2)",
			"DELETE FROM crr_rows WHERE id=(SELECT r.id FROM crr_names t JOIN crr_rows r ON r.tbl=t.id WHERE t.name=?1 AND r.row_id=?2)",
			"DELETE FROM conflicts WHERE tbl=?1 AND row_id=?2",
		} {
			if _, err := tx.ExecContext(ctx, q, v.tbl, v.id); err != nil {
				return 0, fmt.Errorf("remove %s %s: %w", v.tbl, v.id, err)
			}
		}
	}
	return len(victims), nil
}

// KeepOwn removes the rows that do not concern this PC (keepOwn) in its own transaction,
// writing only if there are any: at open, for a database that received them before rows
// were routed by audience.
func (db *DB) KeepOwn(ctx context.Context) (n int, err error) {
	if _, ok := db.policy.(Keeper); !ok {
		return 0, nil
	}
	err = db.read(ctx, func(tx *Tx) error {
		vs, err := tx.foreignRows(ctx)
		n = len(vs)
		return err
	})
	if err != nil || n == 0 {
		return 0, err
	}
	err = db.Write(ctx, func(tx *Tx) error {
		n, err = tx.keepOwn(ctx)
		return err
	})
	return n, err
}
