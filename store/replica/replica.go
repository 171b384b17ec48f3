// Package replica is the replication engine under Zhibu's domain: a SQLite file whose
// registered tables sync field by field between devices, with a hybrid logical clock, a
// version per field (clock.go), an audit trail of this PC's own edits, version vectors,
// scoped export and merge, and conflict records for concurrent edits.
//
// The engine knows a table only through the Table descriptor the layer above registers, and
// what may travel to and from a peer only through that layer's Policy.
package replica

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"zhibu/assets"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Sentinel errors; each comes wrapped in a Chinese message saying what to do.
var (
	ErrNotFound    = errors.New("not found")
	ErrClosed      = errors.New("record closed to change")
	ErrInvalid     = errors.New("invalid data")
	ErrTooNew      = errors.New("database is from a newer version")
	ErrNotZhibu    = errors.New("not a zhibu database")
	ErrUnknownPeer = errors.New("unknown sender")
	ErrOutOfScope  = errors.New("change out of scope")
	ErrOldBundle   = errors.New("bundle already imported")
	ErrClockAhead  = errors.New("bundle stamped too far in the future")
	ErrNoDatabase  = errors.New("no database")
	ErrDamaged     = errors.New("database damaged")
)

// DB is an open replicated database.
type DB struct {
	sql    *sql.DB
	path   string
	now    func() time.Time
	tables map[string]*table
	policy Policy

	mu     sync.Mutex // guards clock, device, org and names
	names  *names     // interned names known to be committed (clock.go)
	clock  HLC
	device string // this device's ID, "" before it is set
	org    string // the organisation this device belongs to
}

// Options configure Open.
type Options struct {
	// Now replaces the wall clock (tests, and the HLC's physical part). Default time.Now.
	Now func() time.Time
	// Schema holds the numbered migrations (NNNN_name.sql) that build every table,
	// the engine's own (meta, crr_names, crr_rows, crr_clock, crr_audit, peers, sync_vv,
	// conflicts) included,
	// but for future_changes, which Open creates itself (future.go).
	Schema fs.FS
	// Tables are the replicated tables; conflicts is registered by the engine itself.
	Tables []Table
	// Policy decides what travels to and from each peer.
	Policy Policy
	// MustExist refuses, unchanged, a path that does not already hold a Zhibu database
	// (missing, empty or blank): commands other than set-up never create one.
	MustExist bool
}

// Open opens (creating if missing) the database at path and migrates it to the newest
// schema. A database written by a newer version is refused, never modified.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Policy == nil {
		return nil, fmt.Errorf("open %s: no policy", path)
	}
	db := &DB{path: path, now: opt.Now, tables: map[string]*table{}, policy: opt.Policy, names: newNames()}
	for _, t := range opt.Tables {
		if err := db.register(t); err != nil {
			return nil, err
		}
	}
	ms, err := migrations(opt.Schema)
	if err != nil {
		return nil, err
	}
	fresh, err := db.probe(ctx)
	if err != nil {
		return nil, err
	}
	if fresh && opt.MustExist {
		return nil, assets.Wrap(ErrNoDatabase, "There is no database at %s. Set one up with \"zhibu init\" or give the right file with --db.", path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, assets.Wrap(err, "Cannot create the data folder %s. Check that the disk is writable.", dir)
		}
	}
	if err := private(path); err != nil {
		return nil, db.openErr(err)
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)", "busy_timeout(10000)", "cache_size(-32768)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	if db.sql, err = sql.Open("sqlite", "file:"+path+"?"+q.Encode()); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := db.migrate(ctx, ms); err != nil {
		db.sql.Close()
		return nil, err
	}
	if err := db.ensureFuture(ctx); err != nil {
		db.sql.Close()
		return nil, db.openErr(err)
	}
	if err := db.loadMeta(ctx); err != nil {
		db.sql.Close()
		return nil, db.openErr(err)
	}
	if err := db.loadNames(ctx); err != nil {
		db.sql.Close()
		return nil, db.openErr(err)
	}
	if err := db.applyFuture(ctx); err != nil {
		db.sql.Close()
		return nil, assets.Wrap(err, "The changes this PC received before its upgrade and kept until now could not be applied to %s. Nothing was changed; tell the township office.", path)
	}
	if _, err := db.KeepOwn(ctx); err != nil {
		db.sql.Close()
		return nil, db.openErr(err)
	}
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error { return db.sql.Close() }

// Path is the database file's path.
func (db *DB) Path() string { return db.path }

// SQL is the read handle of the layer above; its writes go through Write.
func (db *DB) SQL() *sql.DB { return db.sql }

// Now returns the database's wall clock time.
func (db *DB) Now() time.Time { return db.now() }

// Device returns this database's device ID ("" before SetDevice).
func (db *DB) Device() string {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.device
}

// Org returns the ID of the organisation this device belongs to ("" before SetDevice).
func (db *DB) Org() string {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.org
}

func (db *DB) loadMeta(ctx context.Context) error {
	dev, err := GetMeta(ctx, db.sql, "device_id")
	if err != nil {
		return err
	}
	org, err := GetMeta(ctx, db.sql, "org_id")
	if err != nil {
		return err
	}
	h, err := GetMeta(ctx, db.sql, "hlc")
	if err != nil {
		return err
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	db.device, db.org = dev, org
	if h != "" {
		v, err := strconv.ParseInt(h, 10, 64)
		if err != nil {
			return fmt.Errorf("meta hlc %q: %w", h, err)
		}
		db.clock = HLC(v)
	}
	return nil
}

// SetDevice records this database's device ID and the organisation it belongs to, within
// the transaction that sets it up (a failed transaction leaves neither set).
func (tx *Tx) SetDevice(ctx context.Context, id, org string) error {
	if err := SetMeta(ctx, tx, "device_id", id); err != nil {
		return err
	}
	if err := SetMeta(ctx, tx, "org_id", org); err != nil {
		return err
	}
	tx.db.mu.Lock()
	defer tx.db.mu.Unlock()
	tx.db.device, tx.db.org = id, org
	return nil
}

// Querier is what *sql.DB, *sql.Tx and *sql.Conn share.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// GetMeta reads a local (never replicated) value ("" if unset).
func GetMeta(ctx context.Context, q Querier, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM meta WHERE key=?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetMeta writes a local (never replicated) value.
func SetMeta(ctx context.Context, q Querier, key, value string) error {
	_, err := q.ExecContext(ctx, "INSERT INTO meta(key,value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value", key, value)
	return err
}
