package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"zhibu/assets"
)

// Peer is a paired device: the only kind of device whose bundles and connections are accepted.
type Peer struct {
	DeviceID     string `json:"id"`
	Role         string `json:"role"` // RoleVillage or RoleTownship
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

// VV is a version vector: per origin device, the newest HLC up to which all of that device's
// changes (within the holder's scope) are known.
type VV map[string]HLC

const peerCols = "device_id, role, org_id, org_code, org_name, cert, age_recipient, addr, paired_at, in_seq, out_seq, acked, last_sync, last_sent, last_error, clock_skew_ms"

func scanPeer(s interface{ Scan(...any) error }) (Peer, error) {
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
	return db.diskErrOrNil(err)
}

// RemovePeer unpairs a device.
func (db *DB) RemovePeer(ctx context.Context, deviceID string) error {
	_, err := db.sql.ExecContext(ctx, "DELETE FROM peers WHERE device_id=?", deviceID)
	return db.diskErrOrNil(err)
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
func (db *DB) Peers(ctx context.Context) ([]Peer, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT "+peerCols+" FROM peers ORDER BY org_code, device_id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Peer{}
	for rows.Next() {
		p, err := scanPeer(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// SetPeerAddr remembers the LAN address a peer was last reached at.
func (db *DB) SetPeerAddr(ctx context.Context, deviceID, addr string) error {
	_, err := db.sql.ExecContext(ctx, "UPDATE peers SET addr=? WHERE device_id=?", addr, deviceID)
	return err
}

// SetPeerError records the last sync failure with a peer, in Chinese ("" clears it).
func (db *DB) SetPeerError(ctx context.Context, deviceID, msg string) error {
	_, err := db.sql.ExecContext(ctx, "UPDATE peers SET last_error=? WHERE device_id=?", msg, deviceID)
	return err
}

// KnownVV returns this database's version vector; its own entry is the newest HLC of its
// own changes.
func (db *DB) KnownVV(ctx context.Context) (VV, error) { return knownVV(ctx, db.sql, db.Device()) }

func knownVV(ctx context.Context, q querier, self string) (VV, error) {
	vv := VV{}
	rows, err := q.QueryContext(ctx, "SELECT device, hlc FROM sync_vv")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var d string
		var h int64
		if err := rows.Scan(&d, &h); err != nil {
			return nil, err
		}
		vv[d] = HLC(h)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var own sql.NullInt64
	if err := q.QueryRowContext(ctx, "SELECT max(hlc) FROM changes WHERE device=?", self).Scan(&own); err != nil {
		return nil, err
	}
	if own.Valid {
		vv[self] = HLC(own.Int64)
	}
	return vv, nil
}

// Pending counts the changes waiting to go to a peer (what its last bundle did not know).
func (db *DB) Pending(ctx context.Context, p Peer) (int, error) {
	var n int
	err := db.Write(ctx, func(tx *Tx) error {
		out, err := tx.outgoing(ctx, p)
		n = len(out.Changes)
		return err
	})
	return n, err
}
