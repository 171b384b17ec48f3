package replica

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"strings"
)

// Digest hashes the replicated content of the database: every row and field that syncs,
// in a fixed order (table, row ID, field), so it does not depend on the order rows were
// written in, and nothing that is local (accounts, device keys, sync bookkeeping, version
// stamps, derived columns). With orgID, only rows owned by that organisation count. Two
// databases holding the same data give the same digest.
func (db *DB) Digest(ctx context.Context, orgID string) (string, error) {
	h := sha256.New()
	for _, name := range db.Tables() {
		t := db.tables[name]
		q := "SELECT id, " + strings.Join(t.cols, ",") + " FROM " + name
		var args []any
		if orgID != "" {
			q += " WHERE org_id=?"
			args = append(args, orgID)
		}
		q += " ORDER BY id"
		if err := db.hashRows(ctx, h, t, q, args); err != nil {
			return "", fmt.Errorf("digest %s: %w", name, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (db *DB) hashRows(ctx context.Context, h hash.Hash, t *table, q string, args []any) error {
	rows, err := db.sql.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	vals, ptrs := scanTargets(len(t.cols) + 1)
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		writeField(h, t.Name)
		writeField(h, vals[0])
		for i, f := range t.cols {
			writeField(h, f)
			writeField(h, normalize(vals[i+1]))
		}
	}
	return rows.Err()
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
