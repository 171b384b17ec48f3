package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/pinyin"
)

// memberChecks chooses several members of a roll by ID (who attended a training): one tick per
// member, two members of the same name told apart by their birth year, a filter box (name or
// pinyin initials) for a long roll, and 全选 / 全不选 for those shown.
type memberChecks struct {
	roll   []store.Member
	keys   [][]string
	checks []*widget.Check
	filter *widget.Entry
	box    *fyne.Container
	all    fyne.CanvasObject
}

func newMemberChecks() *memberChecks {
	c := &memberChecks{filter: widget.NewEntry(), box: container.NewVBox()}
	c.filter.SetPlaceHolder(assets.T("Filter: name or pinyin initials (zs)"))
	c.filter.OnChanged = func(string) { c.apply() }
	every := widget.NewButton(assets.T("Tick all shown"), func() { c.setShown(true) })
	none := widget.NewButton(assets.T("Untick all shown"), func() { c.setShown(false) })
	c.all = container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(every, none), c.filter), c.box)
	return c
}

// SetRoll lists the members to choose from; nothing is ticked.
func (c *memberChecks) SetRoll(roll []store.Member) {
	c.roll, c.keys, c.checks = roll, nil, nil
	c.box.RemoveAll()
	count := map[string]int{}
	for _, m := range roll {
		count[m.Name]++
	}
	for _, m := range roll {
		label := m.Name
		if count[m.Name] > 1 {
			label = assets.T("%s (born %s)", m.Name, yearOf(m.BirthDate))
		}
		ch := widget.NewCheck(label, nil)
		c.checks = append(c.checks, ch)
		c.keys = append(c.keys, pinyin.Keys(m.Name))
		c.box.Add(ch)
	}
	c.apply()
}

func yearOf(date string) string {
	if len(date) >= 4 {
		return date[:4]
	}
	return "?"
}

// SetSelected ticks the members with the IDs and no others.
func (c *memberChecks) SetSelected(ids []string) {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	for i, m := range c.roll {
		c.checks[i].SetChecked(want[m.ID])
	}
}

// Selected lists the ticked members' IDs in roll order.
func (c *memberChecks) Selected() []string {
	var out []string
	for i, m := range c.roll {
		if c.checks[i].Checked {
			out = append(out, m.ID)
		}
	}
	return out
}

func (c *memberChecks) setShown(on bool) {
	for _, ch := range c.checks {
		if ch.Visible() {
			ch.SetChecked(on)
		}
	}
}

func (c *memberChecks) apply() {
	q := strings.TrimSpace(c.filter.Text)
	pq := pinyin.NewQuery(q)
	for i, m := range c.roll {
		if q == "" || strings.Contains(m.Name, q) || pq.Match(c.keys[i]) {
			c.checks[i].Show()
		} else {
			c.checks[i].Hide()
		}
	}
	c.box.Refresh()
}
