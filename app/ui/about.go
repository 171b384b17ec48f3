package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	registerScreen(Screen{ID: "about", Title: "About", Icon: navIcon(fynetheme.IconNameQuestion), Order: 990, Roles: everyRole, Make: makeAbout})
}

// makeAbout shows the version from the app's metadata (main fills it from FyneApp.toml, the
// one place the version lives), the data version, where the data is and where the
// third-party licences are.
func makeAbout(s *Session) fyne.CanvasObject {
	meta := fyne.CurrentApp().Metadata()
	version := assets.T("Version %s", meta.Version)
	if c := meta.Custom["commit"]; c != "" {
		version = assets.T("Version %s (%s)", meta.Version, c)
	}
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("zhibu.png", assets.Icon()))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))
	path := widget.NewLabel(assets.T("Data file: %s", s.DB.Path()))
	path.Wrapping = fyne.TextWrapBreak
	return container.NewVBox(
		container.NewHBox(icon, container.NewVBox(heading(assets.T("Zhibu")), widget.NewLabel(version),
			widget.NewLabel(assets.T("Data version %d", store.SchemaVersion())))),
		widget.NewSeparator(),
		path,
		hint(assets.T("Third-party licences (including the font WenQuanYi Micro Hei, Apache-2.0) are in THIRD-PARTY-NOTICES: on Windows in the installation folder, on Linux in /usr/share/doc/zhibu/.")),
	)
}
