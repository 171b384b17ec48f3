package store

import (
	"context"

	"zhibu/assets"
)

// The branch committee (支部委员会) is whoever holds the 党内职务 书记, 副书记 or 委员 on the
// roll (支部工作条例 第八条: 3–5 members, at most 7). A roster imported without that column
// leaves nobody on it; SetCommittee marks them in one go.

// Committee positions.
const (
	PositionSecretary = "secretary" // 书记
	PositionDeputy    = "deputy"    // 副书记
	PositionCommittee = "committee" // 委员
	PositionMember    = "member"    // 党员
)

// HasCommittee reports whether anyone on an organisation's roll holds a committee position.
func (db *DB) HasCommittee(ctx context.Context, orgID string) (bool, error) {
	ms, err := db.Members(ctx, MemberFilter{OrgID: orgID})
	if err != nil {
		return false, err
	}
	for _, m := range ms {
		if isCommittee(m) {
			return true, nil
		}
	}
	return false, nil
}

// SetCommittee gives the members their committee positions (member ID → PositionX) in one
// transaction; members of the organisation who held a committee position and are not listed
// become 党员. At most one 书记.
func (db *DB) SetCommittee(ctx context.Context, orgID string, positions map[string]string) error {
	secretaries := 0
	for _, p := range positions {
		switch p {
		case PositionSecretary:
			secretaries++
		case PositionDeputy, PositionCommittee:
		default:
			return assets.Wrap(ErrInvalid, "Unknown position %s.", p)
		}
	}
	if secretaries > 1 {
		return assets.Wrap(ErrInvalid, "Choose one secretary (书记) only.")
	}
	ms, err := db.Members(ctx, MemberFilter{OrgID: orgID})
	if err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		for _, m := range ms {
			want, listed := positions[m.ID]
			if !listed {
				if !isCommittee(m) {
					continue
				}
				want = PositionMember
			}
			if m.Position == want {
				continue
			}
			full, err := tx.Member(ctx, m.ID)
			if err != nil {
				return err
			}
			full.Position = want
			if err := tx.UpdateMember(ctx, full); err != nil {
				return err
			}
		}
		return nil
	})
}
