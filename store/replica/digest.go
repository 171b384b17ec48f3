package replica

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"sort"
	"strings"
)

// Digest hashes the replicated content of the database: every row and field that syncs,
// in a fixed order (table, row ID, field, each by name), so it does not depend on the order
// rows were written in, and nothing that is local (accounts, device keys, sync bookkeeping,
// version stamps, derived columns). With orgID, only rows owned by that organisation count.
// Two databases holding the same data give the same digest.
//
// The same data gives the same digest on PCs of different versions, where one has tables or
// columns the other does not know: a field holding a zero value (NULL, ”, 0) is left out,
// so a column a newer version added, which nobody has set, hashes like a column that is not
// there (a migration's new replicated column must therefore default to NULL, ” or 0); and
// the changes an older PC holds for tables or fields it does not know (future.go) count as
// the fields they set. Both sides of a full sync then agree on what both hold.
func (db *DB) Digest(ctx context.Context, orgID string) (string, error) {
	held, err := db.heldTables(ctx)
	if err != nil {
		return "", err
	}
	names := db.Tables()
	for _, n := range held {
		if db.tables[n] == nil {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		if err := db.hashTable(ctx, h, name, orgID); err != nil {
			return "", fmt.Errorf("digest %s: %w", name, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// heldTables lists the tables future_changes holds changes of.
func (db *DB) heldTables(ctx context.Context) ([]string, error) {
	return Collect(ctx, db.sql, func(s Scanner) (string, error) {
		var n string
		return n, s.Scan(&n)
	}, "SELECT DISTINCT tbl FROM future_changes")
}

// namedValue is one field of a row, for hashing.
type namedValue struct {
	name string
	v    any
}

// hashTable hashes a table's rows (a table this version knows) merged with the held fields
// of its rows (all there is of a table it does not know).
func (db *DB) hashTable(ctx context.Context, h hash.Hash, name, orgID string) error {
	heldQ := "SELECT row_id, field, value FROM future_changes WHERE tbl=?"
	args := []any{name}
	if orgID != "" {
		heldQ += " AND org_id=?"
		args = append(args, orgID)
	}
	type heldField struct {
		row string
		namedValue
	}
	held, err := Collect(ctx, db.sql, func(s Scanner) (heldField, error) {
		var f heldField
		err := s.Scan(&f.row, &f.name, &f.v)
		f.v = normalize(f.v)
		return f, err
	}, heldQ+" ORDER BY row_id, field", args...)
	if err != nil {
		return err
	}
	// emit hashes one row: its fields merged with the held ones of the row, by name.
	var fields []namedValue
	emit := func(id string, known []namedValue) {
		fields = append(fields[:0], known...)
		for len(held) > 0 && held[0].row == id {
			fields = append(fields, held[0].namedValue)
			held = held[1:]
		}
		sort.SliceStable(fields, func(i, j int) bool { return fields[i].name < fields[j].name })
		writeField(h, name)
		writeField(h, id)
		for i, f := range fields {
			if isZero(f.v) || i > 0 && fields[i-1].name == f.name {
				continue // a held field this version knows again but kept held: the column counts
			}
			writeField(h, f.name)
			writeField(h, f.v)
		}
	}
	// flushHeld hashes the rows only held fields name, up to (not including) the row id.
	flushHeld := func(id string, all bool) {
		for len(held) > 0 && (all || held[0].row < id) {
			emit(held[0].row, nil)
		}
	}
	t := db.tables[name]
	if t == nil {
		flushHeld("", true)
		return nil
	}
	q := "SELECT id, " + strings.Join(t.cols, ",") + " FROM " + name
	var rargs []any
	if orgID != "" {
		q += " WHERE org_id=?"
		rargs = append(rargs, orgID)
	}
	rows, err := db.sql.QueryContext(ctx, q+" ORDER BY id", rargs...)
	if err != nil {
		return err
	}
	defer rows.Close()
	vals, ptrs := scanTargets(len(t.cols) + 1)
	known := make([]namedValue, len(t.cols))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		id := fmt.Sprint(vals[0])
		if s, ok := vals[0].(string); ok {
			id = s
		}
		flushHeld(id, false)
		for i, f := range t.cols {
			known[i] = namedValue{f, normalize(vals[i+1])}
		}
		emit(id, known)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	flushHeld("", true)
	return nil
}

// isZero reports whether a value is one the digest leaves out: NULL, ”, 0 or an empty blob.
func isZero(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case int64:
		return x == 0
	case float64:
		return x == 0
	case string:
		return x == ""
	case []byte:
		return len(x) == 0
	}
	return false
}

// writeField writes a typed, length-prefixed value so that no two different sequences of
// values hash alike.
func writeField(h hash.Hash, v any) {
	var tag byte
	var b []byte
	switch x := v.(type) {
	case nil:
		tag = 'n'
	case int64:
		tag = 'i'
		b = binary.BigEndian.AppendUint64(nil, uint64(x))
	case float64:
		tag = 'f'
		b = binary.BigEndian.AppendUint64(nil, math.Float64bits(x))
	case string:
		tag, b = 's', []byte(x)
	case []byte:
		tag, b = 'b', x
	default:
		tag, b = 's', []byte(fmt.Sprint(x))
	}
	var hdr [9]byte
	hdr[0] = tag
	binary.BigEndian.PutUint64(hdr[1:], uint64(len(b)))
	h.Write(hdr[:])
	h.Write(b)
}
