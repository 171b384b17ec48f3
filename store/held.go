package store

import (
	"context"
	"strings"

	"zhibu/assets"
)

// Held changes: what a newer version on a paired PC sent for tables or fields this version
// does not know. The engine keeps them as received and applies them after the upgrade
// (store/replica/future.go); an administrator can list them and drop those of a device, as
// the CLI's "sync held" and the sync page's 暂存的更改 tab do.

// HeldGroup is one group of held changes: from which paired device, for which table and
// field, how many.
type HeldGroup struct {
	Device  string `json:"device"`   // the device ID they came from
	OrgName string `json:"org_name"` // its organisation ("" if no longer paired)
	OrgCode string `json:"org_code"`
	Table   string `json:"table"`
	Field   string `json:"field"`
	Count   int    `json:"count"`
}

// HeldChanges lists the held changes by device, table and field.
func (db *DB) HeldChanges(ctx context.Context) ([]HeldGroup, error) {
	gs, err := db.r.HeldChanges(ctx)
	if err != nil {
		return nil, err
	}
	peers, err := db.r.Peers(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]HeldGroup, 0, len(gs))
	for _, g := range gs {
		h := HeldGroup{Device: g.Peer, Table: g.Table, Field: g.Field, Count: g.Count}
		for _, p := range peers {
			if p.DeviceID == g.Peer {
				h.OrgName, h.OrgCode = p.OrgName, p.OrgCode
			}
		}
		out = append(out, h)
	}
	return out, nil
}

// DropHeld removes the held changes a device sent (device "" for every device) for a table
// (table "" for every table) and returns how many went; administrators only. The data is
// lost on this PC: the device sends it again only if it changes there.
func (db *DB) DropHeld(ctx context.Context, device, table string) (int, error) {
	if err := db.mayAdmin(ctx); err != nil {
		return 0, err
	}
	device, table = strings.TrimSpace(device), strings.TrimSpace(table)
	n, err := db.r.DropHeld(ctx, device, table)
	if err != nil {
		return 0, assets.Wrap(err, "Cannot drop the held changes.")
	}
	return n, nil
}
