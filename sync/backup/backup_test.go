package backup

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"zhibu/store/storetest"
)

// A backup or restore killed midway leaves its unencrypted copy in a temporary folder beside
// the database; the next backup removes it (and never a folder of a backup still running),
// and its own copy is written 0600 and removed when it is done.
func TestBackupCleansKilledTemps(t *testing.T) {
	f := storetest.Village(t)
	dir := filepath.Dir(f.Path)
	stale := filepath.Join(dir, backupTemp+"999999999-123")
	staleRestore := filepath.Join(dir, restoreTemp+"999999999-456")
	running := filepath.Join(dir, backupTemp+strconv.Itoa(os.Getppid())+"-789")
	for _, d := range []string{stale, staleRestore, running} {
		os.MkdirAll(d, 0o700)
		os.WriteFile(filepath.Join(d, dbEntry), []byte("plain copy"), 0o600)
	}
	out := filepath.Join(t.TempDir(), "b.zbak")
	if err := Write(f.Ctx, f.DB, backupPassword, out); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{stale, staleRestore} {
		if _, err := os.Stat(d); err == nil {
			t.Errorf("stale %s left", filepath.Base(d))
		}
	}
	if _, err := os.Stat(running); err != nil {
		t.Errorf("the folder of a running backup was removed")
	}
	os.RemoveAll(running)
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.IsDir() && e.Name() != filepath.Base(f.Path)+".keys" {
			t.Errorf("left in the data folder: %s", e.Name())
		}
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v", st.Mode().Perm())
	}
	restored := filepath.Join(t.TempDir(), "r", "zhibu.db")
	if err := Restore(f.Ctx, out, backupPassword, restored); err != nil {
		t.Fatal(err)
	}
	ents, _ = os.ReadDir(filepath.Dir(restored))
	for _, e := range ents {
		if e.IsDir() && e.Name() != "zhibu.db.keys" {
			t.Errorf("left beside the restored database: %s", e.Name())
		}
	}
}
