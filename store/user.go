package store

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"zhibu/assets"
	"zhibu/store/replica"
)

// User roles on a PC.
const (
	RoleSecretary     = "secretary"      // 支部书记: everything in the branch, manages users
	RoleRecorder      = "recorder"       // 支委/记录员: records meetings, members, dues
	RoleReadOnly      = "readonly"       // 只读
	RoleTownshipAdmin = "township_admin" // 乡镇管理员
)

// Lock-out policy (local practice for shared PCs).
const (
	MaxLoginFailures = 5
	LockDuration     = 15 * time.Minute
)

// UserRoles lists the roles in display order.
func UserRoles() []string {
	return []string{RoleSecretary, RoleRecorder, RoleReadOnly, RoleTownshipAdmin}
}

// RoleLabel is the Chinese name of a role.
func RoleLabel(role string) string {
	switch role {
	case RoleSecretary:
		return assets.T("Branch secretary")
	case RoleRecorder:
		return assets.T("Committee member / recorder")
	case RoleReadOnly:
		return assets.T("Read only")
	case RoleTownshipAdmin:
		return assets.T("Township administrator")
	}
	return role
}

// RoleLabelOn is RoleLabel on a PC of the device role: the administrator of a county PC
// (who has the township administrator's rights) is called the county administrator.
func RoleLabelOn(role, deviceRole string) string {
	if role == RoleTownshipAdmin && deviceRole == RoleCounty {
		return assets.T("County administrator")
	}
	return RoleLabel(role)
}

func adminRole(deviceRole string) string {
	if deviceRole == RoleTownship || deviceRole == RoleCounty {
		return RoleTownshipAdmin
	}
	return RoleSecretary
}

// User is a local account.
type User struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Role        string    `json:"role"`
	OrgID       string    `json:"org_id"`
	Disabled    bool      `json:"disabled"`
	LockedUntil time.Time `json:"-"`
	// WeakPassword: the password just used to log in is shorter than the rule or one of the
	// most common (set before the rule, which keeps such accounts able to log in): the user is
	// asked to change it now.
	WeakPassword bool `json:"weak_password,omitempty"`
}

// CanWrite reports whether the user may change records.
func (u User) CanWrite() bool { return !u.Disabled && u.Role != RoleReadOnly }

// CanAdmin reports whether the user may manage accounts and settings.
func (u User) CanAdmin() bool {
	return !u.Disabled && (u.Role == RoleSecretary || u.Role == RoleTownshipAdmin)
}

// CanSeePersonal reports whether the user may see full ID numbers and phones.
func (u User) CanSeePersonal() bool { return !u.Disabled && u.Role != RoleReadOnly }

func checkUserName(name string) error {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 32 {
		return assets.Wrap(ErrInvalid, "Enter a user name of 1 to 32 characters.")
	}
	return nil
}

func checkPassword(pw string) error { return PasswordProblem(pw) }

// argon2id parameters (RFC 9106 second recommended option, with memory suited to a 4 GB PC).
const (
	argonTime    = 2
	argonMemory  = 64 * 1024
	argonThreads = 2
	argonKeyLen  = 32
)

func hashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

