package store

import (
	"context"
	"sync"
)

// Shared figures. The home screen asks, at the same moment and off the UI thread, for its
// KPI block, its findings (check) and its star rating; each of them loads the same year of
// meetings with their attendance tallies, and the KPIs and the stars the same dues book.
// Such loads are worked out once per state of the records and shared: a result is kept
// with the change log's newest seq it was computed at and dropped as soon as the log has
// grown (every local write and every change merged from a bundle is logged in its own
// transaction, as the roster in memory relies on too, member_search.go). A caller asking
// while the same load runs waits for it instead of running it again. A view (inside a
// transaction) always reads afresh: it must see its own writes. Only loads that do not
// depend on who asks (no masking, no permission) may be shared.
// TestSharedFiguresFollowEditsAndImports checks that the figures follow an edit, a
// deletion and a merged bundle.

type sharedFigures struct {
	mu   sync.Mutex
	seq  int64 // the change log's newest seq the entries were computed at
	vals map[string]*sharedEntry
}

type sharedEntry struct {
	done chan struct{}
	v    any
	err  error
}

// changeSeq is the change log's newest seq: it grows with every write of a record.
func (db *DB) changeSeq(ctx context.Context) (int64, error) {
	var seq int64
	err := db.sql.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) FROM crr_rows").Scan(&seq)
	return seq, err
}

// shared returns load's result for key as the records stand now, computing it only if it
// was not computed since the last change (or is being computed: then it waits).
func shared[T any](ctx context.Context, db *DB, key string, load func() (T, error)) (T, error) {
	c := db.figures
	if c == nil {
		return load()
	}
	seq, err := db.changeSeq(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	c.mu.Lock()
	if seq != c.seq || c.vals == nil {
		c.seq, c.vals = seq, map[string]*sharedEntry{}
	}
	e, found := c.vals[key]
	if !found {
		e = &sharedEntry{done: make(chan struct{})}
		c.vals[key] = e
	}
	c.mu.Unlock()
	if !found {
		func() {
			defer close(e.done)
			e.v, e.err = load()
		}()
		if e.err != nil { // not kept: the next caller tries again (a cancelled screen, a busy disk)
			c.mu.Lock()
			if c.vals[key] == e {
				delete(c.vals, key)
			}
			c.mu.Unlock()
		}
	} else {
		select {
		case <-e.done:
		case <-ctx.Done():
			var zero T
			return zero, ctx.Err()
		}
		if e.err != nil {
			return load() // the one computing failed (say its screen was closed): compute here
		}
	}
	if e.err != nil {
		var zero T
		return zero, e.err
	}
	return e.v.(T), nil
}
