package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/app/notice"
	"zhibu/assets"
	"zhibu/store"
)

func init() {
	registerScreen(Screen{ID: "decisions", Title: "Village decisions (四议两公开)", Icon: navIcon(fynetheme.IconNameList), Order: 41,
		Roles: []string{store.RoleVillage}, Make: makeDecisions})
}

// decisionsView records village matters under 四议两公开: the list with the step each has
// reached, and a form with the six steps' dates, the vote and the result.
type decisionsView struct {
	s       *Session
	list    []store.Decision
	table   *widget.Table
	d       store.Decision
	title   *widget.Entry
	matter  *widget.Entry
	dates   []*dateField
	merged  *widget.Check
	body    *widget.Select
	due     *widget.Entry
	present *widget.Entry
	agreed  *widget.Entry
	result  *widget.Entry
	// Step 3's vote (党员大会审议), the optional township review (四议一审两公开) and what a
	// 村民会议's quorum is counted over (issue 23: the command line had them, the window not).
	reviewDue, reviewPresent, reviewFor *widget.Entry
	townReview                          *dateField
	basis                               *widget.Select
	saved                               string // the form as opened or saved (leaveguard.go)
	problem                             problemLabel
	done                                *widget.Label
	printBt                             *widget.Button
}

// pendingNotice, when set, is the notice the notices screen opens with (set by the decisions
// screen's print button).
var pendingNotice *notice.Request

func makeDecisions(s *Session) fyne.CanvasObject { return newDecisionsView(s).content() }

func newDecisionsView(s *Session) *decisionsView {
	v := &decisionsView{s: s, problem: newProblemLabel(), done: widget.NewLabel("")}
	v.done.Importance = widget.SuccessImportance
	v.title = widget.NewEntry()
	v.title.SetPlaceHolder(assets.T("The matter to be decided"))
	v.matter = widget.NewMultiLineEntry()
	v.matter.SetPlaceHolder(assets.T("The matter and its plan, as published"))
	v.matter.SetMinRowsVisible(3)
	v.matter.Wrapping = fyne.TextWrapWord
	for range store.DecisionStepKeys {
		e := newDateField(s.Window)
		e.Optional = true
		v.dates = append(v.dates, e)
	}
	v.merged = widget.NewCheck(assets.T("Steps 1 and 2 held together (the secretary is also the village head)"), nil)
	v.basis = newSelect([]string{assets.T("over the adult villagers (more than half present)"), assets.T("over the households (two thirds present)")}, nil)
	v.basis.SetSelectedIndex(0)
	v.body = newSelect([]string{assets.T("villagers' representatives' meeting"), assets.T("villagers' meeting")}, func(string) { v.showBasis() })
	v.body.SetSelectedIndex(0)
	v.reviewDue, v.reviewPresent, v.reviewFor = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	v.townReview = newDateField(s.Window)
	v.townReview.Optional = true
	v.townReview.SetPlaceHolder(assets.T("optional"))
	v.due, v.present, v.agreed = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	v.due.SetPlaceHolder(assets.T("due to attend"))
	v.present.SetPlaceHolder(assets.T("present"))
	v.agreed.SetPlaceHolder(assets.T("agreed (votes)"))
	v.result = widget.NewMultiLineEntry()
	v.result.SetPlaceHolder(assets.T("Result of the implementation"))
	v.result.SetMinRowsVisible(2)
	v.result.Wrapping = fyne.TextWrapWord
	v.table = newTextTable([]string{assets.T("The matter to be decided"), assets.T("Step reached")}, []float32{230, 200},
		func() int { return len(v.list) }, v.cell, func(row int) { v.s.leaving(func() { v.open(row) }) })
	v.printBt = widget.NewButtonWithIcon(assets.T("Print the notice"), fynetheme.DocumentPrintIcon(), v.print)
	v.reload()
	v.open(-1)
	return v
}

