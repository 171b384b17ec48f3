package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/sync/exchange"
	"zhibu/sync/pairing"
	"zhibu/sync/usb"
)

func init() {
	registerScreen(Screen{ID: "sync", Title: "Sync", Icon: navIcon(fynetheme.IconNameMailSend), Order: 800, Roles: everyRole, Make: makeSync})
	registerHomePanel(HomePanel{Order: 80, Roles: everyRole, Make: makeSyncPanel})
}

// openSyncNode loads this PC's keys for the open database (tests replace it).
var openSyncNode = func(db *store.DB) (*exchange.Node, error) { return exchange.Open(db.Replica()) }

// drives lists removable drives (tests replace it).
var drives = usb.Drives

// pendingSyncTab names the tab the sync page opens on next time (the guide's step 6 opens
// the U盘 tab); "" the first.
var pendingSyncTab string

const syncTabUSB = "usb"

// syncView is the sync page: this PC's device ID and pairing, each paired PC's state, USB
// bundles, and the conflicts to review.
type syncView struct {
	s        *Session
	node     *exchange.Node
	problem  problemLabel
	status   []exchange.PeerStatus
	peers    *textTable
	results  *widget.Label
	folder   *widget.Select
	tabs     *container.AppTabs
	conflict *conflictList
	// overrides lists the PCs paired by an administrator's override, with the reason.
	overrides *widget.Label
	// statusGen counts the status refreshes: only the latest one's result is shown.
	statusGen int
	// A village's page in words (sync_words.go): the state, and a result's technical lines
	// behind 「详细」.
	words       *widget.Label
	technical   *widget.Label
	moreResults *widget.Button
}

func makeSync(s *Session) fyne.CanvasObject {
	v := &syncView{s: s, problem: newProblemLabel()}
	tab := pendingSyncTab
	pendingSyncTab = ""
	node, err := openSyncNode(s.DB)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return container.NewVBox(heading(assets.T("Sync")), v.problem.Label)
	}
	v.node = node
	v.conflict = newConflictList(s, v.refreshStatus)
	v.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(assets.T("Paired PCs"), fynetheme.ComputerIcon(), v.peersTab()),
		container.NewTabItemWithIcon(assets.T("USB stick"), fynetheme.StorageIcon(), v.usbTab()),
		container.NewTabItemWithIcon(assets.T("Office network"), fynetheme.ComputerIcon(), v.lanTab()),
		container.NewTabItemWithIcon(assets.T("Conflicts"), fynetheme.WarningIcon(), v.conflict.view()),
		container.NewTabItemWithIcon(assets.T("Sync folder"), fynetheme.FolderIcon(), v.folderTab()),
	)
	if s.User.CanAdmin() { // issue 20: held changes, listed and dropped by an administrator (sync_held.go)
		v.tabs.Append(container.NewTabItemWithIcon(assets.T("Held changes"), fynetheme.HistoryIcon(), newHeldView(s).view()))
	}
	if tab == syncTabUSB {
		v.tabs.SelectIndex(1)
	}
	v.refreshStatus()
	return container.NewBorder(container.NewVBox(heading(assets.T("Sync")), v.problem.Label), nil, nil, nil, v.tabs)
}

// groupedID splits a device ID into two lines of four 7-character groups, for reading aloud.
func groupedID(id string) string {
	parts := strings.Split(id, "-")
	if len(parts) != 8 {
		return id
	}
	return strings.Join(parts[:4], " - ") + "\n" + strings.Join(parts[4:], " - ")
}

