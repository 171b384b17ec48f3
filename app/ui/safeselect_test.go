package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestSelectOffCanvasIgnoresTaps: a tap reaching the 字号 select after the window swapped it
// out (the real driver then finds no canvas for it) is ignored; Fyne's own Select crashes
// on the nil canvas there.
func TestSelectOffCanvasIgnoresTaps(t *testing.T) {
	w := newTestWindow(t)
	s := newSafeSelect([]string{"字号 100%", "字号 125%"}, nil)
	w.SetContent(s)
	orig := canvasFor
	t.Cleanup(func() { canvasFor = orig })
	canvasFor = func(fyne.CanvasObject) fyne.Canvas { return nil } // swapped out, as the real driver says
	test.Tap(s)
	if n := len(w.Canvas().Overlays().List()); n != 0 {
		t.Fatalf("the select opened a pop-up off its canvas (%d overlays)", n)
	}
	canvasFor = orig
	test.Tap(s)
	if n := len(w.Canvas().Overlays().List()); n != 1 {
		t.Fatalf("on its canvas the select did not open its list (%d overlays)", n)
	}
}
