package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// conflictList shows the edits made on two PCs at the same time, each with both values, who
// made them, on which PC and when, and lets a person keep one.
type conflictList struct {
	s       *Session
	items   []store.Conflict
	box     *fyne.Container
	changed func()
}

func newConflictList(s *Session, changed func()) *conflictList {
	return &conflictList{s: s, box: container.NewVBox(), changed: changed}
}

func (c *conflictList) view() fyne.CanvasObject {
	return container.NewBorder(hint(assets.T("The same item was changed on two PCs before they synced. The value now in the record was kept; the other is shown here so that nothing is lost. Choose the right one.")),
		nil, nil, nil, container.NewVScroll(c.box))
}

// load reads the open conflicts (off the UI thread).
func (c *conflictList) load(ctx context.Context) ([]store.Conflict, error) {
	org := c.s.Home.ID
	if c.s.Role == store.RoleTownship {
		org = ""
	}
	return c.s.DB.Conflicts(ctx, org, false)
}

// reload reads the open conflicts off the UI thread and shows them.
func (c *conflictList) reload() {
	var items []store.Conflict
	var err error
	c.s.Go(func(ctx context.Context) { items, err = c.load(ctx) }, func() {
		if err == nil {
			c.show(items)
		}
	})
}

// show lists the conflicts (on the UI thread).
func (c *conflictList) show(items []store.Conflict) {
	c.items = items
	c.box.RemoveAll()
	if len(items) == 0 {
		c.box.Add(widget.NewLabel(assets.T("No open conflicts.")))
	}
	for _, it := range items {
		c.box.Add(c.card(it))
	}
	c.box.Refresh()
}

func (c *conflictList) card(it store.Conflict) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(it.Subject, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	now := widget.NewLabel(assets.T("Now: %s — %s", it.Now, it.NowBy))
	other := widget.NewLabel(assets.T("Other PC: %s — %s", it.Other, it.OtherBy))
	now.Wrapping, other.Wrapping = fyne.TextWrapWord, fyne.TextWrapWord
	id := it.ID
	keep := widget.NewButton(assets.T("Keep the current value"), func() { c.resolve(id, false) })
	use := widget.NewButton(assets.T("Use the other PC's value"), func() { c.resolve(id, true) })
	return widget.NewCard("", "", container.NewVBox(title, now, other, container.NewHBox(keep, use)))
}

func (c *conflictList) resolve(id string, keepLoser bool) {
	if err := c.s.DB.ResolveConflict(c.s.Ctx, id, keepLoser); err != nil {
		c.box.Add(widget.NewLabel(assets.Chinese(err)))
		return
	}
	c.changed()
}
