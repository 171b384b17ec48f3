package ui

import (
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
)

// Small building blocks shared by the screens, so that every page looks alike.

// heading is a page or section title in larger text.
func heading(text string) *canvas.Text {
	t := canvas.NewText(text, fynetheme.Color(fynetheme.ColorNameForeground))
	t.TextSize = 22 * textScale()
	return t
}

// subheading is a section title in medium text.
func subheading(text string) *canvas.Text {
	t := canvas.NewText(text, fynetheme.Color(fynetheme.ColorNameForeground))
	t.TextSize = 18 * textScale()
	return t
}

// problemLabel shows a problem in red; it is hidden while empty.
type problemLabel struct {
	*widget.Label
}

func newProblemLabel() problemLabel {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return problemLabel{l}
}

// Set shows text, or hides the label when text is empty.
func (p problemLabel) Set(text string) {
	wasVisible := p.Visible()
	p.SetText(text)
	if text == "" {
		p.Hide()
	} else {
		p.Show()
	}
	if wasVisible != p.Visible() || text != "" {
		relayoutWindows()
	}
}

// relayoutWindows lays the windows (and their dialogs) out again after a message was shown
// or hidden: Fyne does not pass a child's new minimum size up to its containers by itself.
func relayoutWindows() {
	a := fyne.CurrentApp()
	if a == nil {
		return
	}
	for _, w := range a.Driver().AllWindows() {
		if c := w.Content(); c != nil {
			c.Refresh()
		}
		for _, o := range w.Canvas().Overlays().List() {
			o.Refresh()
		}
	}
}

// hint is explanatory text (in the normal colour: the pale "low importance" grey is too faint
// for older eyes on cheap screens).
func hint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// paragraph is wrapped text laid out at the width from the start: a wrapping label asked for
// its size before it has one wraps at every character (one character per line), and a
// dialog sized from that grows taller than the screen.
func paragraph(text string, width float32) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Resize(fyne.NewSize(width, l.MinSize().Height))
	return fixedWidth(width, l)
}

// countTile is a big number with a caption, for the home screen.
func countTile(caption string, n int, accent bool) fyne.CanvasObject {
	num := canvas.NewText(strconv.Itoa(n), fynetheme.Color(fynetheme.ColorNameForeground))
	if accent {
		num.Color = fynetheme.Color(fynetheme.ColorNamePrimary)
	}
	num.TextSize = 34 * textScale()
	num.Alignment = fyne.TextAlignCenter
	cap := widget.NewLabelWithStyle(caption, fyne.TextAlignCenter, fyne.TextStyle{})
	bg := canvas.NewRectangle(color.NRGBA{R: 0xF6, G: 0xF0, B: 0xEE, A: 0xFF})
	bg.CornerRadius = 8
	return container.NewStack(bg, container.NewPadded(container.NewVBox(num, cap)))
}

// primaryButton is the one main action of a page, in the primary colour.
func primaryButton(text string, icon fyne.Resource, tapped func()) *widget.Button {
	b := widget.NewButtonWithIcon(text, icon, tapped)
	b.Importance = widget.HighImportance
	return b
}

// fixedWidth gives an object a minimum width (entries and selects are too narrow otherwise).
func fixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&minSizeLayout{w: w}, o)
}

// minHeight gives an object (a scrolling list) room for a few rows inside a VBox.
func minHeight(h float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&minSizeLayout{h: h}, o)
}

// minSizeLayout makes its one object at least w wide and h high.
type minSizeLayout struct{ w, h float32 }

func (l *minSizeLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := objs[0].MinSize()
	s.Width, s.Height = max(s.Width, l.w), max(s.Height, l.h)
	return s
}

func (l *minSizeLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

// centered puts content in the middle of the page at its minimum size.
func centered(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewCenter(content)
}

// toolbarRow lays out controls left to right with the trailing ones pushed to the right.
func toolbarRow(left []fyne.CanvasObject, right ...fyne.CanvasObject) fyne.CanvasObject {
	objs := append([]fyne.CanvasObject{}, left...)
	objs = append(objs, layout.NewSpacer())
	objs = append(objs, right...)
	return container.NewHBox(objs...)
}

// itoa formats an integer for display (shared by the screens).
func itoa(n int) string { return strconv.Itoa(n) }

// navIcon is a theme icon looked up when it is drawn, for Screen.Icon in init functions:
// calling fynetheme.HomeIcon() and the like before the app exists makes Fyne log an error
// (on every CLI command too).
func navIcon(name fyne.ThemeIconName) fyne.Resource {
	return fynetheme.NewThemedResource(lazyIcon(name))
}

type lazyIcon fyne.ThemeIconName

func (l lazyIcon) Name() string    { return "zhibu-nav-" + string(l) }
func (l lazyIcon) Content() []byte { return fynetheme.Icon(fyne.ThemeIconName(l)).Content() }

// newSelect is widget.NewSelect with a Chinese placeholder: Fyne's own "(Select one)" is a
// constant that its translations do not cover. Screens may still set a more specific one.
// It is a plain widget.Select: an extended one (escSelect) returned as its embedded Select
// puts the inner widget in the tree while the popup looks up the outer one's canvas, and
// opening the list crashed the real window (nil canvas in NewPopUpMenu).
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = assets.T("(Choose)")
	return s
}

// choosePhotoFile opens a file dialog for a JPG or PNG photo and passes its name and bytes
// to got. It reads one byte past limit, enough for the store to refuse a file that is too
// large with its own message; a file that cannot be read is reported through problem.
func choosePhotoFile(w fyne.Window, limit int, problem func(string), got func(name string, b []byte)) {
	chooseFile(w, filePick{Mode: pickOpen, Title: assets.T("Choose a photo (JPG or PNG)"), Purpose: "photo", Exts: []string{".jpg", ".jpeg", ".png"}}, func(path string) {
		b, err := readLimited(path, limit)
		if err != nil {
			problem(assets.Chinese(assets.Wrap(err, "Cannot read the file %s. Check the name and that the file is not open in another program.", filepath.Base(path))))
			return
		}
		got(filepath.Base(path), b)
	})
}

// readLimited reads at most limit+1 bytes of a file.
func readLimited(path string, limit int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, int64(limit)+1))
}
