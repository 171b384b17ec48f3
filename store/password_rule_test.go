package store_test

import (
	"errors"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
)

// TestPasswordRule (issue 20, failure 8): "123456" and other most common passwords, and any
// password under 8 characters, are refused for new accounts and changed passwords; an
// account that already has such a password still logs in and is asked to change it.
func TestPasswordRule(t *testing.T) {
	f := storetest.Village(t)
	for _, pw := range []string{"123456", "1234567", "12345678", "woaini1314", "Password", "aaaaaaaaaa", "short"} {
		if _, err := f.DB.AddUser(f.Ctx, "小王", store.RoleRecorder, pw); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("password %q accepted for a new account: %v", pw, err)
		}
		if err := f.DB.SetPassword(f.Ctx, f.Admin, pw); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("password %q accepted as a new password: %v", pw, err)
		}
	}
	if _, err := f.DB.AddUser(f.Ctx, "小王", store.RoleRecorder, "张庄2024年好"); err != nil {
		t.Fatal(err)
	}
	// An account set up before the rule with "123456" keeps logging in, asked to change it.
	if _, err := f.DB.SQL().Exec("UPDATE users SET pw_hash=(SELECT pw_hash FROM users WHERE name=?) WHERE name=?", f.Admin, "小王"); err != nil {
		t.Fatal(err)
	}
	u, err := f.DB.Login(f.Ctx, "小王", storetest.Password)
	if err != nil || u.WeakPassword {
		t.Fatalf("a good password: %+v %v", u, err)
	}
	store.SetWeakPasswordForTest(t, f.DB, "小王", "123456")
	u, err = f.DB.Login(f.Ctx, "小王", "123456")
	if err != nil || !u.WeakPassword {
		t.Fatalf("an old weak password: logged in %v, asked to change %v", err, u.WeakPassword)
	}
}

// TestBackupPasswordIsNotALoginPassword (issue 20, failure 8): a backup cannot be locked
// with an account's login password, a short one or a common one.
func TestBackupPasswordIsNotALoginPassword(t *testing.T) {
	f := storetest.Village(t)
	if _, err := f.DB.AddUser(f.Ctx, "小李", store.RoleRecorder, "xiaoli-2024-ok"); err != nil {
		t.Fatal(err)
	}
	for _, pw := range []string{"xiaoli-2024-ok", "secret1234"[:9], "1234567890", "qwertyuiop"} {
		if err := f.DB.BackupPasswordProblem(f.Ctx, pw); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("backup password %q accepted: %v", pw, err)
		}
	}
	if err := f.DB.BackupPasswordProblem(f.Ctx, "张庄村备份2026年十一月"); err != nil {
		t.Error(err)
	}
}
