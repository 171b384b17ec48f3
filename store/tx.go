package store

import (
	"context"
	"database/sql"
	"strconv"
)

type ctxKey int

const userKey ctxKey = 0

// WithUser returns a context whose writes are attributed to the named user.
func WithUser(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, userKey, name)
}

// UserFrom returns the user name writes in ctx are attributed to ("system" if none).
func UserFrom(ctx context.Context) string {
	if s, ok := ctx.Value(userKey).(string); ok && s != "" {
		return s
	}
	return "system"
}

// Tx is a write transaction. Every replicated write made through it is stamped, versioned
// and logged in the same transaction.
type Tx struct {
	*sql.Tx
	db   *DB
	user string
	hlcs bool // whether the clock advanced in this transaction
}

// Write runs fn in one immediate transaction and commits it if fn returns nil.
func (db *DB) Write(ctx context.Context, fn func(tx *Tx) error) error {
	stx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return db.diskErr(err)
	}
	defer stx.Rollback()
	tx := &Tx{Tx: stx, db: db, user: UserFrom(ctx)}
	// A transaction that does not commit may still have advanced the clock: harmless, the
	// clock only needs to be monotonic.
	if err := fn(tx); err != nil {
		return err
	}
	if tx.hlcs {
		if err := setMeta(ctx, stx, "hlc", strconv.FormatInt(int64(db.Clock()), 10)); err != nil {
			return db.diskErr(err)
		}
	}
	if err := stx.Commit(); err != nil {
		return db.diskErr(err)
	}
	return nil
}

func (db *DB) diskErr(err error) error {
	return wrapDisk(err, db.path)
}

// Device returns this database's device ID ("" before init).
func (db *DB) Device() string {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.device
}

// DB returns the database the transaction belongs to.
func (tx *Tx) DB() *DB { return tx.db }

// User is the user the transaction's writes are attributed to.
func (tx *Tx) User() string { return tx.user }

func (tx *Tx) tick() HLC {
	tx.hlcs = true
	return tx.db.tick()
}
