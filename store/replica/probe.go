package replica

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"

	"zhibu/assets"
)

// probe looks at the file before anything opens it for writing, so that a file that is not a
// Zhibu database is refused exactly as it was (not switched to WAL, no schema written). It
// reports whether the file is fresh: missing, empty, or a blank SQLite file.
func (db *DB) probe(ctx context.Context) (fresh bool, err error) {
	st, err := os.Stat(db.path)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, db.openErr(err)
	}
	if st.IsDir() {
		return false, assets.Wrap(ErrNotZhibu, "The file %s is not a Zhibu database. Choose the right file.", db.path)
	}
	if st.Size() == 0 {
		if w, err := os.Stat(db.path + "-wal"); err != nil || w.Size() == 0 {
			return true, nil // nothing written yet, not even in a write-ahead log
		}
	}
	ro, err := sql.Open("sqlite", "file:"+db.path+"?mode=ro")
	if err != nil {
		return false, db.openErr(err)
	}
	defer ro.Close()
	var appID, version, n int
	err = ro.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID)
	if err == nil {
		err = ro.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	}
	if err == nil {
		err = ro.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n)
	}
	switch {
	case err != nil:
		if errors.Is(err, fs.ErrPermission) {
			return false, db.openErr(err)
		}
		return false, assets.Wrap(ErrNotZhibu, "The file %s is not a Zhibu database. Choose the right file.", db.path)
	case appID == ApplicationID:
		return false, nil
	case appID == 0 && version == 0 && n == 0:
		return true, nil
	}
	return false, assets.Wrap(ErrNotZhibu, "The file %s is not a Zhibu database. Choose the right file.", db.path)
}

// private makes the database file readable by this user only (0600), creating it empty if
// missing so that SQLite's -wal and -shm files, which copy its mode, are private too.
func private(path string) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		f.Close()
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if st, err := os.Stat(p); err == nil && st.Mode().Perm()&0o077 != 0 {
			_ = os.Chmod(p, 0o600) // best effort: a file of another user stays as it is
		}
	}
	return nil
}
