// Package store owns Zhibu's SQLite database: schema and migrations, the hybrid logical
// clock, the change log, and every query and domain write the app makes.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"zhibu/assets"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ApplicationID marks a SQLite file as a Zhibu database ("ZHBU").
const ApplicationID = 0x5A484255

//go:embed sql/*.sql
var sqlFS embed.FS

var (
	ErrNotFound     = errors.New("not found")
	ErrTooNew       = errors.New("database is from a newer version")
	ErrNotZhibu     = errors.New("not a zhibu database")
	ErrNotInit      = errors.New("database not initialised")
	ErrDenied       = errors.New("permission denied")
	ErrLocked       = errors.New("account locked")
	ErrBadLogin     = errors.New("wrong user name or password")
	ErrInvalid      = errors.New("invalid data")
	ErrAlreadyInit  = errors.New("database already initialised")
	ErrDuplicateRow = errors.New("duplicate")
)

// DB is an open Zhibu database.
type DB struct {
	sql  *sql.DB
	path string
	now  func() time.Time

	mu     sync.Mutex // guards clock
	clock  HLC
	device string // this device's ID, "" before init
}

// Options configure Open.
type Options struct {
	// Now replaces the wall clock (tests, and the HLC's physical part). Default time.Now.
	Now func() time.Time
}

// Open opens (creating if missing) the database at path and migrates it to the newest schema.
// A database written by a newer Zhibu is refused, never modified.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, assets.Wrap(err, "Cannot create the data folder %s. Check that the disk is writable.", dir)
		}
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)", "busy_timeout(10000)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	dsn := "file:" + path + "?" + q.Encode()
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := &DB{sql: sdb, path: path, now: opt.Now}
	if err := db.migrate(ctx); err != nil {
		sdb.Close()
		return nil, err
	}
	if err := db.loadMeta(ctx); err != nil {
		sdb.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error { return db.sql.Close() }

// Path is the database file's path.
func (db *DB) Path() string { return db.path }

// SQL exposes the underlying handle to sibling packages' tests and to read-only reports.
func (db *DB) SQL() *sql.DB { return db.sql }

// Now returns the database's wall clock time.
func (db *DB) Now() time.Time { return db.now() }

type migration struct {
	version int
	name    string
	body    string
}

func migrations() ([]migration, error) {
	files, err := fs.Glob(sqlFS, "sql/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, f := range files {
		base := filepath.Base(f)
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its version", base)
		}
		b, _ := sqlFS.ReadFile(f)
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

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int {
	ms, _ := migrations()
	return len(ms)
}

func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
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
	if appID != 0 && appID != ApplicationID {
		return assets.Wrap(ErrNotZhibu, "The file %s is not a Zhibu database. Choose the right file.", db.path)
	}
	if appID == 0 && version != 0 {
		return assets.Wrap(ErrNotZhibu, "The file %s is not a Zhibu database. Choose the right file.", db.path)
	}
	if appID == 0 {
		var n int
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
			return db.openErr(err)
		}
		if n > 0 {
			return assets.Wrap(ErrNotZhibu, "The file %s is not a Zhibu database. Choose the right file.", db.path)
		}
	}
	if version > len(ms) {
		return assets.Wrap(ErrTooNew, "This database was written by a newer version of Zhibu (data version %d, this program knows %d). Install the newer version; the database was not changed.", version, len(ms))
	}
	if version == len(ms) {
		return nil
	}
	// One transaction for all pending migrations; foreign keys are checked before commit.
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
	return tx.Commit()
}

func (db *DB) openErr(err error) error {
	return assets.Wrap(err, "Cannot open the database %s. Check that the file exists, is not damaged and is not open in another program.", db.path)
}

// getMeta reads a local meta value ("" if unset).
func getMeta(ctx context.Context, q querier, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM meta WHERE key=?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

func setMeta(ctx context.Context, q querier, key, value string) error {
	_, err := q.ExecContext(ctx, "INSERT INTO meta(key,value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value", key, value)
	return err
}

// Meta reads a local (never replicated) value such as the sync bookkeeping of a peer.
func (db *DB) Meta(ctx context.Context, key string) (string, error) {
	return getMeta(ctx, db.sql, key)
}

// SetMeta writes a local (never replicated) value.
func (db *DB) SetMeta(ctx context.Context, key, value string) error {
	return setMeta(ctx, db.sql, key, value)
}

func (db *DB) loadMeta(ctx context.Context) error {
	dev, err := getMeta(ctx, db.sql, "device_id")
	if err != nil {
		return err
	}
	h, err := getMeta(ctx, db.sql, "hlc")
	if err != nil {
		return err
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	db.device = dev
	if h != "" {
		v, _ := strconv.ParseInt(h, 10, 64)
		db.clock = HLC(v)
	}
	return nil
}

// querier is what *sql.DB, *sql.Tx and *sql.Conn share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
