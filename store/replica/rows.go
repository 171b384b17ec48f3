package replica

import (
	"context"
	"database/sql"
)

// Scanner is what *sql.Row and *sql.Rows share.
type Scanner = interface{ Scan(dest ...any) error }

// Collect runs a query and scans every row with scan: the one loop over rows.Next() that
// every listing shares. An empty result is an empty, non-nil slice.
func Collect[T any](ctx context.Context, q Querier, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return CollectRows(rows, scan)
}

// CollectRows scans rows already queried (a prepared statement's) and closes them.
func CollectRows[T any](rows *sql.Rows, scan func(Scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