func (v *decisionsView) content() fyne.CanvasObject {
	save := primaryButton(assets.T("Save"), fynetheme.DocumentSaveIcon(), v.save)
	add := widget.NewButtonWithIcon(assets.T("New matter"), fynetheme.ContentAddIcon(), func() { v.s.leaving(func() { v.open(-1) }) })
	if !v.s.User.CanWrite() {
		save.Disable()
		add.Disable()
	}
	items := []*widget.FormItem{widget.NewFormItem(assets.T("The matter to be decided"), v.title),
		widget.NewFormItem(assets.T("Content of the matter"), v.matter)}
	for i, k := range store.DecisionStepKeys {
		if i == 4 {
			items = append(items, widget.NewFormItem(assets.T("Resolving meeting"), v.body),
				widget.NewFormItem(assets.T("Villagers' meeting quorum"), v.basis),
				widget.NewFormItem(assets.T("Votes at the resolving meeting"), container.NewGridWithColumns(3,
					labelled(assets.T("due to attend"), v.due), labelled(assets.T("present"), v.present), labelled(assets.T("agreed (votes)"), v.agreed))))
		}
		if i == 5 {
			items = append(items, widget.NewFormItem(assets.T("Result of the implementation"), v.result))
		}
		items = append(items, widget.NewFormItem(strconv.Itoa(i+1)+" "+assets.T(k), v.dates[i]))
		switch i {
		case 0:
			items = append(items, widget.NewFormItem("", v.merged))
		case 2:
			items = append(items, widget.NewFormItem(assets.T("Party members' vote"), container.NewGridWithColumns(3,
				labelled(assets.T("due to attend"), v.reviewDue), labelled(assets.T("present"), v.reviewPresent), labelled(assets.T("agreed (votes)"), v.reviewFor))),
				widget.NewFormItem(assets.T("Township review (一审)"), v.townReview))
		}
	}
	form := widget.NewForm(items...)
	v.showBasis()
	if v.s.User.CanWrite() {
		v.s.guard = &leaveGuard{dirty: func() bool { return v.fingerprint() != v.saved }, save: v.trySave, owner: v}
	}
	right := container.NewVBox(form, container.NewHBox(save, v.printBt), v.problem.Label, v.done)
	left := container.NewBorder(container.NewVBox(heading(assets.T("Village decisions (四议两公开)")), container.NewHBox(add)), nil, nil, nil, v.table)
	split := container.NewHSplit(left, container.NewVScroll(right))
	split.Offset = 0.36
	return split
}

func (v *decisionsView) reload() {
	ds, err := v.s.DB.Decisions(v.s.Ctx, v.s.Home.ID)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	v.list = ds
	v.table.Refresh()
}

func (v *decisionsView) cell(row, col int) string {
	d := v.list[row]
	if col == 0 {
		return d.Title
	}
	if n := d.Step(); n > 0 {
		return assets.T("step %d/6: %s", n, assets.T(store.DecisionStepKeys[n-1]))
	}
	return assets.T("Not started")
}

// open shows a matter in the form (row -1: a new one).
func (v *decisionsView) open(row int) {
	v.d = store.Decision{}
	if row >= 0 && row < len(v.list) {
		v.d = v.list[row]
	}
	d := v.d
	v.title.SetText(d.Title)
	v.matter.SetText(d.Content)
	for i, s := range d.Dates() {
		v.dates[i].SetDate(s)
	}
	v.merged.SetChecked(d.Merged)
	if d.ResolutionBody == store.BodyVillagers {
		v.body.SetSelectedIndex(1)
	} else {
		v.body.SetSelectedIndex(0)
	}
	num := func(n int64) string {
		if n == 0 {
			return ""
		}
		return strconv.FormatInt(n, 10)
	}
	v.due.SetText(num(d.VotesDue))
	v.present.SetText(num(d.VotesPresent))
	v.agreed.SetText(num(d.VotesFor))
	v.reviewDue.SetText(num(d.ReviewDue))
	v.reviewPresent.SetText(num(d.ReviewPresent))
	v.reviewFor.SetText(num(d.ReviewFor))
	v.townReview.SetDate(d.TownshipReviewedOn)
	if d.ResolutionBasis == store.BasisHouseholds {
		v.basis.SetSelectedIndex(1)
	} else {
		v.basis.SetSelectedIndex(0)
	}
	v.result.SetText(d.Result)
	v.saved = v.fingerprint()
	v.problem.Set("")
	v.done.SetText("")
	v.updatePrint()
}

