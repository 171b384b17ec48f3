package replica

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/google/uuid"

	"zhibu/assets"
)

// conflictTable keeps the losing side of concurrent edits. It is the engine's own table and
// never travels: each PC records the conflicts its own merges meet (both sides of a
// concurrent edit meet it, and so does a relay that merges both), so a conflict a person is
// shown was recorded here, never written by a peer (a forged conflict could otherwise make a
// person "keep the other value" that nobody wrote). A conflict closes when resolved here or
// when a newer version of its field arrives (resolution "superseded": someone decided, on
// this PC or another). Its descriptor names its columns; it is not registered for sync.
var conflictTable = Table{Name: "conflicts", Fields: []string{"tbl", "row_id", "field", "loser_value", "loser_hlc", "loser_device", "loser_user",
	"winner_value", "winner_hlc", "winner_device", "winner_user", "resolved", "resolved_by", "resolution"}}

// conflictSpace derives a conflict's ID from the losing version, so two devices that meet
// the same concurrent edit record one row, not two.
var conflictSpace = uuid.MustParse("6f7a6869-6275-436f-6e66-6c6963740000")

// Conflict is a field that two devices changed concurrently: the winner (higher HLC, then
// device) is in the record; the loser's value is kept here until a person decides.
type Conflict struct {
	ID           string `json:"id"`
	OrgID        string `json:"org_id"`
	Table        string `json:"table"`
	RowID        string `json:"row_id"`
	Field        string `json:"field"`
	LoserValue   any    `json:"loser_value"`
	LoserAt      HLC    `json:"loser_hlc"`
	LoserDevice  string `json:"loser_device"`
	LoserUser    string `json:"loser_user"`
	WinnerValue  any    `json:"winner_value"`
	WinnerAt     HLC    `json:"winner_hlc"`
	WinnerDevice string `json:"winner_device"`
	WinnerUser   string `json:"winner_user"`
	Resolved     bool   `json:"resolved"`
	ResolvedBy   string `json:"resolved_by,omitempty"`
	Resolution   string `json:"resolution,omitempty"` // "winner" or "loser"
}

