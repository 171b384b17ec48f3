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

func init() {
	registerScreen(Screen{ID: "memberpart", Title: "Members' part", Icon: navIcon(fynetheme.IconNameAccount), Order: 50, Roles: []string{store.RoleVillage}, Make: makeMemberPart})
}

// partView is the 党员作用发挥 screen: one member and year at the top; tabs for the
// commitments, posts, linked households and visits, contacts of the management mode and
// volunteer service, each a table with its form under it; and a tab listing who still lacks
// this quarter's record and the talks not yet held this year.
type partView struct {
	s       *Session
	members []store.Member
	year    int
	who     *memberPicker
	mode    *widget.Label
	part    store.MemberPart
	problem problemLabel
	done    *widget.Label
	tables  []*textTable
	gaps    []store.ModeGap
	talks   []store.TalkGap
	hhSel   *widget.Select
	gen     int // counts reloads, so a result of an earlier choice is dropped
}

func makeMemberPart(s *Session) fyne.CanvasObject {
	v := &partView{s: s, year: s.DB.Now().Year(), problem: newProblemLabel(), done: widget.NewLabel("")}
	v.done.Importance = widget.SuccessImportance
	var err error
	if v.members, err = s.DB.Members(s.Ctx, store.MemberFilter{OrgID: s.Home.ID}); err != nil {
		v.problem.Set(assets.Chinese(err)) // no one to choose: the page says why
	}
	v.who = newMemberPicker(s.Window, v.members) // searches as you type (a branch may have hundreds)
	// Another member or year shows other records: something typed for this one asks first.
	s.guardPick(v.who, v.reload)
	years := []string{strconv.Itoa(v.year), strconv.Itoa(v.year - 1)}
	yearSel := newSelect(years, nil)
	s.guardChoice(yearSel, func() { v.year, _ = strconv.Atoi(yearSel.Selected); v.reload() }) // the options are years
	yearSel.SetSelectedIndex(0)
	v.mode = widget.NewLabel("")
	v.mode.Wrapping = fyne.TextWrapWord // beside the choices, in the room left (system scaling 1.5)
	tabs := container.NewAppTabs(
		container.NewTabItem(assets.T("Commitments"), v.commitTab()),
		container.NewTabItem(assets.T("Posts and duties"), v.dutyTab()),
		container.NewTabItem(assets.T("Linked households"), v.householdTab()),
		container.NewTabItem(assets.T("Contacts and care visits"), v.contactTab()),
		container.NewTabItem(assets.T("Volunteer service"), v.serviceTab()),
		container.NewTabItem(assets.T("Not yet recorded"), v.gapsTab()),
	)
	top := container.NewVBox(heading(assets.T("Members' part in village life")),
		hint(assets.T("What each member does: commitments and their fulfilment, posts, linked households and visits, volunteer service. The records give the points; the category sets what is expected each quarter.")),
		container.NewBorder(nil, nil, container.NewHBox(fixedWidth(160, v.who.btn), fixedWidth(100, yearSel)), nil, v.mode))
	if len(v.members) > 0 {
		v.who.SetID(v.members[0].ID) // opens on the first member of the roll
	}
	v.reload()
	return container.NewBorder(top, container.NewVBox(v.done, v.problem.Label), nil, nil, tabs)
}

func (v *partView) member() (store.Member, bool) { return v.who.Member() }

// reload reads the branch's gaps and talks and the chosen member's part off the UI thread
// (the gaps cover every member: seconds on a branch of thousands), then shows them; a result
// of an earlier choice is dropped.
func (v *partView) reload() {
	if v.mode == nil {
		return
	}
	v.gen++
	gen, year := v.gen, v.year
	m, chosen := v.member()
	var gaps []store.ModeGap
	var talks []store.TalkGap
	var part store.MemberPart
	var err, partErr error
	v.s.Go(func(ctx context.Context) {
		if gaps, err = v.s.DB.ModeGaps(ctx, v.s.Home.ID, v.s.DB.Now()); err == nil {
			talks, err = v.s.DB.TalkCoverage(ctx, v.s.Home.ID, year)
		}
		if chosen {
			part, partErr = v.s.DB.MemberPartOf(ctx, m.ID, year)
		}
	}, func() {
		if gen != v.gen {
			return
		}
		v.gaps, v.talks = gaps, talks
		if err != nil {
			v.problem.Set(assets.Chinese(err))
		}
		v.show(chosen, part, partErr)
	})
}

