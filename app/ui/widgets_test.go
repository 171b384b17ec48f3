package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/store/storetest"
)

// Test helpers shared by the package's tests.

func init() { os.Setenv("LANG", "zh_CN.UTF-8") }

// newTestWindow starts a headless app with the bundled theme and a 1366×768 window.
func newTestWindow(t *testing.T) fyne.Window {
	t.Helper()
	settle()
	a := test.NewTempApp(t)
	t.Cleanup(settle) // before the app and the database go: no work from this test outlives it
	a.Settings().SetTheme(Theme())
	busyShowAfter = 0 // busy dialogs appear at once, to be seen and tapped
	inlineWork = true // background work runs in step with the test (see TestBusy… for the rest)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1366, 768))
	return w
}

// newTestUI shows the app on a fixture's database, at the login screen.
func newTestUI(t *testing.T, f *storetest.Fixture) (*appUI, fyne.Window) {
	t.Helper()
	w := newTestWindow(t)
	u := newAppUI(w, f.Path, f.Clock.Now)
	u.attach(f.DB)
	return u, w
}

// login logs in through the login screen and fails the test if the shell does not appear.
func login(t *testing.T, u *appUI, name, pw string) {
	t.Helper()
	u.loginF.name.SetText(name)
	test.Type(u.loginF.password, pw)
	u.loginF.password.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	settle()
	if u.shell == nil {
		t.Fatalf("login as %s failed: %q", name, u.loginF.problem.Text)
	}
}

// settle waits until the work started off the UI thread is done and its results are shown.
func settle() { background.Wait() }

// objects lists everything drawn in the window, dialogs included.
func objects(w fyne.Window) []fyne.CanvasObject {
	settle()
	out := test.LaidOutObjects(w.Content())
	for _, o := range w.Canvas().Overlays().List() {
		out = append(out, test.LaidOutObjects(o)...)
	}
	return out
}

// texts lists the visible texts in the window.
func texts(w fyne.Window) []string {
	var out []string
	for _, o := range objects(w) {
		if !o.Visible() {
			continue
		}
		if tx, ok := o.(*canvas.Text); ok && tx.Text != "" {
			out = append(out, tx.Text)
		}
		if tb, ok := o.(*widget.Table); ok {
			out = append(out, tableTexts(tb)...)
		}
	}
	return out
}

// tableTexts lists what a table's cells show, through its own callbacks (the test driver
// does not expose the cells of a scrolled table).
func tableTexts(tb *widget.Table) []string {
	var out []string
	rows, cols := tb.Length()
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			cell := tb.CreateCell()
			tb.UpdateCell(widget.TableCellID{Row: r, Col: c}, cell)
			if l, ok := cell.(*widget.Label); ok && l.Text != "" {
				out = append(out, l.Text)
			}
		}
	}
	return out
}

// shows reports whether a visible text in the window contains s.
func shows(w fyne.Window, s string) bool {
	for _, tx := range texts(w) {
		if strings.Contains(tx, s) {
			return true
		}
	}
	return false
}

// button finds a visible button by its text (nil if there is none).
func button(w fyne.Window, text string) *widget.Button {
	for _, o := range objects(w) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	return nil
}

// entryWithPlaceholder finds an entry by its placeholder.
func entryWithPlaceholder(w fyne.Window, ph string) *widget.Entry {
	for _, o := range objects(w) {
		var e *widget.Entry
		switch x := o.(type) {
		case *widget.Entry:
			e = x
		case *keyEntry:
			e = &x.Entry
		case *dateEntry:
			e = &x.Entry
		}
		if e != nil && e.PlaceHolder == ph {
			return e
		}
	}
	return nil
}

// focusableWithPlaceholder finds an entry by its placeholder as the object in the window (to
// focus or type into; entryWithPlaceholder gives the Entry inside the app's own boxes).
func focusableWithPlaceholder(w fyne.Window, ph string) fyne.Focusable {
	for _, o := range objects(w) {
		switch x := o.(type) {
		case *widget.Entry:
			if x.PlaceHolder == ph {
				return x
			}
		case *keyEntry:
			if x.PlaceHolder == ph {
				return x
			}
		case *dateEntry:
			if x.PlaceHolder == ph {
				return x
			}
		}
	}
	return nil
}

// capture saves the window as a PNG in the folder named by $ZHIBU_SHOTS, if set, to look at.
func capture(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	dir := os.Getenv("ZHIBU_SHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// The automatic backup waits for the first screen's figures (afterHomeFilled): it runs at
// once when nothing is pending, and otherwise when the last block is filled in, once.
func TestAfterHomeFilledWaitsForTheLastBlock(t *testing.T) {
	homeLoginSubmitted()
	ran := 0
	afterHomeFilled(func() { ran++ })
	if ran != 1 {
		t.Fatalf("with nothing pending it ran %d times", ran)
	}
	homeBlockStarted()
	homeBlockStarted()
	afterHomeFilled(func() { ran++ })
	homeBlockFilled()
	if ran != 1 {
		t.Fatal("it ran before the last block was filled in")
	}
	homeBlockFilled()
	homeBlockStarted()
	homeBlockFilled()
	if ran != 2 {
		t.Fatalf("after the last block it has run %d times, want 2 (once each)", ran)
	}
}
