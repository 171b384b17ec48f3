package replica

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"
)

// Table describes a replicated table to the engine. Every such table has the columns id
// (TEXT primary key), org_id (the owning organisation) and deleted (the tombstone) besides
// its Fields; columns not listed are local to this database (derived search keys, say).
type Table struct {
	Name   string
	Fields []string // replicated columns besides org_id and deleted, in log order
	// Derive, if set, recomputes a row's local columns after any of its fields changed, or
	// only after one of DeriveOn changed if that is set (a member's search keys come from its
	// name: a changed phone needs no new keys).
	Derive   func(ctx context.Context, tx *Tx, id string) error
	DeriveOn []string
	// Audience, if set, is an SQL expression over the table's row (the table is named by
	// its own name in it) giving the organisations a row concerns, as IDs separated by
	// commas; '' or NULL for every organisation that receives the owner's rows. A row
	// whose audience is set travels to a peer only if the peer's scope holds one of them
	// (a township's task for village A reaches A's PC, not B's), and a PC that keeps only
	// its own organisation's rows (Keeper) removes those that do not concern it (audience.go).
	Audience string
}

// derives reports whether a write of the fields (a set, or a list) needs Derive.
func (t *table) derives(changed func(field string) bool) bool {
	if t.Derive == nil {
		return false
	}
	if len(t.DeriveOn) == 0 {
		return true
	}
	for _, f := range t.DeriveOn {
		if changed(f) {
			return true
		}
	}
	return false
}

// table is a registered Table with its full column list.
type table struct {
	Table
	cols   []string // org_id, deleted, then Fields
	colSet map[string]bool
	selRow string // SELECT cols FROM name WHERE id=?
}

func (db *DB) register(t Table) error {
	if _, dup := db.tables[t.Name]; dup {
		return fmt.Errorf("replica: table %s registered twice", t.Name)
	}
	cols := append([]string{"org_id", "deleted"}, t.Fields...)
	set := make(map[string]bool, len(cols))
	for _, c := range cols {
		if set[c] {
			return fmt.Errorf("replica: table %s: field %s listed twice", t.Name, c)
		}
		set[c] = true
	}
	db.tables[t.Name] = &table{Table: t, cols: cols, colSet: set,
		selRow: "SELECT " + strings.Join(cols, ",") + " FROM " + t.Name + " WHERE id=?"}
	return nil
}

// Tables lists the replicated tables, sorted by name.
func (db *DB) Tables() []string {
	names := make([]string, 0, len(db.tables))
	for n := range db.tables {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Knows reports whether table.field is replicated here.
func (db *DB) Knows(tbl, field string) bool {
	t := db.tables[tbl]
	return t != nil && t.colSet[field]
}

// normalize maps Go values to the SQLite storage types this package compares.
func normalize(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case int64, float64, string:
		return x
	case []byte:
		if x == nil {
			return nil
		}
		return x
	}
	return fmt.Sprint(v)
}

func equalValues(a, b any) bool {
	a, b = normalize(a), normalize(b)
	if ab, ok := a.([]byte); ok {
		bb, ok := b.([]byte)
		return ok && bytes.Equal(ab, bb)
	}
	return a == b
}

// rowOf maps a row scanned in column order to its fields.
func (t *table) rowOf(vals []any) map[string]any {
	row := make(map[string]any, len(t.cols))
	for i, f := range t.cols {
		row[f] = normalize(vals[i])
	}
	return row
}

// scanTargets returns n values and pointers to them for Scan.
func scanTargets(n int) ([]any, []any) {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	return vals, ptrs
}
