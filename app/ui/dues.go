package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	registerScreen(Screen{ID: "dues", Title: "Party dues", Icon: navIcon(fynetheme.IconNameStorage), Order: 30, Roles: []string{store.RoleVillage}, Make: makeDues})
	registerHomePanel(HomePanel{Order: 30, Roles: []string{store.RoleVillage}, Make: makeLifecyclePanel})
}

// duesView is the dues screen: a year grid of members × months (paid, owed), the payment
// form under it, each member's amount and how it is worked out, and the uses of dues.
type duesView struct {
	s       *Session
	year    int
	members []store.Member
	status  map[string]store.DuesStatus             // by member ID
	paid    map[string]map[string]store.DuesPayment // member → month → payment
	unpaid  map[string]map[string]bool
	short   map[string]map[string]store.DuesShort // member → month → underpayment
	table   *widget.Table
	amounts *widget.Table // the 党费核定 tab's list
	summary *widget.Label

	payMember *memberPicker
	payMonths *keyEntry
	payAmount *keyEntry
	payDate   *dateField
	payLate   *widget.Check
	// A 流动党员 who paid at the 流入地 党组织 (issue 23; only for floating members).
	payElsewhere    *widget.Check
	payElsewhereOrg *keyEntry
	note            *widget.Label
	problem         problemLabel
}

// lastDues is the dues screen made last (for tests to reach its forms).
var lastDues *duesView

func makeDues(s *Session) fyne.CanvasObject {
	v := &duesView{s: s, year: s.DB.Now().Year(), problem: newProblemLabel()}
	v.summary = widget.NewLabel("")
	v.note = widget.NewLabel("")
	v.note.Importance = widget.SuccessImportance
	lastDues = v
	// The screen is built once its figures are read (off the UI thread): a table first laid
	// out with no rows does not draw its cells when its rows arrive.
	root := container.NewStack(container.NewVBox(heading(assets.T("Party dues")), loadingRow(assets.T("Loading…"))))
	v.loadThen(func() {
		tabs := container.NewAppTabs(
			container.NewTabItem(assets.T("Payments"), v.paymentsTab()),
			container.NewTabItem(assets.T("Amounts"), v.amountsTab()),
			container.NewTabItem(assets.T("Use of dues"), v.usesTab()),
		)
		root.Objects = []fyne.CanvasObject{container.NewBorder(container.NewVBox(heading(assets.T("Party dues")), v.startBanner(), v.summary), nil, nil, nil, tabs)}
		root.Refresh()
	})
	return root
}

// startBanner asks, until it is answered, from which month the branch keeps dues in this
// app: no month before it counts as unpaid.
func (v *duesView) startBanner() fyne.CanvasObject {
	_, set, err := v.s.DB.DuesStartMonth(v.s.Ctx, v.s.Home.ID)
	if err != nil || set || !v.s.User.CanWrite() {
		return container.NewVBox()
	}
	month := newEntry()
	month.SetText(v.s.DB.Now().Format("2006-01"))
	q := widget.NewLabel(assets.T("From which month does the branch record dues in this app? Months before it never count as unpaid."))
	q.Importance = widget.WarningImportance
	q.Wrapping = fyne.TextWrapWord
	box := container.NewVBox()
	var form *guardedForm
	form = v.s.guardForm(func() bool {
		if err := v.s.DB.SetDuesStartMonth(v.s.Ctx, v.s.Home.ID, strings.TrimSpace(month.Text)); err != nil {
			v.problem.Set(assets.Chinese(err))
			return false
		}
		v.problem.Set("")
		box.Hide()
		form.fields = nil // answered: nothing left to save here
		v.load()
		return true
	}, month)
	save := primaryButton(assets.T("Save"), fynetheme.DocumentSaveIcon(), form.tap)
	box.Add(q)
	box.Add(container.NewHBox(widget.NewLabel(assets.T("Dues start month")), fixedWidth(110, month), save))
	return box
}

// duesData is what the dues screen shows, read off the UI thread.
type duesData struct {
	members  []store.Member
	problems []string // what could not be read; the rest is still shown
	// Looked up by the grid, built off the UI thread too (5,000 members' months).
	status map[string]store.DuesStatus
	unpaid map[string]map[string]bool
	short  map[string]map[string]store.DuesShort
	paid   map[string]map[string]store.DuesPayment
	owing  int
	sum    int64
}

