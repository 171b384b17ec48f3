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
// become 党员. At most one 书记. since (YYYY-MM-DD) is the day the changed positions were taken:
// it becomes the 任职时间 of every member whose position changes to a committee post (one whose
// post is unchanged keeps their date; one who becomes 党员 has none); "" leaves it unknown.
func (db *DB) SetCommittee(ctx context.Context, orgID string, positions map[string]string, since string) error {
	if since != "" {
		t, ok := parseDate(since)
		if !ok {
			return assets.Wrap(ErrInvalid, "%s is not a valid date. Write it as 2006-01-02.", since)
		}
		if t.After(db.today()) {
			return assets.Wrap(ErrInvalid, "The date %s is in the future. Check the date (and the computer's clock).", since)
		}
		since = t.Format("2006-01-02")
	}
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
			if full.More == nil {
				full.More = map[string]string{}
			}
			full.More["position_since"] = ""
			if want != PositionMember {
				full.More["position_since"] = since
			}
			if err := tx.UpdateMember(ctx, full); err != nil {
				return err
			}
		}
		return nil
	})
}
