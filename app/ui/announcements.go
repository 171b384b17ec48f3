package ui

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// 通知: the township's announcements. A village lists those addressed to it, the ones nobody
// there has opened yet marked 未读 (and counted on its home screen); opening one records the
// reading, which goes up to the township with the next sync; attachments open in the
// system's program or are saved where the person chooses. The township lists what it sent
// with, per announcement, which villages received and read it, and sends new ones to the
// villages it ticks in a list.

func init() {
	registerScreen(Screen{ID: "announcements", Title: "Announcements (通知)", Icon: navIcon(fynetheme.IconNameMailReply), Order: 45,
		Make: func(s *Session) fyne.CanvasObject { return newAnnouncementsView(s).content() }})
	registerHomePanel(HomePanel{Order: 3, Roles: []string{store.RoleVillage}, Make: makeAnnouncementPanel})
}

type announcementsView struct {
	s        *Session
	township bool
	list     []store.Announcement
	status   map[string]store.AnnouncementStatus // township: by announcement ID
	reads    map[string]bool                     // village: announcement ID → opened here
	table    *textTable
	summary  *widget.Label
	detail   *fyne.Container
	problem  problemLabel
}

func newAnnouncementsView(s *Session) *announcementsView {
	v := &announcementsView{s: s, township: s.Role == store.RoleTownship, problem: newProblemLabel(),
		summary: widget.NewLabel(""), detail: container.NewVBox()}
	v.summary.Wrapping = fyne.TextWrapWord
	headers := []string{assets.T("State"), assets.T("Sent on"), assets.T("Title")}
	widths := []float32{60, 150, 300}
	if v.township {
		headers = []string{assets.T("Sent on"), assets.T("Title"), assets.T("Received"), assets.T("Read (column)")}
		widths = []float32{150, 230, 70, 70}
	}
	v.table = newTextTable(headers, widths, func() int { return len(v.list) }, v.cell, v.open)
	v.reload("")
	return v
}

func (v *announcementsView) content() fyne.CanvasObject {
	top := container.NewVBox(heading(assets.T("Announcements (通知)")), v.summary)
	if v.township && v.s.User.CanWrite() {
		top.Add(container.NewHBox(primaryButton(assets.T("Send an announcement…"), fynetheme.MailSendIcon(), func() {
			composeAnnouncement(v.s, func(id string) { v.reload(id) })
		})))
	}
	top.Add(v.problem.Label)
	left := container.NewBorder(top, nil, nil, nil, v.table)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(v.detail)))
	split.Offset = 0.45
	return split
}

// reload reads the announcements (and, on the township, who received and read them) off the
// UI thread; show is the announcement to open afterwards ("" none).
func (v *announcementsView) reload(show string) {
	var (
		list   []store.Announcement
		status map[string]store.AnnouncementStatus
		reads  map[string]bool
		err    error
	)
	v.s.Go(func(ctx context.Context) {
		if v.township {
			var sts []store.AnnouncementStatus
			if sts, err = v.s.DB.AnnouncementStatuses(ctx); err != nil {
				return
			}
			status = map[string]store.AnnouncementStatus{}
			for _, st := range sts {
				list = append(list, st.Announcement)
				status[st.ID] = st
			}
			return
		}
		if list, err = v.s.DB.Announcements(ctx); err != nil {
			return
		}
		var all map[string]map[string]store.Read
		if all, err = v.s.DB.AnnouncementReads(ctx); err != nil {
			return
		}
		reads = map[string]bool{}
		for id, by := range all {
			_, reads[id] = by[v.s.Home.ID]
		}
	}, func() {
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.problem.Set("")
		v.list, v.status, v.reads = list, status, reads
		v.summary.SetText(v.summaryText())
		v.table.Refresh()
		for i, a := range v.list {
			if a.ID == show {
				v.open(i)
			}
		}
		if len(v.detail.Objects) == 0 || len(v.list) == 0 {
			empty := assets.T("Choose an announcement on the left to read it.")
			if len(v.list) == 0 {
				empty = assets.T("No announcement yet.")
			}
			v.detail.Objects = []fyne.CanvasObject{hint(empty)}
			v.detail.Refresh()
		}
	})
}

func (v *announcementsView) summaryText() string {
	if v.township {
		return assets.T("%d announcements sent. Choose one to see which villages received and read it; a village counts as received once its next bundle has arrived here.", len(v.list))
	}
	unread := 0
	for _, a := range v.list {
		if !v.reads[a.ID] {
			unread++
		}
	}
	return assets.T("%d announcements from the township, %d not read yet. Choose one to read it and open its attachments.", len(v.list), unread)
}

func (v *announcementsView) cell(row, col int) string {
	a := v.list[row]
	if v.township {
		st := v.status[a.ID]
		switch col {
		case 0:
			return a.SentAt
		case 1:
			return a.Title
		case 2:
			return assets.T("%d of %d", st.Received, len(st.Villages))
		}
		return assets.T("%d of %d", st.ReadBy, len(st.Villages))
	}
	switch col {
	case 0:
		if v.reads[a.ID] {
			return assets.T("Read")
		}
		return assets.T("Unread")
	case 1:
		return a.SentAt
	}
	return a.Title
}

