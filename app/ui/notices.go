package ui

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/app/notice"
	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/atomicfile"
)

func init() {
	registerScreen(Screen{ID: "notices", Title: "Notice board", Icon: navIcon(fynetheme.IconNameDocumentPrint), Order: 40,
		Roles: []string{store.RoleVillage}, Make: makeNotices})
}

// noticesView prints wall notices: choose the kind, its period or subject and the paper,
// look at the preview, save the PDF or open it for printing; then record it as posted with
// a photo of the board.
type noticesView struct {
	s        *Session
	kinds    []notice.KindInfo
	kind     *widget.Select
	period   *widget.Select
	periods  []store.Period
	subject  *widget.Select
	subjects []string // IDs matching subject's options ("" for all)
	paper    *widget.RadioGroup
	problem  problemLabel
	done     *widget.Label
	preview  *fyne.Container
	form     *widget.Form
	posted   *noticePosting
	doc      notice.Document
	pdf      []byte
	req      notice.Request
	// The PDF is made off the UI thread (180–270 ms for a theme day's notice on the office
	// PC's class of machine): gen counts the requests for it, building is true while one
	// runs; a request made meanwhile is built when it ends, only the newest is shown.
	gen      int
	building bool
	saveBt   *widget.Button
	openBt   *widget.Button
}

func makeNotices(s *Session) fyne.CanvasObject {
	v := newNoticesView(s)
	if r := pendingNotice; r != nil {
		pendingNotice = nil
		v.choose(*r)
	}
	return v.content()
}

// choose selects a kind and subject, as the decisions screen asks.
func (v *noticesView) choose(r notice.Request) {
	for i, k := range v.kinds {
		if k.Kind == r.Kind {
			v.kind.SetSelectedIndex(i)
		}
	}
	for i, id := range v.subjects {
		if id == r.Subject {
			v.subject.SetSelectedIndex(i)
		}
	}
	for i, p := range v.periods {
		if r.Period != "" && p.String() == r.Period {
			v.period.SetSelectedIndex(i)
		}
	}
}

func newNoticesView(s *Session) *noticesView {
	v := &noticesView{s: s, problem: newProblemLabel(), done: widget.NewLabel(""), preview: container.NewStack()}
	for _, k := range notice.Kinds() {
		// The township's list of every village and its 整顿 plans: the star-rating and 整顿
		// screens print them.
		if k.Kind != notice.StarList && k.Kind != notice.RectifyPlan {
			v.kinds = append(v.kinds, k)
		}
	}
	v.done.Importance = widget.SuccessImportance
	v.done.Wrapping = fyne.TextWrapWord
	var labels []string
	for _, k := range v.kinds {
		labels = append(labels, assets.T(k.Label))
	}
	v.period = newSelect(nil, func(string) { v.build() })
	v.subject = newSelect(nil, func(string) { v.build() })
	v.subject.PlaceHolder = assets.T("Not needed for this notice")
	v.period.PlaceHolder = assets.T("Not needed for this notice")
	v.paper = widget.NewRadioGroup([]string{"A4", "A3"}, nil)
	v.paper.Horizontal = true
	v.paper.Required = true
	v.paper.SetSelected("A4")
	v.paper.OnChanged = func(string) { v.build() }
	v.kind = newSelect(labels, func(string) { v.kindChanged() })
	v.posted = newNoticePosting(s)
	v.form = widget.NewForm(
		widget.NewFormItem(assets.T("Kind of notice"), v.kind),
		widget.NewFormItem(assets.T("Period of the notice"), v.period),
		widget.NewFormItem(assets.T("Notice about"), v.subject),
		widget.NewFormItem(assets.T("Paper size"), v.paper))
	v.kind.SetSelectedIndex(0)
	return v
}

