package replica

import "context"

// Held reports whether a peer held a row as this database has it when the peer made its
// newest bundle: its version vector (Acked) covers the version of every field of the row.
// It is the receipt of what this database sent: nothing needs to travel back for it.
func (db *DB) Held(ctx context.Context, p Peer, tbl, id string) (bool, error) {
	type version struct {
		hlc HLC
		dev string
	}
	vs, err := Collect(ctx, db.sql, func(s Scanner) (version, error) {
		var v version
		return v, s.Scan(&v.hlc, &v.dev)
	}, "SELECT hlc, device FROM field_versions WHERE tbl=? AND row_id=?", tbl, id)
	if err != nil || len(vs) == 0 {
		return false, err
	}
	for _, v := range vs {
		if p.Acked[v.dev] < v.hlc {
			return false, nil
		}
	}
	return true, nil
}
