package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/store/storetest"
)

// A refused file is left exactly as it was: a foreign SQLite file in rollback-journal mode is
// not switched to WAL, and a zero-byte file opened by a command that is not set-up gets no
// schema.
func TestOpenLeavesRefusedFilesUntouched(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	other := filepath.Join(dir, "other.db")
	raw, _ := sql.Open("sqlite", other)
	raw.Exec("CREATE TABLE x(a)")
	raw.Close()
	before, _ := os.ReadFile(other)
	if _, err := store.Open(ctx, other, store.Options{}); !errors.Is(err, store.ErrNotZhibu) {
		t.Fatalf("foreign file: %v", err)
	}
	after, _ := os.ReadFile(other)
	if string(before) != string(after) || after[18] != 1 || after[19] != 1 {
		t.Fatalf("foreign file changed (format bytes %d %d; 2 means WAL)", after[18], after[19])
	}
	if _, err := os.Stat(other + "-wal"); err == nil {
		t.Error("a -wal file was made beside the foreign file")
	}

	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	if _, err := store.Open(ctx, empty, store.Options{MustExist: true}); !errors.Is(err, replica.ErrNoDatabase) {
		t.Fatalf("empty file with MustExist: %v", err)
	}
	if st, _ := os.Stat(empty); st.Size() != 0 {
		t.Fatalf("the empty file was given %d bytes", st.Size())
	}
	if _, err := store.Open(ctx, filepath.Join(dir, "missing.db"), store.Options{MustExist: true}); !errors.Is(err, replica.ErrNoDatabase) {
		t.Fatalf("missing file with MustExist: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); err == nil {
		t.Fatal("a missing database was created")
	}
}

// The database, its -wal and -shm and the data folder are this user's only.
func TestDatabaseFilesPrivate(t *testing.T) {
	f := storetest.Village(t)
	f.AddMember(t, "张建国", "1965-03-01", "1990-07-01", 11)
	for _, p := range []string{f.Path, f.Path + "-wal", f.Path + "-shm"} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", filepath.Base(p), st.Mode().Perm())
		}
	}
	dir := filepath.Join(t.TempDir(), "zhibu")
	db, err := store.Open(context.Background(), filepath.Join(dir, "zhibu.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o700 {
		t.Errorf("data folder mode %v, want 0700", st.Mode().Perm())
	}
}
