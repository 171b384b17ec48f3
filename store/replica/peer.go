package replica

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"zhibu/assets"
)

// Peer is a paired device: the only kind of device whose bundles and connections are accepted.
type Peer struct {
	DeviceID     string `json:"id"`
	Role         string `json:"role"` // the peer's role, as the Policy names it
	OrgID        string `json:"org_id"`
	OrgCode      string `json:"org_code"`
	OrgName      string `json:"name"`
	Cert         []byte `json:"-"` // DER certificate: its SHA-256 is the device ID
	AgeRecipient string `json:"-"` // age X25519 public key bundles are encrypted to
	Addr         string `json:"addr,omitempty"`
	PairedAt     int64  `json:"paired_at"`
	InSeq        int64  `json:"in_seq"`  // newest bundle number imported from the peer
	OutSeq       int64  `json:"out_seq"` // newest bundle number written for the peer
	Acked        VV     `json:"-"`       // the peer's version vector, from its newest bundle
	LastSync     int64  `json:"last_sync"`
	LastSent     int64  `json:"last_sent"`
	LastError    string `json:"last_error,omitempty"`
	ClockSkewMs  int64  `json:"clock_skew_ms"`
}

// Label names the peer in messages: its organisation, else its device ID.
func (p Peer) Label() string {
	if p.OrgName != "" {
		return p.OrgName
	}
	return p.DeviceID
}

// VV is a version vector: per origin device, the newest HLC up to which all of that device's
// changes (within the holder's scope) are known.
type VV map[string]HLC

func (v VV) json() string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // a map of strings to integers always marshals
	}
	return string(b)
}

const peerCols = "device_id, role, org_id, org_code, org_name, cert, age_recipient, addr, paired_at, in_seq, out_seq, acked, last_sync, last_sent, last_error, clock_skew_ms"

func scanPeer(s Scanner) (Peer, error) {
	var p Peer
	var acked string
	err := s.Scan(&p.DeviceID, &p.Role, &p.OrgID, &p.OrgCode, &p.OrgName, &p.Cert, &p.AgeRecipient, &p.Addr, &p.PairedAt,
		&p.InSeq, &p.OutSeq, &acked, &p.LastSync, &p.LastSent, &p.LastError, &p.ClockSkewMs)
	if err != nil {
		return p, err
	}
	p.Acked = VV{}
	if err := json.Unmarshal([]byte(acked), &p.Acked); err != nil {
		return p, fmt.Errorf("peer %s: acked: %w", p.DeviceID, err)
	}
	return p, nil
}

// AddPeer pairs a device, or refreshes the keys and organisation of one already paired
// (its sync progress is kept).
func (db *DB) AddPeer(ctx context.Context, p Peer) error {
	if p.DeviceID == db.Device() {
		return assets.Wrap(ErrInvalid, "This enrolment file is this PC's own. Import the file of the other PC.")
	}
	_, err := db.sql.ExecContext(ctx, `INSERT INTO peers(device_id, role, org_id, org_code, org_name, cert, age_recipient, addr, paired_at)
		VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(device_id) DO UPDATE SET role=excluded.role, org_id=excluded.org_id,
		org_code=excluded.org_code, org_name=excluded.org_name, cert=excluded.cert, age_recipient=excluded.age_recipient`,
		p.DeviceID, p.Role, p.OrgID, p.OrgCode, p.OrgName, p.Cert, p.AgeRecipient, p.Addr, db.now().UnixMilli())
	return db.diskErr(err)
}

// RemovePeer unpairs a device.
func (db *DB) RemovePeer(ctx context.Context, deviceID string) error {
	_, err := db.sql.ExecContext(ctx, "DELETE FROM peers WHERE device_id=?", deviceID)
	return db.diskErr(err)
}

