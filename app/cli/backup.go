package cli

import (
	"fmt"
	"os"
	"strings"

	"zhibu/assets"
	"zhibu/sync/backup"
)

func init() {
	register(&command{name: "backup", summary: "Write an encrypted backup of the database and device keys (safe while the app runs)",
		usage: "--out F | --auto", flags: []flagSpec{{name: "out", help: "Backup file to write (e.g. on a USB stick)"},
			{name: "backup-password-file", help: "File holding the backup's own password (or ZHIBU_BACKUP_PASSWORD): at least 10 characters, not a login password"},
			{name: "auto", isBool: true, help: "Take today's automatic backup in the data folder (7 daily, 4 weekly kept), e.g. from a scheduled task"}},
		auth: authAdmin, run: runBackup})
	register(&command{name: "restore", summary: "Restore the database and device keys from a backup",
		usage: "F | --auto F", flags: []flagSpec{{name: "backup-password-file", help: "File holding the backup's password (or ZHIBU_BACKUP_PASSWORD)"}, {name: "auto", isBool: true, help: "F is an automatic backup of this PC (needs an administrator's login, checked against the backup's accounts)"}},
		noDB: true, run: runRestore})
}

// password is the password of the logged-in user (backups are locked with it).
func password(e *Env) (string, error) {
	if f := e.Flag("password-file"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", assets.Wrap(err, "Cannot read the password file %s.", f)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	return e.Getenv("ZHIBU_PASSWORD"), nil
}

// backupPassword is the backup's own password (ZHIBU_BACKUP_PASSWORD or
// --backup-password-file).
func backupPassword(e *Env) (string, error) {
	if f := e.Flag("backup-password-file"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", assets.Wrap(err, "Cannot read the password file %s.", f)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
	return e.Getenv("ZHIBU_BACKUP_PASSWORD"), nil
}

func runBackup(e *Env) error {
	if e.Has("auto") {
		file, err := backup.Auto(e.Ctx, e.DB, e.DB.Now())
		if err != nil {
			return err
		}
		if file == "" {
			fmt.Fprintln(e.Out, assets.T("Today's automatic backup was already taken. Automatic backups are in %s.", backup.AutoFolder(e.DB.Path())))
			return nil
		}
		fmt.Fprintln(e.Out, assets.T("Wrote the automatic backup %s.", file))
		return nil
	}
	if e.Flag("out") == "" {
		return usagef("Option --%s is required.", "out")
	}
	pw, err := backupPassword(e)
	if err != nil {
		return err
	}
	if pw == "" {
		return usagef("Give the backup's own password in ZHIBU_BACKUP_PASSWORD or --backup-password-file (at least 10 characters, not a login password).")
	}
	if err := backup.Write(e.Ctx, e.DB, pw, e.Flag("out")); err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]string{"file": e.Flag("out")})
	}
	fmt.Fprintln(e.Out, assets.T("Wrote the backup %s. It is locked with the backup password; keep it written down, apart from the USB stick.", e.Flag("out")))
	return nil
}

func runRestore(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one backup file.")
	}
	if e.Has("auto") {
		dbPath, err := restorePath(e)
		if err != nil {
			return err
		}
		user := e.Flag("user")
		if user == "" {
			user = e.Getenv("ZHIBU_USER")
		}
		pw, err := password(e)
		if err != nil {
			return err
		}
		if user == "" || pw == "" {
			return usagef("Restoring an automatic backup needs an administrator's login: name the user with --user or ZHIBU_USER, and give the password in ZHIBU_PASSWORD or --password-file.")
		}
		if err := backup.RestoreAuto(e.Ctx, e.Args[0], dbPath, user, pw); err != nil {
			return err
		}
		fmt.Fprintln(e.Out, assets.T("Restored %s from %s. The database that was there is kept beside it (\".before-restore\").", dbPath, e.Args[0]))
		fmt.Fprintln(e.Out, assets.T(restoredNote))
		return nil
	}
	pw, err := backupPassword(e)
	if err != nil {
		return err
	}
	if pw == "" { // a backup made before backups had their own password
		if pw, err = password(e); err != nil {
			return err
		}
	}
	if pw == "" {
		return usagef("Give the backup's password in ZHIBU_BACKUP_PASSWORD or --backup-password-file.")
	}
	dbPath, err := restorePath(e)
	if err != nil {
		return err
	}
	if err := backup.Restore(e.Ctx, e.Args[0], pw, dbPath); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Restored %s from %s. The database that was there is kept beside it (\".before-restore\").", dbPath, e.Args[0]))
	fmt.Fprintln(e.Out, assets.T(restoredNote))
	return nil
}

// restoredNote tells what to do after a restore: the PC now has a new device identity.
const restoredNote = "This PC now has a new device ID, so that the PCs it syncs with send it again everything the backup lacks. Sync as usual: its bundles tell each paired PC that it takes the old device's place, and they send it everything again. A PC that refuses its bundle as coming from an unpaired device runs an older Zhibu: write this PC's enrolment file (\"zhibu pair export\") and import it there."

// restorePath is the database a restore replaces.
func restorePath(e *Env) (string, error) {
	if p := e.Flag("db"); p != "" {
		return p, nil
	}
	if p := e.Getenv("ZHIBU_DB"); p != "" {
		return p, nil
	}
	return DefaultDBPath()
}

// startupCheck runs SQLite's quick check on the database just opened; a damaged database
// is explained with the newest automatic backup and what restoring it loses.
func startupCheck(e *Env) error {
	verdict, err := e.DB.Replica().QuickCheck(e.Ctx)
	if err != nil || verdict != "ok" {
		return backup.Damaged(e.DBPath)
	}
	return nil
}
