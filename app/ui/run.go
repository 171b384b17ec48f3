package ui

import (
	"context"
	"errors"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/sync/backup"
	"zhibu/sync/device"
)

// Run opens the main window on the database at dbPath and runs the app until it is closed:
// the first-start wizard if the database is not set up yet, then the login screen, then the
// shell with the navigation.
func Run(a fyne.App, dbPath string) {
	a.Settings().SetTheme(Theme())
	w := a.NewWindow(assets.T("Zhibu"))
	w.Resize(windowSize(0, 0, 1))
	w.SetMaster()
	a.Lifecycle().SetOnStarted(func() { fitScreen(w) })
	u := newAppUI(w, dbPath, time.Now)
	u.start(context.Background())
	stop := u.idle.run()
	go fitScaledWindow(w)
	w.ShowAndRun()
	stop()
	u.close()
}

// fitScaledWindow shrinks the window once it is shown when the display scales it (Windows'
// 150 %, FYNE_SCALE): sizes are logical, so 1340×720 would open at 2010×1080 pixels, past a
// 1366×768 screen. The scale is known only once the window exists.
func fitScaledWindow(w fyne.Window) {
	time.Sleep(300 * time.Millisecond)
	fyne.Do(func() {
		if sc := w.Canvas().Scale(); sc > 1 {
			w.Resize(fyne.NewSize(1340/sc, 720/sc))
		}
	})
}

// appUI drives the one main window through its states: open error, setup, login, shell.
type appUI struct {
	w      fyne.Window
	dbPath string // the data file in use: the real one, or a demo file beside it
	// realPath is the data file the program was started on; demo files live beside it.
	realPath string
	demo     bool // the data file in use holds made-up demo data
	now      func() time.Time
	ctx      context.Context

	db    *store.DB
	home  store.Org
	role  string
	user  store.User
	shell *shell // nil unless logged in
	idle  *idleWatch
	// parked is the shell the idle lock put aside with a form's unsaved changes; the same
	// user finds it as left after logging in again.
	parked *shell
	// parkedDialogs are the dialogs open at the idle lock, put back for the same user.
	parkedDialogs []fyne.CanvasObject

	// The forms on screen, kept for tests to drive.
	firstF *firstStart
	setupF *setupForm
	loginF *loginForm
}

func newAppUI(w fyne.Window, dbPath string, now func() time.Time) *appUI {
	u := &appUI{w: w, dbPath: dbPath, realPath: dbPath, now: now, ctx: context.Background()}
	u.idle = newIdleWatch(w, now, u.lock)
	w.SetCloseIntercept(u.requestClose)
	return u
}

// requestClose closes the window once the open form's unsaved changes are saved or given up.
func (u *appUI) requestClose() {
	if u.shell == nil {
		u.w.Close()
		return
	}
	if overlayTyped(u.w.Canvas()) {
		// A dialog holds typed text (an announcement, a member's 免交, a new account): closing
		// the window would drop it without a word.
		confirmDiscard(u.w, func() bool { return true }, func() { u.shell.sess.leaving(u.w.Close) })
		return
	}
	u.shell.sess.leaving(u.w.Close)
}

// start opens the database and shows the setup wizard or the login screen.
func (u *appUI) start(ctx context.Context) {
	u.ctx = ctx
	db, err := store.Open(ctx, u.dbPath, store.Options{Now: u.now})
	if err != nil {
		u.showOpenError(err)
		return
	}
	u.attach(db)
}

// attach uses an already open database (tests pass a storetest fixture's).
func (u *appUI) attach(db *store.DB) {
	u.db = db
	if db.Device() == "" {
		u.showFirstStart()
		return
	}
	if err := u.loadHome(); err != nil {
		if errors.Is(err, store.ErrNotInit) {
			u.showFirstStart()
			return
		}
		u.showOpenError(err)
		return
	}
	u.showLogin("")
}

func (u *appUI) loadHome() error {
	home, err := u.db.Home(u.ctx)
	if err != nil {
		return err
	}
	role, err := u.db.Role(u.ctx)
	if err != nil {
		return err
	}
	demo, err := u.db.IsDemo(u.ctx)
	if err != nil {
		return err
	}
	u.home, u.role, u.demo = home, role, demo
	u.w.SetTitle(assets.T("Zhibu — %s", home.Name))
	return nil
}