// open shows an announcement; on a village PC the first opening is recorded.
func (v *announcementsView) open(row int) {
	if row < 0 || row >= len(v.list) {
		return
	}
	a := v.list[row]
	body := widget.NewLabel(a.Body)
	body.Wrapping = fyne.TextWrapWord
	title := widget.NewLabel(a.Title)
	title.TextStyle.Bold = true
	title.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{title, hint(assets.T("Sent on %s", a.SentAt)), widget.NewSeparator(), body}
	if len(a.Files) > 0 {
		objs = append(objs, widget.NewSeparator(), subheading(assets.T("Attachments")))
		problem := newProblemLabel()
		for _, name := range a.Files {
			name := name
			openB := widget.NewButtonWithIcon(assets.T("Open"), fynetheme.FileIcon(), func() { openAttachment(v.s, a.ID, name, problem) })
			saveB := widget.NewButtonWithIcon(assets.T("Save as…"), fynetheme.DocumentSaveIcon(), func() { saveAttachment(v.s, a.ID, name, problem) })
			objs = append(objs, container.NewBorder(nil, nil, nil, container.NewHBox(openB, saveB), wrapLabel(name)))
		}
		objs = append(objs, problem.Label)
	}
	if v.township {
		objs = append(objs, widget.NewSeparator(), subheading(assets.T("Received and read")))
		for _, av := range v.status[a.ID].Villages {
			objs = append(objs, wrapLabel(villageReadLine(av)))
		}
	}
	v.detail.Objects = objs
	v.detail.Refresh()
	if !v.township && !v.reads[a.ID] {
		var err error
		v.s.Go(func(ctx context.Context) { err = v.s.DB.MarkAnnouncementRead(ctx, a.ID) }, func() {
			if err != nil {
				v.problem.Set(assets.Chinese(err))
				return
			}
			v.reads[a.ID] = true
			v.summary.SetText(v.summaryText())
			v.table.Refresh()
		})
	}
}

// villageReadLine says in words what one village did with an announcement.
func villageReadLine(av store.AnnouncementVillage) string {
	switch {
	case av.Read != nil:
		return assets.T("%s: received; read on %s by %s", av.OrgName, av.Read.At, av.Read.By)
	case av.Received:
		return assets.T("%s: received, not read yet", av.OrgName)
	}
	return assets.T("%s: not received yet (it arrives with the village's next sync)", av.OrgName)
}

func wrapLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// openAttachment saves the attachment (checked again by content) into a new temporary folder
// and opens it with the system's program for its type.
func openAttachment(s *Session, id, name string, problem problemLabel) {
	var path string
	var err error
	s.Go(func(ctx context.Context) {
		dir, e := os.MkdirTemp("", "zhibu-tongzhi-")
		if e != nil {
			err = assets.Wrap(e, "Cannot write %s. Check that the USB stick or folder is writable and has space.", os.TempDir())
			return
		}
		path = filepath.Join(dir, filepath.Base(name))
		err = s.DB.SaveAnnouncementFile(ctx, id, name, path)
	}, func() {
		if err != nil {
			problem.Set(assets.Chinese(err))
			return
		}
		problem.Set("")
		if a := fyne.CurrentApp(); a != nil {
			u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
			if runtime.GOOS == "windows" {
				u.Path = "/" + u.Path
			}
			if e := a.OpenURL(u); e != nil {
				problem.Set(assets.T("No program on this computer opens %s; use 「Save as…」 and open it from the folder.", name))
			}
		}
	})
}

// saveAttachment asks where to save the attachment and saves it there (never over a file).
func saveAttachment(s *Session, id, name string, problem problemLabel) {
	var exts []string
	if e := strings.ToLower(filepath.Ext(name)); e != "" {
		exts = []string{e}
	}
	chooseFile(s.Window, filePick{Mode: pickSave, Title: assets.T("Save the attachment"), Purpose: "announcement", Exts: exts, Name: filepath.Base(name)},
		func(path string) {
			var err error
			s.Go(func(ctx context.Context) { err = s.DB.SaveAnnouncementFile(ctx, id, name, path) }, func() {
				if err != nil {
					problem.Set(assets.Chinese(err))
					return
				}
				problem.Set("")
				showSaved(s.Window, assets.T("Attachment saved"), path)
			})
		})
}

// makeAnnouncementPanel is the village home's line about the township's 通知: how many nobody
// here has opened yet, and a button to read them.
func makeAnnouncementPanel(s *Session) fyne.CanvasObject {
	return asyncBlock(s, assets.T("Looking for announcements…"), func(ctx context.Context) func() fyne.CanvasObject {
		unread, err := s.DB.UnreadAnnouncements(ctx)
		var total int
		if err == nil {
			var as []store.Announcement
			as, err = s.DB.Announcements(ctx)
			total = len(as)
		}
		return func() fyne.CanvasObject {
			return announcementPanel(s, unread, total, err)
		}
	})
}

