package store

import (
	"context"

	"zhibu/assets"
	"zhibu/store/cnid"
)

// Permissions are enforced here, not in the front ends: every operation runs as the user its
// context names (WithUser, after Login), writes need a user who may change records,
// administration needs a secretary or township administrator, and ID numbers and phones
// come back masked to anyone who may not see them — including a context that names nobody.

// actor returns the user the context's operations run as; ok is false when the context
// names no existing, enabled account.
func (db *DB) actor(ctx context.Context) (User, bool) {
	u, err := scanUser(db.sql.QueryRowContext(ctx, "SELECT "+userCols+" FROM users WHERE name=?", UserFrom(ctx)))
	return u, err == nil && !u.Disabled
}

// mayWrite refuses a write by a context whose user may not change records.
func (db *DB) mayWrite(ctx context.Context) error {
	u, ok := db.actor(ctx)
	switch {
	case !ok:
		return assets.Wrap(ErrDenied, "Log in first: changes are recorded under the name of the person who makes them.")
	case !u.CanWrite():
		return assets.Wrap(ErrDenied, "The user %s may only read, not change data.", u.Name)
	}
	return nil
}

// mayAdmin refuses administration (accounts, rules, pairing) to anyone but a secretary or a
// township administrator.
func (db *DB) mayAdmin(ctx context.Context) error {
	if u, ok := db.actor(ctx); !ok || !u.CanAdmin() {
		return assets.Wrap(ErrDenied, "Only the branch secretary or a township administrator may do this.")
	}
	return nil
}

// maySeePersonal reports whether the context's user may see full ID numbers and phones.
func (db *DB) maySeePersonal(ctx context.Context) bool {
	u, ok := db.actor(ctx)
	return ok && u.CanSeePersonal()
}

// personalField reports whether a field holds personal information (个人信息保护法): shown
// masked in lists, on paper and to users who may not see it.
func personalField(field string) bool {
	f, ok := MemberFieldNamed(field)
	return ok && f.Personal
}

// maskMembers hides the personal fields of m unless the context's user may see them.
func (db *DB) maskMembers(ctx context.Context, ms []Member) {
	if len(ms) == 0 || db.maySeePersonal(ctx) {
		return
	}
	for i := range ms {
		for _, f := range memberFields {
			if f.Personal {
				f.set(&ms[i], maskValue(f.Name, f.Get(&ms[i])).(string))
			}
		}
	}
}

// maskCandidate hides a candidate's ID number and phone unless the context's user may see them.
func (db *DB) maskCandidate(ctx context.Context, c *Candidate) {
	if !db.maySeePersonal(ctx) {
		c.IDNumber, c.Phone = cnid.Mask(c.IDNumber), cnid.MaskPhone(c.Phone)
	}
}
