package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
)

// safeSelect is a Select whose tap does nothing while it is not on a canvas. Fyne's Select
// opens its pop-up on the canvas the driver finds for it; a tap that reaches a select the
// window has just swapped out (the top bar is rebuilt after the text size changes, and the
// overview rebuilds its table right after it opens) finds none and Fyne crashes with a nil
// canvas (SIGSEGV seen clicking 字号 right after opening 各村概览).
type safeSelect struct {
	widget.Select
}

// canvasFor finds the canvas an object is on (tests replace it to stand in for the real
// driver, whose answer is nil for an object no longer in a window).
var canvasFor = func(o fyne.CanvasObject) fyne.Canvas {
	a := fyne.CurrentApp()
	if a == nil {
		return nil
	}
	return a.Driver().CanvasForObject(o)
}

func newSafeSelect(options []string, changed func(string)) *safeSelect {
	s := &safeSelect{}
	s.Options, s.OnChanged = options, changed
	s.PlaceHolder = assets.T("(Choose)")
	s.ExtendBaseWidget(s)
	return s
}

// Tapped opens the list only when the select is on a canvas.
func (s *safeSelect) Tapped(e *fyne.PointEvent) {
	if canvasFor(s) == nil {
		return
	}
	s.Select.Tapped(e)
}
