package ui

import (
	"context"
	"image/color"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// The township's home: every village at a glance for a period (store.KPIs: the same
// figures as the quarterly report), township totals above, a traffic light per village whose
// reasons show on hover, sortable columns, the findings grouped by village and kind, and a
// read-only drill-down into one village's records.

func init() {
	registerScreen(Screen{ID: "overview", Title: "Villages overview", Icon: navIcon(fynetheme.IconNameGrid), Order: -1,
		Roles: []string{store.RoleTownship}, Make: makeOverview})
}

var lightColor = map[string]color.NRGBA{
	"green": {R: 0x2E, G: 0x8B, B: 0x3E, A: 0xFF},
	"amber": {R: 0xE0, G: 0x9A, B: 0x00, A: 0xFF},
	"red":   {R: 0xC8, G: 0x10, B: 0x2E, A: 0xFF},
}

var lightLabel = map[string]string{"green": "On track (light)", "amber": "Needs attention (light)", "red": "Behind (light)"}

// overviewColumn is one column of the villages table: its header, width, the text of a
// village's cell and the value it sorts by.
type overviewColumn struct {
	header string
	width  float32
	text   func(k store.KPI) string
	sort   func(k store.KPI) float64 // nil: sort by text
}

// taskColumns are the headers of the columns whose click opens the village's items in the
// 整改台账 (the other columns open its records).
func taskColumns() map[string]bool {
	return map[string]bool{assets.T("Items open (column)"): true, assets.T("Items overdue (column)"): true}
}

type overview struct {
	s       *Session
	root    *fyne.Container
	list    *fyne.Container
	detail  *fyne.Container
	period  *safeSelect
	periods []store.Period
	totals  *fyne.Container
	table   *widget.Table
	tableAt *fyne.Container // holds the table, made anew for each period's figures
	status  *widget.Label   // the reasons of the row under the mouse
	problem problemLabel
	tabs    *container.AppTabs
	found   *fyne.Container
	send    *sendDown
	loading *fyne.Container // the busy bar while the figures are worked out
	gen     int             // the latest reload: an older one's figures are dropped

	cols    []overviewColumn
	headers map[int]*tapLabel // the header cells shown, by column
	rows    []store.KPI
	sortCol int
	desc    bool
	current store.Period
}

func makeOverview(s *Session) fyne.CanvasObject { return newOverview(s).root }

func newOverview(s *Session) *overview {
	o := &overview{s: s, problem: newProblemLabel(), sortCol: 0, desc: true, headers: map[int]*tapLabel{}}
	o.cols = append(overviewColumns(), branchworkColumns()...)
	o.periods = recentPeriods(store.MonthOf(s.DB.Now()))
	var labels []string
	for _, p := range o.periods {
		labels = append(labels, p.Label())
	}
	o.status = widget.NewLabel(assets.T("Point at a village to see why its light is not green; click it to open its records."))
	o.status.Wrapping = fyne.TextWrapWord
	// The tiles wrap onto a second row when the text is large, rather than widen the window.
	o.totals = container.New(layout.NewRowWrapLayout())
	o.loading = container.NewVBox(loadingRow(assets.T("Working out the villages' figures…")))
	o.loading.Hide()
	o.table = o.newTable()
	o.tableAt = container.NewStack(o.table)
	o.found = container.NewVBox()
	o.send = newSendDown(o)
	o.tabs = container.NewAppTabs(
		container.NewTabItem(assets.T("Villages"), container.NewBorder(nil, o.status, nil, nil, o.tableAt)),
		container.NewTabItem(assets.T("Findings by village"), container.NewVScroll(o.found)),
		container.NewTabItem(assets.T("Sent down"), o.send.root))
	o.tabs.OnSelected = func(t *container.TabItem) { o.loadTab() }
	o.period = newSafeSelect(labels, func(string) { o.reload() })
	report := widget.NewButtonWithIcon(assets.T("Quarterly report…"), fynetheme.DocumentPrintIcon(), func() { o.showReport() })
	bulletin := widget.NewButtonWithIcon(assets.T("Bulletin (通报)…"), fynetheme.DocumentIcon(), func() { o.showBulletin() })
	top := container.NewVBox(heading(assets.T("Villages overview")),
		toolbarRow([]fyne.CanvasObject{widget.NewLabel(assets.T("Period")), fixedWidth(180, o.period)}, bulletin, report),
		o.totals, o.loading, o.problem.Label)
	o.list = container.NewBorder(top, nil, nil, nil, o.tabs)
	o.detail = container.NewStack()
	o.root = container.NewPadded(container.NewStack(o.list, o.detail))
	// The quarter holding today is what the township looks at first.
	o.period.SetSelectedIndex(12)
	return o
}

func overviewColumns() []overviewColumn {
	pct := func(f func(store.KPI) store.Rate) (func(store.KPI) string, func(store.KPI) float64) {
		// No data (「—」) sorts below every rate.
		return func(k store.KPI) string { return store.Percent(f(k)) }, func(k store.KPI) float64 { return f(k).Or(-1) }
	}
	n := func(f func(store.KPI) int) (func(store.KPI) string, func(store.KPI) float64) {
		return func(k store.KPI) string { return strconv.Itoa(f(k)) }, func(k store.KPI) float64 { return float64(f(k)) }
	}
	rank := map[string]float64{"green": 0, "amber": 1, "red": 2}
	pending, pendingSort := n(func(k store.KPI) int { return k.Sync.PendingOut })
	onTime, onTimeSort := pct(func(k store.KPI) store.Rate { return k.OnTimeRate })
	attendance, attendanceSort := pct(func(k store.KPI) store.Rate { return k.AttendanceRate })
	dues, duesSort := pct(func(k store.KPI) store.Rate { return k.DuesRate })
	conflicts, conflictsSort := n(func(k store.KPI) int { return k.Conflicts })
	arrears, arrearsSort := n(func(k store.KPI) int { return k.Arrears3m })
	due, dueSort := n(func(k store.KPI) int { return k.DueSoon + k.Overdue })
	open, openSort := n(func(k store.KPI) int { return k.Tasks.Open })
	late, lateSort := n(func(k store.KPI) int { return k.Tasks.Overdue })
	return []overviewColumn{
		{assets.T("Status (column)"), 80, func(k store.KPI) string { return assets.T(lightLabel[k.Light]) }, func(k store.KPI) float64 { return rank[k.Light] }},
		{assets.T("Village"), 140, func(k store.KPI) string { return k.OrgName }, nil},
		{assets.T("Last sync"), 140, syncText, func(k store.KPI) float64 {
			if k.Sync.LastSync == "" {
				return 1e9
			}
			return float64(k.Sync.Days)
		}},
		{assets.T("To send (column)"), 64, pending, pendingSort},
		{assets.T("Conflicts (column)"), 56, conflicts, conflictsSort},
		{assets.T("On-time rate"), 104, onTime, onTimeSort},
		{assets.T("Meetings not held (column)"), 190, func(k store.KPI) string { return k.MissingMeetings() },
			func(k store.KPI) float64 { return float64(k.Missing*1000 + k.Late) }},
		{assets.T("Attendance (column)"), 80, attendance, attendanceSort},
		{assets.T("Dues rate (column)"), 88, dues, duesSort},
		{assets.T("Owing 3+ months (column)"), 80, arrears, arrearsSort},
		{assets.T("Candidate steps due (column)"), 80, due, dueSort},
		{assets.T("Items open (column)"), 64, open, openSort},
		{assets.T("Items overdue (column)"), 80, late, lateSort},
		{assets.T("Notices posted (column)"), 80, func(k store.KPI) string {
			return assets.T("%d of %d", k.NoticesPosted, k.NoticesPrinted)
		}, func(k store.KPI) float64 { return float64(k.NoticesPosted) }},
		{assets.T("Approved (column)"), 76, func(k store.KPI) string {
			return assets.T("%d of %d", len(k.ApprovedMonths), len(k.Months))
		}, func(k store.KPI) float64 { return float64(len(k.ApprovedMonths)) }},
	}
}

func syncText(k store.KPI) string {
	if k.Sync.LastSync == "" {
		if k.Sync.Paired {
			return assets.T("Never synced")
		}
		return assets.T("Not paired")
	}
	if k.Sync.Days <= 0 {
		return assets.T("today")
	}
	return assets.T("%d days ago", k.Sync.Days) // the date is in the row's explanation
}

func (o *overview) newTable() *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return len(o.rows), len(o.cols) },
		func() fyne.CanvasObject { return newHoverCell() },
		func(id widget.TableCellID, obj fyne.CanvasObject) {
			c := obj.(*hoverCell)
			k := o.rows[id.Row]
			if neverSynced(k) && id.Col > 2 {
				c.label.SetText("—") // nothing received: nothing to count
			} else {
				c.label.SetText(o.cols[id.Col].text(k))
			}
			c.showDot(id.Col == 0, lightColor[k.Light])
			row := id.Row
			c.onHover = func() { o.explain(row) }
		})
	t.ShowHeaderRow = true
	t.StickyColumnCount = 2 // the light and the village's name stay when the table scrolls sideways
	t.CreateHeader = func() fyne.CanvasObject { return newTapLabel() }
	t.UpdateHeader = func(id widget.TableCellID, obj fyne.CanvasObject) {
		h := obj.(*tapLabel)
		if id.Col < 0 || id.Col >= len(o.cols) {
			h.SetText("")
			return
		}
		o.headers[id.Col] = h
		col := id.Col
		h.onTapped = func() { o.sortBy(col) }
		h.SetText(o.headerText(col))
	}
	for i, c := range o.cols {
		t.SetColumnWidth(i, c.width*textScale()) // widths are given at 100 % text
	}
	t.OnSelected = func(id widget.TableCellID) {
		t.UnselectAll()
		switch {
		case id.Row < 0 || id.Row >= len(o.rows):
		case id.Col >= 0 && id.Col < len(o.cols) && taskColumns()[o.cols[id.Col].header]:
			o.s.openTasks(o.rows[id.Row].OrgID)
		default:
			o.open(o.rows[id.Row], store.AreaMeetings)
		}
	}
	return t
}

