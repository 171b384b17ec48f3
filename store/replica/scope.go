package replica

import (
	"context"

	"zhibu/assets"
)

// checkScope refuses a bundle holding a change the Policy does not let the sender make.
// Changes to tables or fields this version does not know are checked like the others (by
// the organisation that owns the row) and then held (future.go), not refused. It returns
// the organisations whose rows the bundle may touch (nil: all); the owner of each existing
// row is checked against them as the row is merged, and a refusal then rolls the whole
// import back.
func (tx *Tx) checkScope(ctx context.Context, p Peer, cs []Change) (map[string]bool, error) {
	scope, err := tx.db.policy.Inbound(ctx, tx, p)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if scope == nil {
			continue
		}
		if !scope[c.OrgID] {
			return nil, assets.Wrap(ErrOutOfScope, "The bundle from %s changes data of another organisation (%s), which it may not send. Nothing was imported; tell the township office.", p.Label(), tx.db.policy.OrgLabel(ctx, tx, c.OrgID))
		}
		if c.Field == "org_id" {
			if s, _ := c.Value.(string); !scope[s] {
				return nil, assets.Wrap(ErrOutOfScope, "The bundle from %s moves a record to another organisation (%s), which it may not do. Nothing was imported; tell the township office.", p.Label(), tx.db.policy.OrgLabel(ctx, tx, s))
			}
		}
	}
	if err := tx.db.policy.CheckInbound(ctx, tx, p, cs); err != nil {
		return nil, err
	}
	return scope, nil
}

// checkOwner refuses a change to an existing row that belongs outside the bundle's scope.
func (m *merger) checkOwner(ctx context.Context, cur map[string]any) error {
	owner, _ := cur["org_id"].(string)
	if m.scope == nil || owner == "" || m.scope[owner] {
		return nil
	}
	return assets.Wrap(ErrOutOfScope, "The bundle from %s changes a record that belongs to %s, which it may not do. Nothing was imported; tell the township office.", m.peer.Label(), m.tx.db.policy.OrgLabel(ctx, m.tx, owner))
}
