package ui

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	registerScreen(Screen{ID: "home", Title: "Home", Icon: navIcon(fynetheme.IconNameHome), Order: 0, Roles: everyRole, Make: makeHome})
}

var weekdayKeys = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

// makeHome shows a greeting, the roll's counts and the panels other areas register. It
// returns at once: the counts are worked out off the UI thread and filled in when ready.
func makeHome(s *Session) fyne.CanvasObject {
	now := s.DB.Now()
	greet := heading(assets.T("Hello, %s!", s.User.Name))
	today := widget.NewLabel(assets.T("Today is %d-%d-%d, %s.", now.Year(), int(now.Month()), now.Day(), assets.T(weekdayKeys[now.Weekday()])))

	counts := container.NewVBox(loadingRow(assets.T("Counting the members…")))
	items := []fyne.CanvasObject{greet, today}
	if b := guideBanner(s); b != nil && s.Role != store.RoleCounty { // the guide walks a village's first week

		items = append(items, b)
	}
	items = append(items, counts)
	var (
		mc       store.MemberCounts
		villages int
		err      error
	)
	homeBlockStarted()
	s.Go(func(ctx context.Context) {
		org := ""
		if s.Role == store.RoleVillage {
			org = s.Home.ID
		}
		if mc, err = s.DB.MemberCounts(ctx, org); err != nil || s.Role == store.RoleVillage {
			return
		}
		kind := store.KindVillage
		if s.Role == store.RoleCounty {
			kind = store.KindTownship
		}
		if vs, e := s.DB.Orgs(ctx, kind); e == nil {
			villages = len(vs)
		}
	}, func() {
		counts.Objects = homeCounts(s, mc, villages, err)
		relayoutWindows() // the block grew: lay the page out again
		homeBlockFilled()
	})
	for _, p := range HomePanels(s.Role) {
		items = append(items, widget.NewSeparator(), p.Make(s))
	}
	return container.NewVScroll(container.NewPadded(container.NewVBox(items...)))
}

// homeCounts is the row of count tiles, or the reason there is none.
func homeCounts(s *Session, mc store.MemberCounts, villages int, err error) []fyne.CanvasObject {
	if err != nil {
		p := newProblemLabel()
		p.Set(assets.Chinese(err))
		return []fyne.CanvasObject{p.Label}
	}
	tiles := []fyne.CanvasObject{
		countTile(assets.T("Members on the roll"), mc.Total, true),
		countTile(assets.T("Full members"), mc.Full, false),
		countTile(assets.T("Probationary members"), mc.Probationary, false),
	}
	switch s.Role {
	case store.RoleTownship:
		tiles = append(tiles, countTile(assets.T("Villages"), villages, false))
	case store.RoleCounty:
		tiles = append(tiles, countTile(assets.T("Townships"), villages, false))
	}
	out := []fyne.CanvasObject{container.NewGridWithColumns(4, tiles...)}
	if s.Role == store.RoleCounty {
		return append(out, hint(assets.T("The county office sets each township's development plan (发展党员计划 on the left) and receives the townships' records by sync; the members counted here are those of the villages whose records reached this PC.")))
	}
	if mc.Total == 0 && s.User.CanWrite() {
		out = append(out, hint(assets.T("There are no members yet. Open \"Members\" on the left to add them one by one or to import a roster from Excel.")))
	}
	return out
}

// asyncBlock is a block of the home screen that says what is being worked out and fills
// itself in when load, run off the UI thread, returns the function that builds the widgets
// (run on the UI thread).
func asyncBlock(s *Session, what string, load func(ctx context.Context) func() fyne.CanvasObject) fyne.CanvasObject {
	box := container.NewVBox(loadingRow(what))
	var build func() fyne.CanvasObject
	homeBlockStarted()
	s.Go(func(ctx context.Context) { build = load(ctx) }, func() {
		box.Objects = []fyne.CanvasObject{build()}
		relayoutWindows()
		homeBlockFilled()
	})
	return box
}

// homeTrace, with ZHIBU_TRACE=home in the environment, writes to the standard error how
// long after the login was submitted the first screen (a village's home, a township's
// overview) had every block filled in (DESIGN.md: < 1 s with 5,000 members or a paired
// 40-village township), for measuring in the real window.
var homeTrace = struct {
	sync.Mutex
	on      bool
	login   time.Time // when the login was submitted
	waiting []func()  // run once no block is pending (afterHomeFilled)
	pending int       // home blocks still being worked out
}{on: os.Getenv("ZHIBU_TRACE") == "home"}

// homeLoginSubmitted starts the clock of homeTrace.
func homeLoginSubmitted() {
	homeTrace.Lock()
	defer homeTrace.Unlock()
	homeTrace.login, homeTrace.pending = time.Now(), 0
}

// afterHomeFilled runs f (on the UI thread) once the first screen's blocks are all filled in,
// at once if none is pending: work that may wait (the automatic backup) then does not compete
// with the figures a user is waiting for.
func afterHomeFilled(f func()) {
	homeTrace.Lock()
	if homeTrace.pending <= 0 {
		homeTrace.Unlock()
		f()
		return
	}
	homeTrace.waiting = append(homeTrace.waiting, f)
	homeTrace.Unlock()
}

func homeBlockStarted() {
	homeTrace.Lock()
	defer homeTrace.Unlock()
	homeTrace.pending++
}

// homeBlockFilled counts a home block filled in; the last one is traced and runs what waited
// for it (afterHomeFilled).
func homeBlockFilled() {
	homeTrace.Lock()
	homeTrace.pending--
	if homeTrace.on && homeTrace.pending == 0 && !homeTrace.login.IsZero() {
		fmt.Fprintf(os.Stderr, "zhibu: home filled %d ms after the login was submitted\n", time.Since(homeTrace.login).Milliseconds())
		homeTrace.login = time.Time{}
	}
	var run []func()
	if homeTrace.pending <= 0 {
		run, homeTrace.waiting = homeTrace.waiting, nil
	}
	homeTrace.Unlock()
	for _, f := range run {
		f()
	}
}

// loadingRow says what is being worked out, with a moving bar (one that stops by itself
// once it is no longer drawn).
func loadingRow(what string) fyne.CanvasObject {
	bar := newLoadingBar()
	return container.NewBorder(nil, nil, widget.NewLabel(what), nil, bar)
}
