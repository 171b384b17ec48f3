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
		usage: "--out F", flags: []flagSpec{{name: "out", help: "Backup file to write (e.g. on a USB stick)"}},
		auth: authAdmin, run: runBackup})
	register(&command{name: "restore", summary: "Restore the database and device keys from a backup",
		usage: "F", noDB: true, run: runRestore})
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

func runBackup(e *Env) error {
	if e.Flag("out") == "" {
		return usagef("Option --%s is required.", "out")
	}
	pw, err := password(e)
	if err != nil {
		return err
	}
	if err := backup.Write(e.Ctx, e.DB, pw, e.Flag("out")); err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]string{"file": e.Flag("out")})
	}
	fmt.Fprintln(e.Out, assets.T("Wrote the backup %s. It is locked with the password of %s; keep the password safe.", e.Flag("out"), e.User.Name))
	return nil
}

func runRestore(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one backup file.")
	}
	pw, err := password(e)
	if err != nil {
		return err
	}
	if pw == "" {
		return usagef("Give the backup's password in ZHIBU_PASSWORD or --password-file.")
	}
	dbPath := e.Flag("db")
	if dbPath == "" {
		dbPath = e.Getenv("ZHIBU_DB")
	}
	if dbPath == "" {
		if dbPath, err = DefaultDBPath(); err != nil {
			return err
		}
	}
	if err := backup.Restore(e.Ctx, e.Args[0], pw, dbPath); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Restored %s from %s. The database that was there is kept beside it (\".before-restore\").", dbPath, e.Args[0]))
	return nil
}
