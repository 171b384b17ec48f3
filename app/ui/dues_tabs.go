package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// amountsTab shows each member's monthly amount and how it is worked out, and lets the
// branch set a member's dues kind and income.
func (v *duesView) amountsTab() fyne.CanvasObject {
	table := newTextTable([]string{assets.T("Name"), assets.T("Monthly"), assets.T("How it is worked out")}, []float32{110, 90, 760},
		func() int { return len(v.members) },
		func(r, c int) string {
			st := v.status[v.members[r].ID]
			switch c {
			case 0:
				return v.members[r].Name
			case 1:
				return store.Yuan(st.Monthly)
			}
			return st.Basis
		}, nil)
	kind := newSelect(store.DuesKind.Labels(), nil)
	kind.PlaceHolder = assets.T("Dues kind")
	income := newEntry()
	income.SetPlaceHolder(assets.T("Monthly income or pension, yuan"))
	basic := newEntry()
	basic.SetPlaceHolder(assets.T("Basic pension, yuan"))
	fixed := newEntry()
	fixed.SetPlaceHolder(assets.T("Amount set by the branch (optional)"))
	var current store.Member
	problem := newProblemLabel()
	who := widget.NewLabel(assets.T("Tap a member in the list to change how their dues are worked out."))
	var form *guardedForm
	open := func(row int) {
		current = v.members[row]
		who.SetText(current.Name)
		p, err := v.s.DB.DuesProfile(v.s.Ctx, current.ID)
		if err != nil {
			problem.Set(assets.Chinese(err))
			current = store.Member{} // nothing to save over: the form does not show their basis
			return
		}
		problem.Set("")
		kind.SetSelected(store.DuesKind.Label(p.Kind))
		income.SetText(yuanOrEmpty(p.Income))
		basic.SetText(yuanOrEmpty(p.BasicPension))
		fixed.SetText("")
		if p.Fixed != nil {
			fixed.SetText(store.Yuan(*p.Fixed))
		}
		form.mark()
	}
	// Another member fills the form again: what was typed for this one asks first.
	table.OnSelected = func(id widget.TableCellID) {
		table.UnselectAll()
		if id.Row < 0 || id.Row >= len(v.members) {
			return
		}
		v.s.ask(func() { open(id.Row) }, nil, true)
	}
	note := widget.NewLabel("")
	note.Importance = widget.SuccessImportance
	saveProfile := func() bool {
		note.SetText("")
		if current.ID == "" {
			problem.Set(assets.T("Tap a member in the list first."))
			return false
		}
		p := store.DuesProfile{MemberID: current.ID}
		p.Kind, _ = store.DuesKind.Parse(kind.Selected) // the options are the kinds' labels
		var err error
		for _, x := range []struct {
			e   *keyEntry
			dst *int64
		}{{income, &p.Income}, {basic, &p.BasicPension}} {
			if strings.TrimSpace(x.e.Text) == "" {
				continue
			}
			if *x.dst, err = store.ParseYuan(x.e.Text); err != nil {
				problem.Set(assets.Chinese(err))
				return false
			}
		}
		if strings.TrimSpace(fixed.Text) != "" {
			f, err := store.ParseYuan(fixed.Text)
			if err != nil {
				problem.Set(assets.Chinese(err))
				return false
			}
			p.Fixed = &f
		}
		if err := v.s.DB.SetDuesProfile(v.s.Ctx, p); err != nil {
			problem.Set(assets.Chinese(err))
			return false
		}
		problem.Set("")
		saved := current.ID
		v.loadThen(func() { note.SetText(assets.T("Saved. %s", v.status[saved].Basis)) })
		return true
	}
	form = v.s.guardForm(saveProfile, kind, income, basic, fixed)
	save := primaryButton(assets.T("Save"), fynetheme.DocumentSaveIcon(), form.tap)
	exempt := widget.NewButtonWithIcon(assets.T("Reduced or waived…"), fynetheme.DocumentCreateIcon(), func() {
		note.SetText("")
		if current.ID == "" {
			problem.Set(assets.T("Tap a member in the list first."))
			return
		}
		problem.Set("")
		v.exemptDialog(current, func(msg string) { note.SetText(msg) })
	})
	v.amounts = table
	// Two rows, so that at 150 % text the form still fits a 1366-pixel screen.
	sc := textScale()
	box := container.NewVBox(container.NewHBox(fixedWidth(110*sc, who), fixedWidth(150*sc, kind), save, exempt),
		container.NewGridWithColumns(3, income, basic, fixed))
	if !v.s.User.CanWrite() {
		box.Hide()
	}
	return container.NewBorder(nil, container.NewVBox(box, note, problem.Label), nil, nil, table)
}

