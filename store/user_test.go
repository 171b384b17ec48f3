package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

func TestLoginAndLockout(t *testing.T) {
	f := storetest.Village(t)
	u, err := f.DB.Login(f.Ctx, f.Admin, storetest.Password)
	if err != nil || u.Role != store.RoleSecretary || !u.CanAdmin() {
		t.Fatalf("login: %+v %v", u, err)
	}
	var hash string
	f.DB.SQL().QueryRow("SELECT pw_hash FROM users").Scan(&hash)
	if !strings.HasPrefix(hash, "$argon2id$") || strings.Contains(hash, storetest.Password) {
		t.Fatalf("stored hash %q", hash)
	}
	for i := 1; i < store.MaxLoginFailures; i++ {
		if _, err := f.DB.Login(f.Ctx, f.Admin, "wrong"); !errors.Is(err, store.ErrBadLogin) {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	if _, err := f.DB.Login(f.Ctx, f.Admin, "wrong"); !errors.Is(err, store.ErrLocked) {
		t.Fatalf("not locked after %d failures: %v", store.MaxLoginFailures, err)
	}
	// Even the right password is refused while locked, and the message says how long.
	_, err = f.DB.Login(f.Ctx, f.Admin, storetest.Password)
	if !errors.Is(err, store.ErrLocked) || !strings.Contains(assets.Chinese(err), "分钟") {
		t.Fatalf("locked login: %v / %s", err, assets.Chinese(err))
	}
	f.Clock.Add(store.LockDuration + time.Second)
	if _, err := f.DB.Login(f.Ctx, f.Admin, storetest.Password); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
}

func TestUsersAndRoles(t *testing.T) {
	f := storetest.Village(t)
	if _, err := f.DB.AddUser(f.Ctx, "小李", store.RoleReadOnly, "xiaoli-2024"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.DB.AddUser(f.Ctx, "小李", store.RoleRecorder, "xiaoli-2024"); !errors.Is(err, store.ErrDuplicateRow) {
		t.Fatalf("duplicate user: %v", err)
	}
	if _, err := f.DB.AddUser(f.Ctx, "小王", store.RoleRecorder, "123"); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("short password: %v", err)
	}
	u, err := f.DB.Login(f.Ctx, "小李", "xiaoli-2024")
	if err != nil || u.CanWrite() || u.CanSeePersonal() {
		t.Fatalf("read-only user: %+v %v", u, err)
	}
	if _, err := f.DB.Login(f.Ctx, "nobody", "xiaoli-2024"); !errors.Is(err, store.ErrBadLogin) {
		t.Fatalf("unknown user: %v", err)
	}
	if err := f.DB.SetUserDisabled(f.Ctx, "小李", true); err != nil {
		t.Fatal(err)
	}
	if _, err := f.DB.Login(f.Ctx, "小李", "xiaoli-2024"); !errors.Is(err, store.ErrDenied) {
		t.Fatalf("disabled user: %v", err)
	}
}
