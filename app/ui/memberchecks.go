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
// pinyin initials) for a long roll, and 全选 / 全不选 for those shown. The ticks are a virtual
// list over the roll (a branch of 5,000 built 5,000 tick boxes one by one: 22 s on the UI
// thread), a few rows high inside the form.
type memberChecks struct {
	roll   []store.Member
	keys   [][]string
	labels []string // what each member's tick says
	ticked []bool
	shown  []int // the roll's indexes the filter lets through
	filter *widget.Entry
	list   *widget.List
	all    fyne.CanvasObject
}

func newMemberChecks() *memberChecks {
	c := &memberChecks{filter: widget.NewEntry()}
	c.filter.SetPlaceHolder(assets.T("Filter: name or pinyin initials (zs)"))
	c.filter.OnChanged = func(string) { c.apply() }
	c.list = widget.NewList(func() int { return len(c.shown) },
		func() fyne.CanvasObject { return widget.NewCheck("", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			ch := o.(*widget.Check)
			ch.OnChanged = nil // while it takes this member's tick
			if i >= len(c.shown) {
				return
			}
			j := c.shown[i]
			ch.Text = c.labels[j]
			ch.SetChecked(c.ticked[j])
			ch.Refresh()
			ch.OnChanged = func(on bool) { c.ticked[j] = on }
		})
	every := widget.NewButton(assets.T("Tick all shown"), func() { c.setShown(true) })
	none := widget.NewButton(assets.T("Untick all shown"), func() { c.setShown(false) })
	c.all = container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(every, none), c.filter), minHeight(300, c.list))
	return c
}

// SetRoll lists the members to choose from; nothing is ticked.
func (c *memberChecks) SetRoll(roll []store.Member) {
	c.roll = roll
	c.keys, c.labels, c.ticked = make([][]string, len(roll)), make([]string, len(roll)), make([]bool, len(roll))
	count := map[string]int{}
	for _, m := range roll {
		count[m.Name]++
	}
	for i, m := range roll {
		c.labels[i] = m.Name
		if count[m.Name] > 1 {
			c.labels[i] = assets.T("%s (born %s)", m.Name, yearOf(m.BirthDate))
		}
		c.keys[i] = pinyin.Keys(m.Name)
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
		c.ticked[i] = want[m.ID]
	}
	c.list.Refresh()
}

// Selected lists the ticked members' IDs in roll order.
func (c *memberChecks) Selected() []string {
	var out []string
	for i, m := range c.roll {
		if c.ticked[i] {
			out = append(out, m.ID)
		}
	}
	return out
}

func (c *memberChecks) setShown(on bool) {
	for _, i := range c.shown {
		c.ticked[i] = on
	}
	c.list.Refresh()
}

func (c *memberChecks) apply() {
	q := strings.TrimSpace(c.filter.Text)
	pq := pinyin.NewQuery(q)
	c.shown = c.shown[:0]
	for i, m := range c.roll {
		if q == "" || strings.Contains(m.Name, q) || pq.Match(c.keys[i]) {
			c.shown = append(c.shown, i)
		}
	}
	c.list.Refresh()
}
