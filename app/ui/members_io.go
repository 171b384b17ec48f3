package ui

import (
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// chooseImport asks for a roster file (.xlsx or .csv) and checks it.
func (v *membersView) chooseImport() {
	if v.s.Role == store.RoleTownship {
		v.problem.Set(assets.T("A roster is imported on the village's own PC; its members reach the township with the next sync."))
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		v.checkImport(path)
	}, v.s.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// checkImport runs a dry run and shows its result: every problem, or how many rows are fine,
// with a button to import for real.
func (v *membersView) checkImport(path string) {
	rep, err := v.s.DB.ImportRosterFile(v.s.Ctx, path, true)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	v.problem.Set("")
	content, ok := importReportView(rep, filepath.Base(path))
	if !ok {
		d := dialog.NewCustom(assets.T("The roster has problems"), assets.T("Close"), content, v.s.Window)
		d.Resize(fyne.NewSize(960, 600))
		d.Show()
		return
	}
	dialog.ShowCustomConfirm(assets.T("Import roster"), assets.T("Import"), assets.T("Cancel"), content, func(yes bool) {
		if yes {
			v.runImport(path)
		}
	}, v.s.Window)
}

// runImport imports the checked file for real.
func (v *membersView) runImport(path string) {
	rep, err := v.s.DB.ImportRosterFile(v.s.Ctx, path, false)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	if len(rep.Problems) > 0 {
		v.problem.Set(assets.T("Nothing was imported: the file has %d problems. Check it again.", len(rep.Problems)))
		return
	}
	v.loadNames() // the import may have created party groups
	v.reload()
	v.notice(assets.T("%d members were imported from %s.", rep.Added, filepath.Base(path)))
}

// importReportView shows a dry run's result; ok is false when the file has problems.
func importReportView(rep store.ImportReport, name string) (fyne.CanvasObject, bool) {
	var extra []fyne.CanvasObject
	if len(rep.Ignored) > 0 {
		extra = append(extra, hint(assets.T("These columns are not used and will be ignored: %s", strings.Join(rep.Ignored, "、"))))
	}
	if len(rep.Problems) == 0 {
		msg := widget.NewLabel(assets.T("All %d rows of %s are in order. Import them now?", rep.Rows, name))
		msg.Wrapping = fyne.TextWrapWord
		return fixedWidth(520, container.NewVBox(append([]fyne.CanvasObject{msg}, extra...)...)), true
	}
	ps := rep.Problems
	t := newTextTable([]string{assets.T("Row"), assets.T("Column"), assets.T("What is wrong")}, []float32{60, 130, 640},
		func() int { return len(ps) }, func(r, c int) string {
			switch c {
			case 0:
				return strconv.Itoa(ps[r].Row)
			case 1:
				return ps[r].Column
			}
			return ps[r].Reason
		}, nil)
	msg := widget.NewLabel(assets.T("%s has %d problems in %d rows. Nothing was imported. Correct the file in Excel, save it, and import it again.", name, len(ps), rep.Rows))
	msg.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(append([]fyne.CanvasObject{msg}, extra...)...)
	return container.NewBorder(top, nil, nil, nil, t), false
}

// chooseExport asks where to save the roster of the current search (masked ID numbers
// and phones) and writes it.
func (v *membersView) chooseExport() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close() // ExportRoster writes the file itself, atomically
		if !strings.HasSuffix(strings.ToLower(path), ".xlsx") {
			path += ".xlsx"
		}
		v.export(path)
	}, v.s.Window)
	d.SetFileName(assets.T("roster.xlsx"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// export writes the listed members to path.
func (v *membersView) export(path string) {
	f := v.filter()
	n, err := store.ExportRoster(v.s.Ctx, v.s.DB, f, false, path)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	v.notice(assets.T("%d members were saved to %s (ID numbers and phones partly hidden).", n, filepath.Base(path)))
}