func yuanOrEmpty(fen int64) string {
	if fen == 0 {
		return ""
	}
	return store.Yuan(fen)
}

// usesTab lists the year's uses of dues (党费使用明细) and records new ones.
func (v *duesView) usesTab() fyne.CanvasObject {
	var uses []store.DuesUse
	total := widget.NewLabel("")
	problem := newProblemLabel()
	load := func() {
		var err error
		uses, err = v.s.DB.DuesUses(v.s.Ctx, v.s.Home.ID, strconv.Itoa(v.year)+"-01-01", strconv.Itoa(v.year)+"-12-31")
		if err != nil {
			problem.Set(assets.Chinese(err))
		}
		var sum int64
		for _, u := range uses {
			sum += u.Amount
		}
		total.SetText(assets.T("Used %s yuan in %s.", store.Yuan(sum), strconv.Itoa(v.year)))
	}
	load()
	table := newTextTable([]string{assets.T("Date"), assets.T("Amount, yuan"), assets.T("Purpose")}, []float32{120, 120, 600},
		func() int { return len(uses) },
		func(r, c int) string {
			switch c {
			case 0:
				return uses[r].Date
			case 1:
				return store.Yuan(uses[r].Amount)
			}
			return uses[r].Purpose
		}, nil)
	date := newDateField(v.s.Window)
	date.SetDate(v.s.DB.Now().Format("2006-01-02"))
	amount := newEntry()
	amount.SetPlaceHolder(assets.T("Amount, yuan"))
	purpose := newEntry()
	purpose.SetPlaceHolder(assets.T("What the money was used for"))
	add := primaryButton(assets.T("Add entry"), fynetheme.ContentAddIcon(), v.s.guardForm(func() bool {
		amt, err := store.ParseYuan(amount.Text)
		if err == nil {
			_, err = v.s.DB.AddDuesUse(v.s.Ctx, store.DuesUse{Date: date.Date(), Amount: amt, Purpose: purpose.Text})
		}
		if err != nil {
			problem.Set(assets.Chinese(err))
			return false
		}
		problem.Set("")
		amount.SetText("")
		purpose.SetText("")
		load()
		table.Refresh()
		return true
	}, date, amount, purpose).tap)
	// The purpose takes the room left, so the row fits a 1366×768 screen drawn at 150 %.
	form := container.NewBorder(nil, nil, container.NewHBox(date, fixedWidth(120, amount)), add, purpose)
	if !v.s.User.CanWrite() {
		form.Hide()
	}
	return container.NewBorder(total, container.NewVBox(form, problem.Label), nil, nil, table)
}

// makeLifecyclePanel is the home screen's block on dues and the pipeline.
func makeLifecyclePanel(s *Session) fyne.CanvasObject {
	return asyncBlock(s, assets.T("Counting dues and new members…"), func(ctx context.Context) func() fyne.CanvasObject {
		now := s.DB.Now()
		arrears, err := s.DB.DuesArrearsCount(ctx, s.Home.ID, now)
		var cands store.CandidateCounts
		if err == nil {
			cands, err = s.DB.CandidateCounts(ctx, s.Home.ID, now)
		}
		if err != nil {
			return func() fyne.CanvasObject {
				p := newProblemLabel()
				p.Set(assets.Chinese(err))
				return p.Label
			}
		}
		birthdays, err := s.DB.BirthdayCount(ctx, s.Home.ID, store.CurrentQuarter(now))
		if err != nil {
			return func() fyne.CanvasObject {
				p := newProblemLabel()
				p.Set(assets.Chinese(err))
				return p.Label
			}
		}
		return func() fyne.CanvasObject {
			return container.NewVBox(subheading(assets.T("Dues and new members")), container.NewGridWithColumns(4,
				countTile(assets.T("Members owing dues"), arrears, arrears > 0),
				countTile(assets.T("Candidates in the pipeline"), cands.Active, false),
				countTile(assets.T("Candidates with a step due"), cands.Due, cands.Due > 0),
				countTile(assets.T("Political birthdays this quarter"), birthdays, false)))
		}
	})
}