func (v *syncView) peersTab() fyne.CanvasObject {
	id := widget.NewLabelWithStyle(groupedID(v.node.Self()), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true, Bold: true})
	headers := []string{assets.T("Organisation"), assets.T("Code"), assets.T("Last received"), assets.T("Waiting to send"), assets.T("Conflicts"), assets.T("Last problem")}
	v.peers = newTextTable(headers, []float32{190, 110, 170, 100, 70, 420}, func() int { return len(v.status) }, v.peerCell, nil)
	pairBox := container.NewHBox(
		widget.NewButtonWithIcon(assets.T("Export enrolment file…"), fynetheme.DocumentSaveIcon(), v.exportEnrolment),
		widget.NewButtonWithIcon(assets.T("Import enrolment file…"), fynetheme.FolderOpenIcon(), v.importEnrolment),
	)
	if v.s.Role == store.RoleVillage {
		details := container.NewVBox(subheading(assets.T("This PC's device ID")), id,
			hint(assets.T("Read the device ID aloud to check the pairing.")),
			subheading(assets.T("Paired PCs")), minHeight(160, v.peers), v.carrierBox())
		return v.villagePeersTab(details, pairBox)
	}
	top := container.NewVBox(
		subheading(assets.T("This PC's device ID")),
		id,
		hint(assets.T("To pair with the township (or a village), export this PC's enrolment file to a USB stick and import it on the other PC, then import the other PC's file here. Read the device ID aloud to check it.")),
		pairBox,
		subheading(assets.T("Paired PCs")),
	)
	v.overrides = wrapLabel("")
	v.overrides.Hide()
	return container.NewBorder(top, container.NewVBox(v.overrides, v.carrierBox()), nil, nil, v.peers)
}

func (v *syncView) peerCell(row, col int) string {
	p := v.status[row]
	switch col {
	case 0:
		return p.Name
	case 1:
		return p.OrgCode
	case 2:
		if p.LastSync == "" {
			return assets.T("never")
		}
		t, _ := time.Parse(time.RFC3339, p.LastSync) // written by exchange.Status in this format
		return t.Format("2006-01-02 15:04")
	case 3:
		return fmt.Sprint(p.PendingOut)
	case 4:
		return fmt.Sprint(p.Conflicts)
	case 5:
		if p.LastError != "" {
			return p.LastError
		}
		if p.ClockSkew > 1 || p.ClockSkew < -1 {
			return assets.T("The clock of %s's PC differs from this PC's by about %s days.", p.Name, fmt.Sprintf("%.0f", max(p.ClockSkew, -p.ClockSkew)))
		}
	}
	return ""
}

// refreshStatus reads each paired PC's state and the open conflicts off the UI thread
// (exchange.Status reads the change log: 14 s on a township after its first import when it
// ran on the UI thread) and shows them when done.
func (v *syncView) refreshStatus() {
	v.statusGen++
	gen := v.statusGen
	var st []exchange.PeerStatus
	var items []store.Conflict
	var ovr map[string]pairing.Override
	var err, cerr, oerr error
	var l ledger
	v.s.Go(func(ctx context.Context) {
		st, err = exchange.Status(ctx, v.s.DB.Replica())
		items, cerr = v.conflict.load(ctx)
		ovr, oerr = pairing.Overrides(ctx, v.s.DB)
		if err == nil && v.s.Role == store.RoleVillage {
			l, err = readLedger(ctx, v.s.DB, v.s.Home.ID)
		}
	}, func() {
		if gen != v.statusGen {
			return // a newer refresh is on its way
		}
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.status = st
		v.showWords(st, l)
		if v.peers != nil {
			v.peers.Refresh()
		}
		if v.overrides != nil && oerr == nil {
			v.showOverrides(ovr)
		}
		if cerr == nil {
			v.conflict.show(items)
		}
		if v.tabs != nil && len(v.tabs.Items) > 3 {
			v.tabs.Items[3].Text = assets.T("Conflicts (%d)", len(v.conflict.items))
			v.tabs.Refresh()
		}
	})
}

