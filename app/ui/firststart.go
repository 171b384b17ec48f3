package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/sync/device"
)

// The demo lives in its own data file (issue 22: a real roster imported into a file with the
// demo's dues history raised 103 false alarms). Its folder sits beside the real data file, so
// its device keys and automatic backups stay apart too; the account is fixed and shown on the
// login screen, since nothing in it is secret.
const (
	demoFolder   = "demo"
	demoPassword = "yanshi-2026"
)

// demoPath is the demo file of a role beside the real data file at realPath.
func demoPath(realPath, role string) string {
	return filepath.Join(filepath.Dir(realPath), demoFolder, "zhibu-demo-"+role+".db")
}

// demoParams sets up a demo file: a made-up village (or township) and its administrator.
func demoParams(role string) store.InitParams {
	if role == store.RoleTownship {
		return store.InitParams{Role: role, OrgCode: "410928", OrgName: assets.T("城关镇党委 (demo)"), Admin: assets.T("Demo administrator"), Password: demoPassword}
	}
	return store.InitParams{Role: role, OrgCode: "410928001", OrgName: assets.T("张庄村党支部 (demo)"), ParentCode: "410928", Admin: assets.T("Demo secretary"), Password: demoPassword}
}

// firstStart is the first-start screen's widgets (kept for tests).
type firstStart struct {
	demoRole *widget.RadioGroup
	demo     *widget.Button
	start    *widget.Button
	problem  problemLabel
}

// showFirstStart shows the first-start choice on a file with no records: look at the demo (in
// its own file) or start for real on this clean one.
func (u *appUI) showFirstStart() {
	f := &firstStart{problem: newProblemLabel()}
	u.firstF = f
	f.demoRole = widget.NewRadioGroup(roleChoices(), nil)
	f.demoRole.Horizontal = true
	f.demoRole.Required = true
	f.demoRole.SetSelected(roleChoices()[0])
	f.demo = widget.NewButtonWithIcon(assets.T("Look at the demo first"), fynetheme.MediaPlayIcon(), func() {
		role := store.RoleVillage
		if f.demoRole.Selected == roleChoices()[1] {
			role = store.RoleTownship
		}
		u.openDemo(role, f.problem)
	})
	f.start = primaryButton(assets.T("Start using it"), fynetheme.NavigateNextIcon(), u.showSetup)
	demoText := paragraph(keepTogether(assets.T("Practise on a made-up village: %d to %d made-up members, party groups and two years of records (a township demo has 5 made-up villages). The demo is kept in a data file of its own and never mixes with your real records; 「End the demo, start using it」 at the top brings you back here.", demo.VillageMembersMin, demo.VillageMembersMax)), 560)
	startText := paragraph(assets.T("Fill in your branch's (or township's) real facts and begin with empty records; then import the party members' roster."), 560)
	box := container.NewVBox(
		heading(assets.T("Welcome to Zhibu")),
		hint(assets.T("This PC has no records yet.")),
		widget.NewSeparator(),
		heading(assets.T("Look at the demo first")), demoText, f.demoRole, container.NewHBox(f.demo),
		widget.NewSeparator(),
		heading(assets.T("Start using it")), startText, container.NewHBox(f.start),
		f.problem.Label,
	)
	u.setContent(centered(fixedWidth(600, box)))
}

// openDemo opens the demo file of the role, making and filling it the first time (off the UI
// thread, behind the busy dialog), and shows its login with the demo account filled in.
func (u *appUI) openDemo(role string, problem problemLabel) {
	path := demoPath(u.realPath, role)
	var db *store.DB
	runBusy(u.w, u.ctx, assets.T("Preparing the demo…"), func(ctx context.Context, _ Progress) error {
		var err error
		db, err = openDemoFile(ctx, path, role, u.now)
		return err
	}, func(err error) {
		if err != nil {
			if !canceled(err) {
				problem.Set(assets.Chinese(err))
			}
			return
		}
		u.switchTo(db, path)
	})
}