// show puts the chosen member's part on the screen.
func (v *partView) show(chosen bool, p store.MemberPart, err error) {
	v.part = store.MemberPart{}
	if chosen {
		if err != nil {
			v.problem.Set(assets.Chinese(err))
		}
		v.part = p
		mode := store.ManagementModeLabel(p.Mode)
		if mode == "" {
			mode = assets.T("no category")
		}
		v.mode.SetText(assets.T("%s · %d commitments · %d posts · %d households · %s hours of service", mode, len(p.Commitments), len(p.Duties),
			len(p.Households), strconv.FormatFloat(p.Hours, 'f', -1, 64)))
	} else {
		v.mode.SetText(assets.T("Choose a member to see and record their part."))
	}
	if v.hhSel != nil {
		var hs []string
		for _, h := range v.part.Households {
			hs = append(hs, h.Name)
		}
		v.hhSel.SetOptions(hs)
		v.hhSel.ClearSelected()
	}
	for _, t := range v.tables {
		t.Refresh()
	}
}

// save runs a write for the chosen member and reports it; false when refused.
func (v *partView) save(do func(m store.Member) error, clear ...*keyEntry) bool {
	v.done.SetText("")
	m, ok := v.member()
	if !ok {
		v.problem.Set(assets.T("Choose a member first."))
		return false
	}
	if !v.s.User.CanWrite() {
		v.problem.Set(assets.T("The user %s may only read, not change data.", v.s.User.Name))
		return false
	}
	if err := do(m); err != nil {
		v.problem.Set(assets.Chinese(err))
		return false
	}
	v.problem.Set("")
	v.done.SetText(assets.T("Saved for %s.", m.Name))
	for _, e := range clear {
		e.SetText("")
	}
	v.reload()
	return true
}

func (v *partView) table(headers []string, widths []float32, rows func() int, cell func(r, c int) string, onSelect func(int)) *textTable {
	t := newTextTable(headers, widths, rows, cell, onSelect)
	v.tables = append(v.tables, t)
	return t
}

func entry(placeholder string) *keyEntry {
	e := newEntry()
	e.SetPlaceHolder(placeholder)
	return e
}

func (v *partView) today() string { return v.s.DB.Now().Format("2006-01-02") }

// form is one line of boxes under a table: the short boxes on the left, the button on the
// right and the main text box stretched between them, so that the line fits beside the
// navigation at system scaling 1.5 (it was 876 units wide of 753 as fixed widths).
func (v *partView) form(main fyne.CanvasObject, button fyne.CanvasObject, left ...fyne.CanvasObject) fyne.CanvasObject {
	box := container.NewBorder(nil, nil, container.NewHBox(left...), button, main)
	if !v.s.User.CanWrite() {
		box.Hide()
	}
	return box
}

// guard registers one of the screen's small forms (leaveguard.go): its typed boxes are
// unsaved work until its button saves them.
func (v *partView) guard(save func() bool, fields ...any) func() {
	return v.s.guardForm(save, fields...).tap
}

func (v *partView) commitTab() fyne.CanvasObject {
	chosen := -1
	t := v.table([]string{assets.T("Made on"), assets.T("Commitment"), assets.T("Kept on"), assets.T("Evidence")}, []float32{110, 380, 110, 260},
		func() int { return len(v.part.Commitments) },
		func(r, c int) string {
			x := v.part.Commitments[r]
			return []string{x.MadeDate, x.Content, orDash(x.DoneDate), x.Evidence}[c]
		}, func(r int) { chosen = r })
	content, date := entry(assets.T("What the member commits to")), entry(assets.T("Date (YYYY-MM-DD)"))
	date.SetText(v.today())
	add := primaryButton(assets.T("Add commitment"), fynetheme.ContentAddIcon(), v.guard(func() bool {
		return v.save(func(m store.Member) error {
			_, err := v.s.DB.AddCommitment(v.s.Ctx, store.Commitment{MemberID: m.ID, Year: v.year, Content: content.Text, MadeDate: strings.TrimSpace(date.Text)})
			return err
		}, content)
	}, content, date))
	doneDate, proof := entry(assets.T("Date (YYYY-MM-DD)")), entry(assets.T("Evidence of fulfilment"))
	doneDate.SetText(v.today())
	keep := widget.NewButtonWithIcon(assets.T("Mark the chosen commitment kept"), fynetheme.ConfirmIcon(), v.guard(func() bool {
		return v.save(func(m store.Member) error {
			if chosen < 0 || chosen >= len(v.part.Commitments) {
				return assets.Errorf("Choose the commitment in the table first.")
			}
			return v.s.DB.FulfilCommitment(v.s.Ctx, v.part.Commitments[chosen].ID, strings.TrimSpace(doneDate.Text), proof.Text)
		}, proof)
	}, proof, doneDate))
	return container.NewBorder(nil, container.NewVBox(
		v.form(content, add, fixedWidth(120, date)),
		v.form(proof, keep, fixedWidth(120, doneDate))), nil, nil, t)
}