func (v *syncView) usbTab() fyne.CanvasObject {
	v.folder = newSelect(nil, nil)
	v.folder.PlaceHolder = assets.T("Choose the USB stick")
	v.reloadDrives()
	v.folder.OnChanged = func(dir string) { fyne.CurrentApp().Preferences().SetString(usbTargetPref, dir) }
	v.results = widget.NewLabel("")
	v.results.Wrapping = fyne.TextWrapWord
	write := primaryButton(assets.T("Write bundles to the USB stick"), fynetheme.UploadIcon(), v.writeBundles)
	read := widget.NewButtonWithIcon(assets.T("Read bundles from the USB stick"), fynetheme.DownloadIcon(), v.readBundles)
	browse := widget.NewButtonWithIcon(assets.T("Other folder…"), fynetheme.FolderOpenIcon(), v.chooseFolder)
	again := widget.NewButtonWithIcon(assets.T("Look for USB sticks again"), fynetheme.ViewRefreshIcon(), v.reloadDrives)
	top := container.NewVBox(
		hint(assets.T("Plug in the USB stick. \"Write\" puts a bundle for every paired PC on it; \"Read\" imports every bundle on it that is meant for this PC. Bundles are encrypted: a lost stick leaks nothing.")),
		container.NewBorder(nil, nil, widget.NewLabel(assets.T("USB stick:")), container.NewHBox(browse, again), v.folder),
		container.NewHBox(write, read),
	)
	if v.s.Role == store.RoleVillage {
		v.technical = widget.NewLabel("")
		v.technical.Wrapping = fyne.TextWrapWord
		v.moreResults = newDetailsButton(v.technical)
		v.technical.Hide()
		v.moreResults.Hide()
		return container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewVBox(v.results, container.NewHBox(v.moreResults), v.technical)))
	}
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(v.results))
}

// usbTargetPref remembers the stick or folder last used for bundles on this PC.
const usbTargetPref = "usb_target"