func (v *noticesView) content() fyne.CanvasObject {
	save := primaryButton(assets.T("Save PDF…"), fynetheme.DocumentSaveIcon(), v.chooseSave)
	open := widget.NewButtonWithIcon(assets.T("Open for printing"), fynetheme.DocumentPrintIcon(), v.openForPrinting)
	v.saveBt, v.openBt = save, open
	v.setReady()
	if v.s.Keys != nil {
		v.s.Keys.Print = v.openForPrinting // Ctrl+P
	}
	left := container.NewVBox(heading(assets.T("Notice board")), v.form, container.NewHBox(save, open), v.problem.Label, v.done,
		widget.NewSeparator(), v.posted.content())
	// The preview scrolls both ways: a 活动情况's table of names is wider than the room beside
	// the form at system scaling 1.5 (the whole screen scrolled sideways, 840 of 753 units).
	right := container.NewBorder(hint(assets.T("Preview: the same text and table as the PDF (the PDF's line breaks may differ).")), nil, nil, nil,
		container.NewScroll(v.preview))
	split := container.NewHSplit(container.NewVScroll(fixedWidth(430, left)), right)
	split.Offset = 0.36
	return split
}

func (v *noticesView) current() notice.KindInfo {
	i := v.kind.SelectedIndex()
	if i < 0 {
		return v.kinds[0]
	}
	return v.kinds[i]
}

// kindChanged offers the periods and subjects the kind takes.
func (v *noticesView) kindChanged() {
	k := v.current()
	now := v.s.DB.Now()
	v.periods = nil
	switch k.Period {
	case store.PeriodMonth:
		this := store.MonthOf(now)
		v.periods = []store.Period{store.MonthOf(this.End()), this, store.MonthOf(this.Start().AddDate(0, -1, 0))}
	case store.PeriodQuarter:
		q := store.QuarterOf(now)
		v.periods = []store.Period{q, store.QuarterOf(q.Start().AddDate(0, -3, 0)), store.QuarterOf(q.Start().AddDate(0, -6, 0))}
	case store.PeriodYear:
		y := store.YearOf(now)
		v.periods = []store.Period{y, store.YearOf(y.Start().AddDate(-1, 0, 0))}
	}
	var labels []string
	for _, p := range v.periods {
		labels = append(labels, p.Label())
	}
	v.period.OnChanged = nil
	v.period.Options = labels
	v.period.ClearSelected()
	if len(labels) > 0 {
		sel := 0
		if k.Period == store.PeriodMonth {
			sel = 1 // this month
		}
		v.period.SetSelectedIndex(sel)
		v.period.Enable()
	} else {
		v.period.Disable()
	}
	v.period.OnChanged = func(string) { v.build() }
	v.subject.OnChanged = nil
	v.subjects, v.subject.Options = v.subjectOptions(k)
	v.subject.ClearSelected()
	if len(v.subjects) > 0 {
		v.subject.SetSelectedIndex(0)
		v.subject.Enable()
	} else {
		v.subject.Disable()
	}
	v.subject.OnChanged = func(string) { v.build() }
	v.form.Refresh()
	v.build()
}

func (v *noticesView) subjectOptions(k notice.KindInfo) ([]string, []string) {
	switch k.Kind {
	case notice.Decision:
		ds, err := v.s.DB.Decisions(v.s.Ctx, v.s.Home.ID)
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return nil, nil
		}
		var ids, labels []string
		for _, d := range ds {
			if d.ResolvedOn != "" {
				ids, labels = append(ids, d.ID), append(labels, d.Title)
			}
		}
		return ids, labels
	case notice.Development, notice.Probation:
		return []string{""}, []string{assets.T("Everyone due")}
	case notice.ThemeDayReport:
		ms, err := v.s.DB.Meetings(v.s.Ctx, store.MeetingFilter{OrgID: v.s.Home.ID, Kind: store.MeetingThemeDay})
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return nil, nil
		}
		var ids, labels []string
		for i := len(ms) - 1; i >= 0 && len(ids) < 24; i-- { // the latest first
			ids, labels = append(ids, ms[i].ID), append(labels, ms[i].Date+" "+ms[i].Topic)
		}
		return ids, labels
	}
	return nil, nil
}

// build makes the notice from the choices, renders the PDF and shows the preview. The PDF
// is made off the UI thread, with a moving bar in the preview meanwhile; 保存PDF and 打开打印
// wait for it (disabled).
func (v *noticesView) build() {
	v.gen++
	if !v.building {
		v.startBuild()
	}
}

