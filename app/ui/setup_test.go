package ui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

// openEmpty opens a database that has not been set up, and the app on it at the setup
// wizard (「开始使用」 on the first-start screen).
func openEmpty(t *testing.T) (*appUI, *store.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "zhibu.db")
	clock := storetest.NewClock(storetest.DefaultTime)
	db, err := store.Open(context.Background(), path, store.Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	w := newTestWindow(t)
	u := newAppUI(w, path, clock.Now)
	u.attach(db)
	if u.firstF == nil {
		t.Fatal("an empty database did not show the first-start choice")
	}
	test.Tap(u.firstF.start)
	if u.setupF == nil {
		t.Fatal("开始使用 did not show the setup wizard")
	}
	return u, db, path
}

func fillSetup(f *setupForm, role int, code, name, admin, pw, pw2 string) {
	f.role.SetSelected(roleChoices()[role])
	f.orgCode.SetText(code)
	f.orgName.SetText(name)
	f.admin.SetText(admin)
	f.password.SetText(pw)
	f.passwordRepeat.SetText(pw2)
}

func TestSetupWizardCreatesAWorkingDatabase(t *testing.T) {
	for _, tc := range []struct {
		name     string
		role     int
		wantRole string
	}{
		{"village", 0, store.RoleVillage},
		{"township", 1, store.RoleTownship},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, db, path := openEmpty(t)
			w := u.w
			capture(t, w, "setup.png")
			fillSetup(u.setupF, tc.role, "410928001", "张庄村党支部", "王书记", "secret123", "secret123")
			if tc.role == 1 && u.setupF.parentCode.Visible() {
				t.Error("the township code is asked of a township")
			}
			test.Tap(u.setupF.submit)
			if db.Device() == "" {
				t.Fatalf("setup did not initialise the database: %q", u.setupF.problem.Text)
			}
			// 开始使用 is a clean start: no demo question, straight to the login.
			if u.loginF == nil || u.loginF.name.Text != "王书记" {
				t.Fatal("after setup the login screen does not show with the administrator's name")
			}
			ms, err := db.Members(context.Background(), store.MemberFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) > 0 {
				t.Errorf("members after setup: %d, want none", len(ms))
			}
			if role, _ := db.Role(context.Background()); role != tc.wantRole {
				t.Errorf("role %q, want %q", role, tc.wantRole)
			}
			if w.Title() != "支部台账 — 张庄村党支部" {
				t.Errorf("window title %q", w.Title())
			}
			login(t, u, "王书记", "secret123")
			if shows(w, assets.T("End the demo, start using it")) {
				t.Error("a clean file shows the demo banner")
			}
			// The device keys were made beside the database.
			if _, err := filepath.Glob(path + ".keys/*.pem"); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestSetupWizardRefusesBadInputAndChangesNothing(t *testing.T) {
	for _, tc := range []struct {
		name                      string
		code, org, admin, pw, pw2 string
		want                      string
	}{
		{"passwords differ", "410928001", "张庄村党支部", "王书记", "secret123", "secret124", "The two passwords are different. Enter the same password twice."},
		{"password too short", "410928001", "张庄村党支部", "王书记", "abc", "abc", "The password must have at least 8 characters."},
		{"common password", "410928001", "张庄村党支部", "王书记", "12345678", "12345678", "This password is one of the most common ones and is guessed first. Choose another (for example a short sentence with numbers)."},
		{"no organisation name", "410928001", "", "王书记", "secret123", "secret123", "Enter the organisation's code and name."},
		{"no administrator", "410928001", "张庄村党支部", " ", "secret123", "secret123", "Enter the administrator's name."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, db, _ := openEmpty(t)
			fillSetup(u.setupF, 0, tc.code, tc.org, tc.admin, tc.pw, tc.pw2)
			test.Tap(u.setupF.submit)
			if got := u.setupF.problem.Text; got != assets.T(tc.want) {
				t.Errorf("message %q, want %q", got, assets.T(tc.want))
			}
			if !u.setupF.problem.Visible() {
				t.Error("the message is not visible")
			}
			if db.Device() != "" {
				t.Error("bad input set up the database")
			}
		})
	}
}

func TestOpenErrorIsShownInChinese(t *testing.T) {
	w := newTestWindow(t)
	dir := t.TempDir()
	u := newAppUI(w, dir, time.Now) // a folder, not a database file
	u.start(context.Background())
	if u.db != nil {
		t.Fatal("a folder opened as a database")
	}
	if !shows(w, assets.T("The records cannot be opened")) || button(w, assets.T("Quit")) == nil {
		t.Errorf("no explanation and quit button; window shows %q", texts(w))
	}
}