// load reads the year's dues off the UI thread (5,000 members' statuses take seconds) and
// shows them.
func (v *duesView) load() { v.loadThen(nil) }

// loadThen is load, then runs then (may be nil) with the new figures shown.
func (v *duesView) loadThen(then func()) {
	var d duesData
	year := v.year
	v.s.Go(func(ctx context.Context) { d = v.read(ctx, year) }, func() {
		v.show(d)
		if then != nil {
			then()
		}
	})
}

func (v *duesView) read(ctx context.Context, year int) duesData {
	db := v.s.DB
	var d duesData
	note := func(err error) {
		if err != nil {
			d.problems = append(d.problems, assets.Chinese(err))
		}
	}
	var err error
	d.members, err = db.Members(ctx, store.MemberFilter{OrgID: v.s.Home.ID})
	note(err)
	statuses, err := db.DuesStatuses(ctx, v.s.Home.ID, db.Now())
	note(err)
	pays, err := db.DuesPayments(ctx, v.s.Home.ID, fmt.Sprintf("%d-01", year), fmt.Sprintf("%d-12", year))
	note(err)
	d.status, d.unpaid, d.short = map[string]store.DuesStatus{}, map[string]map[string]bool{}, map[string]map[string]store.DuesShort{}
	for _, st := range statuses {
		d.status[st.MemberID] = st
		d.unpaid[st.MemberID] = map[string]bool{}
		for _, m := range st.Unpaid {
			d.unpaid[st.MemberID][m] = true
		}
		d.short[st.MemberID] = map[string]store.DuesShort{}
		for _, x := range st.Short {
			d.short[st.MemberID][x.Month] = x
		}
		if len(st.Unpaid) > 0 {
			d.owing++
		}
	}
	d.paid = map[string]map[string]store.DuesPayment{}
	for _, p := range pays {
		if d.paid[p.MemberID] == nil {
			d.paid[p.MemberID] = map[string]store.DuesPayment{}
		}
		d.paid[p.MemberID][p.Month] = p
		d.sum += p.Amount
	}
	return d
}

func (v *duesView) show(d duesData) {
	v.members, v.status, v.unpaid, v.short, v.paid = d.members, d.status, d.unpaid, d.short, d.paid
	owing, sum := d.owing, d.sum
	v.problem.Set(strings.Join(d.problems, "\n"))
	v.summary.SetText(assets.T("%d: %s yuan collected; %d of %d members owe dues.", v.year, store.Yuan(sum), owing, len(v.members)))
	if v.payMember != nil {
		v.payMember.SetRoll(v.members)
	}
	for _, t := range []*widget.Table{v.table, v.amounts} {
		if t != nil {
			t.Refresh()
		}
	}
}

func (v *duesView) month(col int) string { return fmt.Sprintf("%d-%02d", v.year, col-1) }

