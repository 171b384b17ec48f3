package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"zhibu/assets"
	"zhibu/store/replica"
)

// Organisation kinds, from the county down (中国共产党农村基层组织工作条例, 2019).
const (
	KindCounty        = "county"         // 县委 (the county's own organisation, for its roll-up)
	KindTownship      = "township"       // 乡镇党委
	KindVillage       = "village"        // 村党支部
	KindGeneralBranch = "general_branch" // 村党总支
	KindBranch        = "branch"         // 党总支下的支部
	KindGroup         = "group"          // 党小组
)

// Device roles.
const (
	RoleVillage  = "village"
	RoleTownship = "township"
	RoleCounty   = "county" // receives its townships' villages for the county's report
)

// DeviceRoleLabel names a device role in Chinese (村、乡镇、县); an unknown role as it is.
func DeviceRoleLabel(role string) string {
	switch role {
	case RoleVillage:
		return assets.T("village")
	case RoleTownship:
		return assets.T("township")
	case RoleCounty:
		return assets.T("county")
	}
	return role
}

// Org is an organisation: a township, a village branch, a branch under a 党总支, or a party group.
type Org struct {
	ID       string `json:"id"`
	OrgID    string `json:"owner"` // owning organisation (for a village and its groups: the village)
	Code     string `json:"code"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	ParentID string `json:"parent_id,omitempty"`
}

// NewID returns a new row ID (UUID v7: time-ordered, globally unique).
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// InitParams describe a new installation.
type InitParams struct {
	Device     string // this device's ID (from sync/device)
	Role       string // RoleVillage or RoleTownship
	OrgCode    string
	OrgName    string
	ParentCode string // a village's township code (optional)
	Admin      string // first administrator's user name
	Password   string
}

// Init sets up an empty database: this device, its organisation and the first administrator.
func (db *DB) Init(ctx context.Context, p InitParams) error {
	if db.Device() != "" {
		return assets.Wrap(ErrAlreadyInit, "This database has already been set up. Use it as it is, or choose another file with --db.")
	}
	if p.Role != RoleVillage && p.Role != RoleTownship && p.Role != RoleCounty {
		return assets.Wrap(ErrInvalid, "The role must be village (村), township (乡镇) or county (县).")
	}
	p.OrgCode, p.OrgName = strings.TrimSpace(p.OrgCode), strings.TrimSpace(p.OrgName)
	if p.OrgCode == "" || p.OrgName == "" {
		return assets.Wrap(ErrInvalid, "Enter the organisation's code and name.")
	}
	if err := checkUserName(p.Admin); err != nil {
		return err
	}
	if err := checkPassword(p.Password); err != nil {
		return err
	}
	if p.Device == "" {
		return fmt.Errorf("init: no device ID")
	}
	hash, err := hashPassword(p.Password)
	if err != nil {
		return err
	}
	return db.write(WithUser(ctx, p.Admin), func(tx *Tx) error {
		orgID := NewID()
		if err := tx.r.SetDevice(ctx, p.Device, orgID); err != nil {
			return err
		}
		if err := replica.SetMeta(ctx, tx.r, "role", p.Role); err != nil {
			return err
		}
		kind := map[string]string{RoleVillage: KindVillage, RoleTownship: KindTownship, RoleCounty: KindCounty}[p.Role]
		parentID := ""
		if p.ParentCode != "" && p.Role != RoleCounty { // a village's township, a township's county
			// The township's own row arrives with sync; a placeholder ID keyed by code would
			// diverge, so the village only remembers the code until then.
			if err := replica.SetMeta(ctx, tx.r, "parent_code", p.ParentCode); err != nil {
				return err
			}
		}
		if _, err := tx.r.Put(ctx, "orgs", orgID, map[string]any{"org_id": orgID, "code": p.OrgCode, "name": p.OrgName, "kind": kind, "parent_id": parentID}); err != nil {
			return err
		}
		_, err := tx.r.ExecContext(ctx, "INSERT INTO users(id,name,role,org_id,pw_hash,created_at) VALUES(?,?,?,?,?,?)",
			NewID(), p.Admin, adminRole(p.Role), orgID, hash, db.now().Unix())
		return err
	})
}

// Role is this installation's role (RoleVillage, RoleTownship), "" before init.
func (db *DB) Role(ctx context.Context) (string, error) { return replica.GetMeta(ctx, db.sql, "role") }

// Home returns this installation's own organisation.
func (db *DB) Home(ctx context.Context) (Org, error) {
	id, err := replica.GetMeta(ctx, db.sql, "org_id")
	if err != nil {
		return Org{}, err
	}
	if id == "" {
		return Org{}, assets.Wrap(ErrNotInit, "This database has not been set up yet. Run \"zhibu init\" or open the program to set it up.")
	}
	return db.Org(ctx, id)
}

// ParentCode is the code of the organisation above this one it was set up with (a village's
// township, a township's county; "" if none).
func (db *DB) ParentCode(ctx context.Context) (string, error) {
	return replica.GetMeta(ctx, db.sql, "parent_code")
}

// orgCols are the columns an Org is read from (the table's descriptor).
var orgCols = mustTable("orgs").selectList()

// bind ties the orgs columns to the fields of o that hold them.
func (o *Org) bind() *binding {
	return bind("orgs", &o.ID, map[string]any{"org_id": &o.OrgID, "code": &o.Code, "name": &o.Name, "kind": &o.Kind,
		"parent_id": &o.ParentID}, nil)
}

func scanOrg(s interface{ Scan(...any) error }) (Org, error) {
	var o Org
	err := o.bind().scan(s)
	return o, err
}

// Org returns one organisation by ID.
func (db *DB) Org(ctx context.Context, id string) (Org, error) {
	o, err := scanOrg(db.sql.QueryRowContext(ctx, "SELECT "+orgCols+" FROM orgs WHERE id=? AND deleted=0", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Org{}, ErrNotFound
	}
	return o, err
}

// villageByCode is the village branch (or general branch) with the code: another kind of
// organisation is refused with the sentence saying so.
func (db *DB) villageByCode(ctx context.Context, code string) (Org, error) {
	v, err := db.OrgByCode(ctx, code)
	if err != nil {
		return v, err
	}
	if v.Kind != KindVillage && v.Kind != KindGeneralBranch {
		return v, assets.Wrap(ErrInvalid, "%s is not a village branch; give the code of a village.", v.Name)
	}
	return v, nil
}

// OrgByCode returns the organisation with the code.
func (db *DB) OrgByCode(ctx context.Context, code string) (Org, error) {
	o, err := scanOrg(db.sql.QueryRowContext(ctx, "SELECT "+orgCols+" FROM orgs WHERE code=? AND deleted=0 ORDER BY id LIMIT 1", code))
	if errors.Is(err, sql.ErrNoRows) {
		return Org{}, assets.Wrap(ErrNotFound, "There is no organisation with code %s. Check the code.", code)
	}
	return o, err
}

// Orgs lists organisations of the given kind ("" for all), by code.
func (db *DB) Orgs(ctx context.Context, kind string) ([]Org, error) {
	return db.queryOrgs(ctx, "SELECT "+orgCols+" FROM orgs WHERE deleted=0 AND (?='' OR kind=?) ORDER BY code, id", kind, kind)
}

func (db *DB) queryOrgs(ctx context.Context, q string, args ...any) ([]Org, error) {
	return replica.Collect(ctx, db.sql, scanOrg, q, args...)
}

// AddOrg creates an organisation (a village under the township, a branch or a party group)
// and returns its ID. owner is the organisation that owns the row: a village owns itself and
// its groups.
func (db *DB) AddOrg(ctx context.Context, o Org) (string, error) {
	if strings.TrimSpace(o.Name) == "" {
		return "", assets.Wrap(ErrInvalid, "Enter the organisation's name.")
	}
	if o.ID == "" {
		o.ID = NewID()
	}
	if o.OrgID == "" {
		o.OrgID = o.ID
	}
	err := db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "orgs", o.ID, map[string]any{"org_id": o.OrgID, "code": o.Code, "name": o.Name, "kind": o.Kind, "parent_id": o.ParentID})
		return err
	})
	return o.ID, err
}

// Groups lists the party groups of an organisation.
func (db *DB) Groups(ctx context.Context, orgID string) ([]Org, error) {
	return db.queryOrgs(ctx, "SELECT "+orgCols+" FROM orgs WHERE deleted=0 AND kind=? AND parent_id=? ORDER BY code, name", KindGroup, orgID)
}
