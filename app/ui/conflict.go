package ui

import (
	"database/sql"
	"fmt"

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

func (c *conflictList) reload() {
	org := c.s.Home.ID
	if c.s.Role == store.RoleTownship {
		org = ""
	}
	items, err := c.s.DB.Conflicts(c.s.Ctx, org, false)
	if err != nil {
		return
	}
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
	title := widget.NewLabelWithStyle(assets.T("%s: %s", c.recordName(it), fieldName(it.Field)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	now := widget.NewLabel(assets.T("Now: %s — %s", showValue(it.Field, it.WinnerValue), c.who(it.WinnerUser, it.WinnerDevice, it.WinnerAt)))
	other := widget.NewLabel(assets.T("Other PC: %s — %s", showValue(it.Field, it.LoserValue), c.who(it.LoserUser, it.LoserDevice, it.LoserAt)))
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

// recordName names the record a conflict is about: a member's or organisation's name.
func (c *conflictList) recordName(it store.Conflict) string {
	var name sql.NullString
	switch it.Table {
	case "members", "orgs":
		c.s.DB.SQL().QueryRowContext(c.s.Ctx, "SELECT name FROM "+it.Table+" WHERE id=?", it.RowID).Scan(&name)
	}
	if name.String != "" {
		return name.String
	}
	return assets.T("A record")
}

// who says who made a version, on which PC and when (by that PC's clock).
func (c *conflictList) who(user, device string, at store.HLC) string {
	pc := assets.T("this PC")
	if device != c.s.DB.Device() {
		pc = device
		if len(pc) > 7 {
			pc = pc[:7]
		}
		if p, err := c.s.DB.Peer(c.s.Ctx, device); err == nil {
			pc = p.OrgName
		}
		pc = assets.T("%s's PC", pc)
	}
	if user == "" {
		user = assets.T("unknown user")
	}
	return assets.T("%s, on %s, %s", user, pc, at.Wall().Local().Format("2006-01-02 15:04"))
}

func fieldName(field string) string {
	if field == "deleted" {
		return assets.T("deleted or not")
	}
	return store.FieldLabel(field)
}

func showValue(field string, v any) string {
	switch x := v.(type) {
	case nil:
		return assets.T("(empty)")
	case []byte:
		return assets.T("(a photo or file)")
	case int64:
		if field == "deleted" {
			if x != 0 {
				return assets.T("deleted")
			}
			return assets.T("not deleted")
		}
	case string:
		if x == "" {
			return assets.T("(empty)")
		}
	}
	return fmt.Sprint(v)
}