// sortBy sorts the villages by a column; a second click on the same column reverses it.
func (o *overview) sortBy(col int) {
	if col == o.sortCol {
		o.desc = !o.desc
	} else {
		o.sortCol, o.desc = col, col == 0
	}
	o.sortRows()
	o.table.Refresh()
	for col, h := range o.headers {
		h.SetText(o.headerText(col))
	}
}

// headerText is a column's header, with the sort order on the sorted column.
func (o *overview) headerText(col int) string {
	text := o.cols[col].header
	if col == o.sortCol {
		text += map[bool]string{true: "▼", false: "▲"}[o.desc]
	}
	return text
}

func (o *overview) sortRows() {
	c := o.cols[o.sortCol]
	sort.SliceStable(o.rows, func(i, j int) bool {
		a, b := o.rows[i], o.rows[j]
		if c.sort != nil {
			if va, vb := c.sort(a), c.sort(b); va != vb {
				return (va < vb) != o.desc
			}
			return a.OrgCode < b.OrgCode
		}
		if ta, tb := c.text(a), c.text(b); ta != tb {
			return (ta < tb) != o.desc
		}
		return a.OrgCode < b.OrgCode
	})
}

// neverSyncedReason is the reason given for a paired village nothing has come from.
func neverSyncedReason() string {
	return assets.T("Never synced: nothing has arrived from this village since it was paired; ask it to write its bundles to the USB stick")
}

