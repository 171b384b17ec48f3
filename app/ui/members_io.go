package ui

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
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
	if v.s.Demo {
		v.askImportIntoDemo()
		return
	}
	v.pickRoster()
}

// askImportIntoDemo says that this file holds the demo's made-up members and records, and
// offers the clean start before a real roster goes in among them.
func (v *membersView) askImportIntoDemo() {
	msg := paragraph(assets.T("This data file holds demo data: made-up members with two years of made-up meetings and dues. A real roster imported here would mix with them (the made-up dues history would show real members as owing for months). Start with clean records first, then import the roster there."), 520)
	var d dialog.Dialog
	clean := primaryButton(assets.T("Start with clean records"), fynetheme.NavigateNextIcon(), func() {
		d.Hide()
		v.s.leaving(v.s.startClean)
	})
	anyway := widget.NewButton(assets.T("Import into the demo anyway"), func() {
		d.Hide()
		v.pickRoster()
	})
	cancel := widget.NewButtonWithIcon(assets.T("Cancel"), fynetheme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(assets.T("This is the demo"), container.NewVBox(msg, container.NewHBox(clean, anyway, cancel)), v.s.Window)
	d.Show()
}

// pickRoster asks for the roster file.
func (v *membersView) pickRoster() {
	chooseFile(v.s.Window, filePick{Mode: pickOpen, Title: assets.T("Choose the roster file (.xlsx or .csv)"), Purpose: "roster", Exts: []string{".xlsx", ".csv"}}, v.checkImport)
}

// checkImport runs a dry run off the UI thread and shows its result: every problem, or how
// many rows are fine, with a button to import for real.
func (v *membersView) checkImport(path string) {
	v.importRoster(assets.T("Checking %s…", filepath.Base(path)), path, true, func(rep store.ImportReport) {
		v.problem.Set("")
		v.showImportReport(rep, path)
	})
}

// importRoster reads the roster off the UI thread with the busy bar following the rows
// (dry: check only), then hands the report to done; Cancel rolls the import back whole.
func (v *membersView) importRoster(title, path string, dry bool, done func(store.ImportReport)) {
	var rep store.ImportReport
	runBusy(v.s.Window, v.s.Ctx, title, func(ctx context.Context, p Progress) error {
		var err error
		rep, err = v.s.DB.ImportRosterFile(store.WithProgress(ctx, store.Progress(p)), path, dry)
		return err
	}, func(err error) {
		if canceled(err) {
			v.notice(assets.T("Stopped. Nothing was imported."))
			return
		}
		// A roster with bad rows is refused as a whole, and its report lists every row.
		if err != nil && !(errors.Is(err, store.ErrInvalid) && len(rep.Problems) > 0) {
			v.problem.Set(assets.Chinese(err))
			return
		}
		done(rep)
	})
}

// showImportReport shows a dry run's result in a dialog that fits a 1366×768 screen.
func (v *membersView) showImportReport(rep store.ImportReport, path string) {
	content, ok := importReportView(rep, filepath.Base(path))
	size := fyne.NewSize(940, 560)
	if !ok {
		d := dialog.NewCustom(assets.T("The roster has problems"), assets.T("Close"), content, v.s.Window)
		d.Resize(size)
		d.Show()
		return
	}
	dialog.ShowCustomConfirm(assets.T("Import roster"), assets.T("Import"), assets.T("Cancel"), content, func(yes bool) {
		if yes {
			v.runImport(path)
		}
	}, v.s.Window)
}

// runImport imports the checked file for real, off the UI thread; Cancel rolls it back whole.
func (v *membersView) runImport(path string) {
	v.importRoster(assets.T("Importing %s…", filepath.Base(path)), path, false, func(rep store.ImportReport) {
		if len(rep.Problems) > 0 {
			v.problem.Set(assets.T("Nothing was imported: the file has %d problems. Check it again.", len(rep.Problems)))
			return
		}
		v.loadNames() // the import may have created party groups
		v.reload()
		v.notice(assets.T("%d members were imported from %s.", rep.Added, filepath.Base(path)))
	})
}

// importReportView shows a dry run's result; ok is false when the file has problems. The
// problems are a scrolling table of row, column and reason below a short explanation.
func importReportView(rep store.ImportReport, name string) (fyne.CanvasObject, bool) {
	const width = 880
	var extra []fyne.CanvasObject
	if len(rep.Ignored) > 0 {
		extra = append(extra, paragraph(assets.T("These columns are not used and will be ignored: %s", strings.Join(rep.Ignored, "、")), width))
	}
	if len(rep.Problems) == 0 {
		msg := paragraph(assets.T("All %d rows of %s are in order. Import them now?", rep.Rows, name), 520)
		return container.NewVBox(append([]fyne.CanvasObject{msg}, extra...)...), true
	}
	ps := rep.Problems
	t := newTextTable([]string{assets.T("Row"), assets.T("Column"), assets.T("What is wrong")}, []float32{70, 150, 650},
		func() int { return len(ps) }, func(r, c int) string {
			switch c {
			case 0:
				return strconv.Itoa(ps[r].Row)
			case 1:
				return ps[r].Column
			}
			return ps[r].Reason
		}, nil)
	msg := paragraph(assets.T("%s has %d problems in %d rows. Nothing was imported. Correct the file in Excel, save it, and import it again.", name, len(ps), rep.Rows), width)
	top := container.NewVBox(append([]fyne.CanvasObject{msg}, extra...)...)
	return container.NewBorder(top, nil, nil, nil, minHeight(300, t)), false
}

// chooseExport asks where to save the roster of the current search (masked ID numbers
// and phones) and writes it.
func (v *membersView) chooseExport() {
	chooseFile(v.s.Window, filePick{Mode: pickSave, Title: assets.T("Save the roster"), Purpose: "roster", Exts: []string{".xlsx"}, Name: assets.T("roster.xlsx")}, v.export)
}

// export writes the listed members to path.
func (v *membersView) export(path string) {
	f := v.filter()
	var n int
	runBusy(v.s.Window, v.s.Ctx, assets.T("Saving the roster…"), func(ctx context.Context, _ Progress) error {
		var err error
		n, err = store.ExportRoster(ctx, v.s.DB, f, false, path)
		return err
	}, func(err error) {
		switch {
		case canceled(err):
			return
		case err != nil:
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.notice(assets.T("%d members were saved to %s (ID numbers and phones partly hidden).", n, filepath.Base(path)))
		showSaved(v.s.Window, assets.T("Roster saved"), path)
	})
}
