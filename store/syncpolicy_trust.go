package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"zhibu/assets"
	"zhibu/store/replica"
)

// checkSubtree lets a county accept from a township only that township's subtree: rows
// owned by the township itself or by an organisation whose code nests under the township's
// (its villages; their branches and groups are owned by the village), no row moved to an
// owner outside it, and no organisation code taken out of it. The township's code is the one
// fixed when it was paired. An organisation the county already knows is judged by its code
// here; one it does not know yet (a village's first bundle) by the code the bundle gives it.
func (p policy) checkSubtree(ctx context.Context, tx *replica.Tx, peer replica.Peer, cs []replica.Change) error {
	refuse := func(key string, args ...any) error {
		return assets.Wrap(replica.ErrOutOfScope, key, append([]any{peer.Label()}, args...)...)
	}
	nests := func(code string) bool { return len(code) > len(peer.OrgCode) && strings.HasPrefix(code, peer.OrgCode) }
	// The newest code each organisation row of the bundle gives.
	type stamp struct {
		code string
		hlc  replica.HLC
	}
	bundleCode := map[string]stamp{}
	for _, c := range cs {
		if c.Table == "orgs" && c.Field == "code" {
			if s, ok := bundleCode[c.RowID]; !ok || c.HLC > s.hlc {
				v, _ := c.Value.(string)
				bundleCode[c.RowID] = stamp{v, c.HLC}
			}
		}
	}
	codeOf := func(id string) (string, error) {
		var code string
		err := tx.QueryRowContext(ctx, "SELECT code FROM orgs WHERE id=?", id).Scan(&code)
		if errors.Is(err, sql.ErrNoRows) {
			return bundleCode[id].code, nil // new here: the code the bundle gives it
		}
		return code, err
	}
	known := map[string]bool{peer.OrgID: true}
	under := func(id string) (bool, error) {
		if ok, seen := known[id]; seen {
			return ok, nil
		}
		code, err := codeOf(id)
		if err != nil {
			return false, err
		}
		known[id] = nests(code)
		return known[id], nil
	}
	// relayedFromAbove: a change the township passes on, not its own, to a row of an
	// organisation above it other than this PC's own (another county PC's rows, relayed). The
	// rows of this PC's own organisation are never taken from a township. (A change's device
	// is not signed by that device: a township could still forge one; the engine's per-row
	// owner check is the place to close that.)
	home := tx.DB().Org()
	relayedFromAbove := func(c replica.Change) (bool, error) {
		if v, _ := c.Value.(string); c.Device == peer.DeviceID || c.OrgID == home || c.Field == "org_id" && v != c.OrgID {
			return false, nil
		}
		code, err := codeOf(c.OrgID)
		return err == nil && code != "" && len(code) < len(peer.OrgCode) && strings.HasPrefix(peer.OrgCode, code), err
	}
	outside := func(id string) error {
		return refuse("The bundle from %s changes data of %s, which is not under that township. A county accepts from a township only its own data and its villages'. Nothing was imported; tell the township office.", p.OrgLabel(ctx, tx, id))
	}
	for _, c := range cs {
		if ok, err := under(c.OrgID); err != nil {
			return err
		} else if !ok {
			if relayed, err := relayedFromAbove(c); err != nil {
				return err
			} else if relayed {
				if owner, err := storedOwner(ctx, tx, c); err != nil || (owner != "" && owner != c.OrgID) {
					return errors.Join(err, outside(owner))
				}
				continue
			}
			return outside(c.OrgID)
		}
		// The row as stored must be the township's too: a change may not claim another
		// organisation's row by naming a new owner.
		owner, err := storedOwner(ctx, tx, c)
		if err != nil {
			return err
		}
		if owner != "" && owner != c.OrgID {
			if ok, err := under(owner); err != nil {
				return err
			} else if !ok {
				return outside(owner)
			}
		}
		v, _ := c.Value.(string)
		switch {
		case c.Field == "org_id":
			if ok, err := under(v); err != nil {
				return err
			} else if !ok {
				return refuse("The bundle from %s moves a record to %s, which is not under that township. Nothing was imported; tell the township office.", p.OrgLabel(ctx, tx, v))
			}
		case c.Table == "orgs" && c.Field == "code" && c.RowID == peer.OrgID && v != peer.OrgCode,
			c.Table == "orgs" && c.Field == "code" && c.RowID != peer.OrgID && v != "" && !nests(v):
			return refuse("The bundle from %s gives an organisation the code %s, which is not under that township's code. Nothing was imported; tell the township office.", v)
		case c.Table == "orgs" && c.Field == "parent_id" && v != "" && v != peer.OrgID:
			if ok, err := under(v); err != nil {
				return err
			} else if !ok && c.RowID != peer.OrgID {
				return refuse("The bundle from %s moves a record to %s, which is not under that township. Nothing was imported; tell the township office.", p.OrgLabel(ctx, tx, v))
			}
		}
	}
	return nil
}

// storedOwner is the owning organisation of the row a change touches, as stored here ("" if
// the row is new or its table is not one this version knows).
func storedOwner(ctx context.Context, tx *replica.Tx, c replica.Change) (string, error) {
	if !tx.DB().Knows(c.Table, "org_id") {
		return "", nil
	}
	var owner string
	err := tx.QueryRowContext(ctx, "SELECT org_id FROM "+c.Table+" WHERE id=?", c.RowID).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return owner, err
}
