package replica

import (
	"context"
	"os"
)

// Snapshot writes a consistent copy of the whole database to path (which must not exist),
// safe while the app is running: SQLite's VACUUM INTO reads one transaction's view.
func (db *DB) Snapshot(ctx context.Context, path string) error {
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return db.diskErr(err)
	}
	// An empty file made first, readable by this user only: VACUUM INTO fills it.
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return db.diskErr(err)
	}
	f.Close()
	_, err = db.sql.ExecContext(ctx, "VACUUM INTO ?", path)
	return db.diskErr(err)
}

// IntegrityCheck runs SQLite's integrity check and returns its verdict ("ok" when sound).
func (db *DB) IntegrityCheck(ctx context.Context) (string, error) {
	var s string
	err := db.sql.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&s)
	return s, err
}

// QuickCheck runs SQLite's quick check (the integrity check without its slow index
// cross-checks) and returns its verdict ("ok" when sound): run at start-up.
func (db *DB) QuickCheck(ctx context.Context) (string, error) {
	var s string
	err := db.sql.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&s)
	return s, err
}
