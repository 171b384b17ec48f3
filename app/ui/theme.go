package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"

	"zhibu/assets"
)

// zhibuTheme is Fyne's light theme with the bundled CJK font (so Chinese renders the same on
// every PC, with or without system CJK fonts), the party-red primary colour, colours that pass
// WCAG AA on white (contrast ≥ 4.5:1 for text) and text scaled by the user's text size.
type zhibuTheme struct {
	fyne.Theme
	scale float32 // text size: 1, 1.25 or 1.5
}

var fontResource = fyne.NewStaticResource(assets.FontCJKName, assets.FontCJK())

// Theme returns the application theme at the normal text size.
func Theme() fyne.Theme { return themeAt(1) }

// themeAt returns the application theme with text scaled by scale.
func themeAt(scale float32) *zhibuTheme {
	return &zhibuTheme{Theme: fynetheme.DefaultTheme(), scale: scale}
}

func (t *zhibuTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace {
		return t.Theme.Font(s)
	}
	return fontResource
}

// Colours of text on white, with their contrast ratio: Fyne's light success green (#43f470
// family) and warning orange are far below 4.5:1.
var (
	partyRed    = color.NRGBA{R: 0xC8, G: 0x10, B: 0x2E, A: 0xFF} // 5.9:1
	successText = color.NRGBA{R: 0x1B, G: 0x6E, B: 0x2E, A: 0xFF} // 6.3:1
	warningText = color.NRGBA{R: 0x8A, G: 0x4B, B: 0x00, A: 0xFF} // 6.6:1
	errorText   = color.NRGBA{R: 0xB0, G: 0x0E, B: 0x28, A: 0xFF} // 6.9:1
	hintText    = color.NRGBA{R: 0x5F, G: 0x5F, B: 0x5F, A: 0xFF} // 6.4:1 (placeholders)
)

func (t *zhibuTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case fynetheme.ColorNamePrimary:
		return partyRed
	case fynetheme.ColorNameFocus:
		return color.NRGBA{R: 0xC8, G: 0x10, B: 0x2E, A: 0x7F}
	case fynetheme.ColorNameSelection:
		return color.NRGBA{R: 0xC8, G: 0x10, B: 0x2E, A: 0x30}
	case fynetheme.ColorNameSuccess:
		return successText
	case fynetheme.ColorNameWarning:
		return warningText
	case fynetheme.ColorNameError:
		return errorText
	case fynetheme.ColorNamePlaceHolder:
		return hintText
	}
	// Always the light variant: office PCs, printed look, older users.
	return t.Theme.Color(n, fynetheme.VariantLight)
}

// scaledSizes grow with the text size; paddings and the rest stay, so 150 % still fits
// 1366×768.
var scaledSizes = map[fyne.ThemeSizeName]bool{
	fynetheme.SizeNameText: true, fynetheme.SizeNameCaptionText: true, fynetheme.SizeNameHeadingText: true,
	fynetheme.SizeNameSubHeadingText: true, fynetheme.SizeNameInlineIcon: true,
}

func (t *zhibuTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.Theme.Size(n)
	switch n {
	case fynetheme.SizeNameText:
		s = 15 // a little larger than Fyne's default: older eyes, 1366×768 screens
	case fynetheme.SizeNameCaptionText:
		s = 13
	}
	if scaledSizes[n] {
		s *= t.scale
	}
	return s
}

// textScale is the current text size (1 when the app theme is not Zhibu's).
func textScale() float32 {
	if a := fyne.CurrentApp(); a != nil {
		if th, ok := a.Settings().Theme().(*zhibuTheme); ok && th.scale > 0 {
			return th.scale
		}
	}
	return 1
}

// Text sizes a user can choose, in percent.
var textSizes = []int{100, 125, 150}

// textSizePref is the preference key of a user's text size (kept on this PC, per account).
func textSizePref(userID string) string { return "text_size." + userID }

// applyTextSize sets the app theme to the user's text size.
func applyTextSize(userID string) {
	a := fyne.CurrentApp()
	if a == nil {
		return
	}
	pct := a.Preferences().IntWithFallback(textSizePref(userID), 100)
	setTextSize(pct)
}

// setTextSize switches the theme to a text size in percent.
func setTextSize(pct int) {
	if a := fyne.CurrentApp(); a != nil {
		a.Settings().SetTheme(themeAt(float32(pct) / 100))
	}
}
