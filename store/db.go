// Package store is Zhibu's domain: members, meetings, dues, the membership pipeline, points,
// decisions, transfers, the calendar and the rules settings, each in its own file, with the
// checks that say what needs attention. Every write goes through Tx, which wraps the
// replication engine's (store/replica) so that nothing outside this package writes a raw row.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"io/fs"
	"time"

	"zhibu/store/replica"
)

//go:embed sql/*.sql
var sqlFS embed.FS

var (
	ErrNotFound     = replica.ErrNotFound
	ErrTooNew       = replica.ErrTooNew
	ErrNotZhibu     = replica.ErrNotZhibu
	ErrInvalid      = replica.ErrInvalid
	ErrNotInit      = errors.New("database not initialised")
	ErrDenied       = errors.New("permission denied")
	ErrLocked       = errors.New("account locked")
	ErrBadLogin     = errors.New("wrong user name or password")
	ErrAlreadyInit  = errors.New("database already initialised")
	ErrDuplicateRow = errors.New("duplicate")
)

// DB is an open Zhibu database. Within a transaction, tx.DB() is a view of it whose reads
// see the transaction's writes and whose Write joins the transaction, so that every
// operation composes into one all-or-nothing write (an import, the demo data).
type DB struct {
	r   *replica.DB
	sql replica.Querier // r's read handle, or the transaction of a view
	now func() time.Time
	tx  *Tx // the transaction of a view; nil on the database itself

	members *memberCache   // the roster in memory for search; nil on a view
	figures *sharedFigures // loads shared by the home's figures (shared_figures.go); nil on a view
}

// Options configure Open.
type Options struct {
	// Now replaces the wall clock (tests, and the HLC's physical part). Default time.Now.
	Now func() time.Time
	// MustExist refuses, unchanged, a file that does not already hold a Zhibu database.
	MustExist bool
	// Future adds a newer version's schema (tests of mixed versions only; future.go).
	Future *Future
}

func schema() fs.FS {
	sub, err := fs.Sub(sqlFS, "sql")
	if err != nil {
		panic(err) // the embedded folder is there by construction
	}
	return sub
}

// Open opens (creating if missing) the database at path and migrates it to the newest schema.
// A database written by a newer Zhibu is refused, never modified.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	db := &DB{}
	sch, tbls, err := schemaWith(opt.Future)
	if err != nil {
		return nil, err
	}
	r, err := replica.Open(ctx, path, replica.Options{Now: opt.Now, Schema: sch, Tables: tbls, Policy: policy{db}, MustExist: opt.MustExist})
	if err != nil {
		return nil, err
	}
	db.r, db.sql, db.now = r, r.SQL(), r.Now
	db.members = &memberCache{seq: -1}
	db.figures = &sharedFigures{seq: -1}
	return db, nil
}

// Close closes the database.
func (db *DB) Close() error { return db.r.Close() }

// Path is the database file's path.
func (db *DB) Path() string { return db.r.Path() }

// Replica is the replication engine under the domain, for the sync packages: bundles,
// peers, merge and digest. Domain records are written only through this package.
func (db *DB) Replica() *replica.DB { return db.r }

// SQL exposes the read handle to sibling packages' tests.
func (db *DB) SQL() *sql.DB { return db.r.SQL() }

// Now returns the database's wall clock time.
func (db *DB) Now() time.Time { return db.now() }

// Device returns this database's device ID ("" before init).
func (db *DB) Device() string { return db.r.Device() }

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int {
	n, err := replica.SchemaVersion(schema())
	if err != nil {
		panic(err) // the embedded migrations are checked by the tests
	}
	return n
}

func (db *DB) diskErr(err error) error { return replica.WrapDisk(err, db.Path()) }
