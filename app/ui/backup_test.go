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

// passwordEntries finds the visible password entries.
func passwordEntries(w fyne.Window) []*widget.Entry {
	var out []*widget.Entry
	for _, o := range objects(w) {
		if e, ok := o.(*widget.Entry); ok && e.Password && e.Visible() {
			out = append(out, e)
		}
	}
	return out
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

	// A short backup password, or the login password, is refused and writes nothing
	// (issue 20, failure 8: the backup key is not the login password).
	const backupPW = "张庄村备份2026年十一月"
	for _, bad := range []string{"wrong", storetest.Password} {
		v.askPassword(dir)
		for _, e := range passwordEntries(w) {
			test.Type(e, bad)
		}
		test.Tap(button(w, assets.T("Make the backup")))
		capture(t, w, "backup-password.png")
		if !strings.Contains(v.problem.Text, "密码") {
			t.Errorf("backup password %q not refused: %q", bad, v.problem.Text)
		}
		if files, _ := os.ReadDir(dir); len(files) != 0 {
			t.Fatalf("a refused backup wrote %v", files)
		}
	}
	v.askPassword(dir)
	for _, e := range passwordEntries(w) {
		test.Type(e, backupPW)
	}
	test.Tap(button(w, assets.T("Make the backup")))

	want := filepath.Join(dir, "zhibu-410928001-20261129-1000.zbak")
	fi, err := os.Stat(want)
	if err != nil {
		t.Fatalf("no backup written: %v (%q)", err, texts(w))
	}
	if !strings.Contains(v.result.Text, want) || !strings.Contains(v.result.Text, "KB") {
		t.Errorf("result: %q", v.result.Text)
	}
	t.Logf("backup %d bytes: %s", fi.Size(), v.result.Text)
	capture(t, w, "backup.png")

	// The file is the CLI's backup: it restores with the backup password.
	restored := filepath.Join(t.TempDir(), "zhibu.db")
	if err := backup.Restore(f.Ctx, want, backupPW, restored); err != nil {
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

// Restoring from the GUI: the confirmation says what is replaced; a wrong password changes
// nothing; the right one closes the data, restores it, opens it again and shows the login,
// after which the data is the backup's.
func TestRestoreInTheGUI(t *testing.T) {
	f := storetest.Village(t)
	f.AddMember(t, "张三", "1980-05-06", "2005-07-01", 13)
	file := filepath.Join(t.TempDir(), "zhibu-410928001-20261129-1000.zbak")
	const backupPW = "张庄村备份2026年十一月"
	if err := backup.Write(f.Ctx, f.DB, backupPW, file); err != nil {
		t.Fatal(err)
	}
	f.AddMember(t, "李四", "1982-03-04", "2010-07-01", 14) // entered after the backup
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("backup")
	v := newBackupView(u.shell.sess)
	v.confirmRestore(file)
	capture(t, w, "restore-confirm.png")
	for _, want := range []string{f.Path, file, "全部数据", "before-restore"} {
		if !labelContains(w, want) {
			t.Errorf("the confirmation does not say %q: %q", want, texts(w))
		}
	}
	test.Type(passwordEntry(t, w), "wrong")
	test.Tap(button(w, assets.T("Replace the data and restore")))
	if u.shell == nil || !shows(w, "密码") {
		t.Fatalf("a wrong password was not refused in the dialog: %q", texts(w))
	}
	pw := passwordEntry(t, w)
	pw.SetText("")
	test.Type(pw, backupPW)
	test.Tap(button(w, assets.T("Replace the data and restore")))
	settle()
	if u.shell != nil || u.loginF == nil || !labelContains(w, "已恢复") {
		t.Fatalf("after restoring: shell %v, %q", u.shell != nil, texts(w))
	}
	capture(t, w, "restore-done.png")
	ms, err := u.db.Members(f.Ctx, store.MemberFilter{})
	if err != nil || len(ms) != 1 || ms[0].Name != "张三" {
		t.Fatalf("members after restoring: %v %v", ms, err)
	}
	if kept, _ := filepath.Glob(f.Path + ".before-restore-*"); len(kept) == 0 {
		t.Error("the replaced data was not kept beside the restored one")
	}
	login(t, u, f.Admin, storetest.Password)
	t.Cleanup(func() { u.db.Close() })
}