// paymentsTab is the year grid and the payment form.
func (v *duesView) paymentsTab() fyne.CanvasObject {
	headers := []string{assets.T("Name"), assets.T("Monthly")}
	for m := 1; m <= 12; m++ {
		headers = append(headers, assets.T("Month %d", m))
	}
	headers = append(headers, assets.T("Owed"))
	v.table = widget.NewTable(
		func() (int, int) { return len(v.members), len(headers) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			text, imp := v.cell(id.Row, id.Col, len(headers))
			l.Importance = imp
			l.SetText(text)
		})
	v.table.ShowHeaderRow = true
	v.table.CreateHeader = func() fyne.CanvasObject { l := widget.NewLabel(""); l.TextStyle.Bold = true; return l }
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(headers[id.Col]) }
	sc := textScale() // the widths are for 100 % text
	v.table.SetColumnWidth(0, 100*sc)
	v.table.SetColumnWidth(1, 80*sc)
	for c := 2; c < 14; c++ {
		v.table.SetColumnWidth(c, 58*sc)
	}
	v.table.SetColumnWidth(14, 170*sc)
	v.table.OnSelected = func(id widget.TableCellID) {
		v.table.UnselectAll()
		if id.Row < 0 || id.Row >= len(v.members) {
			return
		}
		v.payMember.SetID(v.members[id.Row].ID)
		v.fillAmount()
		v.offerElsewhere()
		if id.Col >= 2 && id.Col < 14 {
			v.payMonths.SetText(v.month(id.Col))
		}
	}

	// A search-as-you-type picker, not a list of every name (a branch may have hundreds).
	v.payMember = newMemberPicker(v.s.Window, v.members)
	v.payMember.OnChanged = func() { v.fillAmount(); v.offerElsewhere() }
	v.payMonths = newEntry()
	v.payMonths.SetPlaceHolder(assets.T("Month: 2026-11, or 2026Q4, or 2026-10,2026-11"))
	v.payMonths.SetText(v.s.DB.Now().Format("2006-01"))
	v.payMonths.OnChanged = func(string) { v.fillAmount() }
	v.payAmount = newEntry()
	v.payAmount.SetPlaceHolder(assets.T("Amount, yuan"))
	v.payDate = newDateField(v.s.Window)
	v.payDate.SetDate(v.s.DB.Now().Format("2006-01-02"))
	v.payLate = widget.NewCheck(assets.T("Late payment agreed by the branch"), nil)
	v.payElsewhereOrg = newEntry()
	v.payElsewhereOrg.SetPlaceHolder(assets.T("The party organisation where he works"))
	v.payElsewhere = widget.NewCheck(assets.T("Paid at the place he works (floating members)"), func(on bool) {
		if on {
			v.payElsewhereOrg.Enable()
		} else {
			v.payElsewhereOrg.Disable()
		}
	})
	v.offerElsewhere()
	// The marks' legend is behind a 「?」: on a 1366×768 screen drawn at 150 % its three lines
	// left the grid one member's row (seen in the real window).
	legendText := assets.T("✓ paid · 少 paid below the computed amount · 欠 overdue and unpaid (red) · — not owed (before joining, or before the branch kept dues here). Tap a month to fill in the form.") +
		assets.T(" ✓外: paid at the place a floating member works.")
	legend := widget.NewButtonWithIcon(assets.T("What the marks mean"), fynetheme.QuestionIcon(), func() {
		dialog.NewCustom(assets.T("What the marks mean"), assets.T("Close"), paragraph(legendText, 460), v.s.Window).Show()
	})
	// A payment filled in (a member and months chosen, an amount typed) and not recorded is
	// unsaved work (leaveguard.go).
	pay := primaryButton(assets.T("Record payment"), fynetheme.ConfirmIcon(), v.s.guardForm(v.pay, v.payMember, v.payMonths, v.payAmount, v.payDate,
		v.payLate, v.payElsewhere, v.payElsewhereOrg).tap)
	// Three rows, so that at 150 % text the form still fits a 1366-pixel screen.
	form := container.NewVBox(
		container.NewBorder(nil, nil, fixedWidth(150*sc, v.payMember.btn), fixedWidth(130*sc, v.payAmount), v.payMonths),
		container.NewHBox(v.payDate, container.NewVBox(v.payLate), container.NewVBox(pay)),
		container.NewBorder(nil, nil, v.payElsewhere, legend, fixedWidth(260*sc, v.payElsewhereOrg)))
	if !v.s.User.CanWrite() {
		form.Hide()
	}
	return container.NewBorder(nil, container.NewVBox(form, v.note, v.problem.Label), nil, nil, v.table)
}

func (v *duesView) cell(row, col, ncols int) (string, widget.Importance) {
	m := v.members[row]
	st := v.status[m.ID]
	switch {
	case col == 0:
		return m.Name, widget.MediumImportance
	case col == 1:
		return store.Yuan(st.Monthly), widget.MediumImportance
	case col == ncols-1:
		if n := len(st.Unpaid); n > 0 {
			imp := widget.WarningImportance
			if st.Alarm {
				imp = widget.DangerImportance
			}
			return assets.T("%d months, %s yuan", n, store.Yuan(st.Owed)), imp
		}
		return "", widget.MediumImportance
	}
	mo := v.month(col)
	if x, ok := v.short[m.ID][mo]; ok {
		return assets.T("short %s", store.Yuan(x.Short)), widget.WarningImportance
	}
	if p, ok := v.paid[m.ID][mo]; ok {
		if p.PaidElsewhere != "" {
			return "✓外", widget.SuccessImportance
		}
		return "✓", widget.SuccessImportance
	}
	if v.unpaid[m.ID][mo] {
		return "欠", widget.DangerImportance
	}
	if mo < st.From || (len(m.JoinedDate) >= 7 && mo < m.JoinedDate[:7]) {
		return "—", widget.LowImportance
	}
	return "", widget.MediumImportance
}

