package backup

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/atomicfile"
	"zhibu/sync/device"
)

// Automatic backups: once a day the app keeps a copy of the database in the data folder
// (backups/ beside it, 0700), encrypted to this PC's own device key, so that a database
// damaged by a power cut or a failing disk can be put back without a password. The newest
// KeepDaily daily copies and KeepWeekly weekly ones (the first of each ISO week) are kept.
// They guard against a damaged file, not a lost PC: for that, the password-protected backup
// to a USB stick (Write) is the one to take away.
const (
	KeepDaily  = 7
	KeepWeekly = 4
	AutoDir    = "backups"
	autoExt    = ".zbak"
)

// Backup is one automatic backup.
type Backup struct {
	File string    `json:"file"`
	Kind string    `json:"kind"` // "daily" or "weekly"
	At   time.Time `json:"at"`   // when it was taken (the file's time)
}

// AutoFolder is where the automatic backups of the database at dbPath are kept.
func AutoFolder(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), AutoDir) }

// Auto takes today's automatic backup if there is none yet (and this week's weekly one) and
// removes those beyond the rotation. It reports the file written ("" if today's existed).
func Auto(ctx context.Context, db *store.DB, now time.Time) (string, error) {
	dir := AutoFolder(db.Path())
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", assets.Wrap(err, "Cannot create the data folder %s. Check that the disk is writable.", dir)
	}
	id, err := device.Load(db.Path())
	if err != nil {
		return "", err
	}
	k, err := id.AgeKey()
	if err != nil {
		return "", err
	}
	day := filepath.Join(dir, "daily-"+now.Format("2006-01-02")+autoExt)
	y, w := now.ISOWeek()
	week := filepath.Join(dir, fmt.Sprintf("weekly-%04d-W%02d%s", y, w, autoExt))
	written := ""
	if _, err := os.Stat(day); err != nil {
		if err := writeTo(ctx, db, k.Recipient(), day); err != nil {
			return "", err
		}
		written = day
	}
	if _, err := os.Stat(week); err != nil {
		b, err := os.ReadFile(day)
		if err == nil {
			err = atomicfile.WriteFile(week, b)
		}
		if err != nil {
			return written, assets.Wrap(err, "Cannot write %s. Check that the USB stick or folder is writable and has space.", week)
		}
	}
	rotate(dir, "daily-", KeepDaily)
	rotate(dir, "weekly-", KeepWeekly)
	return written, nil
}

// rotate keeps the newest keep files of a kind (their names sort by date).
func rotate(dir, prefix string, keep int) {
	names := list(dir, prefix)
	for i := 0; i+keep < len(names); i++ {
		os.Remove(filepath.Join(dir, names[i]))
	}
}

func list(dir, prefix string) []string {
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), prefix) && strings.HasSuffix(e.Name(), autoExt) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// AutoBackups lists the automatic backups of the database at dbPath, newest first.
func AutoBackups(dbPath string) []Backup {
	dir := AutoFolder(dbPath)
	var out []Backup
	for _, kind := range []string{"daily", "weekly"} {
		for _, n := range list(dir, kind+"-") {
			if st, err := os.Stat(filepath.Join(dir, n)); err == nil {
				out = append(out, Backup{File: filepath.Join(dir, n), Kind: kind, At: st.ModTime()})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out
}

// RestoreAuto puts an automatic backup back in place of the database at dbPath (the damaged
// file is kept beside it), with this PC's device key.
//
// It needs an administrator's login, checked against the accounts in the backup (the
// database being replaced may be the damaged one): putting a backup back rolls the ledger
// back to that day, which not every user of the PC may decide.
func RestoreAuto(ctx context.Context, file, dbPath, user, password string) error {
	id, err := device.Load(dbPath)
	if err != nil {
		return err
	}
	k, err := id.AgeKey()
	if err != nil {
		return err
	}
	return restoreWith(ctx, file, k, dbPath, func(db *store.DB) error {
		u, err := db.Login(ctx, user, password)
		if err != nil {
			return err
		}
		if !u.CanAdmin() {
			return assets.Wrap(store.ErrDenied, "Only an administrator may restore an automatic backup: it takes the records back to the day of the backup. Log in with an administrator's account (--user and its password).")
		}
		return nil
	})
}

// Damaged explains a damaged database: the newest automatic backup to put back and what
// restoring it loses (everything entered after it was taken), or that there is none.
func Damaged(dbPath string) error {
	bs := AutoBackups(dbPath)
	if len(bs) == 0 {
		return assets.Errorf("The database %s is damaged and there is no automatic backup of it. Restore a backup from a USB stick with \"zhibu restore FILE\", or ask the township office for help; do not keep working in it.", dbPath)
	}
	b := bs[0]
	return assets.Errorf("The database %s is damaged. The newest automatic backup is from %s (%s); restoring it loses what was entered after that time, which the township's copy may still hold (sync again after restoring). Restore it with \"zhibu restore --auto %s\".",
		dbPath, b.At.Local().Format("2006-01-02 15:04"), filepath.Base(b.File), b.File)
}
