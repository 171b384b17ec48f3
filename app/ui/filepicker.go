package ui

import (
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
)

// The app's own file dialog, in Chinese throughout: Fyne's names its places "Home",
// "Computer", "Documents" with constants its translations do not reach. It opens in the
// folder last used for the same purpose, or in 文档 (Documents), and lists USB sticks.

type pickMode int

const (
	pickOpen   pickMode = iota // choose an existing file
	pickSave                   // choose a folder and type a file name
	pickFolder                 // choose a folder
)

// filePick describes one use of the dialog.
type filePick struct {
	Mode    pickMode
	Title   string   // what is being chosen, e.g. "Choose the roster file"
	Purpose string   // preference key suffix for the folder last used, e.g. "roster"
	Exts    []string // file name endings shown (lower case, with the dot); nil: all
	Name    string   // file name proposed when saving
}

// documentsDir is the user's documents folder: 文档 on a Chinese Linux desktop, Documents
// elsewhere, the home folder if neither exists.
func documentsDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return string(filepath.Separator)
	}
	for _, d := range []string{"文档", "Documents", "My Documents"} {
		p := filepath.Join(home, d)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
	}
	return home
}

type place struct {
	name string
	path string
	icon fyne.Resource
}

// places are the starting points on the left of the dialog.
func places() []place {
	home, _ := os.UserHomeDir() // none: only the places that do not need it
	out := []place{{assets.T("Documents"), documentsDir(), fynetheme.DocumentIcon()}}
	for _, d := range []struct{ key, dir string }{{"Desktop", "桌面"}, {"Desktop", "Desktop"}, {"Downloads", "下载"}, {"Downloads", "Downloads"}} {
		p := filepath.Join(home, d.dir)
		if st, err := os.Stat(p); home != "" && err == nil && st.IsDir() {
			out = append(out, place{assets.T(d.key), p, fynetheme.FolderIcon()})
		}
	}
	if home != "" {
		out = append(out, place{assets.T("My folder"), home, fynetheme.HomeIcon()})
	}
	for _, d := range drives() {
		out = append(out, place{assets.T("USB stick %s", filepath.Base(d)), d, fynetheme.StorageIcon()})
	}
	root := string(filepath.Separator)
	if runtime.GOOS == "windows" {
		root = os.Getenv("SystemDrive") + `\`
	}
	return append(out, place{assets.T("This computer"), root, fynetheme.ComputerIcon()})
}

func lastDirPref(purpose string) string { return "last_dir." + purpose }

// chooseFile shows the dialog; got is called with the chosen path (for pickSave with the first
// of Exts added when the name has none of them).
func chooseFile(w fyne.Window, p filePick, got func(path string)) {
	start := documentsDir()
	if a := fyne.CurrentApp(); a != nil && p.Purpose != "" {
		if d := a.Preferences().String(lastDirPref(p.Purpose)); d != "" {
			if st, err := os.Stat(d); err == nil && st.IsDir() {
				start = d
			}
		}
	}
	pk := &picker{p: p, w: w, got: got}
	pk.build()
	pk.open(start)
	pk.d.Resize(dialogSize(w, fyne.NewSize(980, 600)))
	pk.d.Show()
}

type picker struct {
	p   filePick
	w   fyne.Window
	got func(string)

	dir     string
	entries []os.DirEntry
	chosen  string // file tapped (pickOpen)

	d       *dialog.CustomDialog
	where   *keyEntry // the folder shown; a path typed here and Enter opens it
	list    *widget.List
	name    *keyEntry
	problem problemLabel
	ok      *widget.Button
}

func (pk *picker) build() {
	pk.where = newEntry()
	pk.where.OnSubmitted = func(path string) {
		path = strings.TrimSpace(path)
		if st, err := os.Stat(path); err == nil && !st.IsDir() && pk.p.Mode != pickFolder {
			// A file's path: open its folder, with the file chosen (or named, when saving).
			pk.open(filepath.Dir(path))
			pk.chosen = path
			if pk.name != nil {
				pk.name.SetText(filepath.Base(path))
			}
			pk.updateOK()
			return
		}
		pk.open(path)
	}
	pk.problem = newProblemLabel()
	ps := places()
	side := widget.NewList(func() int { return len(ps) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(fynetheme.FolderIcon()), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(ps[i].icon)
			row.Objects[1].(*widget.Label).SetText(ps[i].name)
		})
	side.OnSelected = func(i widget.ListItemID) {
		pk.open(ps[i].path)
		side.UnselectAll()
	}
	pk.list = widget.NewList(func() int { return len(pk.entries) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(fynetheme.FolderIcon()), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			e := pk.entries[i]
			row := o.(*fyne.Container)
			icon := fynetheme.FileIcon()
			if e.IsDir() {
				icon = fynetheme.FolderIcon()
			}
			row.Objects[0].(*widget.Icon).SetResource(icon)
			row.Objects[1].(*widget.Label).SetText(e.Name())
		})
	pk.list.OnSelected = func(i widget.ListItemID) {
		e := pk.entries[i]
		if e.IsDir() {
			pk.list.UnselectAll()
			pk.open(filepath.Join(pk.dir, e.Name()))
			return
		}
		pk.chosen = filepath.Join(pk.dir, e.Name())
		if pk.name != nil {
			pk.name.SetText(e.Name())
		}
		pk.updateOK()
	}
	up := widget.NewButtonWithIcon(assets.T("Up one folder"), fynetheme.MoveUpIcon(), func() { pk.open(filepath.Dir(pk.dir)) })
	top := container.NewBorder(nil, nil, container.NewHBox(up, widget.NewLabel(assets.T("Folder:"))), nil, pk.where)
	var bottom []fyne.CanvasObject
	label := assets.T("Open")
	switch pk.p.Mode {
	case pickSave:
		label = assets.T("Save")
		pk.name = newEntry()
		pk.name.SetText(pk.p.Name)
		pk.name.OnSubmitted = func(string) { pk.confirm() }
		bottom = append(bottom, container.NewBorder(nil, nil, widget.NewLabel(assets.T("File name")), nil, pk.name))
	case pickFolder:
		label = assets.T("Choose this folder")
	}
	pk.ok = primaryButton(label, fynetheme.ConfirmIcon(), pk.confirm)
	cancel := widget.NewButtonWithIcon(assets.T("Cancel"), fynetheme.CancelIcon(), func() { pk.d.Hide() })
	bottom = append(bottom, pk.problem.Label, container.NewHBox(layout.NewSpacer(), cancel, pk.ok))
	split := container.NewHSplit(side, container.NewBorder(top, nil, nil, nil, pk.list))
	split.Offset = 0.25
	body := container.NewBorder(nil, container.NewVBox(bottom...), nil, nil, split)
	pk.d = dialog.NewCustomWithoutButtons(pk.p.Title, body, pk.w)
}

// open lists a folder: its folders first, then the files the dialog is for, by name.
func (pk *picker) open(dir string) {
	es, err := os.ReadDir(dir)
	if err != nil {
		pk.problem.Set(assets.T("The folder %s cannot be opened. Choose another one on the left.", dir))
		return
	}
	pk.problem.Set("")
	pk.dir, pk.chosen = dir, ""
	pk.entries = pk.entries[:0]
	for _, e := range es {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if e.IsDir() || (pk.p.Mode != pickFolder && pk.matches(e.Name())) {
			pk.entries = append(pk.entries, e)
		}
	}
	sort.SliceStable(pk.entries, func(i, j int) bool {
		if pk.entries[i].IsDir() != pk.entries[j].IsDir() {
			return pk.entries[i].IsDir()
		}
		return pk.entries[i].Name() < pk.entries[j].Name()
	})
	pk.where.SetText(dir)
	pk.list.UnselectAll()
	pk.list.Refresh()
	pk.list.ScrollToTop()
	pk.updateOK()
}

func (pk *picker) matches(name string) bool {
	if len(pk.p.Exts) == 0 {
		return true
	}
	lower := strings.ToLower(name)
	for _, x := range pk.p.Exts {
		if strings.HasSuffix(lower, x) {
			return true
		}
	}
	return false
}

func (pk *picker) updateOK() {
	if pk.p.Mode == pickOpen && pk.chosen == "" {
		pk.ok.Disable()
		return
	}
	pk.ok.Enable()
}

func (pk *picker) confirm() {
	var path string
	switch pk.p.Mode {
	case pickOpen:
		path = pk.chosen
	case pickFolder:
		path = pk.dir
	case pickSave:
		name := strings.TrimSpace(pk.name.Text)
		if name == "" || strings.ContainsAny(name, `/\:*?"<>|`) {
			pk.problem.Set(assets.T("Type a file name without / \\ : * ? \" < > |."))
			return
		}
		if len(pk.p.Exts) > 0 && !pk.matches(name) {
			name += pk.p.Exts[0]
		}
		path = filepath.Join(pk.dir, name)
	}
	if path == "" {
		return
	}
	if a := fyne.CurrentApp(); a != nil && pk.p.Purpose != "" {
		a.Preferences().SetString(lastDirPref(pk.p.Purpose), pk.dir)
	}
	pk.d.Hide()
	pk.got(path)
}

// showSaved says where a file was saved, with its full path and a button that opens the
// folder in the system's file manager.
func showSaved(w fyne.Window, title, path string) {
	msg := paragraph(assets.T("Saved as:")+"\n"+path, 520)
	open := widget.NewButtonWithIcon(assets.T("Open the folder"), fynetheme.FolderOpenIcon(), func() { openFolder(filepath.Dir(path)) })
	d := dialog.NewCustom(title, assets.T("Close"), container.NewVBox(msg, container.NewHBox(open)), w)
	d.Show()
}

// openFolder shows a folder in the system's file manager.
func openFolder(dir string) {
	if a := fyne.CurrentApp(); a != nil {
		u := &url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}
		if runtime.GOOS == "windows" {
			u.Path = "/" + u.Path
		}
		_ = a.OpenURL(u) // no file manager: the dialog already shows the path to go to
	}
}