func (v *decisionsView) updatePrint() {
	if v.d.ID != "" && v.d.ResolvedOn != "" {
		v.printBt.Enable()
	} else {
		v.printBt.Disable()
	}
}

// showBasis offers the quorum basis only for a 村民会议 (a 村民代表会议 counts its members).
func (v *decisionsView) showBasis() {
	if v.basis == nil {
		return
	}
	if v.body.SelectedIndex() == 1 {
		v.basis.Enable()
	} else {
		v.basis.Disable()
	}
}

// fingerprint is what the form shows, to compare with what was opened or saved.
func (v *decisionsView) fingerprint() string {
	parts := []string{v.title.Text, v.matter.Text, v.result.Text, v.due.Text, v.present.Text, v.agreed.Text,
		v.reviewDue.Text, v.reviewPresent.Text, v.reviewFor.Text, v.townReview.Date(),
		strconv.Itoa(v.body.SelectedIndex()), strconv.Itoa(v.basis.SelectedIndex()), strconv.FormatBool(v.merged.Checked)}
	for _, e := range v.dates {
		parts = append(parts, e.Date())
	}
	return strings.Join(parts, "\x00")
}

func (v *decisionsView) save() { v.trySave() }

// trySave saves the matter; false when refused (the form says why and stays).
func (v *decisionsView) trySave() bool {
	d := v.d
	d.Title, d.Content, d.Result = v.title.Text, v.matter.Text, v.result.Text
	dst := []*string{&d.ProposedOn, &d.DiscussedOn, &d.ReviewedOn, &d.ResolvedOn, &d.PublishedOn, &d.ResultPublishedOn}
	for i, e := range v.dates {
		*dst[i] = e.Date()
	}
	d.Merged = v.merged.Checked
	d.ResolutionBody = store.BodyRepresentatives
	d.ResolutionBasis = ""
	if v.body.SelectedIndex() == 1 {
		d.ResolutionBody = store.BodyVillagers
		d.ResolutionBasis = store.BasisAdults
		if v.basis.SelectedIndex() == 1 {
			d.ResolutionBasis = store.BasisHouseholds
		}
	}
	d.TownshipReviewedOn = v.townReview.Date()
	for _, x := range []struct {
		e   *widget.Entry
		dst *int64
		msg string
	}{{v.due, &d.VotesDue, resolveCountsMsg}, {v.present, &d.VotesPresent, resolveCountsMsg}, {v.agreed, &d.VotesFor, resolveCountsMsg},
		{v.reviewDue, &d.ReviewDue, reviewCountsMsg}, {v.reviewPresent, &d.ReviewPresent, reviewCountsMsg}, {v.reviewFor, &d.ReviewFor, reviewCountsMsg}} {
		s := strings.TrimSpace(toHalfWidth(x.e.Text))
		*x.dst = 0
		if s == "" {
			continue
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			v.problem.Set(assets.T(x.msg))
			return false
		}
		*x.dst = n
	}
	id, err := v.s.DB.SaveDecision(v.s.Ctx, d)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return false
	}
	v.reload()
	for i := range v.list {
		if v.list[i].ID == id {
			v.open(i)
		}
	}
	v.done.SetText(assets.T("Saved the steps of \"%s\".", d.Title))
	return true
}

// The messages for counts that are not whole numbers.
const (
	resolveCountsMsg = "Enter how many were due to attend the resolving meeting, how many came and how many agreed (agreed ≤ came ≤ due)."
	reviewCountsMsg  = "Enter how many party members were due at the party members' meeting, how many came and how many agreed, as whole numbers."
)

// print opens the notice board with this matter's notice chosen.
func (v *decisionsView) print() {
	pendingNotice = &notice.Request{Kind: notice.Decision, Subject: v.d.ID}
	if v.s.Show != nil {
		v.s.Show("notices")
	}
}

// labelled puts a short label before an entry (the entry's placeholder disappears once typed in).
func labelled(label string, e *widget.Entry) fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewLabel(label), nil, e)
}