// neverSynced reports whether a row is a paired village nothing has arrived from.
func neverSynced(k store.KPI) bool {
	return k.Sync.Paired && k.Sync.LastSync == "" && len(k.Reasons) == 1 && k.Reasons[0] == neverSyncedReason()
}

// withNeverSynced adds a row for every paired village that has no row yet because nothing
// has arrived from it: the one to chase, marked 从未同步 and red.
func withNeverSynced(ctx context.Context, db *store.DB, ks []store.KPI) ([]store.KPI, error) {
	peers, err := db.Replica().Peers(ctx)
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for _, k := range ks {
		have[k.OrgCode] = true
	}
	for _, p := range peers {
		if p.Role != store.RoleVillage || p.OrgCode == "" || have[p.OrgCode] {
			continue
		}
		have[p.OrgCode] = true
		ks = append(ks, store.KPI{OrgID: p.OrgID, OrgCode: p.OrgCode, OrgName: p.OrgName, Light: "red",
			Sync: store.SyncKPI{Paired: true}, Reasons: []string{neverSyncedReason()}, Stages: map[string]int{}})
	}
	return ks, nil
}

// explain shows why a village's light is what it is.
func (o *overview) explain(row int) {
	if row >= len(o.rows) {
		return
	}
	k := o.rows[row]
	if len(k.Reasons) == 0 {
		o.status.SetText(assets.T("%s: everything required is in order.", k.OrgName))
		return
	}
	reasons := make([]string, len(k.Reasons))
	for i, r := range k.Reasons {
		reasons[i] = strings.TrimRight(r, "。；") // no 「。；」 where they are joined
	}
	text := k.OrgName + "：" + strings.Join(reasons, "；") + "。"
	if k.Sync.LastSync != "" {
		text += assets.T("Last sync: %s.", k.Sync.LastSync[:10])
	}
	o.status.SetText(text)
}