// Peer returns a paired device, or ErrNotFound.
func (db *DB) Peer(ctx context.Context, deviceID string) (Peer, error) {
	p, err := scanPeer(db.sql.QueryRowContext(ctx, "SELECT "+peerCols+" FROM peers WHERE device_id=?", deviceID))
	if errors.Is(err, sql.ErrNoRows) {
		return Peer{}, ErrNotFound
	}
	return p, err
}

// Peers lists the paired devices by organisation code.
func (db *DB) Peers(ctx context.Context) ([]Peer, error) { return peers(ctx, db.sql) }

// Peers is DB.Peers read inside the transaction.
func (tx *Tx) Peers(ctx context.Context) ([]Peer, error) { return peers(ctx, tx) }

func peers(ctx context.Context, q Querier) ([]Peer, error) {
	return Collect(ctx, q, scanPeer, "SELECT "+peerCols+" FROM peers ORDER BY org_code, device_id")
}

// SetPeerAddr remembers the LAN address a peer was last reached at.
func (db *DB) SetPeerAddr(ctx context.Context, deviceID, addr string) error {
	_, err := db.sql.ExecContext(ctx, "UPDATE peers SET addr=? WHERE device_id=?", addr, deviceID)
	return db.diskErr(err)
}

// SetPeerError records the last sync failure with a peer, in Chinese ("" clears it).
func (db *DB) SetPeerError(ctx context.Context, deviceID, msg string) error {
	_, err := db.sql.ExecContext(ctx, "UPDATE peers SET last_error=? WHERE device_id=?", msg, deviceID)
	return db.diskErr(err)
}

func (tx *Tx) peer(ctx context.Context, deviceID string) (Peer, error) {
	p, err := scanPeer(tx.QueryRowContext(ctx, "SELECT "+peerCols+" FROM peers WHERE device_id=?", deviceID))
	if errors.Is(err, sql.ErrNoRows) {
		return Peer{}, assets.Wrap(ErrUnknownPeer, "The device %s is not paired with this PC. Pair the two PCs first (exchange enrolment files).", deviceID)
	}
	return p, err
}

// knownVV returns this database's version vector; its own entry is the newest HLC of its
// own changes.
func knownVV(ctx context.Context, q Querier, self string) (VV, error) {
	vv := VV{}
	type entry struct {
		dev string
		hlc int64
	}
	es, err := Collect(ctx, q, func(s Scanner) (e entry, err error) { return e, s.Scan(&e.dev, &e.hlc) }, "SELECT device, hlc FROM sync_vv")
	if err != nil {
		return nil, err
	}
	for _, e := range es {
		vv[e.dev] = HLC(e.hlc)
	}
	own, err := GetMeta(ctx, q, "own_hlc")
	if err != nil {
		return nil, err
	}
	if h, _ := strconv.ParseInt(own, 10, 64); h > 0 {
		vv[self] = HLC(h)
	}
	return vv, nil
}

// Pending counts the changes waiting to go to a peer (what its last bundle did not know).
func (db *DB) Pending(ctx context.Context, p Peer) (int, error) {
	n, err := db.PendingCounts(ctx, []Peer{p})
	return n[p.DeviceID], err
}

