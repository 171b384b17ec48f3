package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/sync/pairing"
)

// exportEnrolment writes this PC's enrolment file into a folder the user picks (the USB stick).
func (v *syncView) exportEnrolment() {
	chooseFile(v.s.Window, filePick{Mode: pickFolder, Title: assets.T("Choose the folder for the enrolment file (e.g. the USB stick)"), Purpose: "usb"}, v.writeEnrolment)
}

func (v *syncView) writeEnrolment(dir string) {
	name := "zhibu-" + v.s.Home.Code + pairing.Ext
	if v.s.Home.Code == "" {
		name = "zhibu" + pairing.Ext
	}
	path := filepath.Join(dir, name)
	if _, err := pairing.Export(v.s.Ctx, v.s.DB, v.node.ID, path); err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	v.problem.Set("")
	showInfo(assets.T("Enrolment file written"),
		assets.T("Wrote %s. Import it on the other PC and check that it shows this device ID:", path)+"\n\n"+groupedID(v.node.Self()), v.s.Window)
}

// importEnrolment reads another PC's enrolment file, shows whose it is and its device ID to
// check aloud, and pairs only after the user confirms.
func (v *syncView) importEnrolment() {
	chooseFile(v.s.Window, filePick{Mode: pickOpen, Title: assets.T("Choose the other PC's enrolment file"), Purpose: "usb", Exts: []string{pairing.Ext}}, v.confirmEnrolment)
}

func (v *syncView) confirmEnrolment(path string) {
	e, err := pairing.Read(path)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	role := assets.T("village")
	if e.Role == store.RoleTownship {
		role = assets.T("township")
	}
	id := widget.NewLabelWithStyle(groupedID(e.DeviceID), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true, Bold: true})
	content := container.NewVBox(
		widget.NewLabel(assets.T("Pair this PC with %s (code %s, %s)?", e.OrgName, e.OrgCode, role)),
		widget.NewLabel(assets.T("Check that the other PC shows the same device ID:")),
		id,
	)
	dialog.ShowCustomConfirm(assets.T("Pair with another PC"), assets.T("Pair"), assets.T("Cancel"), content, func(yes bool) {
		if !yes {
			return
		}
		if _, err := pairing.Accept(v.s.Ctx, v.s.DB, e); err != nil {
			if overridable(err) {
				v.offerOverride(e, err) // sync_held.go
				return
			}
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.problem.Set("")
		v.refreshStatus()
	}, v.s.Window)
}
