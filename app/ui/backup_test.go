package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/backup"
)

func TestBackupScreenOnlyForAdmins(t *testing.T) {
	f := storetest.Village(t)
	if _, err := f.DB.AddUser(f.Ctx, "记录员", store.RoleRecorder, storetest.Password); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		user string
		want bool
	}{{"王书记", true}, {"记录员", false}} {
		u, w := newTestUI(t, f)
		login(t, u, tc.user, storetest.Password)
		if got := shows(w, assets.T("Backup")); got != tc.want {
			t.Errorf("%s sees the backup screen: %v, want %v", tc.user, got, tc.want)
		}
		if tc.want {
			u.shell.show("backup")
			capture(t, w, "backup-shell.png")
		}
	}
}

// passwordEntry finds the password entry of the dialog on top.
func passwordEntry(t *testing.T, w fyne.Window) *widget.Entry {
	t.Helper()
	for _, o := range objects(w) {
		if e, ok := o.(*widget.Entry); ok && e.Password && e.Visible() {
			return e
		}
	}
	t.Fatal("no password entry")
	return nil
}

func TestBackupWritesAnEncryptedFileThatRestores(t *testing.T) {
	f := storetest.Village(t)
	f.AddMember(t, "张三", "1980-05-06", "2005-07-01", 13)
	w := newTestWindow(t)
	home, _ := f.DB.Home(f.Ctx)
	v := newBackupView(&Session{Ctx: f.Ctx, DB: f.DB, User: store.User{Name: f.Admin, Role: store.RoleSecretary}, Home: home, Role: store.RoleVillage, Window: w})
	v.async = func(work func() error, done func(error)) { done(work()) }
	w.SetContent(v.page())
	dir := t.TempDir()

	// A wrong password is refused in the dialog and writes nothing.
	v.askPassword(dir)
	test.Type(passwordEntry(t, w), "wrong")
	test.Tap(button(w, assets.T("Make the backup")))
	capture(t, w, "backup-password.png")
	if !shows(w, "密码") {
		t.Errorf("wrong password not refused: %q", texts(w))
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("a refused backup wrote %v", files)
	}
	pw := passwordEntry(t, w)
	pw.SetText("")
	test.Type(pw, storetest.Password)
	test.Tap(button(w, assets.T("Make the backup")))

	want := filepath.Join(dir, "zhibu-410928001-20261129-1000.zbak")
	fi, err := os.Stat(want)
	if err != nil {
		t.Fatalf("no backup written: %v (%q)", err, texts(w))
	}
	if !strings.Contains(v.result.Text, want) || !strings.Contains(v.result.Text, "KB") || !strings.Contains(v.result.Text, f.Admin) {
		t.Errorf("result: %q", v.result.Text)
	}
	t.Logf("backup %d bytes: %s", fi.Size(), v.result.Text)
	capture(t, w, "backup.png")

	// The file is the CLI's backup: it restores with the user's password.
	restored := filepath.Join(t.TempDir(), "zhibu.db")
	if err := backup.Restore(f.Ctx, want, storetest.Password, restored); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(f.Ctx, restored, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, _ := f.DB.Digest(f.Ctx, "")
	b, _ := db.Digest(f.Ctx, "")
	if a != b {
		t.Error("the restored backup holds other data")
	}
}

func TestRestoreShowsTheCommand(t *testing.T) {
	f := storetest.Village(t)
	w := newTestWindow(t)
	home, _ := f.DB.Home(f.Ctx)
	v := newBackupView(&Session{Ctx: f.Ctx, DB: f.DB, User: store.User{Name: f.Admin, Role: store.RoleSecretary}, Home: home, Role: store.RoleVillage, Window: w})
	w.SetContent(v.page())
	v.showRestoreSteps("/media/u/zhibu-410928001-20261129-1000.zbak")
	var cmd string
	for _, o := range objects(w) {
		if e, ok := o.(*widget.Entry); ok && e.MultiLine {
			cmd = e.Text
		}
	}
	if !strings.Contains(cmd, " restore --db ") || !strings.Contains(cmd, f.Path) || !strings.Contains(cmd, "zhibu-410928001-20261129-1000.zbak") || !strings.Contains(cmd, "ZHIBU_PASSWORD") {
		t.Errorf("restore command: %q", cmd)
	}
	if !shows(w, "关闭本机的支部台账") {
		t.Errorf("no steps: %q", texts(w))
	}
	capture(t, w, "restore-steps.png")
}
