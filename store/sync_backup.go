package store

import (
	"context"
	"os"
)

// Snapshot writes a consistent copy of the whole database to path (which must not exist),
// safe while the app is running: SQLite's VACUUM INTO reads one transaction's view.
func (db *DB) Snapshot(ctx context.Context, path string) error {
	os.Remove(path)
	if _, err := db.sql.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return db.diskErr(err)
	}
	return nil
}

// IntegrityCheck runs SQLite's integrity check and returns its verdict ("ok" when sound).
func (db *DB) IntegrityCheck(ctx context.Context) (string, error) {
	var s string
	err := db.sql.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&s)
	return s, err
}
