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
	known := map[string]bool{peer.OrgID: true}
	under := func(id string) (bool, error) {
		if ok, seen := known[id]; seen {
			return ok, nil
		}
		var code string
		err := tx.QueryRowContext(ctx, "SELECT code FROM orgs WHERE id=?", id).Scan(&code)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			code = bundleCode[id].code // new here: the code the bundle gives it
		case err != nil:
			return false, err
		}
		known[id] = nests(code)
		return known[id], nil
	}
	outside := func(id string) error {
		return refuse("The bundle from %s changes data of %s, which is not under that township. A county accepts from a township only its own data and its villages'. Nothing was imported; tell the township office.", p.OrgLabel(ctx, tx, id))
	}
	for _, c := range cs {
		if ok, err := under(c.OrgID); err != nil {
			return err
		} else if !ok {
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
