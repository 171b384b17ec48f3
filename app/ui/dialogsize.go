package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// dialogSize is the size for a dialog that would like to be want: no larger than the window
// it is shown on, less a margin for the dialog's frame and buttons, so that no dialog reaches
// past the window (and so past the screen). Its content scrolls inside.
func dialogSize(w fyne.Window, want fyne.Size) fyne.Size {
	if w == nil || w.Canvas() == nil {
		return want
	}
	c := w.Canvas().Size()
	if c.Width <= 0 || c.Height <= 0 {
		return want
	}
	// The frame of a dialog with a title takes about 77 units of height (the quarterly
	// report's dialog needed 496 in the 467-unit window of system scaling 1.5 with 48).
	const marginW, marginH = 48, 88
	return fyne.NewSize(min(want.Width, max(c.Width-marginW, 200)), min(want.Height, max(c.Height-marginH, 160)))
}

// boundedSize gives an object the given minimum size, whatever its own (a table, a list or a
// scroll inside it takes the rest): a dialog holding it asks for no more than s.
func boundedSize(s fyne.Size, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&exactMinLayout{s: s}, o)
}

// exactMinLayout reports a fixed minimum size and gives its objects all of its own.
type exactMinLayout struct{ s fyne.Size }

func (l *exactMinLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.s }

func (l *exactMinLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
