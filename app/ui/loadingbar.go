package ui

import (
	"image/color"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// loadingBar is a moving bar for work of unknown length that stops animating by itself as
// soon as it is no longer drawn: when it, or any container holding it, is hidden, or when
// it has been swapped out of the window. Fyne's ProgressBarInfinite animates until Stop()
// is called on it, and hiding or dropping the container that holds it does not stop it: the
// window then redraws sixty times a second for ever (98–100 % of a core while idle,
// measured on the township overview).
//
// It knows it is drawn because the window's painter asks its renderer for its objects on
// every frame it paints (only for visible objects). A tick of the animation that finds no
// such request for loadingBarGrace stops the animation.
type loadingBar struct {
	widget.BaseWidget

	mu      sync.Mutex
	running bool      // the animation is running
	drawn   time.Time // the last time the painter asked for the bar's objects
	anim    *fyne.Animation
	rd      *loadingBarRenderer
}

// loadingBarGrace is how long a bar may go undrawn before its animation stops.
var loadingBarGrace = 700 * time.Millisecond

func newLoadingBar() *loadingBar {
	b := &loadingBar{}
	b.ExtendBaseWidget(b)
	return b
}

// Running reports whether the bar is animating (for tests).
func (b *loadingBar) Running() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.running
}

// Stop stops the animation (the bar stays, still).
func (b *loadingBar) Stop() {
	b.mu.Lock()
	a := b.anim
	b.running = false
	b.mu.Unlock()
	if a != nil {
		a.Stop()
	}
}

// Start starts the animation again (once the bar has been drawn).
func (b *loadingBar) Start() {
	b.mu.Lock()
	rd := b.rd
	b.drawn = time.Now()
	b.mu.Unlock()
	if rd != nil {
		rd.start()
	}
}

// Show shows the bar and starts its animation.
func (b *loadingBar) Show() {
	b.BaseWidget.Show()
	b.Start()
}

// Hide hides the bar and stops its animation.
func (b *loadingBar) Hide() {
	b.Stop()
	b.BaseWidget.Hide()
}

func (b *loadingBar) MinSize() fyne.Size {
	return fyne.NewSize(fynetheme.Padding()*6, fynetheme.TextSize()+fynetheme.InnerPadding())
}

func (b *loadingBar) CreateRenderer() fyne.WidgetRenderer {
	primary := fynetheme.Color(fynetheme.ColorNamePrimary)
	r, g, bl, _ := primary.RGBA()
	bg := canvas.NewRectangle(color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: 0x40})
	bg.CornerRadius = fynetheme.InputRadiusSize()
	bar := canvas.NewRectangle(primary)
	bar.CornerRadius = fynetheme.InputRadiusSize()
	rd := &loadingBarRenderer{b: b, bg: bg, bar: bar}
	b.mu.Lock()
	b.drawn = time.Now()
	b.rd = rd
	b.mu.Unlock()
	if b.Visible() {
		rd.start()
	}
	return rd
}

type loadingBarRenderer struct {
	b       *loadingBar
	bg, bar *canvas.Rectangle
	pos     float32
}

func (r *loadingBarRenderer) start() {
	b := r.b
	b.mu.Lock()
	if b.running {
		b.mu.Unlock()
		return
	}
	b.running = true
	a := &fyne.Animation{Duration: 3 * time.Second, Curve: fyne.AnimationLinear,
		RepeatCount: fyne.AnimationRepeatForever, AutoReverse: true}
	a.Tick = func(done float32) {
		b.mu.Lock()
		stale := time.Since(b.drawn) > loadingBarGrace
		b.mu.Unlock()
		if stale {
			b.Stop() // not drawn any more: hidden or swapped out
			return
		}
		r.pos = done
		r.place(r.b.Size())
		canvas.Refresh(r.bar)
	}
	b.anim = a
	b.mu.Unlock()
	a.Start()
}

func (r *loadingBarRenderer) place(size fyne.Size) {
	w := size.Width / 3
	r.bar.Resize(fyne.NewSize(w, size.Height))
	r.bar.Move(fyne.NewPos((size.Width-w)*r.pos, 0))
}

func (r *loadingBarRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.place(size)
}

func (r *loadingBarRenderer) MinSize() fyne.Size { return r.b.MinSize() }

// Objects is asked for by the painter on every frame the bar is drawn: it records that.
func (r *loadingBarRenderer) Objects() []fyne.CanvasObject {
	r.b.mu.Lock()
	r.b.drawn = time.Now()
	r.b.mu.Unlock()
	return []fyne.CanvasObject{r.bg, r.bar}
}

func (r *loadingBarRenderer) Refresh() {
	r.bg.Refresh()
	r.bar.Refresh()
}

func (r *loadingBarRenderer) Destroy() { r.b.Stop() }
