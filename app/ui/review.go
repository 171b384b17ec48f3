package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// 述职评议 on both sides: the village writes the secretary's report; the township rates it,
// comments and raises items that go onto the village's task list.

// ratingText sums up the township's rating of a review.
func ratingText(r store.Review) string {
	if r.Rating == "" {
		return assets.T("Not rated by the township yet.")
	}
	s := assets.T("Rated %s by the township on %s.", r.Rating, r.RatedAt)
	if r.Comments != "" {
		s += " " + assets.T("Comments: %s", r.Comments)
	}
	return s
}

// taskLines lists the items a review raised with their state.
func taskLines(ts []store.Task) fyne.CanvasObject {
	box := container.NewVBox()
	for _, t := range ts {
		box.Add(widget.NewLabel("· " + t.Title + "（" + assets.T("deadline %s", t.Due) + "，" + store.TaskStateLabel(t) + "）"))
	}
	return box
}

type villageReview struct {
	s         *Session
	root      fyne.CanvasObject
	year      *yearSelect
	secretary *keyEntry
	report    *keyEntry
	rating    *widget.Label
	items     *fyne.Container
	problem   problemLabel
	done      *widget.Label
	form      *guardedForm // the report typed and not yet submitted (leaveguard.go)
}

func newVillageReview(s *Session) *villageReview {
	v := &villageReview{s: s, secretary: newEntry(), report: newMultiLineEntry(), rating: widget.NewLabel(""), items: container.NewVBox(),
		problem: newProblemLabel(), done: widget.NewLabel("")}
	v.rating.Wrapping = fyne.TextWrapWord
	v.done.Importance = widget.SuccessImportance
	v.report.SetMinRowsVisible(12)
	v.report.SetPlaceHolder(assets.T("The report on the year's party work: what was done, the problems, and next year's plans."))
	v.year = newYearSelect(s, func() { v.load() })
	s.guardChoice(v.year.Select, v.load)
	v.form = s.guardForm(v.submit, v.secretary, v.report)
	submit := primaryButton(assets.T("Submit the report"), fynetheme.MailSendIcon(), v.form.tap)
	if !s.User.CanWrite() {
		submit.Disable()
	}
	form := widget.NewForm(widget.NewFormItem(assets.T("Secretary"), fixedWidth(200, v.secretary)), widget.NewFormItem(assets.T("Report"), v.report))
	v.root = container.NewPadded(container.NewVScroll(container.NewVBox(heading(assets.T("Secretary's report (述职)")),
		toolbarRow([]fyne.CanvasObject{widget.NewLabel(assets.T("Year")), fixedWidth(140, v.year.Select)}, submit),
		v.problem.Label, v.done, form, subheading(assets.T("The township's rating (评议)")), v.rating, v.items)))
	v.year.SetSelectedIndex(0)
	return v
}

func (v *villageReview) load() {
	rs, err := v.s.DB.Reviews(v.s.Ctx, v.year.year())
	if err != nil || len(rs) == 0 {
		if err != nil {
			v.problem.Set(assets.Chinese(err))
		}
		return
	}
	r := rs[0]
	if r.Secretary == "" {
		r.Secretary = v.s.User.Name // usually the secretary writes it
	}
	v.secretary.SetText(r.Secretary)
	v.report.SetText(r.Report)
	v.rating.SetText(ratingText(r))
	v.items.Objects = []fyne.CanvasObject{taskLines(r.Tasks)}
	v.items.Refresh()
	v.form.mark()
}

func (v *villageReview) submit() bool {
	y := v.year.year()
	if err := v.s.DB.SubmitReport(v.s.Ctx, y, v.secretary.Text, v.report.Text); err != nil {
		v.done.SetText("")
		v.problem.Set(assets.Chinese(err))
		return false
	}
	v.problem.Set("")
	v.done.SetText(assets.T("Submitted the report of %d; it goes to the township with the next sync.", y))
	v.load()
	return true
}

// townReview is the township's list of the year's reports and the rating of the one chosen.
type townReview struct {
	s       *Session
	root    fyne.CanvasObject
	year    int
	rs      []store.Review
	table   *textTable
	detail  *fyne.Container
	problem problemLabel
	done    *widget.Label
	cur     int

	rating   *widget.Select
	comments *keyEntry
	items    []reviewItem
	itemBox  *fyne.Container
	form     *guardedForm // the rating being written (leaveguard.go)
}

type reviewItem struct {
	title *keyEntry
	due   *dateField
}