func verifyPassword(hash, pw string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	want, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

const userCols = "id, name, role, org_id, disabled, locked_until"

func scanUser(s interface{ Scan(...any) error }) (User, error) {
	var u User
	var locked int64
	err := s.Scan(&u.ID, &u.Name, &u.Role, &u.OrgID, &u.Disabled, &locked)
	if locked > 0 {
		u.LockedUntil = time.Unix(locked, 0)
	}
	return u, err
}

// Login checks a user's password. After MaxLoginFailures wrong passwords in a row the account
// is locked for LockDuration.
func (db *DB) Login(ctx context.Context, name, pw string) (User, error) {
	name = strings.TrimSpace(name)
	var hash string
	var failures int
	var u User
	var locked int64
	err := db.sql.QueryRowContext(ctx, "SELECT "+userCols+", pw_hash, failures FROM users WHERE name=?", name).
		Scan(&u.ID, &u.Name, &u.Role, &u.OrgID, &u.Disabled, &locked, &hash, &failures)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, assets.Wrap(ErrBadLogin, "Wrong user name or password. Check them and try again.")
	}
	if err != nil {
		return User{}, db.diskErr(err)
	}
	now := db.now()
	if u.Disabled {
		return User{}, assets.Wrap(ErrDenied, "The account %s is disabled. Ask the branch secretary to enable it.", name)
	}
	if locked > now.Unix() {
		mins := int(math.Ceil(time.Unix(locked, 0).Sub(now).Minutes()))
		return User{}, assets.Wrap(ErrLocked, "Too many wrong passwords: the account %s is locked. Try again in %d minutes, or ask the branch secretary to unlock it.", name, mins)
	}
	if !verifyPassword(hash, pw) {
		// One statement counts the failure and sets the lock, so parallel attempts cannot all
		// read the same count and write it back plus one.
		var lockUntil int64
		if err := db.sql.QueryRowContext(ctx, `UPDATE users SET failures=CASE WHEN failures+1>=?1 THEN 0 ELSE failures+1 END,
			locked_until=CASE WHEN failures+1>=?1 THEN ?2 ELSE locked_until END WHERE id=?3 RETURNING locked_until`,
			MaxLoginFailures, now.Add(LockDuration).Unix(), u.ID).Scan(&lockUntil); err != nil {
			return User{}, db.diskErr(err)
		}
		if lockUntil > now.Unix() {
			return User{}, assets.Wrap(ErrLocked, "Too many wrong passwords: the account %s is locked. Try again in %d minutes, or ask the branch secretary to unlock it.", name, int(LockDuration.Minutes()))
		}
		return User{}, assets.Wrap(ErrBadLogin, "Wrong user name or password. Check them and try again.")
	}
	if failures > 0 || locked > 0 {
		// Not if a parallel attempt locked the account meanwhile.
		res, err := db.sql.ExecContext(ctx, "UPDATE users SET failures=0, locked_until=0 WHERE id=? AND locked_until<=?", u.ID, now.Unix())
		if err != nil {
			return User{}, db.diskErr(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return User{}, assets.Wrap(ErrLocked, "Too many wrong passwords: the account %s is locked. Try again in %d minutes, or ask the branch secretary to unlock it.", name, int(LockDuration.Minutes()))
		}
	}
	u.LockedUntil = time.Time{}
	u.WeakPassword = PasswordProblem(pw) != nil
	return u, nil
}

// Users lists the local accounts by name.
func (db *DB) Users(ctx context.Context) ([]User, error) {
	return replica.Collect(ctx, db.sql, scanUser, "SELECT "+userCols+" FROM users ORDER BY name")
}

// AddUser creates a local account (administrators only).
func (db *DB) AddUser(ctx context.Context, name, role, pw string) (string, error) {
	if err := db.mayAdmin(ctx); err != nil {
		return "", err
	}
	if err := checkUserName(name); err != nil {
		return "", err
	}
	if err := checkPassword(pw); err != nil {
		return "", err
	}
	valid := false
	for _, r := range UserRoles() {
		valid = valid || r == role
	}
	if !valid {
		return "", assets.Wrap(ErrInvalid, "Unknown role %s.", role)
	}
	home, err := db.Home(ctx)
	if err != nil {
		return "", err
	}
	hash, err := hashPassword(pw)
	if err != nil {
		return "", err
	}
	id := NewID()
	_, err = db.sql.ExecContext(ctx, "INSERT INTO users(id,name,role,org_id,pw_hash,created_at) VALUES(?,?,?,?,?,?)",
		id, strings.TrimSpace(name), role, home.ID, hash, db.now().Unix())
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return "", assets.Wrap(ErrDuplicateRow, "There is already a user named %s. Choose another name.", name)
	}
	return id, db.diskErr(err)
}

// SetPassword changes a user's password and clears any lock: one's own, or anyone's for an
// administrator.
func (db *DB) SetPassword(ctx context.Context, name, pw string) error {
	if UserFrom(ctx) != strings.TrimSpace(name) {
		if err := db.mayAdmin(ctx); err != nil {
			return err
		}
	}
	if err := checkPassword(pw); err != nil {
		return err
	}
	hash, err := hashPassword(pw)
	if err != nil {
		return err
	}
	res, err := db.sql.ExecContext(ctx, "UPDATE users SET pw_hash=?, failures=0, locked_until=0 WHERE name=?", hash, name)
	if err != nil {
		return db.diskErr(err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return db.diskErr(err)
	} else if n == 0 {
		return assets.Wrap(ErrNotFound, "There is no user named %s.", name)
	}
	return nil
}

// SetUserDisabled enables or disables an account; Unlock clears a lock-out.
func (db *DB) SetUserDisabled(ctx context.Context, name string, disabled bool) error {
	if err := db.mayAdmin(ctx); err != nil {
		return err
	}
	_, err := db.sql.ExecContext(ctx, "UPDATE users SET disabled=? WHERE name=?", disabled, name)
	return db.diskErr(err)
}

// Unlock clears a user's lock-out.
func (db *DB) Unlock(ctx context.Context, name string) error {
	if err := db.mayAdmin(ctx); err != nil {
		return err
	}
	_, err := db.sql.ExecContext(ctx, "UPDATE users SET failures=0, locked_until=0 WHERE name=?", name)
	return db.diskErr(err)
}
