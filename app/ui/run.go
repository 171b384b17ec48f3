package ui

import (
	"fyne.io/fyne/v2"
)

// Run opens the main window on the database at dbPath and runs the app until it is closed.
func Run(a fyne.App, dbPath string) {
	a.Settings().SetTheme(Theme())
	w := a.NewWindow("支部台账")
	w.Resize(fyne.NewSize(1280, 720))
	w.ShowAndRun()
}