func newTownReview(s *Session) *townReview {
	v := &townReview{s: s, detail: container.NewVBox(), problem: newProblemLabel(), done: widget.NewLabel(""), cur: -1}
	v.done.Importance = widget.SuccessImportance
	headers := []string{assets.T("Party organisation"), assets.T("Secretary"), assets.T("Report"), assets.T("Rating"), assets.T("Items raised")}
	// Another village: the rating typed for this one asks first.
	v.table = newTextTable(headers, []float32{150, 80, 130, 76, 70}, func() int { return len(v.rs) }, v.cell, func(row int) {
		s.ask(func() { v.pick(row) }, nil, true)
	})
	if s.User.CanAdmin() {
		v.form = s.guardForm(v.save, v.detail)
	}
	split := container.NewHSplit(v.table, container.NewVScroll(v.detail))
	split.Offset = 0.45
	v.root = container.NewBorder(container.NewVBox(v.problem.Label, v.done), nil, nil, nil, split)
	return v
}

func (v *townReview) cell(row, col int) string {
	r := v.rs[row]
	switch col {
	case 0:
		return r.OrgName
	case 1:
		return r.Secretary
	case 2:
		if r.SubmittedAt == "" {
			return assets.T("Not yet")
		}
		return r.SubmittedAt
	case 3:
		return r.Rating
	}
	return itoa(len(r.Tasks))
}

func (v *townReview) load(year int) {
	v.year = year
	var rs []store.Review
	var err error
	v.s.Go(func(ctx context.Context) { rs, err = v.s.DB.Reviews(ctx, year) }, func() {
		if err != nil {
			v.problem.Set(assets.Chinese(err))
			return
		}
		v.rs = rs
		v.table.Refresh()
		if v.cur >= 0 && v.cur < len(rs) {
			v.pick(v.cur)
		} else {
			v.detail.Objects = []fyne.CanvasObject{hint(assets.T("Choose a village to read its secretary's report and rate it."))}
			v.detail.Refresh()
		}
	})
}

func (v *townReview) pick(row int) {
	v.cur = row
	r := v.rs[row]
	ratings, err := v.s.DB.ReviewRatings(v.s.Ctx)
	if err != nil {
		v.problem.Set(assets.Chinese(err))
		return
	}
	v.rating = newSelect(ratings, nil)
	v.rating.SetSelected(r.Rating)
	v.comments = newMultiLineEntry()
	v.comments.SetMinRowsVisible(3)
	v.comments.SetText(r.Comments)
	v.items, v.itemBox = nil, container.NewVBox()
	v.addItem()
	report := widget.NewLabel(r.Report)
	report.Wrapping = fyne.TextWrapWord
	if r.SubmittedAt == "" {
		report.SetText(assets.T("No report in the app yet (it comes with the village's next sync, or was given on paper)."))
		report.Importance = widget.LowImportance
	}
	save := primaryButton(assets.T("Save the rating and raise the items"), fynetheme.DocumentSaveIcon(), func() {
		if v.form != nil {
			v.form.run()
		}
	})
	if !v.s.User.CanAdmin() {
		save.Disable()
	}
	box := container.NewVBox(subheading(r.OrgName), widget.NewLabel(assets.T("Secretary: %s", r.Secretary)), report, widget.NewSeparator(),
		widget.NewLabel(ratingText(r)), taskLines(r.Tasks),
		widget.NewForm(widget.NewFormItem(assets.T("Rating"), fixedWidth(160, v.rating)), widget.NewFormItem(assets.T("Comments"), v.comments)),
		subheading(assets.T("Items raised (they go onto the village's task list)")), v.itemBox,
		container.NewHBox(widget.NewButtonWithIcon(assets.T("Another item"), fynetheme.ContentAddIcon(), v.addItem), save))
	v.detail.Objects = []fyne.CanvasObject{box}
	v.detail.Refresh()
	if v.form != nil {
		v.form.mark()
	}
}

func (v *townReview) addItem() {
	it := reviewItem{title: newEntry(), due: newDateField(v.s.Window)}
	it.title.SetPlaceHolder(assets.T("What is to be put right"))
	v.items = append(v.items, it)
	v.itemBox.Add(container.NewBorder(nil, nil, nil, fixedWidth(210, it.due), it.title))
	v.itemBox.Refresh()
}

func (v *townReview) save() bool {
	if v.cur < 0 {
		return true
	}
	r := v.rs[v.cur]
	rr := store.ReviewRating{Rating: v.rating.Selected, Comments: v.comments.Text}
	for _, it := range v.items {
		if strings.TrimSpace(it.title.Text) == "" && strings.TrimSpace(it.due.Date()) == "" {
			continue // a blank row
		}
		rr.Items = append(rr.Items, store.NewTask{Title: it.title.Text, Due: it.due.Date()})
	}
	ids, err := v.s.DB.RateReview(v.s.Ctx, r.OrgCode, v.year, rr)
	if err != nil {
		v.done.SetText("")
		v.problem.Set(assets.Chinese(err))
		return false
	}
	v.problem.Set("")
	v.done.SetText(assets.T("Saved the rating of %s and raised %d items; they go to the village with the next sync.", r.OrgName, len(ids)))
	v.load(v.year)
	return true
}
