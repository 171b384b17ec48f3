package replica

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"zhibu/assets"
)

// Carriers and receipts: what the engine keeps for bundles that travel through devices that
// are not paired for content (a stock Syncthing node, a shared folder), and for the signed
// receipts by which a recipient says what it now holds.

// Carrier is a device allowed to carry bundles (a stock Syncthing node): it may connect and
// hold files, but it is never a sender or recipient of content.
type Carrier struct {
	DeviceID string `json:"id"`
	Name     string `json:"name"`
	AddedAt  int64  `json:"added_at"`
}

const carriersKey = "carriers"

// Carriers lists the carriers, by name.
func (db *DB) Carriers(ctx context.Context) ([]Carrier, error) {
	v, err := GetMeta(ctx, db.sql, carriersKey)
	if err != nil || v == "" {
		return []Carrier{}, err
	}
	var cs []Carrier
	if err := json.Unmarshal([]byte(v), &cs); err != nil {
		return nil, fmt.Errorf("carriers: %w", err)
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].Name < cs[j].Name })
	return cs, nil
}

// Carrier returns one carrier, or ErrNotFound.
func (db *DB) Carrier(ctx context.Context, deviceID string) (Carrier, error) {
	cs, err := db.Carriers(ctx)
	if err != nil {
		return Carrier{}, err
	}
	for _, c := range cs {
		if c.DeviceID == deviceID {
			return c, nil
		}
	}
	return Carrier{}, ErrNotFound
}

// AddCarrier allows a device to carry bundles (or renames one already allowed). A device
// paired for content cannot also be a carrier.
func (db *DB) AddCarrier(ctx context.Context, c Carrier) error {
	c.Name = strings.TrimSpace(c.Name)
	if c.DeviceID == db.Device() {
		return assets.Wrap(ErrInvalid, "This is this PC's own device ID. Give the device ID of the Syncthing node.")
	}
	if c.Name == "" {
		return assets.Wrap(ErrInvalid, "Give the carrier a name (--name), e.g. the office it stands in.")
	}
	if _, err := db.Peer(ctx, c.DeviceID); err == nil {
		return assets.Wrap(ErrInvalid, "The device %s is already paired with this PC for its data; it cannot also be a carrier.", c.DeviceID)
	}
	return db.Write(ctx, func(tx *Tx) error {
		v, err := GetMeta(ctx, tx, carriersKey)
		if err != nil {
			return err
		}
		var cs []Carrier
		if v != "" {
			if err := json.Unmarshal([]byte(v), &cs); err != nil {
				return fmt.Errorf("carriers: %w", err)
			}
		}
		found := false
		for i := range cs {
			if cs[i].DeviceID == c.DeviceID {
				cs[i].Name, found = c.Name, true
			}
		}
		if !found {
			c.AddedAt = db.now().UnixMilli()
			cs = append(cs, c)
		}
		b, _ := json.Marshal(cs)
		return SetMeta(ctx, tx, carriersKey, string(b))
	})
}

// KnownVV is this database's version vector: what a receipt tells the sender it now holds.
func (db *DB) KnownVV(ctx context.Context) (VV, error) {
	var vv VV
	err := db.read(ctx, func(tx *Tx) (err error) {
		vv, err = knownVV(ctx, tx, db.Device())
		return err
	})
	return vv, err
}

// RecordAck records what a paired device says it holds (from its signed receipt for a
// bundle), so the changes it has are no longer pending for it. Each origin keeps the higher
// of the two. (A bundle from the peer still replaces what is recorded, so a peer restored
// from an old backup is sent again what it lost: apply receipts after the peer's bundles.)
func (db *DB) RecordAck(ctx context.Context, deviceID string, known VV) error {
	return db.Write(ctx, func(tx *Tx) error {
		p, err := tx.peer(ctx, deviceID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE peers SET acked=? WHERE device_id=?", mergeVV(p.Acked, known).json(), deviceID)
		return err
	})
}

// mergeVV is the pointwise maximum of two version vectors.
func mergeVV(a, b VV) VV {
	out := VV{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = max(out[k], v)
	}
	return out
}

// OutgoingMark summarises what a bundle for p would carry now (the number of changes and a
// fingerprint of their versions), without numbering a bundle: equal marks mean a bundle
// already written carries the same changes.
func (db *DB) OutgoingMark(ctx context.Context, p Peer) (int, string, error) {
	var n int
	var mark string
	err := db.read(ctx, func(tx *Tx) error {
		out, err := tx.outgoing(ctx, p)
		if err != nil {
			return err
		}
		var sum, top uint64
		for _, c := range out.Changes {
			sum += uint64(c.HLC)
			top = max(top, uint64(c.HLC))
		}
		n, mark = len(out.Changes), fmt.Sprintf("%d-%x-%x", len(out.Changes), top, sum)
		return nil
	})
	return n, mark, err
}
