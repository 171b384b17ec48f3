package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/store/rules"
)

// policy tells the engine what travels between this database and a peer: a village sends
// its own rows and receives its own plus the township's broadcasts; a township relays every
// village's changes to the others within each one's scope and accepts from a village only
// the rows that village owns. Above the township, a county receives everything its
// townships hold (their villages' data, for the county's report) and sends a township only
// its own rows: villages' data never goes back down.
//
// Routing is by the organisation that owns a row, never by table, so a table this version
// does not know (a newer version's, held by the engine until this PC upgrades) travels like
// every other: it reaches only the peers whose scope holds its owner, and is accepted only
// from a peer that may write that owner's rows. CheckInbound's table rules cannot name such a
// table; the newer version's rules run on the held changes when they are applied.
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

// townshipTables are written only by a township (the working-day calendar): a village's
// change to them is refused. Derived from the table descriptors (tables_decl.go).
var townshipTables = tablesWhere(func(t *TableDesc) bool { return t.Writer == ByTownship && t.Area == areaCalendar })

// assessmentTables are the township's side of the star rating and the 述职评议 (the scheme,
// its assessments and ratings): a village's change to them is refused. Derived from the
// table descriptors.
var assessmentTables = tablesWhere(func(t *TableDesc) bool { return t.Writer == ByTownship && t.Area == areaAssessment })

// branchworkTables are the township's plans and 整顿 records about its villages: a village's
// change to them is refused. Derived from the table descriptors.
var branchworkTables = tablesWhere(func(t *TableDesc) bool { return t.Writer == ByTownship && t.Area == areaBranchwork })

// villageKinds are the kinds a village's own organisation row may have; subKinds those of
// the rows under it (its party groups and the branches of a 党总支).
var (
	villageKinds = map[string]bool{KindVillage: true, KindGeneralBranch: true}
	subKinds     = map[string]bool{KindGroup: true, KindBranch: true}
)

// CheckInbound lets a township accept from a village only what a village may write: rows of
// its own (the scope check), but not the tables the township keeps, not the township's rule
// settings, and of its organisation rows only what the village decides (names and its party
// groups), never its own code, kind or place in the hierarchy, which the township's reports,
// rules and scope rest on.
func (p policy) CheckInbound(ctx context.Context, tx *replica.Tx, peer replica.Peer, cs []replica.Change) error {
	_, role, err := p.self(ctx, tx)
	if err == nil && role == RoleCounty && peer.Role == RoleTownship {
		return p.checkSubtree(ctx, tx, peer, cs) // syncpolicy_trust.go
	}
	if err != nil || role != RoleTownship || peer.Role != RoleVillage {
		return err // a village's bundles only: townships and the county write what they write
	}
	refuse := func(key string, args ...any) error {
		return assets.Wrap(replica.ErrOutOfScope, key, append([]any{peer.Label()}, args...)...)
	}
	owned := map[string]bool{peer.OrgID: true} // the village's organisation rows
	settingKeys := map[string]string{}
	ownTasks := map[any]bool{} // the village's own items in this bundle
	for _, c := range cs {
		switch {
		case c.Table == "tasks" && c.Field == "village_id" && c.Value == peer.OrgID:
			ownTasks[c.RowID] = true
		case c.Table == "orgs" && c.OrgID == peer.OrgID:
			owned[c.RowID] = true
		case c.Table == "settings" && c.Field == "key":
			s, _ := c.Value.(string)
			settingKeys[c.RowID] = s
		}
	}
	for _, c := range cs {
		switch {
		case c.Table == "visits":
			return refuse("The bundle from %s records a supervision visit, which only the township office records. Nothing was imported; tell the township office.")
		case c.Table == "form_templates":
			return refuse("The bundle from %s changes a form template (一张表), which only the township office keeps. Nothing was imported; tell the township office.")
		case townshipTables[c.Table]:
			return refuse("The bundle from %s changes the township's working-day calendar, which only the township office sets. Nothing was imported; tell the township office.")
		case branchworkTables[c.Table]:
			return refuse("The bundle from %s changes the township's development plan or rectification records, which only the township office writes. Nothing was imported; tell the township office.")
		case assessmentTables[c.Table]:
			return refuse("The bundle from %s changes the township's star scheme, star assessment or rating of the secretaries' reports, which only the township office writes. Nothing was imported; tell the township office.")
		case c.Table == "settings":
			key, ok := settingKeys[c.RowID]
			if !ok {
				if err := tx.QueryRowContext(ctx, "SELECT key FROM settings WHERE id=?", c.RowID).Scan(&key); err != nil && !errors.Is(err, sql.ErrNoRows) {
					return err
				}
			}
			if strings.HasPrefix(key, rules.SettingKey("")) {
				return refuse("The bundle from %s changes a rule figure, which only the township office sets. Nothing was imported; tell the township office.")
			}
		case c.Table == "tasks" && c.Field == "village_id" && c.Value != peer.OrgID,
			c.Table == "task_events" && c.Field == "task_id" && !ownTasks[c.Value] && !taskFor(ctx, tx, c.Value, peer.OrgID):
			return refuse("The bundle from %s records an item of the task list for another village. Nothing was imported; tell the township office.")
		case c.Table == "orgs":
			if err := checkOrgChange(ctx, tx, peer, c, owned); err != nil {
				return refuse("The bundle from %s changes an organisation's code, kind or place under the township, which only the township office may do. Nothing was imported; tell the township office.")
			}
		}
	}
	return nil
}

