package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/pinyin"
)

// memberPicker chooses one member of a roll (a meeting's 主持人, 记录人): a button with the
// chosen name; tapping it opens a small dialog that searches as you type, like the roster
// (name, pinyin initials or full pinyin), instead of a list of 150 names.
type memberPicker struct {
	w         fyne.Window
	roll      []store.Member
	keys      [][]string
	id        string
	btn       *widget.Button
	OnChanged func()
	// Before, when set, is asked before another member is chosen: it calls proceed to let
	// the choice happen (guardPick: unsaved work on the screen asks first).
	Before func(proceed func())

	// While the dialog is open (tests drive these).
	search  *keyEntry
	matches []int // indexes into roll; -1 is 「（无）」
	list    *widget.List
	dlg     dialog.Dialog
}

func newMemberPicker(w fyne.Window, roll []store.Member) *memberPicker {
	p := &memberPicker{w: w}
	p.btn = widget.NewButtonWithIcon("", fynetheme.AccountIcon(), p.open)
	p.btn.Alignment = widget.ButtonAlignLeading
	p.SetRoll(roll)
	return p
}

// SetRoll changes the members to choose from (the roll was read again); the chosen member
// stays chosen while on it.
func (p *memberPicker) SetRoll(roll []store.Member) {
	p.roll, p.keys = roll, nil // the pinyin keys are worked out when the search first runs
	p.SetID(p.id)
}

// ID is the chosen member's ID ("" for none).
func (p *memberPicker) ID() string { return p.id }

// SetID chooses the member with the ID ("" or unknown: none).
func (p *memberPicker) SetID(id string) {
	p.id = ""
	for _, m := range p.roll {
		if m.ID == id {
			p.id = id
		}
	}
	p.show()
}

func (p *memberPicker) show() {
	p.btn.SetText(assets.T("(none)"))
	for _, m := range p.roll {
		if m.ID == p.id {
			p.btn.SetText(m.Name)
		}
	}
}

func (p *memberPicker) choose(i int) {
	id := ""
	if i >= 0 {
		id = p.roll[i].ID
	}
	if p.dlg != nil {
		p.dlg.Hide()
	}
	apply := func() {
		p.id = id
		p.show()
		if p.OnChanged != nil {
			p.OnChanged()
		}
	}
	if p.Before != nil && id != p.id {
		p.Before(apply)
		return
	}
	apply()
}

// Member is the chosen member (false: none).
func (p *memberPicker) Member() (store.Member, bool) {
	for _, m := range p.roll {
		if m.ID == p.id && p.id != "" {
			return m, true
		}
	}
	return store.Member{}, false
}

// guardPick makes a change of the member a form is about (which fills the form again) ask
// first when something typed on the screen is not saved (the picker's guardChoice); 取消
// keeps the member. changed runs once the change goes ahead.
func (s *Session) guardPick(p *memberPicker, changed func()) {
	p.OnChanged = changed
	p.Before = func(proceed func()) { s.ask(proceed, nil, true) }
}

// filter lists the members matching the search box, 「（无）」 first when it is empty.
func (p *memberPicker) filter() {
	q := strings.TrimSpace(p.search.Text)
	if q != "" && p.keys == nil {
		// Once per roll, when the first letter is typed (5,000 names take tens of
		// milliseconds: not at every screen that shows a picker).
		p.keys = make([][]string, len(p.roll))
		for i, m := range p.roll {
			p.keys[i] = pinyin.Keys(m.Name)
		}
	}
	pq := pinyin.NewQuery(q)
	p.matches = p.matches[:0]
	if q == "" {
		p.matches = append(p.matches, -1)
	}
	for i, m := range p.roll {
		if q == "" || strings.Contains(m.Name, q) || pq.Match(p.keys[i]) {
			p.matches = append(p.matches, i)
		}
	}
	p.list.Refresh()
}

func (p *memberPicker) open() {
	p.search = newEntry()
	p.search.SetPlaceHolder(assets.T("Search: name or pinyin initials (zs)"))
	p.list = widget.NewList(func() int { return len(p.matches) },
		func() fyne.CanvasObject { return widget.NewLabel("支部台账支部台账") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			name := assets.T("(none)")
			if j := p.matches[i]; j >= 0 {
				name = p.roll[j].Name
			}
			o.(*widget.Label).SetText(name)
		})
	p.list.OnSelected = func(i widget.ListItemID) { p.choose(p.matches[i]) }
	p.search.OnChanged = func(string) { p.filter() }
	p.search.OnSubmitted = func(string) { // Enter takes the first match
		for _, j := range p.matches {
			if j >= 0 || len(p.matches) == 1 {
				p.choose(j)
				return
			}
		}
	}
	p.filter()
	content := container.NewBorder(p.search, nil, nil, nil, p.list)
	d := dialog.NewCustom(assets.T("Choose a member"), assets.T("Cancel"), fixedSize(fyne.NewSize(360, 380), content), p.w)
	p.dlg = d
	d.Show()
	p.w.Canvas().Focus(p.search)
}