func (v *noticesView) startBuild() {
	gen := v.gen
	k := v.current()
	v.req = notice.Request{Kind: k.Kind, Paper: notice.Paper(v.paper.Selected)}
	if i := v.period.SelectedIndex(); i >= 0 && i < len(v.periods) {
		v.req.Period = v.periods[i].String()
	}
	if i := v.subject.SelectedIndex(); i >= 0 && i < len(v.subjects) {
		v.req.Subject = v.subjects[i]
	}
	v.problem.Set("")
	v.done.SetText("")
	v.pdf = nil
	if (k.Kind == notice.Decision || k.Kind == notice.ThemeDayReport) && v.req.Subject == "" {
		msg := assets.T("No decision has been resolved yet. Record the steps under 四议两公开 first.")
		if k.Kind == notice.ThemeDayReport {
			msg = assets.T("No theme party day has been recorded yet. Record it under \"Theme party day\" first.")
		}
		v.problem.Set(msg)
		v.preview.Objects = nil
		v.preview.Refresh()
		v.setReady()
		return
	}
	v.building = true
	v.setReady()
	bar := newLoadingBar()
	v.preview.Objects = []fyne.CanvasObject{container.NewVBox(widget.NewLabel(assets.T("Making the notice…")), bar)}
	v.preview.Refresh()
	req := v.req
	var buf bytes.Buffer
	var doc notice.Document
	var err error
	v.s.Go(func(ctx context.Context) {
		doc, err = notice.Print(ctx, v.s.DB, req, &buf)
	}, func() {
		v.building = false
		bar.Stop()
		if gen != v.gen {
			v.startBuild() // the choices changed meanwhile
			return
		}
		defer v.setReady()
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			v.preview.Objects = nil
			v.preview.Refresh()
			return
		}
		v.doc, v.pdf = doc, buf.Bytes()
		v.preview.Objects = []fyne.CanvasObject{noticePreview(doc)}
		v.preview.Refresh()
	})
}

// setReady enables 保存PDF and 打开打印 when there is a PDF to save.
func (v *noticesView) setReady() {
	for _, b := range []*widget.Button{v.saveBt, v.openBt} {
		if b == nil {
			continue
		}
		if v.pdf != nil && !v.building {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func (v *noticesView) fileName() string {
	name := strings.NewReplacer("/", "-", "\\", "-", "“", "", "”", "").Replace(v.doc.Title)
	return name + ".pdf"
}

func (v *noticesView) chooseSave() {
	if v.pdf == nil {
		return
	}
	chooseFile(v.s.Window, filePick{Mode: pickSave, Title: assets.T("Save the notice as PDF"), Purpose: "notice", Exts: []string{".pdf"}, Name: v.fileName()}, func(path string) {
		if v.save(path) {
			showSaved(v.s.Window, assets.T("Notice saved"), path)
		}
	})
}

// save writes the PDF to path and records that the notice was printed.
func (v *noticesView) save(path string) bool {
	if err := atomicfile.WriteFile(path, v.pdf); err != nil {
		v.problem.Set(assets.T("Cannot write the file %s. Check the folder exists and is writable.", path))
		return false
	}
	if v.s.User.CanWrite() {
		if _, err := v.s.DB.RecordNoticePrinted(v.s.Ctx, v.s.Home.ID, v.req.Kind, v.req.Period, v.req.Subject); err != nil {
			v.problem.Set(assets.Chinese(err))
			return false
		}
		v.posted.reload()
	}
	v.done.SetText(assets.T("Saved %s. Print it, post it on the board, then record it below as posted.", filepath.Base(path)))
	return true
}

// openForPrinting saves the PDF in the temporary folder and opens it with the system's PDF
// viewer, from which it is printed.
func (v *noticesView) openForPrinting() {
	if v.pdf == nil {
		return
	}
	dir := filepath.Join(os.TempDir(), "zhibu-notices")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		v.problem.Set(assets.T("Cannot write the file %s. Check the folder exists and is writable.", dir))
		return
	}
	path := filepath.Join(dir, v.fileName())
	if !v.save(path) {
		return
	}
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path // Windows: file:///C:/…
	}
	if err := fyne.CurrentApp().OpenURL(u); err != nil {
		v.problem.Set(assets.T("Cannot open the PDF viewer. The file is saved at %s; open it from there to print.", path))
	}
}
