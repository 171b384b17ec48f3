package store

import (
	"context"

	"zhibu/store/replica"
)

// WithUser returns a context whose writes are attributed to the named user.
func WithUser(ctx context.Context, name string) context.Context {
	return replica.WithUser(ctx, name)
}

// UserFrom returns the user name writes in ctx are attributed to ("system" if none).
func UserFrom(ctx context.Context) string { return replica.UserFrom(ctx) }

// Tx is a write transaction of the domain: its exported methods validate what they write;
// the engine's raw row writes stay inside this package.
type Tx struct {
	r  *replica.Tx
	db *DB
}

// Write runs fn in one immediate transaction and commits it if fn returns nil, when the
// context's user may change records. On a transaction's view (tx.DB()) it runs fn in that
// transaction.
func (db *DB) Write(ctx context.Context, fn func(tx *Tx) error) error {
	if db.tx != nil {
		return fn(db.tx)
	}
	if err := db.mayWrite(ctx); err != nil {
		return err
	}
	return db.write(ctx, fn)
}

// write is Write without the permission check (setting up a database, before any user).
func (db *DB) write(ctx context.Context, fn func(tx *Tx) error) error {
	return db.r.Write(ctx, func(rt *replica.Tx) error {
		tx := &Tx{r: rt}
		tx.db = &DB{r: db.r, sql: rt, now: db.now, tx: tx}
		return fn(tx)
	})
}

// DB returns the transaction's view of the database: its reads see the transaction's
// writes and its operations write within the transaction.
func (tx *Tx) DB() *DB { return tx.db }

// User is the user the transaction's writes are attributed to.
func (tx *Tx) User() string { return tx.r.User() }
