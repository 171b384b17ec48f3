package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"

	"zhibu/assets"
)

// zhibuTheme is Fyne's light theme with the bundled CJK font (so Chinese renders the same on
// every PC, with or without system CJK fonts) and the party-red primary colour.
type zhibuTheme struct{ fyne.Theme }

var fontResource = fyne.NewStaticResource(assets.FontCJKName, assets.FontCJK())

// Theme returns the application theme.
func Theme() fyne.Theme { return &zhibuTheme{Theme: fynetheme.DefaultTheme()} }

func (t *zhibuTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace {
		return t.Theme.Font(s)
	}
	return fontResource
}

func (t *zhibuTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case fynetheme.ColorNamePrimary:
		return color.NRGBA{R: 0xC8, G: 0x10, B: 0x2E, A: 0xFF}
	case fynetheme.ColorNameFocus:
		return color.NRGBA{R: 0xC8, G: 0x10, B: 0x2E, A: 0x7F}
	case fynetheme.ColorNameSelection:
		return color.NRGBA{R: 0xC8, G: 0x10, B: 0x2E, A: 0x30}
	}
	// Always the light variant: office PCs, printed look, older users.
	return t.Theme.Color(n, fynetheme.VariantLight)
}

func (t *zhibuTheme) Size(n fyne.ThemeSizeName) float32 {
	if n == fynetheme.SizeNameText {
		return 15 // a little larger than Fyne's default: older eyes, 1366×768 screens
	}
	return t.Theme.Size(n)
}