func (v *duesView) selected() (store.Member, bool) {
	id := v.payMember.ID()
	for _, m := range v.members {
		if m.ID == id && id != "" {
			return m, true
		}
	}
	return store.Member{}, false
}

// fillAmount shows the computed amount for the chosen member and months.
func (v *duesView) fillAmount() {
	m, ok := v.selected()
	if !ok {
		return
	}
	months, err := store.ExpandMonths(v.payMonths.Text)
	if err != nil {
		return
	}
	v.payAmount.SetText(store.Yuan(v.status[m.ID].Monthly * int64(len(months))))
}

func (v *duesView) pay() bool {
	v.note.SetText("")
	m, ok := v.selected()
	if !ok {
		v.problem.Set(assets.T("Choose the member who paid."))
		return false
	}
	months, err := store.ExpandMonths(v.payMonths.Text)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return false
	}
	elsewhere := ""
	if v.payElsewhere.Checked && !v.payElsewhere.Disabled() {
		if elsewhere = strings.TrimSpace(v.payElsewhereOrg.Text); elsewhere == "" {
			v.problem.Set(assets.T("Enter the party organisation where he paid (as on his 流动党员活动证)."))
			return false
		}
	}
	var total int64
	if strings.TrimSpace(v.payAmount.Text) != "" || elsewhere == "" {
		if total, err = store.ParseYuan(v.payAmount.Text); err != nil {
			v.problem.Set(assets.Chinese(err))
			return false
		}
	}
	if v.alreadyPaid(m, months) {
		// A second click on 登记交纳: the payment is there, so this is no failure (issue 22:
		// it showed red and looked like one).
		v.problem.Set("")
		v.note.SetText(assets.T("Already recorded, no need to repeat: the dues of %s for %s are recorded.", m.Name, strings.Join(months, "、")))
		return true
	}
	req := store.PayRequest{MemberID: m.ID, Months: months, Total: total, PaidDate: v.payDate.Date(), Late: v.payLate.Checked, Elsewhere: elsewhere}
	if _, err := v.s.DB.PayDues(v.s.Ctx, req); err != nil {
		if errors.Is(err, store.ErrDuplicateRow) {
			// A second click on 登记交纳 (or the same month again): the payment is there, so
			// this is no failure (issue 22: it showed red and looked like one).
			v.problem.Set("")
			v.note.SetText(assets.T("Already recorded, no need to repeat: %s", assets.Chinese(err)))
			return true
		}
		v.problem.Set(assets.Chinese(err))
		return false
	}
	v.problem.Set("")
	if elsewhere != "" {
		v.note.SetText(assets.T("Recorded that %s paid the dues for %s to %s.", m.Name, strings.Join(months, "、"), elsewhere))
	} else {
		v.note.SetText(assets.T("Recorded dues of %s for %s: %s yuan.", m.Name, strings.Join(months, "、"), store.Yuan(total)))
	}
	v.payLate.SetChecked(false)
	v.payElsewhere.SetChecked(false)
	v.load()
	return true
}

// alreadyPaid reports whether every one of the months is recorded as paid for the member.
func (v *duesView) alreadyPaid(m store.Member, months []string) bool {
	lo, hi := months[0], months[0]
	for _, mo := range months {
		lo, hi = min(lo, mo), max(hi, mo)
	}
	ps, err := v.s.DB.DuesPayments(v.s.Ctx, v.s.Home.ID, lo, hi)
	if err != nil {
		return false // PayDues says what is wrong
	}
	paid := map[string]bool{}
	for _, p := range ps {
		if p.MemberID == m.ID {
			paid[p.Month] = true
		}
	}
	for _, mo := range months {
		if !paid[mo] {
			return false
		}
	}
	return true
}

// offerElsewhere allows 「在流入地交纳」 only for a floating member.
func (v *duesView) offerElsewhere() {
	if v.payElsewhere == nil {
		return
	}
	if m, ok := v.selected(); ok && m.Category == "floating" {
		v.payElsewhere.Enable()
	} else {
		v.payElsewhere.SetChecked(false)
		v.payElsewhere.Disable()
	}
	if !v.payElsewhere.Checked {
		v.payElsewhereOrg.Disable()
	}
}