// PendingCounts counts, for each peer, the changes a bundle for it would carry that it has
// not confirmed holding, without building the bundle: per origin device whose changes may
// travel to the peer, a count of its versions in the rows changed after the peer's
// acknowledged point (crr_rows.top's index), one scan per distinct point (and of the changes held for a newer version). A peer that may receive every organisation's rows costs one
// index-only count per origin; a scoped peer a count per organisation of the origins that
// may write a row in its scope (a village's PC writes only its own rows, so a township
// counts for village B neither village A's changes nor anything of A's). Counts are shared
// between peers at the same acknowledged point. Unlike the bundle, rows are not read, so a
// row whose audience leaves the peer out still counts.
func (db *DB) PendingCounts(ctx context.Context, peers []Peer) (map[string]int, error) {
	out := make(map[string]int, len(peers))
	err := db.read(ctx, func(tx *Tx) error {
		self := db.Device()
		known, err := knownVV(ctx, tx, self)
		if err != nil {
			return err
		}
		// What each paired origin may write (its inbound scope), to skip origins none of whose
		// rows may reach a scoped peer.
		writes := map[string]map[string]bool{}
		all, err := tx.Peers(ctx)
		if err != nil {
			return err
		}
		for _, o := range all {
			if writes[o.DeviceID], err = db.policy.Inbound(ctx, tx, o); err != nil {
				return err
			}
		}
		// Versions after a point, by origin device and owner: one scan of the rows changed
		// after it (crr_rows.top) per distinct acknowledged point, shared by every origin and
		// peer at that point.
		counts := map[HLC]map[string]map[string]int{}
		after := func(h HLC) (map[string]map[string]int, error) {
			if c, ok := counts[h]; ok {
				return c, nil
			}
			type count struct {
				dev, org string
				n        int
			}
			cs, err := Collect(ctx, tx, func(s Scanner) (count, error) {
				var c count
				return c, s.Scan(&c.dev, &c.org, &c.n)
			}, `SELECT (SELECT name FROM crr_names WHERE id=dev), (SELECT name FROM crr_names WHERE id=org), n FROM (
					SELECT c.dev dev, r.org org, count(*) n FROM crr_rows r JOIN crr_clock c ON c.row=r.id
					WHERE r.top>?1 AND c.hlc>?1 GROUP BY c.dev, r.org)
				UNION ALL SELECT device, org_id, count(*) FROM future_changes WHERE hlc>?1 GROUP BY device, org_id`, int64(h))
			if err != nil {
				return nil, err
			}
			c := map[string]map[string]int{}
			for _, x := range cs {
				if c[x.dev] == nil {
					c[x.dev] = map[string]int{}
				}
				c[x.dev][x.org] += x.n
			}
			counts[h] = c
			return c, nil
		}
		for _, p := range peers {
			scope, relay, err := db.policy.Outbound(ctx, tx, p)
			if err != nil {
				return err
			}
			origins := []string{self}
			if relay {
				for d := range known {
					if d == self || d == p.DeviceID {
						continue
					}
					if w, paired := writes[d]; paired && scope != nil && w != nil && !overlaps(w, scope) {
						continue
					}
					origins = append(origins, d)
				}
			}
			n := 0
			for _, o := range origins {
				c, err := after(p.Acked[o])
				if err != nil {
					return err
				}
				for org, k := range c[o] {
					if scope == nil || scope[org] {
						n += k
					}
				}
			}
			out[p.DeviceID] = n
		}
		return nil
	})
	return out, err
}

// orgCounts counts an origin's versions after a point by the organisation owning the row.
const orgCounts = `SELECT org, sum(n) FROM (
	SELECT (SELECT name FROM crr_names WHERE id=r.org) org, count(*) n FROM crr_rows r JOIN crr_clock c ON c.row=r.id
		WHERE r.top>?2 AND c.hlc>?2 AND c.dev=(SELECT id FROM crr_names WHERE name=?1) GROUP BY r.org
	UNION ALL SELECT org_id, count(*) FROM future_changes WHERE device=?1 AND hlc>?2 GROUP BY org_id) GROUP BY org`

// overlaps reports whether two sets of organisations share one.
func overlaps(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// PeerConflicts counts the open conflicts on rows a peer may change.
func (db *DB) PeerConflicts(ctx context.Context, p Peer) (int, error) {
	var n int
	err := db.read(ctx, func(tx *Tx) error {
		scope, err := db.policy.Inbound(ctx, tx, p)
		if err != nil {
			return err
		}
		cs, err := db.Conflicts(ctx, "", false)
		for _, c := range cs {
			if scope == nil || scope[c.OrgID] {
				n++
			}
		}
		return err
	})
	return n, err
}