func (v *syncView) reloadDrives() {
	opts := drives()
	if v.folder.Selected != "" && !containsString(opts, v.folder.Selected) {
		opts = append(opts, v.folder.Selected)
	}
	last := fyne.CurrentApp().Preferences().String(usbTargetPref)
	if st, err := os.Stat(last); err == nil && st.IsDir() && !containsString(opts, last) {
		opts = append(opts, last)
	}
	v.folder.SetOptions(opts)
	switch {
	case v.folder.Selected != "":
	case containsString(opts, last):
		v.folder.SetSelected(last)
	case len(opts) == 1:
		v.folder.SetSelected(opts[0])
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (v *syncView) chooseFolder() {
	chooseFile(v.s.Window, filePick{Mode: pickFolder, Title: assets.T("Choose the folder that carries the bundles"), Purpose: "usb"}, func(dir string) {
		v.folder.SetOptions(append(drives(), dir))
		v.folder.SetSelected(dir)
	})
}

func (v *syncView) stickFolder() (string, bool) {
	if v.folder.Selected == "" {
		v.problem.Set(assets.T("Choose the USB stick first (plug it in and press \"Look for USB sticks again\")."))
		return "", false
	}
	v.problem.Set("")
	return v.folder.Selected, true
}

func (v *syncView) writeBundles() {
	dir, ok := v.stickFolder()
	if !ok {
		return
	}
	var ws []usb.Written
	var l ledger
	runBusy(v.s.Window, v.s.Ctx, assets.T("Writing bundles to %s…", dir), func(ctx context.Context, _ Progress) error {
		var err error
		ws, err = usb.Export(ctx, v.node, filepath.Join(dir, usb.Folder), nil)
		if err == nil && v.s.Role == store.RoleVillage {
			l, err = readLedger(ctx, v.s.DB, v.s.Home.ID)
		}
		return err
	}, func(err error) {
		var lines []string
		for _, w := range ws {
			lines = append(lines, assets.T("Wrote a bundle for %s: %d changes.", w.Name, w.Changes))
		}
		switch {
		case canceled(err):
			lines = append(lines, assets.T("Stopped. The bundles written completely are kept; run it again for the rest."))
		case err != nil:
			v.problem.Set(assets.Chinese(err))
		}
		if len(ws) > 0 {
			lines = append(lines, assets.T("Take the USB stick to the other PC and read the bundles there."))
		}
		if v.s.Role == store.RoleVillage && err == nil {
			words := writtenWords(ws, l)
			if len(ws) == 0 {
				words = []string{assets.T("No file was written: this PC is not paired with the township yet. Pair it first on the 已配对的电脑 tab.")}
			} else {
				words = append(words, assets.T("Take the USB stick to the other PC and read the bundles there."))
			}
			v.setResults(words, lines)
			v.refreshStatus()
			return
		}
		v.results.SetText(strings.Join(lines, "\n"))
		v.refreshStatus()
	})
}

func (v *syncView) readBundles() {
	dir, ok := v.stickFolder()
	if !ok {
		return
	}
	var rs []exchange.Report
	var as []arrival
	var before, after ledger
	village := v.s.Role == store.RoleVillage
	runBusy(v.s.Window, v.s.Ctx, assets.T("Reading the bundles on %s…", dir), func(ctx context.Context, p Progress) error {
		var err error
		if village {
			if before, err = readLedger(ctx, v.s.DB, v.s.Home.ID); err != nil {
				return err
			}
		}
		rs, err = readStick(ctx, v.node, dir, p)
		if err == nil && village {
			after, err = readLedger(ctx, v.s.DB, v.s.Home.ID)
		}
		if err == nil && v.s.Role == store.RoleTownship {
			as, err = arrivals(ctx, v.s.DB, rs)
		}
		return err
	}, func(err error) {
		if canceled(err) {
			v.results.SetText(reportLines(rs) + "\n" + assets.T("Stopped. Each bundle is applied whole or not at all; read the stick again for the rest."))
			v.refreshStatus()
			return
		}
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		text := reportLines(rs)
		if village {
			v.setResults(readWords(rs, before, after), strings.Split(text, "\n"))
			v.refreshStatus()
			return
		}
		if len(as) > 0 {
			// On a township: what arrived from each village in words, in village order, with
			// a total; then the bundles one by one.
			text = arrivalLines(as) + "\n\n" + text
		}
		v.results.SetText(text)
		v.refreshStatus()
		// The results stay on this tab; the rest of the app shows the new records when opened.
	})
}

// reportLines says in Chinese what happened to each bundle read.
func reportLines(rs []exchange.Report) string {
	if len(rs) == 0 {
		return assets.T("No bundles for this PC were found.")
	}
	var lines []string
	for _, r := range rs {
		name := filepath.Base(r.File)
		switch r.Status {
		case exchange.Applied:
			lines = append(lines, assets.T("✔ From %s: %d changes, %d new, %d conflicts.", r.FromName, r.Changes, r.Applied, r.Conflicts))
			if r.Message != "" {
				lines = append(lines, "   "+r.Message)
			}
		case exchange.Skipped:
			lines = append(lines, assets.T("– %s: %s", name, r.Message))
		default:
			lines = append(lines, assets.T("✘ %s: %s", name, r.Message))
		}
	}
	return strings.Join(lines, "\n")
}

// makeSyncPanel is the home screen's line about sync: open conflicts and paired PCs not
// heard from.
func makeSyncPanel(s *Session) fyne.CanvasObject {
	return asyncBlock(s, assets.T("Looking at the sync state…"), func(ctx context.Context) func() fyne.CanvasObject {
		peers, err := s.DB.Replica().Peers(ctx)
		if err == nil && len(peers) == 0 {
			return func() fyne.CanvasObject { return container.NewVBox() }
		}
		org := s.Home.ID
		if s.Role == store.RoleTownship {
			org = ""
		}
		var open []store.Conflict
		if err == nil {
			open, err = s.DB.Conflicts(ctx, org, false)
		}
		if err != nil {
			return func() fyne.CanvasObject {
				p := newProblemLabel()
				p.Set(assets.Chinese(err))
				return p.Label
			}
		}
		return func() fyne.CanvasObject { return syncPanel(s, peers, open) }
	})
}

// syncPanel says how many PCs are paired, how many need attention and the open conflicts.
func syncPanel(s *Session, peers []replica.Peer, open []store.Conflict) fyne.CanvasObject {
	stale := 0
	for _, p := range peers {
		if p.LastSync == 0 || p.LastError != "" {
			stale++
		}
	}
	text := assets.T("Sync: %d paired PCs; %d need attention; %d open conflicts.", len(peers), stale, len(open))
	btn := widget.NewButton(assets.T("Open sync"), func() {
		if s.Show != nil {
			s.Show("sync")
		}
	})
	return container.NewBorder(nil, nil, nil, btn, widget.NewLabel(text))
}
