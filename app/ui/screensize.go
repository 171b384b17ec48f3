package ui

import (
	"os"
	"strconv"

	"fyne.io/fyne/v2"
)

// ScreenSize reports the screen's size in pixels (0, 0 if unknown). main sets it; it runs
// on the main thread once the window system is up.
var ScreenSize func() (int, int)

// The window's preferred size, and the room left for the taskbar and the title bar.
const (
	preferredWidth, preferredHeight = 1340, 720
	screenMarginW, screenMarginH    = 16, 64
)

// windowSize is the window's size in Fyne units for a screen of w×h pixels drawn at scale:
// the preferred size, or less so that the window fits the screen. An unknown screen is taken
// as the smallest one supported, 1366×768.
func windowSize(w, h int, scale float32) fyne.Size {
	if w <= 0 || h <= 0 {
		w, h = 1366, 768
	}
	if scale <= 0 {
		scale = 1
	}
	if scale == 1 {
		if s, err := strconv.ParseFloat(os.Getenv("FYNE_SCALE"), 32); err == nil && s > 0 {
			scale = float32(s)
		}
	}
	maxW := (float32(w) - screenMarginW) / scale
	maxH := (float32(h) - screenMarginH) / scale
	return fyne.NewSize(min(preferredWidth, maxW), min(preferredHeight, maxH))
}

// fitScreen sizes the window from the screen it opens on and the scale it is drawn at.
func fitScreen(w fyne.Window) {
	if ScreenSize == nil {
		return
	}
	sw, sh := ScreenSize()
	w.Resize(windowSize(sw, sh, w.Canvas().Scale()))
}
