package ui

import (
	"context"
	"path/filepath"

	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/sync/backup"
)

// restoredNote tells what to do after a restore: the PC now has a new device identity.
const restoredNote = "This PC now has a new device ID, so that the PCs it syncs with send it again everything the backup lacks. Sync as usual: its bundles tell each paired PC that it takes the old device's place, and they send it everything again. A PC that refuses its bundle as coming from an unpaired device runs an older Zhibu: export this PC's enrolment file on the sync page and import it there."

// restore replaces this PC's data with a backup, from the GUI: it logs the user out, closes
// the database, restores (sync/backup checks the whole backup before it replaces anything
// and keeps the replaced files beside the new ones), opens the database again and shows the
// login screen, where the accounts of the backup log in. The password was checked before.
func (u *appUI) restore(file, password string) {
	if u.shell != nil {
		u.shell.close()
	}
	u.shell = nil
	u.user = store.User{}
	u.idle.stop()
	title := assets.T("Restoring from the backup…")
	u.setContent(centered(widget.NewLabel(title)))
	old, path := u.db, u.db.Path()
	var db *store.DB
	runBusy(u.w, context.Background(), title, func(ctx context.Context, _ Progress) error {
		old.Close()
		rerr := backup.Restore(ctx, file, password, path)
		var oerr error
		db, oerr = store.Open(u.ctx, path, store.Options{Now: u.now})
		if rerr != nil {
			return rerr
		}
		return oerr
	}, func(err error) {
		if db == nil {
			u.showOpenError(err)
			return
		}
		u.attach(db)
		if u.loginF == nil {
			return // the restored data needs setting up: attach showed the wizard
		}
		if err != nil {
			u.showLogin(assets.T("The backup was not restored: %s The data on this PC was not changed.", assets.Chinese(err)))
			return
		}
		u.showLogin(assets.T("Restored the data of the backup %s. Log in with an account of the backup.", filepath.Base(file)) + " " + assets.T(restoredNote))
	})
}