func announcementPanel(s *Session, unread, total int, err error) fyne.CanvasObject {
	if err != nil {
		p := newProblemLabel()
		p.Set(assets.Chinese(err))
		return p.Label
	}
	open := widget.NewButtonWithIcon(assets.T("Read the announcements"), fynetheme.MailReplyIcon(), func() { s.open("announcements") })
	var line *widget.Label
	switch {
	case unread > 0:
		line = widget.NewLabel(assets.T("Announcements: %d not read yet", unread))
		line.Importance = widget.DangerImportance
		line.TextStyle.Bold = true
		open.Importance = widget.HighImportance
	case total > 0:
		line = widget.NewLabel(assets.T("Announcements: all %d read", total))
	default:
		line = widget.NewLabel(assets.T("Announcements: none from the township yet"))
	}
	return container.NewBorder(nil, nil, nil, open, line)
}

// composeAnnouncement asks for an announcement's title, text, villages (ticked in a list) and
// attachments and sends it; the dialog stays open with everything typed when something is
// wrong, saying what to do. sent is called with the new announcement's ID.
func composeAnnouncement(s *Session, sent func(id string)) {
	title := widget.NewEntry()
	body := widget.NewMultiLineEntry()
	body.SetMinRowsVisible(5)
	body.Wrapping = fyne.TextWrapWord
	problem := newProblemLabel()

	villages, err := s.DB.Orgs(s.Ctx, store.KindVillage)
	if err != nil {
		problem.Set(assets.Chinese(err))
	}
	checks := make([]*widget.Check, len(villages))
	var all *widget.Check
	syncing := false // 全部村 follows the villages' ticks without ticking them all again
	grid := container.NewGridWithColumns(3)
	for i, o := range villages {
		checks[i] = widget.NewCheck(o.Name, func(bool) {
			if syncing {
				return
			}
			every := true
			for _, c := range checks {
				every = every && c != nil && c.Checked
			}
			syncing = true
			all.SetChecked(every)
			syncing = false
		})
		grid.Add(checks[i])
	}
	all = widget.NewCheck(assets.T("All villages"), func(on bool) {
		if syncing {
			return
		}
		syncing = true
		for _, c := range checks {
			c.SetChecked(on)
		}
		syncing = false
	})
	all.SetChecked(true)
	villageBox := container.NewBorder(all, nil, nil, nil, minHeight(120, container.NewVScroll(grid)))

	var files []store.Attachment
	filesLabel := wrapLabel(assets.T("No attachment."))
	add := widget.NewButtonWithIcon(assets.T("Add an attachment…"), fynetheme.ContentAddIcon(), func() {
		chooseFile(s.Window, filePick{Mode: pickOpen, Title: assets.T("Choose the attachment"), Purpose: "announcement"}, func(path string) {
			b, err := readLimited(path, store.MaxAnnouncementFileBytes)
			if err != nil {
				problem.Set(assets.Chinese(assets.Wrap(err, "Cannot read the file %s.", path)))
				return
			}
			problem.Set("")
			files = append(files, store.Attachment{Name: filepath.Base(path), Data: b})
			var names []string
			for _, f := range files {
				names = append(names, fmt.Sprintf("%s（%d KB）", f.Name, (len(f.Data)+1023)/1024))
			}
			filesLabel.SetText(strings.Join(names, "、"))
		})
	})
	form := widget.NewForm(widget.NewFormItem(assets.T("Title"), title),
		widget.NewFormItem(assets.T("Text of the announcement"), body), widget.NewFormItem(assets.T("Villages"), villageBox),
		widget.NewFormItem(assets.T("Attachments"), container.NewVBox(filesLabel, container.NewHBox(add))))

	var d *dialog.CustomDialog
	var send *widget.Button
	send = primaryButton(assets.T("Send"), fynetheme.MailSendIcon(), func() {
		var codes []string
		if !all.Checked {
			for i, c := range checks {
				if c.Checked {
					codes = append(codes, villages[i].Code)
				}
			}
			if len(codes) == 0 {
				problem.Set(assets.T("Tick the villages the announcement is for, or 「All villages」."))
				return
			}
		}
		send.Disable()
		var id string
		var err error
		t, b, fs := title.Text, body.Text, append([]store.Attachment(nil), files...)
		s.Go(func(ctx context.Context) { id, err = s.DB.SendAnnouncement(ctx, t, b, codes, fs) }, func() {
			send.Enable()
			if err != nil {
				problem.Set(assets.Chinese(err)) // the dialog stays open with everything typed
				return
			}
			d.Hide()
			if sent != nil {
				sent(id)
			}
		})
	})
	// A notice's paragraphs are not lost to a slip on 取消: it asks when something is typed.
	cancel := widget.NewButton(assets.T("Cancel"), func() {
		confirmDiscard(s.Window, func() bool { return title.Text != "" || body.Text != "" }, d.Hide)
	})
	content := container.NewBorder(nil, problem.Label, nil, nil, container.NewVScroll(form))
	d = dialog.NewCustomWithoutButtons(assets.T("Send an announcement"), content, s.Window)
	d.SetButtons([]fyne.CanvasObject{cancel, send})
	d.Resize(dialogSize(s.Window, fyne.NewSize(760, 560)))
	d.Show()
	s.Window.Canvas().Focus(title)
}