// checkOrgChange is nil if a village may make the change to an organisation row it owns.
func checkOrgChange(ctx context.Context, tx *replica.Tx, peer replica.Peer, c replica.Change, owned map[string]bool) error {
	s, _ := c.Value.(string)
	own := c.RowID == peer.OrgID
	ok := true
	switch c.Field {
	case "name":
	case "org_id":
		ok = s == peer.OrgID
	case "deleted":
		ok = !own || c.Value == int64(0)
	case "code":
		ok = own && s == peer.OrgCode || !own && s == ""
	case "kind":
		ok = own && villageKinds[s] || !own && subKinds[s]
	case "parent_id":
		if own {
			ok = s == "" || s == tx.DB().Org()
			break
		}
		if !owned[s] {
			var owner string
			err := tx.QueryRowContext(ctx, "SELECT org_id FROM orgs WHERE id=?", s).Scan(&owner)
			ok = err == nil && owner == peer.OrgID
		}
	}
	if !ok {
		return replica.ErrOutOfScope
	}
	return nil
}

// taskFor reports whether the task-list item with the ID is for the village.
func taskFor(ctx context.Context, tx *replica.Tx, id any, villageID string) bool {
	var v string
	err := tx.QueryRowContext(ctx, "SELECT village_id FROM tasks WHERE id=?", id).Scan(&v)
	return err == nil && v == villageID
}

// Keeps makes a village's PC keep only what concerns it: rows the township wrote about
// another village (Table.Audience) are never sent to it and, if an older township sent
// them, are removed on arrival and at upgrade.
func (p policy) Keeps(ctx context.Context, tx *replica.Tx) (string, bool, error) {
	home, role, err := p.self(ctx, tx)
	return home, role == RoleVillage, err
}

// Recipient makes a village's PC receive only the rows that concern it: of the township's
// rows, those about every village or about it (Table.Audience), never those about another.
// Likewise the county sends a township only its own rows that concern that township (the
// county's development plan of one township reaches that township, not the others): the
// county's bundles hold only its own rows (Outbound), so nothing of a village is filtered.
func (p policy) Recipient(peer replica.Peer) (string, bool) {
	if peer.Role == RoleTownship {
		role, err := replica.GetMeta(context.Background(), p.db.r.SQL(), "role")
		return peer.OrgID, err != nil || role == RoleCounty
	}
	return peer.OrgID, peer.Role == RoleVillage
}
