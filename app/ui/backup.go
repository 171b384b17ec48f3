package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/sync/backup"
)

func init() {
	registerScreen(Screen{ID: "backup", Title: "Backup", Icon: navIcon(fynetheme.IconNameDownload), Order: 910, Roles: everyRole, Make: makeBackup})
}

// backupExt is the file extension of a backup.
const backupExt = ".zbak"

// backupView writes encrypted backups of this PC's data (the same operation as "zhibu
// backup") and restores one: after a confirmation saying what is replaced, the session
// closes the database, restores it (sync/backup) and opens it again (restore.go).
type backupView struct {
	s       *Session
	result  *widget.Label
	problem problemLabel
	// async runs the backup off the UI goroutine and then done on it; tests run both at once.
	async func(work func() error, done func(error))
}

func makeBackup(s *Session) fyne.CanvasObject {
	if !s.User.CanAdmin() {
		return centered(widget.NewLabel(assets.T("Only the branch secretary or the township administrator makes and restores backups.")))
	}
	return newBackupView(s).page()
}

func newBackupView(s *Session) *backupView {
	v := &backupView{s: s, result: widget.NewLabel(""), problem: newProblemLabel()}
	v.result.Wrapping = fyne.TextWrapWord
	v.result.Importance = widget.SuccessImportance
	v.result.Hide()
	v.async = func(work func() error, done func(error)) {
		go func() {
			err := work()
			fyne.Do(func() { done(err) })
		}()
	}
	return v
}

func (v *backupView) page() fyne.CanvasObject {
	makeBtn := primaryButton(assets.T("Back up into a folder…"), fynetheme.DownloadIcon(), v.chooseFolder)
	restore := widget.NewButtonWithIcon(assets.T("Restore from a backup…"), fynetheme.UploadIcon(), v.chooseBackup)
	box := container.NewVBox(
		heading(assets.T("Backup")),
		container.NewPadded(subheading(assets.T("Make a backup"))),
		hint(assets.T("A backup is one file holding all the records on this PC and its device keys. It is locked with a backup password of its own (at least 10 characters, not a login password): whoever has the file cannot read it without that password, and you need it to restore. Back up at least once a month and after entering a lot, onto a USB stick kept away from this PC.")),
		container.NewHBox(makeBtn), v.result, v.problem.Label,
		container.NewPadded(widget.NewSeparator()),
		container.NewPadded(subheading(assets.T("Restore from a backup"))),
		hint(assets.T("Restoring replaces all the data on this PC with the backup's: whatever was entered after the backup was made is gone (the current data is kept beside it as a copy). Choose the backup file; you are asked to confirm and for its password, then Zhibu closes the data, restores it and shows the login.")),
		container.NewHBox(restore),
	)
	return container.NewVScroll(container.NewPadded(container.New(&maxWidthLayout{w: 900}, box)))
}

// maxWidthLayout keeps long explanations at a readable line length on a wide window.
type maxWidthLayout struct{ w float32 }

func (l *maxWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l *maxWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	size.Width = min(size.Width, l.w)
	objs[0].Resize(fyne.NewSize(size.Width, max(size.Height, objs[0].MinSize().Height)))
	objs[0].Move(fyne.NewPos(0, 0))
}

func (v *backupView) chooseFolder() {
	chooseFile(v.s.Window, filePick{Mode: pickFolder, Title: assets.T("Choose the folder for the backup (e.g. the USB stick)"), Purpose: "backup"}, v.askPassword)
}

// askPassword asks for the backup's own password (twice), which locks the backup, and writes
// the backup into dir. It is not the login password: a stick with the backup is lost more
// often than a PC (sync/backup checks the rule off the UI thread as it writes).
func (v *backupView) askPassword(dir string) {
	pw, pw2 := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	pw.SetPlaceHolder(assets.T("At least 10 characters, not a login password"))
	problem := newProblemLabel()
	var d *dialog.CustomDialog
	ok := primaryButton(assets.T("Make the backup"), fynetheme.ConfirmIcon(), func() {
		if pw.Text != pw2.Text {
			problem.Set(assets.T("The two passwords are different. Enter the same password twice."))
			return
		}
		d.Hide()
		v.write(dir, pw.Text)
	})
	pw2.OnSubmitted = func(string) { ok.OnTapped() }
	cancel := widget.NewButton(assets.T("Cancel"), func() { d.Hide() })
	content := fixedWidth(480, container.NewVBox(
		hint(assets.T("The backup is locked with its own backup password. Write it down and keep it apart from the USB stick: without it the backup cannot be restored.")),
		container.New(layout.NewFormLayout(), widget.NewLabel(assets.T("Backup password")), pw,
			widget.NewLabel(assets.T("Password again")), pw2), problem.Label))
	d = dialog.NewCustomWithoutButtons(assets.T("Make a backup"), content, v.s.Window)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Show()
	v.s.Window.Canvas().Focus(pw)
}