// reload works out the period's figures off the UI thread (40 villages' records), showing
// a busy bar meanwhile, then fills the table and totals.
func (o *overview) reload() {
	i := o.period.SelectedIndex()
	if i < 0 || o.table == nil {
		return
	}
	o.current = o.periods[i]
	o.gen++
	gen, p := o.gen, o.current
	// A new bar each time: a hidden one has stopped moving (loadingBar).
	o.loading.Objects = []fyne.CanvasObject{loadingRow(assets.T("Working out the villages' figures…"))}
	o.loading.Show()
	var ks []store.KPI
	var err error
	homeBlockStarted() // the township's first screen (homeTrace)
	o.s.Go(func(ctx context.Context) {
		ks, err = o.s.DB.KPIs(ctx, p, nil)
		if err == nil {
			ks, err = withNeverSynced(ctx, o.s.DB, ks)
		}
	}, func() {
		if gen != o.gen {
			return // another period was chosen meanwhile
		}
		o.loading.Hide()
		if err != nil {
			o.problem.Set(assets.Chinese(err))
			return
		}
		o.problem.Set("")
		o.show(ks)
		relayoutWindows() // the totals appeared above the table
		homeBlockFilled()
	})
}

// show fills the table and totals with the period's figures.
func (o *overview) show(ks []store.KPI) {
	o.rows = ks
	o.sortRows()
	// A new table: one laid out while it had no rows does not grow its cells on Refresh.
	o.headers = map[int]*tapLabel{}
	o.table = o.newTable()
	o.tableAt.Objects = []fyne.CanvasObject{o.table}
	o.tableAt.Refresh()
	t := store.Totals(ks, o.current)
	o.totals.Objects = []fyne.CanvasObject{
		textTile(assets.T("Villages"), strconv.Itoa(len(ks)), true),
		textTile(assets.T("Members on the roll"), strconv.Itoa(t.Members), false),
		textTile(assets.T("On-time rate"), store.Percent(t.OnTimeRate), false),
		textTile(assets.T("Average attendance"), store.Percent(t.AttendanceRate), false),
		textTile(assets.T("Dues collection rate"), store.Percent(t.DuesRate), false),
		textTile(assets.T("Owing 3+ months"), strconv.Itoa(t.Arrears3m), false),
		textTile(assets.T("Villages behind (red)"), strconv.Itoa(countLight(ks, "red")), false),
	}
	o.totals.Refresh()
	o.loadTab()
}

// loadTab fills the findings or sent-down tab when it is shown (they take longer).
func (o *overview) loadTab() {
	switch o.tabs.SelectedIndex() {
	case 1:
		o.loadFindings()
	case 2:
		o.send.load()
	}
}

func countLight(ks []store.KPI, light string) int {
	n := 0
	for _, k := range ks {
		if k.Light == light {
			n++
		}
	}
	return n
}

// loadFindings lists the findings of the period grouped by village and kind, with counts;
// each group opens the village's records where it is put right. Checking every village
// runs off the UI thread, with the busy bar.
func (o *overview) loadFindings() {
	rows, p, gen := o.rows, o.current, o.gen
	o.found.Objects = []fyne.CanvasObject{loadingRow(assets.T("Checking every village's records…"))}
	o.found.Refresh()
	found := make([][]store.Finding, len(rows))
	var err error
	o.s.Go(func(ctx context.Context) {
		for i, k := range rows {
			if found[i], err = o.s.DB.Check(ctx, k.OrgID, p.String()); err != nil {
				return
			}
		}
	}, func() {
		if gen != o.gen {
			return // the figures were reloaded meanwhile: that reload lists them again
		}
		if err != nil {
			o.found.Objects = nil
			o.found.Refresh()
			o.problem.Set(assets.Chinese(err))
			return
		}
		o.showFindings(rows, found)
		relayoutWindows()
	})
}