func (v *partView) dutyTab() fyne.CanvasObject {
	t := v.table([]string{assets.T("Kind of post"), assets.T("Post"), assets.T("Taken on"), assets.T("Ended on"), assets.T("Duties")}, []float32{130, 170, 110, 110, 380},
		func() int { return len(v.part.Duties) },
		func(r, c int) string {
			x := v.part.Duties[r]
			return []string{store.DutyKind.Label(x.Kind), x.Name, x.From, orDash(x.To), x.Duties}[c]
		}, nil)
	kinds := store.DutyKind.Slugs()
	kind := newSelect(store.DutyKind.Labels(), nil)
	kind.SetSelectedIndex(0)
	name, duties, from := entry(assets.T("Name of the post, e.g. 三组网格")), entry(assets.T("Duties of the post")), entry(assets.T("Date (YYYY-MM-DD)"))
	from.SetText(v.today())
	add := primaryButton(assets.T("Add post"), fynetheme.ContentAddIcon(), v.guard(func() bool {
		return v.save(func(m store.Member) error {
			_, err := v.s.DB.AddDuty(v.s.Ctx, store.Duty{MemberID: m.ID, Kind: kinds[kind.SelectedIndex()], Name: name.Text, Duties: duties.Text, From: strings.TrimSpace(from.Text)})
			return err
		}, name, duties)
	}, kind, name, duties, from))
	return container.NewBorder(nil, v.form(duties, add, fixedWidth(140, kind), fixedWidth(200, name), fixedWidth(120, from)), nil, nil, t)
}

func (v *partView) householdTab() fyne.CanvasObject {
	hh := v.table([]string{assets.T("Household"), assets.T("Address"), assets.T("Needs and wishes"), assets.T("Paired support")}, []float32{110, 160, 300, 90},
		func() int { return len(v.part.Households) },
		func(r, c int) string {
			x := v.part.Households[r]
			paired := ""
			if x.Paired {
				paired = "✓"
			}
			return []string{x.Name, x.Address, x.Needs, paired}[c]
		}, nil)
	visits := func() []store.Contact {
		var out []store.Contact
		for _, c := range v.part.Contacts {
			if c.Kind == "household" {
				out = append(out, c)
			}
		}
		return out
	}
	hhName := func(id string) string {
		for _, h := range v.part.Households {
			if h.ID == id {
				return h.Name
			}
		}
		return ""
	}
	vt := v.table([]string{assets.T("Date"), assets.T("Household"), assets.T("How"), assets.T("What was done")}, []float32{110, 110, 90, 400},
		func() int { return len(visits()) },
		func(r, c int) string {
			x := visits()[r]
			return []string{x.Date, hhName(x.HouseholdID), store.ContactHow.Label(x.How), x.Done}[c]
		}, nil)
	name, addr, needs := entry(assets.T("Head of the household")), entry(assets.T("Address")), entry(assets.T("Needs and 微心愿"))
	paired := widget.NewCheck(assets.T("Paired support (结对帮扶)"), nil)
	addH := primaryButton(assets.T("Link household"), fynetheme.ContentAddIcon(), v.guard(func() bool {
		return v.save(func(m store.Member) error {
			_, err := v.s.DB.AddHousehold(v.s.Ctx, store.Household{MemberID: m.ID, Name: name.Text, Address: addr.Text, Needs: needs.Text, Paired: paired.Checked, From: v.today()})
			return err
		}, name, addr, needs)
	}, name, addr, needs, paired))
	v.hhSel = newSelect(nil, nil)
	v.hhSel.PlaceHolder = assets.T("Household visited")
	hows := store.ContactHow.Slugs()
	how := newSelect(store.ContactHow.Labels(), nil)
	how.SetSelectedIndex(0)
	date, done := entry(assets.T("Date (YYYY-MM-DD)")), entry(assets.T("What was done"))
	date.SetText(v.today())
	addV := primaryButton(assets.T("Record visit"), fynetheme.ContentAddIcon(), v.guard(func() bool {
		return v.save(func(m store.Member) error {
			i := v.hhSel.SelectedIndex()
			if i < 0 || i >= len(v.part.Households) {
				return assets.Errorf("Choose one of the households %s is linked with.", m.Name)
			}
			_, err := v.s.DB.AddContact(v.s.Ctx, store.Contact{MemberID: m.ID, Kind: "household", HouseholdID: v.part.Households[i].ID,
				Date: strings.TrimSpace(date.Text), How: hows[how.SelectedIndex()], Done: done.Text})
			return err
		}, done)
	}, date, how, done))
	return container.NewBorder(nil, container.NewVBox(
		v.form(needs, container.NewHBox(paired, addH), fixedWidth(120, name), fixedWidth(160, addr)),
		v.form(done, addV, fixedWidth(140, v.hhSel), fixedWidth(120, date), fixedWidth(110, how))), nil, nil,
		container.NewVSplit(hh, vt))
}