// backupName is the file name of a backup made now: the organisation and the time.
func (v *backupView) backupName() string {
	code := v.s.Home.Code
	if code == "" {
		code = "zhibu"
	}
	return "zhibu-" + code + "-" + v.s.DB.Now().Format("20060102-1504") + backupExt
}

// write makes the backup in dir, showing a wait dialog while it runs.
func (v *backupView) write(dir, password string) {
	path := filepath.Join(dir, v.backupName())
	v.result.Hide()
	v.problem.Set("")
	bar := newLoadingBar()
	wait := dialog.NewCustomWithoutButtons(assets.T("Making the backup…"), fixedWidth(360, bar), v.s.Window)
	wait.Show()
	v.async(func() error {
		return backup.Write(v.s.Ctx, v.s.DB, password, path)
	}, func(err error) {
		bar.Stop()
		wait.Hide()
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		size := int64(0)
		if fi, err := os.Stat(path); err == nil {
			size = fi.Size()
		}
		v.result.Show()
		v.result.SetText(assets.T("Wrote the backup (%s):\n%s\nIt is locked with the backup password; without that password it cannot be opened.", sizeText(size), path))
		relayoutWindows()
	})
}

// sizeText writes a file size for people: KB below a megabyte, else MB.
func sizeText(n int64) string {
	if n < 1<<20 {
		return assets.T("%d KB", (n+1023)/1024)
	}
	return assets.T("%s MB", fmt.Sprintf("%.1f", float64(n)/(1<<20)))
}

func (v *backupView) chooseBackup() {
	chooseFile(v.s.Window, filePick{Mode: pickOpen, Title: assets.T("Choose the backup file"), Purpose: "backup", Exts: []string{backupExt}}, v.confirmRestore)
}

// confirmRestore says what restoring the chosen backup replaces and asks for the password
// that locked it; the password is checked before anything is closed or replaced.
func (v *backupView) confirmRestore(file string) {
	pw := widget.NewPasswordEntry()
	problem := newProblemLabel()
	what := widget.NewLabel(assets.T("Restoring replaces ALL the data on this PC (%s) with the data of the backup\n%s\nWhatever was entered after the backup was made is gone. The current data is not deleted: it is kept beside it, renamed \"…before-restore-date\". Everyone is logged out, and afterwards the accounts and passwords of the backup log in.",
		v.s.DB.Path(), file))
	what.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	ok := widget.NewButtonWithIcon(assets.T("Replace the data and restore"), fynetheme.WarningIcon(), nil)
	ok.Importance = widget.DangerImportance
	ok.OnTapped = func() {
		// The check derives the key from the password (scrypt): about a second, 3 s seen on a
		// loaded PC, so it runs off the UI thread behind the busy sign.
		password := pw.Text
		runBusy(v.s.Window, v.s.Ctx, assets.T("Checking the backup password…"), func(context.Context, Progress) error {
			return backup.Check(file, password)
		}, func(err error) {
			switch {
			case canceled(err):
				return
			case err != nil:
				problem.Set(assets.Chinese(err))
				return
			}
			d.Hide()
			if v.s.restore != nil {
				v.s.restore(file, password)
			}
		})
	}
	pw.OnSubmitted = func(string) { ok.OnTapped() }
	cancel := widget.NewButton(assets.T("Cancel"), func() { d.Hide() })
	content := fixedWidth(620, container.NewVBox(what,
		hint(assets.T("Enter the backup password that locked the backup (for an older backup: the login password of the user who made it):")),
		container.New(layout.NewFormLayout(), widget.NewLabel(assets.T("Password")), pw), problem.Label))
	d = dialog.NewCustomWithoutButtons(assets.T("Restore from a backup"), content, v.s.Window)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Show()
	v.s.Window.Canvas().Focus(pw)
}
