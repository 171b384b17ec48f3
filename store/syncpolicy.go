package store

import (
	"context"

	"zhibu/assets"
	"zhibu/store/replica"
)

// policy tells the engine what travels between this database and a peer: a village sends
// its own rows and receives its own plus the township's broadcasts; a township relays every
// village's changes to the others within each one's scope and accepts from a village only
// the rows that village owns. Above the township, a county receives everything its
// townships hold (their villages' data, for the county's report) and sends a township only
// its own rows: villages' data never goes back down.
type policy struct{ db *DB }

func (p policy) Outbound(ctx context.Context, tx *replica.Tx, peer replica.Peer) (map[string]bool, bool, error) {
	home, role, err := p.self(ctx, tx)
	if err != nil {
		return nil, false, err
	}
	switch {
	case role == RoleCounty && peer.Role == RoleCounty:
		return nil, true, nil // another PC of the same county office
	case role != RoleTownship:
		return map[string]bool{home: true}, false, nil // its own edits of its own rows
	case peer.Role == RoleTownship, peer.Role == RoleCounty:
		return nil, true, nil // a township office PC, or the county: all the township holds
	}
	return map[string]bool{peer.OrgID: true, home: true}, true, nil
}

func (p policy) Inbound(ctx context.Context, tx *replica.Tx, peer replica.Peer) (map[string]bool, error) {
	home, role, err := p.self(ctx, tx)
	if err != nil {
		return nil, err
	}
	switch {
	case role == RoleTownship && peer.Role == RoleTownship:
		return nil, nil
	case role == RoleCounty:
		return nil, nil // a township relays its villages; another county PC all of them
	case role == RoleTownship:
		return map[string]bool{peer.OrgID: true}, nil
	case peer.Role == RoleTownship:
		return map[string]bool{home: true, peer.OrgID: true}, nil
	}
	return map[string]bool{home: true}, nil
}

func (p policy) Relays(peer replica.Peer) bool { return peer.Role == RoleTownship }

func (p policy) OrgLabel(ctx context.Context, tx *replica.Tx, id string) string {
	var name string
	if err := tx.QueryRowContext(ctx, "SELECT name FROM orgs WHERE id=?", id).Scan(&name); err != nil || name == "" {
		return assets.T("an organisation this PC does not know")
	}
	return name
}

// self returns this database's organisation and role.
func (p policy) self(ctx context.Context, tx *replica.Tx) (string, string, error) {
	role, err := replica.GetMeta(ctx, tx, "role")
	return tx.DB().Org(), role, err
}
