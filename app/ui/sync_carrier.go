package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/sync/lan"
)

// carrierBox lists the stock Syncthing devices allowed to carry this PC's bundles and, for
// an administrator, adds one (the GUI side of "pair carrier"). A carrier only ever holds
// encrypted bundles; syncing with it is "Sync now" on the office network page with its
// address.
func (v *syncView) carrierBox() fyne.CanvasObject {
	list := widget.NewLabel("")
	list.Wrapping = fyne.TextWrapWord
	reload := func() {
		cs, err := v.s.DB.Replica().Carriers(v.s.Ctx)
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		if len(cs) == 0 {
			list.SetText(assets.T("No carrier yet."))
			return
		}
		lines := make([]string, len(cs))
		for i, c := range cs {
			lines[i] = assets.T("%s — device ID %s", c.Name, c.DeviceID)
		}
		list.SetText(strings.Join(lines, "\n"))
	}
	reload()
	add := widget.NewButtonWithIcon(assets.T("Add a Syncthing carrier…"), fynetheme.ContentAddIcon(), func() { v.addCarrier(reload) })
	if !v.s.User.CanAdmin() {
		add.Disable()
	}
	return container.NewVBox(
		subheading(assets.T("Syncthing carriers")),
		hint(assets.T("A stock Syncthing on an always-on PC at the township or county can carry the bundles between PCs that are never on at the same time. It only ever holds them encrypted and nothing from it is trusted unchecked. Add its device ID here (in Syncthing: Actions → Show ID), add this PC's device ID above in that Syncthing, then sync with it on the office network page by its address (port 22000).")),
		list,
		container.NewHBox(add),
	)
}

// addCarrier asks for the carrier's device ID and a name, and records it.
func (v *syncView) addCarrier(done func()) {
	id := widget.NewEntry()
	id.SetPlaceHolder("ABCDEFG-HIJKLMN-…")
	name := widget.NewEntry()
	name.SetPlaceHolder(assets.T("e.g. township server room"))
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	var dlg dialog.Dialog
	form := widget.NewForm(
		widget.NewFormItem(assets.T("Device ID"), id),
		widget.NewFormItem(assets.T("Carrier name"), name),
	)
	save := func() {
		if strings.TrimSpace(name.Text) == "" {
			msg.SetText(assets.T("Give the carrier a name, e.g. where it stands."))
			return
		}
		c, err := lan.AddCarrier(v.s.Ctx, v.s.DB.Replica(), id.Text, strings.TrimSpace(name.Text))
		if err != nil {
			msg.SetText(assets.Chinese(err))
			return
		}
		dlg.Hide()
		done()
		v.problem.Set("")
		showInfo(assets.T("Carrier added"), assets.T("%s may now carry bundles for this PC (it only ever holds them encrypted; nothing from it is trusted unchecked):", c.Name)+"\n"+c.DeviceID, v.s.Window)
	}
	// Own buttons, so that a refused device ID keeps the dialog open with the reason.
	buttons := container.NewHBox(layout.NewSpacer(),
		widget.NewButton(assets.T("Cancel"), func() { dlg.Hide() }),
		primaryButton(assets.T("Add"), fynetheme.ConfirmIcon(), save))
	dlg = dialog.NewCustomWithoutButtons(assets.T("Add a Syncthing carrier"), container.NewVBox(form, msg, buttons), v.s.Window)
	dlg.Resize(fyne.NewSize(640, 280))
	dlg.Show()
}