// openDemoFile opens (and the first time sets up and fills) the demo file at path.
func openDemoFile(ctx context.Context, path, role string, now func() time.Time) (*store.DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, path, store.Options{Now: now})
	if err != nil {
		return nil, err
	}
	if db.Device() != "" {
		return db, nil
	}
	fail := func(err error) (*store.DB, error) {
		db.Close()
		os.Remove(path) // a half-made demo is made again next time
		os.RemoveAll(device.Dir(path))
		return nil, err
	}
	id, err := device.Create(path)
	if err != nil {
		return fail(err)
	}
	p := demoParams(role)
	p.Device = id.ID.String()
	if err := db.Init(ctx, p); err != nil {
		return fail(err)
	}
	opt := demo.Options{Seed: uint64(now().UnixNano())}
	if err := demo.Fill(store.WithUser(ctx, p.Admin), db, opt); err != nil {
		return fail(err)
	}
	return db, nil
}

// switchTo closes the data file in use and continues on db (at path): its login, or the
// setup wizard when it has no records yet.
func (u *appUI) switchTo(db *store.DB, path string) {
	if u.shell != nil {
		u.shell.close()
	}
	u.shell, u.parked = nil, nil
	u.user = store.User{}
	u.idle.stop()
	if u.db != nil {
		u.db.Close()
	}
	u.db, u.dbPath = db, path
	if db.Device() == "" {
		u.home, u.role, u.demo = store.Org{}, "", false
		u.w.SetTitle(assets.T("Zhibu"))
		u.showSetup()
		return
	}
	if err := u.loadHome(); err != nil {
		u.showOpenError(err)
		return
	}
	u.showLogin("")
}

// demoLogin is what the login screen of a demo file says, and its account.
func (u *appUI) demoLogin(f *loginForm) {
	p := demoParams(u.role)
	f.problem.Set(assets.T("This is the demo: every member and record in it is made up. Account %s, password %s.", p.Admin, demoPassword))
	if f.name.Text == "" {
		f.name.SetText(p.Admin)
	}
	f.password.SetText(demoPassword)
}

// startClean leaves the demo for a clean data file: from the demo file back to the real one
// (set up, or the setup wizard); a real data file that holds demo data (filled from the
// command line) is moved into the demo folder first, after asking.
func (u *appUI) startClean() {
	if u.dbPath != u.realPath {
		u.openReal()
		return
	}
	aside := movedDemoPath(u.realPath, u.now())
	msg := assets.T("This data file holds demo data. To start clean it is moved to %s and a new, empty data file is set up in its place.", aside)
	d := dialog.NewConfirm(assets.T("Start with clean records"), msg, func(yes bool) {
		if !yes {
			return
		}
		if u.shell != nil {
			u.shell.close()
			u.shell = nil
		}
		u.db.Close()
		u.db = nil
		if err := moveDataFile(u.realPath, aside); err != nil {
			u.showOpenError(err)
			return
		}
		u.openReal()
	}, u.w)
	d.SetConfirmText(assets.T("Start with clean records"))
	d.SetDismissText(assets.T("Cancel"))
	d.Show()
}

// openReal opens the real data file again.
func (u *appUI) openReal() {
	db, err := store.Open(u.ctx, u.realPath, store.Options{Now: u.now})
	if err != nil {
		u.showOpenError(err)
		return
	}
	u.switchTo(db, u.realPath)
}

// movedDemoPath is a free name in the demo folder for a real data file that held demo data.
func movedDemoPath(realPath string, now time.Time) string {
	return filepath.Join(filepath.Dir(realPath), demoFolder, fmt.Sprintf("zhibu-demo-%s.db", now.Format("20060102-150405")))
}

// moveDataFile moves a closed data file with its journal files and device keys.
func moveDataFile(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
		return err
	}
	if err := os.Rename(from, to); err != nil {
		return err
	}
	for _, ext := range []string{"-wal", "-shm"} {
		if err := os.Rename(from+ext, to+ext); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	if err := os.Rename(device.Dir(from), device.Dir(to)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// demoBanner is the shell's line saying the records are made up, with the way out.
func (s *shell) demoBanner() fyne.CanvasObject {
	msg := widget.NewLabelWithStyle(assets.T("Demo: every member and record here is made up, for practice only."), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	msg.Importance = widget.WarningImportance
	end := widget.NewButtonWithIcon(assets.T("End the demo, start using it"), fynetheme.NavigateNextIcon(), func() { s.sess.leaving(s.u.startClean) })
	end.Importance = widget.WarningImportance
	return container.NewHBox(widget.NewIcon(fynetheme.WarningIcon()), msg, layout.NewSpacer(), end)
}
