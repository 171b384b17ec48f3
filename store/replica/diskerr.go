package replica

import (
	"context"
	"errors"
	"strings"

	"zhibu/assets"
)

// WrapDisk turns a SQLite failure to write into a user-facing error saying what to do.
// User-facing errors pass through unchanged.
func WrapDisk(err error, path string) error {
	var ue *assets.Error
	if err == nil || errors.As(err, &ue) {
		return err
	}
	msg := strings.ToLower(err.Error())
	switch {
	case strings.Contains(msg, "disk is full") || strings.Contains(msg, "database or disk is full") || strings.Contains(msg, "no space"):
		return assets.Wrap(err, "The disk is full, so nothing was saved. Free some space on the disk holding %s and try again.", path)
	case strings.Contains(msg, "database is locked") || strings.Contains(msg, "busy"):
		return assets.Wrap(err, "The database is busy in another window or program. Wait a moment and try again.")
	case strings.Contains(msg, "readonly") || strings.Contains(msg, "read-only"):
		return assets.Wrap(err, "The database %s cannot be written (read-only). Check the file's permissions.", path)
	case strings.Contains(msg, "malformed") || strings.Contains(msg, "not a database"):
		return assets.Wrap(err, "The database %s is damaged. Restore it from a backup, or contact the township office.", path)
	}
	return err
}

// diskErr is WrapDisk for this database's file (nil stays nil).
func (db *DB) diskErr(err error) error { return WrapDisk(err, db.path) }

// read runs fn in a transaction that is rolled back: a consistent view for reads that share
// code with writes.
func (db *DB) read(ctx context.Context, fn func(tx *Tx) error) error {
	stx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return db.diskErr(err)
	}
	defer stx.Rollback()
	tx := &Tx{Tx: stx, db: db, user: UserFrom(ctx), names: newNames()}
	defer tx.closeStmts()
	return fn(tx)
}
