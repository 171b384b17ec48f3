package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/google/uuid"
)

// settingsSpace derives a setting's row ID from its organisation and key, so that the same
// setting written on two devices is one row that converges, not two.
var settingsSpace = uuid.MustParse("6f7a6869-6275-5365-7474-696e67730000")

func settingID(orgID, key string) string {
	return uuid.NewSHA1(settingsSpace, []byte(orgID+"\x00"+key)).String()
}

// Setting returns an organisation's setting, or def if it was never set.
func (db *DB) Setting(ctx context.Context, orgID, key, def string) (string, error) {
	var v string
	err := db.sql.QueryRowContext(ctx, "SELECT value FROM settings WHERE id=? AND deleted=0", settingID(orgID, key)).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	return v, err
}

// SetSetting writes an organisation's setting (a replicated row).
func (db *DB) SetSetting(ctx context.Context, orgID, key, value string) error {
	return db.Write(ctx, func(tx *Tx) error { return tx.SetSetting(ctx, orgID, key, value) })
}

// SetSetting writes a setting within a transaction.
func (tx *Tx) SetSetting(ctx context.Context, orgID, key, value string) error {
	_, err := tx.r.Put(ctx, "settings", settingID(orgID, key), map[string]any{"org_id": orgID, "key": key, "value": value, "deleted": int64(0)})
	return err
}
