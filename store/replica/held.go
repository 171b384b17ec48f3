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
	}, `SELECT c.hlc, d.name FROM crr_names t JOIN crr_rows r ON r.tbl=t.id JOIN crr_clock c ON c.row=r.id JOIN crr_names d ON d.id=c.dev
		WHERE t.name=? AND r.row_id=?`, tbl, id)
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

// Unsent counts, for each peer, this device's own changes the peer has not confirmed
// holding (after its version vector's entry for this device) within what may travel to it:
// a cheap figure for an overview of many peers, where Pending (the bundle that would be
// made) reads more. It leaves out relayed changes of other devices. One counting query per distinct acknowledged point.
func (db *DB) Unsent(ctx context.Context, peers []Peer) (out map[string]int, err error) {
	err = db.read(ctx, func(tx *Tx) error {
		out, err = tx.Unsent(ctx, peers)
		return err
	})
	return out, err
}

// Unsent is DB.Unsent read inside the transaction (whose own writes it sees).
func (tx *Tx) Unsent(ctx context.Context, peers []Peer) (map[string]int, error) {
	db := tx.db
	out := map[string]int{}
	err := func() error {
		self := db.Device()
		counts := map[HLC]map[string]int{} // acknowledged point → org → changes after it
		type orgCount struct {
			org string
			n   int
		}
		for _, p := range peers {
			h := p.Acked[self]
			if counts[h] == nil {
				cs, err := Collect(ctx, tx, func(s Scanner) (orgCount, error) {
					var c orgCount
					return c, s.Scan(&c.org, &c.n)
				}, orgCounts, self, int64(h))
				if err != nil {
					return err
				}
				counts[h] = map[string]int{}
				for _, c := range cs {
					counts[h][c.org] = c.n
				}
			}
			scope, _, err := db.policy.Outbound(ctx, tx, p)
			if err != nil {
				return err
			}
			n := 0
			for org, k := range counts[h] {
				if scope == nil || scope[org] {
					n += k
				}
			}
			out[p.DeviceID] = n
		}
		return nil
	}()
	return out, err
}