func (v *partView) contactTab() fyne.CanvasObject {
	list := func() []store.Contact {
		var out []store.Contact
		for _, c := range v.part.Contacts {
			if c.Kind != "household" {
				out = append(out, c)
			}
		}
		return out
	}
	t := v.table([]string{assets.T("Date"), assets.T("Kind"), assets.T("How"), assets.T("What was done"), assets.T("Contacted by")}, []float32{110, 130, 110, 380, 100},
		func() int { return len(list()) },
		func(r, c int) string {
			x := list()[r]
			return []string{x.Date, store.ContactKind.Label(x.Kind), store.ContactHow.Label(x.How), x.Done, x.By}[c]
		}, nil)
	hows := store.ContactHow.Slugs()
	how := newSelect(store.ContactHow.Labels(), nil)
	how.SetSelectedIndex(1)
	date, done, by := entry(assets.T("Date (YYYY-MM-DD)")), entry(assets.T("What was done")), entry(assets.T("Who made the contact"))
	date.SetText(v.today())
	add := primaryButton(assets.T("Record contact"), fynetheme.ContentAddIcon(), v.guard(func() bool {
		return v.save(func(m store.Member) error {
			kind := "care"
			if m.Category == "floating" {
				kind = "track"
			}
			_, err := v.s.DB.AddContact(v.s.Ctx, store.Contact{MemberID: m.ID, Kind: kind, Date: strings.TrimSpace(date.Text), How: hows[how.SelectedIndex()],
				Done: done.Text, By: by.Text})
			return err
		}, done)
	}, date, how, done, by))
	note := hint(assets.T("Floating members (跟踪式): a contact every quarter, saying how they were reached. Elderly members (关爱式): care visits."))
	return container.NewBorder(note, v.form(done, container.NewHBox(fixedWidth(110, by), add), fixedWidth(120, date), fixedWidth(130, how)), nil, nil, t)
}

func (v *partView) serviceTab() fyne.CanvasObject {
	t := v.table([]string{assets.T("Date"), assets.T("Activity"), assets.T("Hours")}, []float32{110, 420, 80},
		func() int { return len(v.part.Services) },
		func(r, c int) string {
			x := v.part.Services[r]
			return []string{x.Date, x.Activity, strconv.FormatFloat(x.Hours, 'f', -1, 64)}[c]
		}, nil)
	date, act, hours := entry(assets.T("Date (YYYY-MM-DD)")), entry(assets.T("The activity")), entry(assets.T("Hours, e.g. 2 or 1.5"))
	date.SetText(v.today())
	add := primaryButton(assets.T("Record service"), fynetheme.ContentAddIcon(), v.guard(func() bool {
		return v.save(func(m store.Member) error {
			h, err := strconv.ParseFloat(strings.TrimSpace(hours.Text), 64)
			if err != nil {
				return assets.Errorf("Enter the hours of service, more than 0 and at most 24 (e.g. 2 or 1.5).")
			}
			_, err = v.s.DB.AddService(v.s.Ctx, store.Service{MemberID: m.ID, Date: strings.TrimSpace(date.Text), Activity: act.Text, Hours: h})
			return err
		}, act, hours)
	}, date, act, hours))
	return container.NewBorder(nil, v.form(act, container.NewHBox(fixedWidth(150, hours), add), fixedWidth(120, date)), nil, nil, t)
}

func (v *partView) gapsTab() fyne.CanvasObject {
	gaps := v.table([]string{assets.T("Name"), assets.T("Mode"), assets.T("Missing this quarter")}, []float32{110, 110, 300},
		func() int { return len(v.gaps) },
		func(r, c int) string {
			g := v.gaps[r]
			return []string{g.Name, store.ManagementModeLabel(g.Mode), g.Missing}[c]
		}, nil)
	talks := v.table([]string{assets.T("Committee member"), assets.T("Not yet talked with this year")}, []float32{120, 700},
		func() int { return len(v.talks) },
		func(r, c int) string {
			g := v.talks[r]
			if c == 0 {
				return g.Name
			}
			return assets.T("%d members: %s", len(g.Missing), strings.Join(g.Missing, "、"))
		}, nil)
	return container.NewVSplit(
		container.NewBorder(subheading(assets.T("Members without this quarter's record of their mode")), nil, nil, nil, gaps),
		container.NewBorder(subheading(assets.T("Heart-to-heart talks not yet held this year (each committee member with each member)")), nil, nil, nil, talks))
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
