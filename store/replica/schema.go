package replica

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"zhibu/assets"
)

// ApplicationID marks a SQLite file as a Zhibu database ("ZHBU").
const ApplicationID = 0x5A484255

type migration struct {
	version int
	name    string
	body    string
}

// migrations reads NNNN_name.sql files from schema, numbered 1, 2, … without gaps.
func migrations(schema fs.FS) ([]migration, error) {
	if schema == nil {
		return nil, fmt.Errorf("migrations: no schema")
	}
	files, err := fs.Glob(schema, "*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, f := range files {
		base := path.Base(f)
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its version", base)
		}
		b, err := fs.ReadFile(schema, f)
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", base, err)
		}
		ms = append(ms, migration{version: n, name: base, body: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion is the schema version the migrations in schema produce.
func SchemaVersion(schema fs.FS) (int, error) {
	ms, err := migrations(schema)
	return len(ms), err
}

// migrate brings the file to the newest schema in one transaction, foreign keys checked
// before commit. A file that is not a Zhibu database, or is newer, is left untouched.
func (db *DB) migrate(ctx context.Context, ms []migration) error {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return db.openErr(err)
	}
	defer conn.Close()
	var appID, version int
	if err := conn.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return db.openErr(err)
	}
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return db.openErr(err)
	}
	notOurs := assets.Wrap(ErrNotZhibu, "The file %s is not a Zhibu database. Choose the right file.", db.path)
	if appID != 0 && appID != ApplicationID {
		return notOurs
	}
	if appID == 0 && version != 0 {
		return notOurs
	}
	if appID == 0 {
		var n int
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
			return db.openErr(err)
		}
		if n > 0 {
			return notOurs
		}
	}
	if version > len(ms) {
		return assets.Wrap(ErrTooNew, "This database was written by a newer version of Zhibu (data version %d, this program knows %d). Install the newer version; the database was not changed.", version, len(ms))
	}
	loose, err := looseTables(ctx, conn)
	if err != nil {
		return db.openErr(err)
	}
	if version == len(ms) && len(loose) == 0 {
		return nil
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys=OFF"); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), "PRAGMA foreign_keys=ON")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return db.openErr(err)
	}
	defer tx.Rollback()
	for _, m := range ms[version:] {
		if _, err := tx.ExecContext(ctx, m.body); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	if loose, err = looseTables(ctx, tx); err != nil {
		return err
	}
	for _, name := range loose {
		if err := makeStrict(ctx, tx, name); err != nil {
			return err
		}
	}
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	bad := rows.Next()
	rows.Close()
	if bad {
		return fmt.Errorf("migration to version %d: foreign key check failed", len(ms))
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id=%d", ApplicationID)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version=%d", len(ms))); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// A migration that dropped more than half the file (the old change log) gives the space
	// back; best effort: a failure or a kill leaves a sound, larger file.
	var pages, free int64
	if conn.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages) == nil &&
		conn.QueryRowContext(ctx, "PRAGMA freelist_count").Scan(&free) == nil && pages > 1024 && 2*free > pages {
		_, _ = conn.ExecContext(ctx, "VACUUM")
	}
	return nil
}

func (db *DB) openErr(err error) error {
	if msg := strings.ToLower(err.Error()); strings.Contains(msg, "malformed") || strings.Contains(msg, "corrupt") {
		return assets.Wrap(fmt.Errorf("%w: %v", ErrDamaged, err), "The database %s is damaged. Restore it from a backup, or contact the township office.", db.path)
	}
	return assets.Wrap(err, "Cannot open the database %s. Check that the file exists, is not damaged and is not open in another program.", db.path)
}