// showFindings lists each village's findings (found[i] for rows[i]) by kind.
func (o *overview) showFindings(rows []store.KPI, found [][]store.Finding) {
	var items []fyne.CanvasObject
	for i, k := range rows {
		fs := found[i]
		if len(fs) == 0 {
			continue
		}
		groups := groupByKind(fs)
		line := []fyne.CanvasObject{widget.NewLabelWithStyle(assets.T("%s: %d findings", k.OrgName, len(fs)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
		for _, g := range groups {
			g, kpi := g, k
			b := widget.NewButton(assets.T("%s × %d", g.label, g.n), func() {
				if g.kind == "task_overdue" {
					o.s.openTasks(kpi.OrgID) // items are put right in the 整改台账
					return
				}
				o.open(kpi, store.FindingArea(g.kind))
			})
			if g.severity == "alarm" {
				b.Importance = widget.DangerImportance
			} else if g.severity == "warning" {
				b.Importance = widget.WarningImportance
			}
			line = append(line, b)
		}
		// The groups wrap under the village's name, rather than widen the window.
		items = append(items, container.New(layout.NewRowWrapLayout(), line...))
	}
	if len(items) == 0 {
		items = append(items, hint(assets.T("No village has a finding in this period.")))
	}
	o.found.Objects = items
	o.found.Refresh()
}

// kindGroup is the findings of one kind of one village.
type kindGroup struct {
	kind, label, severity string
	n                     int
}

// groupByKind counts a village's findings by kind, most severe kind first.
func groupByKind(fs []store.Finding) []kindGroup {
	idx := map[string]int{}
	var out []kindGroup
	rank := map[string]int{"alarm": 0, "warning": 1, "info": 2}
	for _, f := range fs {
		i, ok := idx[f.Kind]
		if !ok {
			label := store.FindingKindLabel(f.Kind)
			if label == "" {
				label = f.Title
			}
			i = len(out)
			idx[f.Kind] = i
			out = append(out, kindGroup{kind: f.Kind, label: label, severity: f.Severity})
		}
		out[i].n++
		if rank[f.Severity] < rank[out[i].severity] {
			out[i].severity = f.Severity
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].severity] < rank[out[j].severity] })
	return out
}

// open shows one village's records (read-only) on the tab of the area.
func (o *overview) open(k store.KPI, area string) {
	d := newVillageDetail(o.s, k, o.current, func() {
		o.detail.Objects = nil
		o.detail.Refresh()
		o.list.Show()
		o.reload()
	})
	d.selectArea(area)
	o.list.Hide()
	o.detail.Objects = []fyne.CanvasObject{d.root}
	o.detail.Refresh()
}

// textTile is a figure with a caption, for the overview's totals.
func textTile(caption, value string, accent bool) fyne.CanvasObject {
	num := canvas.NewText(value, fynetheme.Color(fynetheme.ColorNameForeground))
	if accent {
		num.Color = fynetheme.Color(fynetheme.ColorNamePrimary)
	}
	num.TextSize = 24
	num.Alignment = fyne.TextAlignCenter
	cap := widget.NewLabelWithStyle(caption, fyne.TextAlignCenter, fyne.TextStyle{})
	bg := canvas.NewRectangle(color.NRGBA{R: 0xF6, G: 0xF0, B: 0xEE, A: 0xFF})
	bg.CornerRadius = 8
	return container.NewStack(bg, fixedWidth(150*textScale(), container.NewVBox(num, cap)))
}

// hoverCell is a table cell that reports the mouse entering it (the row's reasons show
// below the table) and can show a coloured dot (the traffic light).
type hoverCell struct {
	widget.BaseWidget
	label   *widget.Label
	dot     *canvas.Circle
	dotBox  *fyne.Container
	onHover func()
}

func newHoverCell() *hoverCell {
	c := &hoverCell{label: widget.NewLabel(""), dot: canvas.NewCircle(color.Transparent)}
	c.label.Truncation = fyne.TextTruncateEllipsis
	c.dotBox = container.NewCenter(fixedSize(fyne.NewSize(14, 14), c.dot))
	c.ExtendBaseWidget(c)
	return c
}

func (c *hoverCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, c.dotBox, nil, c.label))
}

func (c *hoverCell) showDot(show bool, col color.NRGBA) {
	if !show {
		c.dotBox.Hide()
		return
	}
	c.dot.FillColor = col
	c.dot.Refresh()
	c.dotBox.Show()
}

// MouseIn shows the row's explanation.
func (c *hoverCell) MouseIn(*desktop.MouseEvent) {
	if c.onHover != nil {
		c.onHover()
	}
}

// MouseMoved does nothing.
func (c *hoverCell) MouseMoved(*desktop.MouseEvent) {}

// MouseOut does nothing: the explanation stays until another row is pointed at.
func (c *hoverCell) MouseOut() {}

// tapLabel is a bold, truncating label that can be tapped: a sortable column header.
type tapLabel struct {
	widget.Label
	onTapped func()
}

func newTapLabel() *tapLabel {
	l := &tapLabel{}
	l.TextStyle.Bold = true
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

// Tapped sorts by the column.
func (l *tapLabel) Tapped(*fyne.PointEvent) {
	if l.onTapped != nil {
		l.onTapped()
	}
}

// fixedSize gives an object a fixed minimum size.
func fixedSize(s fyne.Size, o fyne.CanvasObject) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(s)
	return container.NewStack(r, o)
}
