package ui

import (
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// IdleTimeout is how long the window may go without input before it returns to the login
// screen (a shared office PC). Tests shorten it.
var IdleTimeout = 10 * time.Minute

// idleWatch notices input and locks the window after IdleTimeout without any.
//
// Fyne has no global input hook, so activity is gathered from what is observable:
//   - key presses and typed runes the canvas sees when nothing has focus;
//   - a change of the focused widget (a tap on a button, entry, select or list focuses it),
//     and, for a focused entry, a change of its text or cursor (typing);
//   - navigation and the shell's own buttons, which call touch directly.
//
// A check samples the focus fingerprint every few seconds; reading and clicking without
// focusing anything (for example only scrolling a list with the mouse wheel) is not seen,
// so at worst the window locks while someone only reads for ten minutes.
type idleWatch struct {
	w      fyne.Window
	now    func() time.Time
	onIdle func()

	mu     sync.Mutex
	active bool
	last   time.Time
	print  string
}

func newIdleWatch(w fyne.Window, now func() time.Time, onIdle func()) *idleWatch {
	return &idleWatch{w: w, now: now, onIdle: onIdle}
}

// start begins watching (after login) and hooks the canvas key events.
func (i *idleWatch) start() {
	i.mu.Lock()
	i.active, i.last, i.print = true, i.now(), ""
	i.mu.Unlock()
	c := i.w.Canvas()
	c.SetOnTypedKey(func(*fyne.KeyEvent) { i.touch() })
	c.SetOnTypedRune(func(rune) { i.touch() })
	if dc, ok := c.(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { i.touch() })
	}
}

// stop ends watching (at lock and log-out).
func (i *idleWatch) stop() {
	i.mu.Lock()
	i.active = false
	i.mu.Unlock()
}

// touch records activity now.
func (i *idleWatch) touch() {
	i.mu.Lock()
	i.last = i.now()
	i.mu.Unlock()
}

// check samples the focus fingerprint and locks if nothing happened for IdleTimeout. It runs
// on the UI goroutine.
func (i *idleWatch) check() {
	fp := focusPrint(i.w.Canvas())
	i.mu.Lock()
	if !i.active {
		i.mu.Unlock()
		return
	}
	now := i.now()
	if fp != i.print {
		i.print, i.last = fp, now
	}
	idle := now.Sub(i.last) >= IdleTimeout
	i.mu.Unlock()
	if idle {
		i.onIdle()
	}
}

// run samples in the background until the returned stop function is called.
func (i *idleWatch) run() (stop func()) {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(3 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				fyne.Do(i.check)
			}
		}
	}()
	return func() { close(done) }
}

// focusPrint identifies the focused widget and, for an entry, its text and cursor.
func focusPrint(c fyne.Canvas) string {
	f := c.Focused()
	if f == nil {
		return ""
	}
	var e *widget.Entry
	switch x := f.(type) {
	case *widget.Entry:
		e = x
	case *keyEntry:
		e = &x.Entry
	case *dateEntry:
		e = &x.Entry
	}
	if e != nil {
		return fmt.Sprintf("%p|%d|%d|%s", e, e.CursorRow, e.CursorColumn, e.Text)
	}
	return fmt.Sprintf("%p", f)
}
