package ui

import (
	"context"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// The built-in 首次使用指南: a few steps, each with a drawing of the window (the navigation
// with the screen to open marked, and the buttons to press on it) and a button that opens
// that screen. The drawings use the real navigation and button labels from the catalog, so
// they never disagree with the screens. The guide is in the navigation, behind the "?" in
// the top bar, and offered on the home screen until the user opens or dismisses it.

func init() {
	registerScreen(Screen{ID: "guide", Title: "First-use guide", Icon: navIcon(fynetheme.IconNameQuestion), Order: 980, Make: makeGuide})
}

// guideStep is one step of the guide: the screen it happens on, the buttons pressed there
// (catalog keys, drawn in the picture) and what to do, line by line.
type guideStep struct {
	title   string   // catalog key
	screen  string   // screen ID
	buttons []string // catalog keys of the buttons shown in the drawing
	lines   []string // already translated
	// tab is the sync page's tab the step's button opens ("" the first one).
	tab string
	// act, if set, is what the step's button does instead of opening the screen, with its
	// label (catalog key): the committee is marked in a dialog, wherever the guide is.
	act      func(s *Session)
	actLabel string
	// state says whether the step is done on a village's PC, in words (nil: not told).
	state func(g guideState) (done bool, words string)
	// waits: the step waits for something outside the PC (the photo of the posted notice),
	// so the guide does not open scrolled to it while it is not done.
	waits bool
}

func guideSteps() []guideStep {
	T := assets.T
	return []guideStep{
		{title: "Step 1: import the roster", screen: "members", buttons: []string{"Import roster"}, state: guideRosterState,
			lines: []string{
				T("Open \"%s\" and press \"%s\"; choose the branch's roster (Excel or CSV, as kept until now).", T("Members"), T("Import roster")),
				T("Problems are listed by row and nothing is written until the file is right; fix the file and import it again."),
			}},
		{title: "Step 2: mark the committee", screen: "home", buttons: []string{"Mark the committee"}, state: guideCommitteeState,
			act: openCommitteeFromGuide, actLabel: "Mark the committee",
			lines: []string{
				T("Press \"%s\" (here, or on \"%s\" after the import) and choose the 书记, 副书记 and 委员 by typing their names or pinyin initials.", T("Mark the committee"), T("Home")),
				T("The 支委会 then knows who is expected and counts its quorum."),
			}},
		{title: "Step 3: the theme party day with attendance", screen: "theme-day", buttons: []string{"Record this month's theme day", "Print what was done (活动情况)"}, state: guideThemeDayState,
			lines: []string{
				T("Open \"%s\". The month's theme and set items come from the township (or enter the branch's own).", T("Theme party day")),
				T("On the day: \"%s\" opens the record with the set items filled in; write what was done and tick who came (floating members are marked already).", T("Record this month's theme day")),
				T("In a big branch type a name, its pinyin initials or a party group in the filter box; each group has its own 全部出席 / 全部缺席."),
				T("After the day: \"%s\" prints what was done, the attendance and the photos.", T("Print what was done (活动情况)")),
			}},
		{title: "Step 4: print and post a notice", screen: "notices", buttons: []string{"Open for printing", "Record as posted"}, state: guidePostedState, waits: true,
			lines: []string{
				T("Open \"%s\", choose the kind of notice and its period; the preview on the right shows what will be printed.", T("Notice board")),
				T("Press \"%s\" and print from the PDF viewer (or Ctrl+P).", T("Open for printing")),
				T("Post it on the board, take a photo with your phone, and press \"%s\" with the photo.", T("Record as posted")),
			}},
		{title: "Step 5: pair with the township", screen: "sync", buttons: []string{"Export enrolment file…", "Import enrolment file…"}, state: guidePairedState,
			lines: []string{
				T("Once only. On \"%s\" press \"%s\" and save the file on the USB stick; take it to the township office.", T("Sync"), T("Export enrolment file…")),
				T("The township imports it and writes its own enrolment file on the stick; back here press \"%s\" and choose that file.", T("Import enrolment file…")),
			}},
		{title: "Step 6: the first sync with a USB stick", screen: "sync", tab: syncTabUSB, buttons: []string{"USB stick", "Write bundles to the USB stick", "Read bundles from the USB stick"}, state: guideSentState,
			lines: []string{
				T("Plug in the USB stick, open \"%s\" and the \"%s\" tab.", T("Sync"), T("USB stick")),
				T("Press \"%s\"; the records are encrypted, only the township PC can read them.", T("Write bundles to the USB stick")),
				T("At the township PC press \"%s\"; bring the stick back and read it here the same way to receive the township's themes and settings.", T("Read bundles from the USB stick")),
			}},
		{title: "Other meetings", screen: "meetings", buttons: []string{"Record a meeting", "Save"},
			lines: []string{
				T("Open \"%s\" and press \"%s\" for a 支委会, 党员大会, 党小组会 or 党课; Enter moves to the next box, Ctrl+S or \"%s\" saves.", T("Meetings"), T("Record a meeting"), T("Save")),
			}},
	}
}

func makeGuide(s *Session) fyne.CanvasObject {
	parts := []fyne.CanvasObject{heading(assets.T("First-use guide")),
		hint(assets.T("A new secretary's first week, step by step. Each step has a button that opens its screen; come back here with the \"?\" at the top."))}
	nav := map[string]string{} // screen ID → its title, for the screens this user has
	var order []string
	for _, sc := range Screens(s.Role) {
		if sc.ID == "guide" {
			continue
		}
		nav[sc.ID] = sc.Title
		order = append(order, sc.ID)
	}
	var states []func(guideState) bool
	var heads []fyne.CanvasObject // the step titles with a state, in order
	var waits []bool
	for _, st := range guideSteps() {
		title, ok := nav[st.screen]
		if !ok {
			continue // not on this PC (a township has no notice board)
		}
		head := fyne.CanvasObject(subheading(assets.T(st.title)))
		if st.state != nil && s.Role == store.RoleVillage {
			mark := widget.NewLabel(assets.T("Looking whether this is done…"))
			mark.Importance = widget.LowImportance
			mark.Wrapping = fyne.TextWrapBreak // under the title: at 150 % text a line beside it is wider than the window
			state := st.state
			states = append(states, func(g guideState) bool {
				done, words := state(g)
				mark.SetText(words)
				mark.Importance = widget.WarningImportance
				if done {
					mark.Importance = widget.SuccessImportance
				}
				mark.Refresh()
				return done
			})
			head = container.NewVBox(head, mark)
			heads = append(heads, head)
			waits = append(waits, st.waits)
		}
		text := container.NewVBox()
		for i, l := range st.lines {
			// Break anywhere: Chinese has no spaces, and word wrapping would move a whole
			// sentence to the next line after "1.".
			lb := widget.NewLabel(assets.T("%d. %s", i+1, l))
			lb.Wrapping = fyne.TextWrapBreak
			text.Add(lb)
		}
		id, tab, act := st.screen, st.tab, st.act
		label := assets.T("Open \"%s\"", assets.T(title))
		if tab == syncTabUSB {
			label = assets.T("Open \"%s\" at \"%s\"", assets.T(title), assets.T("USB stick"))
		}
		if act != nil {
			label = assets.T(st.actLabel)
		}
		open := primaryButton(label, fynetheme.NavigateNextIcon(), func() {
			if act != nil {
				act(s)
				return
			}
			pendingSyncTab = tab
			s.open(id)
		})
		body := container.NewBorder(nil, container.NewHBox(open, layout.NewSpacer()), nil, nil, text)
		card := container.NewBorder(nil, nil, guideDrawing(order, nav, st), nil, body)
		parts = append(parts, widget.NewSeparator(), head, card)
	}
	box := container.NewVBox(parts...)
	scroll := container.NewVScroll(container.NewPadded(box))
	after := &afterLayout{}
	if len(states) > 0 {
		var g guideState
		var err error
		s.Go(func(ctx context.Context) { g, err = readGuideState(ctx, s) }, func() {
			if err != nil {
				g = guideState{} // said as not done: the steps still open their screens
			}
			next := -1 // the first step not done
			for i, f := range states {
				if !f(g) && next < 0 && !waits[i] {
					next = i
				}
			}
			if next > 0 {
				after.then(func() { scrollToStep(scroll, box, heads[next]) })
			}
		})
	}
	return container.New(after, scroll)
}

// afterLayout lays its one object out to its size, and runs a function once that has
// happened (at once if it already has): the guide scrolls to a step only once the steps
// have their places.
type afterLayout struct {
	laid    bool
	pending func()
}

func (a *afterLayout) then(fn func()) {
	if a.laid {
		fn()
		return
	}
	a.pending = fn
}

func (a *afterLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (a *afterLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Resize(size)
	if size.Height <= 0 {
		return
	}
	a.laid = true
	if fn := a.pending; fn != nil {
		a.pending = nil
		fn()
	}
}

// scrollToStep scrolls the guide so that a step's title is at the top: coming back to the
// guide, the secretary finds the next thing to do without scrolling (a wheel notch moves
// the page about 25 pixels; step 3 is 600 below the top).
func scrollToStep(scroll *container.Scroll, box *fyne.Container, head fyne.CanvasObject) {
	box.Refresh() // lay the steps out again with their state lines
	y := head.Position().Y
	if y <= 0 {
		return // not laid out (not in a window)
	}
	scroll.Offset.Y = min(y, max(0, scroll.Content.MinSize().Height-scroll.Size().Height))
	scroll.Refresh()
}

// Drawing sizes, in Fyne units at 100 % text.
const (
	guideDrawW   = 330
	guideNavW    = 104
	guideNavRows = 9
)

// guideDrawing is a small picture of the window: the navigation with the step's screen
// marked and an arrow, and on the right the buttons to press, in order.
func guideDrawing(order []string, nav map[string]string, st guideStep) fyne.CanvasObject {
	primary := fynetheme.Color(fynetheme.ColorNamePrimary)
	frame := canvas.NewRectangle(color.NRGBA{R: 0xF4, G: 0xF4, B: 0xF4, A: 0xFF})
	frame.StrokeColor = color.NRGBA{R: 0x88, G: 0x88, B: 0x88, A: 0xFF}
	frame.StrokeWidth = 1.5
	frame.CornerRadius = 4
	small := fynetheme.CaptionTextSize()
	// The navigation: the rows around the step's screen.
	at := 0
	for i, id := range order {
		if id == st.screen {
			at = i
		}
	}
	first := max(0, min(at-guideNavRows/2, len(order)-guideNavRows))
	var rows []fyne.CanvasObject
	for i := first; i < min(len(order), first+guideNavRows); i++ {
		t := canvas.NewText(assets.T(nav[order[i]]), color.NRGBA{R: 0x33, G: 0x33, B: 0x33, A: 0xFF})
		t.TextSize = small
		if order[i] != st.screen {
			rows = append(rows, container.NewPadded(t))
			continue
		}
		t.Color = color.White
		t.TextStyle.Bold = true
		bg := canvas.NewRectangle(primary)
		bg.CornerRadius = 3
		rows = append(rows, container.NewStack(bg, container.NewPadded(t)))
	}
	navBg := canvas.NewRectangle(color.NRGBA{R: 0xE6, G: 0xE6, B: 0xE6, A: 0xFF})
	navCol := container.NewStack(navBg, container.NewVBox(rows...))
	// The screen: its buttons in the order they are pressed, numbered.
	var btns []fyne.CanvasObject
	for i, key := range st.buttons {
		bg := canvas.NewRectangle(color.White)
		bg.StrokeColor = primary
		bg.StrokeWidth = 1.5
		bg.CornerRadius = 4
		t := canvas.NewText(assets.T("%d. %s", i+1, assets.T(key)), primary)
		t.TextSize = small
		btns = append(btns, container.NewStack(bg, container.NewPadded(t)))
	}
	arrow := canvas.NewText("➜", primary)
	arrow.TextSize = 2 * small
	screen := container.NewVBox(append([]fyne.CanvasObject{layout.NewSpacer()}, append(btns, layout.NewSpacer())...)...)
	inner := container.NewBorder(nil, nil, container.NewHBox(fixedWidth(guideNavW*textScale(), navCol), container.NewCenter(arrow)), nil, screen)
	return fixedWidth(guideDrawW*textScale(), container.NewStack(frame, container.NewPadded(inner)))
}

// guideBanner is the home screen's offer of the guide to a user who has not opened or
// dismissed it on this PC (nil then): not a dialog, so nothing waits for an answer.
func guideBanner(s *Session) fyne.CanvasObject {
	key := "guide.offered." + s.User.ID
	prefs := fyne.CurrentApp().Preferences()
	if prefs.Bool(key) {
		return nil
	}
	msg := widget.NewLabel(assets.T("Is this your first time with 支部台账? The first-use guide takes you through the first week: import the roster, mark the committee, record and print the theme party day, pair with the township and sync by USB stick."))
	msg.Wrapping = fyne.TextWrapWord
	var banner *fyne.Container
	open := primaryButton(assets.T("Open the guide"), fynetheme.QuestionIcon(), func() {
		prefs.SetBool(key, true)
		s.open("guide")
	})
	later := widget.NewButton(assets.T("Do not show again"), func() {
		prefs.SetBool(key, true)
		banner.Hide()
		relayoutWindows()
	})
	bg := canvas.NewRectangle(color.NRGBA{R: 0xFD, G: 0xF3, B: 0xE7, A: 0xFF})
	bg.CornerRadius = 4
	banner = container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil, nil,
		container.NewVBox(container.NewHBox(open, later), layout.NewSpacer()), msg)))
	return banner
}