// conflict keeps the loser of a concurrent edit, once per losing version.
func (m *merger) conflict(ctx context.Context, loser, winner Change) error {
	id := uuid.NewSHA1(conflictSpace, []byte(fmt.Sprintf("%s\x00%s\x00%s\x00%d\x00%s", loser.Table, loser.RowID, loser.Field, int64(loser.HLC), loser.Device))).String()
	var n int
	if err := m.tx.QueryRowContext(ctx, "SELECT count(*) FROM conflicts WHERE id=?", id).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err := m.tx.ExecContext(ctx, `INSERT OR IGNORE INTO conflicts(id, org_id, tbl, row_id, field, loser_value, loser_hlc, loser_device, loser_user,
		winner_value, winner_hlc, winner_device, winner_user) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		id, winner.OrgID, loser.Table, loser.RowID, loser.Field, normalize(loser.Value), int64(loser.HLC), loser.Device, m.userOf(ctx, loser),
		normalize(winner.Value), int64(winner.HLC), winner.Device, m.userOf(ctx, winner))
	if err == nil {
		m.open[fieldKey{loser.Table, loser.RowID, loser.Field}] = true
	}
	return err
}

type fieldKey struct{ tbl, row, field string }

// openConflicts lists the fields with an open conflict (a merge closes them when a newer
// version arrives).
func openConflicts(ctx context.Context, q Querier) (map[fieldKey]bool, error) {
	ks, err := Collect(ctx, q, func(s Scanner) (fieldKey, error) {
		var k fieldKey
		return k, s.Scan(&k.tbl, &k.row, &k.field)
	}, "SELECT tbl, row_id, field FROM conflicts WHERE resolved=0 AND deleted=0")
	if err != nil {
		return nil, err
	}
	out := make(map[fieldKey]bool, len(ks))
	for _, k := range ks {
		out[k] = true
	}
	return out, nil
}

// supersede closes the open conflicts of a field whose winner a newer version replaced.
func (m *merger) supersede(ctx context.Context, c Change) error {
	k := fieldKey{c.Table, c.RowID, c.Field}
	if !m.open[k] {
		return nil
	}
	_, err := m.tx.ExecContext(ctx, `UPDATE conflicts SET resolved=1, resolved_by=?, resolution='superseded'
		WHERE tbl=? AND row_id=? AND field=? AND resolved=0 AND (winner_hlc<? OR winner_hlc=? AND winner_device<?)`,
		c.User, c.Table, c.RowID, c.Field, int64(c.HLC), int64(c.HLC), c.Device)
	return err
}

// userOf is who made a version of a field, as its clock or the bundle says ("" if unknown).
func (m *merger) userOf(_ context.Context, c Change) string {
	return strings.TrimSpace(c.User)
}

const conflictCols = "id, org_id, tbl, row_id, field, loser_value, loser_hlc, loser_device, loser_user, winner_value, winner_hlc, winner_device, winner_user, resolved, resolved_by, resolution"

func scanConflict(s Scanner) (Conflict, error) {
	var c Conflict
	var lh, wh, res int64
	err := s.Scan(&c.ID, &c.OrgID, &c.Table, &c.RowID, &c.Field, &c.LoserValue, &lh, &c.LoserDevice, &c.LoserUser,
		&c.WinnerValue, &wh, &c.WinnerDevice, &c.WinnerUser, &res, &c.ResolvedBy, &c.Resolution)
	c.LoserAt, c.WinnerAt, c.Resolved = HLC(lh), HLC(wh), res != 0
	c.LoserValue, c.WinnerValue = normalize(c.LoserValue), normalize(c.WinnerValue)
	return c, err
}

// Conflicts lists conflicts (only open ones unless all), newest first; orgID "" for every
// organisation.
func (db *DB) Conflicts(ctx context.Context, orgID string, all bool) ([]Conflict, error) {
	return Collect(ctx, db.sql, scanConflict, "SELECT "+conflictCols+` FROM conflicts WHERE deleted=0
		AND (?='' OR org_id=?) AND (? OR resolved=0) ORDER BY winner_hlc DESC, id`, orgID, orgID, all)
}

// Conflict returns one conflict, or ErrNotFound.
func (tx *Tx) Conflict(ctx context.Context, id string) (Conflict, error) {
	c, err := scanConflict(tx.QueryRowContext(ctx, "SELECT "+conflictCols+" FROM conflicts WHERE id=? AND deleted=0", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, assets.Wrap(ErrNotFound, "This conflict no longer exists; it may have been resolved on another PC.")
	}
	return c, err
}

// ResolveConflict closes a conflict: keepLoser writes the losing value back into the record
// (a new edit that syncs like any other); otherwise the winning value stays.
func (tx *Tx) ResolveConflict(ctx context.Context, c Conflict, keepLoser bool) error {
	resolution := "winner"
	if keepLoser && !tx.db.Knows(c.Table, c.Field) {
		// A conflict over a held field (future.go): its value can be written back only once
		// this version knows the field.
		return assets.Wrap(ErrInvalid, "This conflict is about data that only a newer version of Zhibu can show. Upgrade Zhibu on this PC, then choose again; or keep the current value.")
	}
	if keepLoser {
		resolution = "loser"
		if _, err := tx.Put(ctx, c.Table, c.RowID, map[string]any{c.Field: c.LoserValue}); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, "UPDATE conflicts SET resolved=1, resolved_by=?, resolution=? WHERE id=?", tx.user, resolution, c.ID)
	return err
}

// conflictReports collects the conflict records a peer sent (an older version replicates
// them), by ID, field by field.
func conflictReports(cs []Change) map[string]map[string]any {
	var out map[string]map[string]any
	for _, c := range cs {
		if c.Table != conflictTable.Name {
			continue
		}
		if out == nil {
			out = map[string]map[string]any{}
		}
		if out[c.RowID] == nil {
			out[c.RowID] = map[string]any{}
		}
		out[c.RowID][c.Field] = normalize(c.Value)
	}
	return out
}

// adoptConflicts records here the conflicts a peer reported that this PC can check for
// itself: the ID is the one the losing version gives; the winner is the version of the field
// here now, with the value reported; the loser is the version this bundle's merge replaced
// here, with the value reported, or else an edit of the sender's own on a row in its scope
// (which it could as well have sent as a change: a PC keeps only the newest version of a
// field, so one whose edit lost can no longer send the edit itself). The authors are those of
// the versions as this PC held them, or the sender's for its own edit. Anything else is
// dropped: a peer cannot make this PC show a conflict about a value nobody wrote, nor one
// about another PC's edit it never made. It returns how many were new here.
func (m *merger) adoptConflicts(ctx context.Context, reports map[string]map[string]any) (int, error) {
	ids := make([]string, 0, len(reports))
	for id := range reports {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	n := 0
	for _, id := range ids {
		r := reports[id]
		str := func(f string) string { s, _ := r[f].(string); return s }
		num := func(f string) HLC { v, _ := r[f].(int64); return HLC(v) }
		loser := Change{Table: str("tbl"), RowID: str("row_id"), Field: str("field"), Value: r["loser_value"], HLC: num("loser_hlc"), Device: str("loser_device")}
		winner := Change{Table: loser.Table, RowID: loser.RowID, Field: loser.Field, Value: r["winner_value"], HLC: num("winner_hlc"), Device: str("winner_device")}
		t := m.tx.db.tables[loser.Table]
		if loser.Table == "" || t == nil || !t.colSet[loser.Field] || !Newer(winner.HLC, winner.Device, loser.HLC, loser.Device) ||
			id != uuid.NewSHA1(conflictSpace, []byte(fmt.Sprintf("%s\x00%s\x00%s\x00%d\x00%s", loser.Table, loser.RowID, loser.Field, int64(loser.HLC), loser.Device))).String() {
			continue
		}
		was, ok := m.replaced[fieldKey{loser.Table, loser.RowID, loser.Field}]
		own := loser.Device == m.peer.DeviceID
		if own {
			was, ok = loser, true
			was.User = str("loser_user")
		}
		if !ok || was.HLC != loser.HLC || was.Device != loser.Device || !equalValues(was.Value, loser.Value) {
			continue
		}
		st, err := m.readState(ctx, t, loser.RowID)
		if err != nil {
			return 0, err
		}
		now := st.vers[loser.Field]
		if st.cur == nil || now.hlc != winner.HLC || now.dev != winner.Device || !equalValues(st.cur[loser.Field], winner.Value) {
			continue
		}
		loser.User, winner.User = was.User, now.usr
		owner, _ := st.cur["org_id"].(string)
		if own && m.scope != nil && !m.scope[owner] {
			continue
		}
		loser.OrgID, winner.OrgID = owner, owner
		var have int
		if err := m.tx.QueryRowContext(ctx, "SELECT count(*) FROM conflicts WHERE id=?", id).Scan(&have); err != nil {
			return 0, err
		}
		if have > 0 {
			continue
		}
		if err := m.conflict(ctx, loser, winner); err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}

// conflictReportsFor are the open conflicts this PC recorded that a peer may not have met:
// the row is in the peer's scope and one of the two versions is news to the peer. They
// travel as changes of the conflict table, which a receiver of this version adopts only
// after checking them against its own log (adoptConflicts) and an older version stores as
// it always did.
func (tx *Tx) conflictReportsFor(ctx context.Context, p Peer, scope map[string]bool) ([]Change, error) {
	cs, err := Collect(ctx, tx, scanConflict, "SELECT "+conflictCols+" FROM conflicts WHERE deleted=0 AND resolved=0 ORDER BY id")
	if err != nil {
		return nil, err
	}
	var out []Change
	for _, c := range cs {
		if scope != nil && !scope[c.OrgID] || c.LoserAt <= p.Acked[c.LoserDevice] && c.WinnerAt <= p.Acked[c.WinnerDevice] {
			continue
		}
		if t, org := tx.db.tables[c.Table], tx.db.recipient(p); t != nil && org != "" && t.Audience != "" {
			as, err := tx.audiences(ctx, t, []string{c.RowID})
			if err != nil {
				return nil, err
			}
			if !concerns(c.OrgID, as[c.RowID], org) {
				continue
			}
		}
		for _, f := range [][2]any{{"org_id", c.OrgID}, {"tbl", c.Table}, {"row_id", c.RowID}, {"field", c.Field},
			{"loser_value", c.LoserValue}, {"loser_hlc", int64(c.LoserAt)}, {"loser_device", c.LoserDevice}, {"loser_user", c.LoserUser},
			{"winner_value", c.WinnerValue}, {"winner_hlc", int64(c.WinnerAt)}, {"winner_device", c.WinnerDevice}, {"winner_user", c.WinnerUser}} {
			out = append(out, Change{Table: conflictTable.Name, RowID: c.ID, OrgID: c.OrgID, Field: f[0].(string), Value: f[1],
				HLC: c.WinnerAt, Device: c.WinnerDevice, User: c.WinnerUser, Origin: "local"})
		}
	}
	return out, nil
}
