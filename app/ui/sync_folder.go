package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/sync/folder"
)

// folderTab syncs through a folder that a stock Syncthing (or a network share) keeps in
// step with other PCs: one pass now, or a pass every few seconds while the box is ticked.
func (v *syncView) folderTab() fyne.CanvasObject {
	dir := widget.NewEntry()
	dir.SetPlaceHolder(assets.T("The folder Syncthing keeps in step, e.g. D:\\Zhibu-sync"))
	out := widget.NewLabel("")
	out.Wrapping = fyne.TextWrapWord
	choose := widget.NewButtonWithIcon(assets.T("Choose…"), fynetheme.FolderOpenIcon(), func() {
		chooseFile(v.s.Window, filePick{Mode: pickFolder, Title: assets.T("Choose the sync folder"), Purpose: "sync-folder"}, dir.SetText)
	})
	path := func() (string, bool) {
		p := strings.TrimSpace(dir.Text)
		if p == "" {
			v.problem.Set(assets.T("Enter or choose the sync folder first."))
			return "", false
		}
		v.problem.Set("")
		return p, true
	}
	show := func(r folder.Result, err error) {
		onUI(func() {
			if err != nil {
				v.problem.Set(assets.Chinese(err))
				return
			}
			out.SetText(folderLines(r))
			v.refreshStatus()
		})
	}
	var btn *widget.Button
	btn = primaryButton(assets.T("Sync now"), fynetheme.ViewRefreshIcon(), func() {
		p, ok := path()
		if !ok {
			return
		}
		btn.Disable()
		var r folder.Result
		var err error
		goThen(func() { r, err = folder.Sync(v.s.Ctx, v.node, p, folder.Options{}) }, func() {
			btn.Enable()
			if err != nil {
				v.problem.Set(assets.Chinese(err))
				return
			}
			out.SetText(folderLines(r))
			v.refreshStatus()
		})
	})
	var stop context.CancelFunc
	var watch *widget.Check
	watch = widget.NewCheck(assets.T("Keep syncing through this folder while this page is open"), func(on bool) {
		if stop != nil {
			stop()
			stop = nil
		}
		if !on {
			return
		}
		p, ok := path()
		if !ok {
			watch.SetChecked(false)
			return
		}
		ctx, cancel := context.WithCancel(v.s.Ctx)
		stop = cancel
		go folder.Watch(ctx, v.node, p, 10*time.Second, folder.Options{}, show)
	})
	return container.NewBorder(container.NewVBox(
		hint(assets.T("When this PC and the other PCs share a folder through Syncthing (or a network share), sync through it: this PC writes its bundles there, imports the ones for it, and removes its own once the recipient confirms them. The folder only ever holds encrypted bundles and signed receipts.")),
		container.NewBorder(nil, nil, widget.NewLabel(assets.T("Folder:")), container.NewHBox(choose, btn), dir),
		watch,
	), nil, nil, nil, container.NewVScroll(out))
}

// folderLines says what a pass over the sync folder did.
func folderLines(r folder.Result) string {
	var lines []string
	for _, w := range r.Written {
		lines = append(lines, assets.T("Wrote a bundle for %s: %d changes.", w.Name, w.Changes))
	}
	if len(r.Reports) > 0 {
		lines = append(lines, reportLines(r.Reports))
	}
	if len(r.Confirmed) > 0 {
		lines = append(lines, assets.T("%d bundles were confirmed applied by their recipients and removed from the folder.", len(r.Confirmed)))
	}
	lines = append(lines, r.Problems...)
	if len(lines) == 0 {
		return assets.T("Nothing to do: no bundles for this PC, and nothing new to send.")
	}
	return time.Now().Format("15:04:05") + "\n" + strings.Join(lines, "\n")
}
