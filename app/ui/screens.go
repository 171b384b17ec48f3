// Package ui holds Zhibu's Fyne windows and screens, in Simplified Chinese. It never imports
// fyne.io/fyne/v2/app, so its tests run headless without cgo; main wires it to a real app.
package ui

import (
	"context"
	"sort"

	"fyne.io/fyne/v2"

	"zhibu/store"
)

// Session is what every screen sees: the open database, the logged-in user and the window.
type Session struct {
	Ctx    context.Context // writes in it are attributed to User
	DB     *store.DB
	User   store.User
	Home   store.Org
	Role   string // store.RoleVillage or store.RoleTownship
	Window fyne.Window
	Demo   bool // the data file holds made-up demo data

	// Show switches the main window to the screen with the ID (set by the shell).
	Show func(id string)
	// Refresh rebuilds the current screen after data changed elsewhere (set by the shell).
	Refresh func()

	// Keys is what Esc, Ctrl+F, Ctrl+P and Ctrl+S do on the current screen; the shell gives
	// each screen an empty one, which the screen and the forms it opens fill in.
	Keys *keyMap

	// taskVillage is the village the 整改台账 opens on next (set by openTasks).
	taskVillage string

	// screen is cancelled when the shell leaves the screen on show (nil: Ctx).
	screen context.Context
	// restore replaces the data with a backup and returns to the login (set by the shell).
	restore func(file, password string)
	// startClean leaves the demo for a clean data file (set by the shell).
	startClean func()
	// guard is the open form's unsaved work (nil: nothing to lose); see leaveguard.go.
	guard *leaveGuard
}

// Go runs work off the UI thread and then done on the UI thread, for a screen that fills
// itself in after it is shown. The context work gets is cancelled when the person leaves the
// screen; done is then skipped.
func (s *Session) Go(work func(ctx context.Context), done func()) {
	ctx := s.screen
	if ctx == nil {
		ctx = s.Ctx
	}
	goThen(func() { work(ctx) }, func() {
		if ctx.Err() == nil {
			done()
		}
	})
}

// open switches to a screen when the session has a shell (tests may build screens alone).
func (s *Session) open(id string) {
	if s.Show != nil {
		s.Show(id)
	}
}

// Screen is one page reachable from the main window's navigation.
type Screen struct {
	ID    string // stable English slug, e.g. "members"
	Title string // catalog key of the navigation label
	Icon  fyne.Resource
	Order int // position in the navigation (lower first)
	// Roles limits the screen to device roles (store.RoleVillage/RoleTownship/RoleCounty);
	// nil: the village and the township. The county's PC shows only the screens that name it.
	Roles []string
	// Make builds the screen's content; it is called each time the screen is shown.
	Make func(s *Session) fyne.CanvasObject
}

var screens = map[string]Screen{}

// registerScreen adds a screen; each area registers its screens from an init function in
// its own file.
func registerScreen(s Screen) {
	if _, dup := screens[s.ID]; dup {
		panic("ui: screen registered twice: " + s.ID)
	}
	screens[s.ID] = s
}

// Screens lists the screens for a device role in navigation order.
func Screens(role string) []Screen {
	var out []Screen
	for _, s := range screens {
		if forRole(s.Roles, role) {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Order != out[j].Order {
			return out[i].Order < out[j].Order
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// everyRole is the Roles of a screen or panel that every PC shows, the county's included.
var everyRole = []string{store.RoleVillage, store.RoleTownship, store.RoleCounty}

// forRole reports whether a screen or home panel with the roles is for the device role: nil
// roles mean the village and the township (a county office keeps no branch's records of its
// own, so a screen must name the county to be shown there).
func forRole(roles []string, role string) bool {
	if len(roles) == 0 {
		return role != store.RoleCounty
	}
	for _, r := range roles {
		if r == role {
			return true
		}
	}
	return false
}

// HomePanel is a block on the home screen (e.g. this month's findings, sync state).
type HomePanel struct {
	Order int
	Roles []string // nil: the village and the township (see forRole)
	Make  func(s *Session) fyne.CanvasObject
}

var homePanels []HomePanel

// registerHomePanel adds a block to the home screen; areas call it from init functions.
func registerHomePanel(p HomePanel) { homePanels = append(homePanels, p) }

// HomePanels lists the home-screen panels for a device role in order.
func HomePanels(role string) []HomePanel {
	var out []HomePanel
	for _, p := range homePanels {
		if forRole(p.Roles, role) {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	return out
}
