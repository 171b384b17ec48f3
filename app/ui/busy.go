package ui

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
)

// Long work (logging in, the home screen's figures, a roster import, reading a USB stick)
// never runs on the UI thread: it runs on a goroutine and hands its result back through
// fyne.Do, so the window keeps drawing and answering clicks meanwhile.

// background counts the work running on goroutines, so tests can wait until it is done.
var background sync.WaitGroup

// busyShowAfter is how long work may run before its busy dialog appears, so quick work does
// not flash a dialog. Zero shows it at once (the tests use that to look at it).
var busyShowAfter = 300 * time.Millisecond

// uiMu serialises the callbacks onUI runs. With a real window fyne.Do already runs them one
// at a time on the UI thread; Fyne's test driver runs them on the calling goroutine, where
// two finishing at once would change widgets concurrently.
var uiMu sync.Mutex

// uiWatch, when set (by the tests' watchdog), is told how long each callback held the UI
// thread.
var uiWatch func(d time.Duration)

// onUI runs fn on the UI thread (fyne.Do), one callback at a time.
func onUI(fn func()) {
	fyne.Do(func() {
		uiMu.Lock()
		defer uiMu.Unlock()
		if uiWatch != nil {
			start := time.Now()
			defer func() { uiWatch(time.Since(start)) }()
		}
		fn()
	})
}

// inlineWork runs background work at once on the calling goroutine instead (the tests set
// it, except those about the concurrency itself: Fyne's test driver does not serialise
// fyne.Do with the test's own goroutine).
var inlineWork bool

// goThen runs work on a goroutine and then done on the UI thread.
func goThen(work func(), done func()) {
	if inlineWork {
		work()
		done()
		return
	}
	background.Add(1)
	go func() {
		defer background.Done()
		work()
		onUI(done)
	}()
}

// Progress reports from the work's goroutine how far it has come: done of total steps, with
// total 0 when the amount is not known yet. It is safe to call often.
type Progress func(done, total int)

// busyTask is a modal dialog saying what is being done, with a progress bar (determinate
// once the work reports a total) and a Cancel button.
type busyTask struct {
	cancel context.CancelFunc
	title  string

	mu       sync.Mutex
	finished bool
	shown    bool
	last     time.Time
	done     int
	total    int

	d        dialog.Dialog
	label    *widget.Label
	bar      *widget.ProgressBar
	spinner  *loadingBar
	cancelBt *widget.Button
}

// runBusy runs work off the UI thread with a busy dialog titled with what is being done, and
// then calls finished on the UI thread with work's error. Cancel cancels work's context: work
// must then stop and leave nothing half-done (the store's writes are one transaction each);
// finished then gets an error for which errors.Is(err, context.Canceled) holds.
func runBusy(w fyne.Window, parent context.Context, title string, work func(ctx context.Context, p Progress) error, finished func(err error)) {
	ctx, cancel := context.WithCancel(parent)
	b := &busyTask{cancel: cancel, title: title}
	if busyShowAfter <= 0 {
		b.show(w)
	} else {
		background.Add(1)
		time.AfterFunc(busyShowAfter, func() {
			defer background.Done()
			onUI(func() { b.show(w) })
		})
	}
	var err error
	goThen(func() {
		err = work(ctx, b.progress)
		if err == nil && ctx.Err() != nil {
			err = ctx.Err()
		}
	}, func() {
		b.mu.Lock()
		b.finished = true
		d := b.d
		b.mu.Unlock()
		cancel()
		if d != nil {
			d.Hide()
		}
		finished(err)
	})
}

// show opens the dialog unless the work has finished already.
func (b *busyTask) show(w fyne.Window) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.finished || b.shown {
		return
	}
	b.shown = true
	b.label = widget.NewLabel(b.title)
	b.label.Wrapping = fyne.TextWrapWord
	b.bar = widget.NewProgressBar()
	b.bar.TextFormatter = func() string {
		return assets.T("%d of %d", int(b.bar.Value), int(b.bar.Max))
	}
	b.spinner = newLoadingBar()
	b.bar.Hide()
	if b.total > 0 {
		b.setBar()
	}
	b.cancelBt = widget.NewButtonWithIcon(assets.T("Cancel"), fynetheme.CancelIcon(), func() {
		b.cancelBt.Disable()
		b.label.SetText(assets.T("Stopping… nothing will be half saved."))
		b.cancel()
	})
	body := container.NewVBox(fixedWidth(460, b.label), b.bar, b.spinner, container.NewCenter(b.cancelBt))
	b.d = dialog.NewCustomWithoutButtons(assets.T("Please wait"), body, w)
	b.d.Show()
}

func (b *busyTask) progress(done, total int) {
	b.mu.Lock()
	b.done, b.total = done, total
	now := time.Now()
	update := b.shown && b.bar != nil && (now.Sub(b.last) > 50*time.Millisecond || done >= total)
	if update {
		b.last = now
	}
	b.mu.Unlock()
	if update {
		onUI(func() {
			b.mu.Lock()
			defer b.mu.Unlock()
			b.setBar()
		})
	}
}

// setBar shows the determinate bar once a total is known; b.mu is held.
func (b *busyTask) setBar() {
	if b.total <= 0 {
		return
	}
	b.spinner.Hide()
	b.spinner.Stop()
	b.bar.Max = float64(b.total)
	b.bar.SetValue(float64(b.done))
	b.bar.Show()
}

// canceled reports whether err means the person pressed Cancel.
func canceled(err error) bool { return errors.Is(err, context.Canceled) }
