package replica

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"zhibu/assets"
)

// conflictTable keeps the losing side of concurrent edits. It replicates like any table, so
// every device sees the same conflicts and who resolved them.
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
	_, err := m.tx.Put(ctx, conflictTable.Name, id, map[string]any{
		"org_id": winner.OrgID, "tbl": loser.Table, "row_id": loser.RowID, "field": loser.Field,
		"loser_value": loser.Value, "loser_hlc": int64(loser.HLC), "loser_device": loser.Device, "loser_user": m.userOf(ctx, loser),
		"winner_value": winner.Value, "winner_hlc": int64(winner.HLC), "winner_device": winner.Device, "winner_user": m.userOf(ctx, winner),
	})
	return err
}

// userOf finds who made a version of a field, from the change log ("" if it is not there).
func (m *merger) userOf(ctx context.Context, c Change) string {
	if c.User != "" {
		return c.User
	}
	var u string
	err := m.tx.QueryRowContext(ctx, "SELECT user_name FROM changes WHERE tbl=? AND row_id=? AND field=? AND hlc=? AND device=? LIMIT 1",
		c.Table, c.RowID, c.Field, int64(c.HLC), c.Device).Scan(&u)
	if err != nil {
		return "" // a version made before the log reached this PC: its author is unknown here
	}
	return strings.TrimSpace(u)
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
	_, err := tx.Put(ctx, conflictTable.Name, c.ID, map[string]any{"resolved": int64(1), "resolved_by": tx.user, "resolution": resolution})
	return err
}
