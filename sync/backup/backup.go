// Package backup writes and restores encrypted backups: a consistent copy of the database
// and the device keys beside it, in a tar archive encrypted with age under a password.
package backup

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"filippo.io/age"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/atomicfile"
	"zhibu/sync/device"
)

// ErrPassword means the backup could not be opened with the password given.
var ErrPassword = errors.New("wrong backup password")

const dbEntry = "zhibu.db"

// Write makes an encrypted backup of the open database and its device keys at out.
func Write(ctx context.Context, db *store.DB, password, out string) error {
	if password == "" {
		return assets.Errorf("Give a password for the backup; you will need it to restore.")
	}
	if err := db.BackupPasswordProblem(ctx, password); err != nil {
		return err
	}
	r, err := age.NewScryptRecipient(password)
	if err != nil {
		return err
	}
	return writeTo(ctx, db, r, out)
}

// writeTo makes a backup encrypted to r.
func writeTo(ctx context.Context, db *store.DB, r age.Recipient, out string) error {
	cleanStale(filepath.Dir(db.Path()))
	cleanStick(filepath.Dir(out))
	tmp, err := tempDir(filepath.Dir(db.Path()), backupTemp)
	if err != nil {
		return assets.Wrap(err, "Cannot write %s. Check that the USB stick or folder is writable and has space.", db.Path())
	}
	defer os.RemoveAll(tmp)
	snap := filepath.Join(tmp, dbEntry)
	if err := db.Replica().Snapshot(ctx, snap); err != nil {
		return err
	}
	err = atomicfile.Write(out, func(w io.Writer) error {
		aw, err := age.Encrypt(w, r)
		if err != nil {
			return err
		}
		tw := tar.NewWriter(aw)
		files := map[string]string{dbEntry: snap}
		keys := device.Dir(db.Path())
		for _, k := range []string{"cert.pem", "key.pem", "age.key"} {
			if _, err := os.Stat(filepath.Join(keys, k)); err == nil {
				files["keys/"+k] = filepath.Join(keys, k)
			}
		}
		for _, name := range []string{dbEntry, "keys/cert.pem", "keys/key.pem", "keys/age.key"} {
			path, ok := files[name]
			if !ok {
				continue
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(b)), ModTime: db.Now()}); err != nil {
				return err
			}
			if _, err := tw.Write(b); err != nil {
				return err
			}
		}
		if err := tw.Close(); err != nil {
			return err
		}
		return aw.Close()
	})
	if err != nil {
		return assets.Wrap(err, "Cannot write %s. Check that the USB stick or folder is writable and has space.", out)
	}
	return nil
}

// Restore replaces the database at dbPath (and its keys) with the backup in file. The
// database found there, if any, is kept beside it with a ".before-restore" name.
func Restore(ctx context.Context, file, password, dbPath string) error {
	id, err := age.NewScryptIdentity(password)
	if err != nil {
		return err
	}
	return restoreWith(ctx, file, id, dbPath, nil)
}

// restoreWith is Restore of a backup encrypted to id; allow, if set, checks the backup's
// database before it replaces anything.
func restoreWith(ctx context.Context, file string, id age.Identity, dbPath string, allow func(*store.DB) error) error {
	f, err := os.Open(file)
	if err != nil {
		return assets.Wrap(err, "Cannot read %s. Check the file name and that the USB stick is plugged in.", file)
	}
	defer f.Close()
	ar, err := age.Decrypt(f, id)
	if err != nil {
		return assets.Wrap(fmt.Errorf("%w: %v", ErrPassword, err), "The backup %s cannot be opened: the password is wrong or the file is not a Zhibu backup.", file)
	}
	dir := filepath.Dir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return assets.Wrap(err, "Cannot create the data folder %s. Check that the disk is writable.", dir)
	}
	cleanStale(dir)
	tmp, err := tempDir(dir, restoreTemp)
	if err != nil {
		return assets.Wrap(err, "Cannot create the data folder %s. Check that the disk is writable.", dir)
	}
	defer os.RemoveAll(tmp)
	tr := tar.NewReader(ar)
	seen := map[string]bool{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return assets.Wrap(err, "The backup %s is damaged. Use another backup.", file)
		}
		switch h.Name {
		case dbEntry, "keys/cert.pem", "keys/key.pem", "keys/age.key":
		default:
			continue
		}
		dst := filepath.Join(tmp, filepath.FromSlash(h.Name))
		os.MkdirAll(filepath.Dir(dst), 0o700)
		b, err := io.ReadAll(io.LimitReader(tr, 4<<30))
		if err != nil {
			return assets.Wrap(err, "The backup %s is damaged. Use another backup.", file)
		}
		if err := atomicfile.WriteFile(dst, b); err != nil {
			return err
		}
		seen[h.Name] = true
	}
	if !seen[dbEntry] {
		return assets.Errorf("The backup %s is damaged. Use another backup.", file)
	}
	db, err := store.Open(ctx, filepath.Join(tmp, dbEntry), store.Options{})
	if err != nil {
		return err
	}
	verdict, err := db.Replica().IntegrityCheck(ctx)
	if err != nil || verdict != "ok" {
		db.Close()
		return assets.Errorf("The backup %s is damaged. Use another backup.", file)
	}
	if allow != nil {
		if err := allow(db); err != nil {
			db.Close()
			return err
		}
	}
	db.Close()
	stamp := time.Now().Format("20060102-150405")
	keys := device.Dir(dbPath)
	for _, p := range []string{dbPath, dbPath + "-wal", dbPath + "-shm", keys} {
		if _, err := os.Stat(p); err == nil {
			if err := os.Rename(p, p+".before-restore-"+stamp); err != nil {
				return assets.Wrap(err, "The database %s is in use. Close Zhibu on this PC, then restore again.", dbPath)
			}
		}
	}
	if err := os.Rename(filepath.Join(tmp, dbEntry), dbPath); err != nil {
		return err
	}
	if seen["keys/cert.pem"] {
		if err := os.Rename(filepath.Join(tmp, "keys"), keys); err != nil {
			return err
		}
	}
	if !seen["keys/cert.pem"] {
		// A backup without keys (none were beside the database): keep this PC's.
		if old := keys + ".before-restore-" + stamp; dirExists(old) {
			if err := os.Rename(old, keys); err != nil {
				return err
			}
		}
	}
	return renew(ctx, dbPath)
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
