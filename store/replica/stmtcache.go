package replica

import (
	"context"
	"database/sql"
)

// A transaction keeps the statements it runs prepared until it ends: the same few queries
// (a row read, its update, the version and change-log inserts, a derived-column refresh) run
// once per record in a batch, and parsing each again took about a fifth of a merge's time.
// Queries made through Tx's methods are cached; the embedded *sql.Tx is not.

// maxCachedStmts bounds the statements one transaction keeps (updates list the fields that
// changed, so their text varies).
const maxCachedStmts = 256

func (tx *Tx) cached(ctx context.Context, query string) *sql.Stmt {
	if s, ok := tx.stmts[query]; ok {
		return s
	}
	if len(tx.stmts) >= maxCachedStmts {
		return nil
	}
	s, err := tx.Tx.PrepareContext(ctx, query)
	if err != nil {
		return nil // run uncached: the error is reported by the call itself
	}
	if tx.stmts == nil {
		tx.stmts = map[string]*sql.Stmt{}
	}
	tx.stmts[query] = s
	return s
}

// ExecContext runs a statement in the transaction, prepared once per transaction.
func (tx *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := tx.cached(ctx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return tx.Tx.ExecContext(ctx, query, args...)
}

// QueryContext runs a query in the transaction, prepared once per transaction.
func (tx *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := tx.cached(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return tx.Tx.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a one-row query in the transaction, prepared once per transaction.
func (tx *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := tx.cached(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return tx.Tx.QueryRowContext(ctx, query, args...)
}

// closeStmts closes the transaction's prepared statements.
func (tx *Tx) closeStmts() {
	for _, s := range tx.stmts {
		s.Close()
	}
	tx.stmts = nil
}