func (u *appUI) close() {
	if u.db != nil {
		u.db.Close()
	}
}

// setContent replaces the window's content. The focus is dropped first: an entry of the old
// content (the login's password box) otherwise keeps its cursor blinking off screen, and the
// window redraws for it forever (measured: 11 % of a core idle on the 40-village overview
// after login, 1 % once something else was clicked).
func (u *appUI) setContent(o fyne.CanvasObject) {
	u.w.Canvas().Unfocus()
	u.w.SetContent(o)
}

// showOpenError explains why the database cannot be opened and offers to quit.
func (u *appUI) showOpenError(err error) {
	msg := widget.NewLabel(assets.Chinese(err))
	msg.Wrapping = fyne.TextWrapWord
	path := hint(assets.T("Data file: %s", u.dbPath))
	quit := primaryButton(assets.T("Quit"), fynetheme.CancelIcon(), func() {
		if a := fyne.CurrentApp(); a != nil {
			a.Quit()
		}
	})
	box := container.NewVBox(heading(assets.T("The records cannot be opened")), msg, path, container.NewHBox(quit))
	u.setContent(centered(fixedWidth(560, box)))
}

// onLogin switches to the shell for the user.
func (u *appUI) onLogin(user store.User) {
	u.user = user
	applyTextSize(user.ID)
	if u.shell != nil {
		u.shell.close()
	}
	dialogs := u.parkedDialogs
	if p := u.parked; p != nil && p.sess.User.ID == user.ID {
		u.shell = p // back to the form left with unsaved changes at the idle lock
	} else {
		u.shell, dialogs = newShell(u, user), nil
	}
	u.parked, u.parkedDialogs = nil, nil
	u.setContent(u.shell.content)
	restoreOverlays(u.w.Canvas(), dialogs) // the dialogs open at the idle lock, as left
	u.idle.start()
	u.autoBackup()
	if user.WeakPassword {
		u.askNewPassword(user)
	}
	bindKeys(u.w, func() *keyMap {
		if u.shell == nil {
			return nil
		}
		return u.shell.sess.Keys
	})
}

// lock returns to the login screen with the user name filled in. A form with unsaved changes
// is kept (parked) for the same user's next login.
func (u *appUI) lock() {
	if u.shell == nil {
		return
	}
	name := u.user.Name
	// Open dialogs leave the window with the screen: they must not stay over the login
	// screen (anyone could read or use them there); the same user gets them back.
	u.parkedDialogs = parkOverlays(u.w.Canvas())
	if u.shell.sess.unsaved() || len(u.parkedDialogs) > 0 {
		u.parked = u.shell
	} else {
		u.shell.close()
	}
	u.shell = nil
	u.idle.stop()
	u.showLoginFor(name, assets.T("The screen was locked. Enter the password to continue."))
}

// logout returns to an empty login screen.
func (u *appUI) logout() {
	if u.shell != nil {
		u.shell.close()
	}
	u.shell, u.parked, u.parkedDialogs = nil, nil, nil
	parkOverlays(u.w.Canvas()) // none should be open: the modal dialogs cover 退出登录
	u.user = store.User{}
	u.idle.stop()
	u.showLogin("")
}

// autoBackup takes today's automatic backup (7 daily, 4 weekly, encrypted to this PC's key,
// beside the database) once the first person logs in each day, off the UI thread, once the
// first screen's figures are filled in (or a minute has passed): copying a township's file
// competes for the PC with the figures the user is waiting for. A failure is said, since it
// usually means the disk is full.
func (u *appUI) autoBackup() {
	if _, err := os.Stat(device.Dir(u.dbPath)); err != nil {
		return // no device keys to encrypt it to: the sync page says what to do about that
	}
	var once sync.Once
	start := func() {
		once.Do(func() {
			if u.ctx.Err() != nil {
				return
			}
			var err error
			goThen(func() { _, err = backup.Auto(u.ctx, u.db, u.now()) }, func() {
				if err != nil {
					showInfo(assets.T("Automatic backup failed"), assets.Chinese(err), u.w)
				}
			})
		})
	}
	afterHomeFilled(start)
	time.AfterFunc(autoBackupLatest, func() { fyne.Do(start) })
}

// autoBackupLatest is how long the automatic backup waits at most for the first screen.
var autoBackupLatest = time.Minute
