package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// After a roster import nobody is 书记 or 委员 (the column is often missing): the home screen
// offers to mark the committee (党内职务) in one dialog, since a 支委会 without it has nobody
// expected and the KPIs treat the branch as having no committee.

func init() {
	registerHomePanel(HomePanel{Order: 2, Roles: []string{store.RoleVillage}, Make: makeCommitteePanel})
}

func makeCommitteePanel(s *Session) fyne.CanvasObject {
	if !s.User.CanWrite() {
		return container.NewVBox()
	}
	return asyncBlock(s, assets.T("Looking for the branch committee…"), func(ctx context.Context) func() fyne.CanvasObject {
		roll, err := s.DB.Members(ctx, store.MemberFilter{OrgID: s.Home.ID})
		has, err2 := s.DB.HasCommittee(ctx, s.Home.ID)
		return func() fyne.CanvasObject {
			if err != nil || err2 != nil || has || len(roll) == 0 {
				return container.NewVBox()
			}
			btn := primaryButton(assets.T("Mark the committee"), fynetheme.AccountIcon(), func() { showCommitteeDialog(s, roll) })
			return container.NewVBox(
				widget.NewLabelWithStyle(assets.T("Nobody on the roll is marked as 书记, 副书记 or 委员."), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
				hint(assets.T("Mark them once (党内职务): the 支委会 then knows who is expected, and its quorum is counted.")),
				container.NewHBox(btn))
		}
	})
}

// committeeDialog is the one dialog that marks the 书记, 副书记 and up to six 委员.
type committeeDialog struct {
	secretary, deputy *memberPicker
	members           []*memberPicker
	since             *dateField // 任职时间 of those whose post changes now
	problem           problemLabel
}

func showCommitteeDialog(s *Session, roll []store.Member) *committeeDialog {
	c := &committeeDialog{secretary: newMemberPicker(s.Window, roll), deputy: newMemberPicker(s.Window, roll), problem: newProblemLabel()}
	items := []*widget.FormItem{
		widget.NewFormItem(assets.T("Secretary (书记)"), fixedWidth(220, c.secretary.btn)),
		widget.NewFormItem(assets.T("Deputy secretary (副书记)"), fixedWidth(220, c.deputy.btn)),
	}
	grid := container.NewGridWithColumns(3)
	for i := 0; i < 6; i++ {
		p := newMemberPicker(s.Window, roll)
		c.members = append(c.members, p)
		grid.Add(p.btn)
	}
	for _, m := range roll {
		switch m.Position {
		case store.PositionSecretary:
			c.secretary.SetID(m.ID)
		case store.PositionDeputy:
			c.deputy.SetID(m.ID)
		}
	}
	items = append(items, widget.NewFormItem(assets.T("Committee members (委员)"), fixedWidth(520, grid)))
	// The day the posts were taken (the election): it becomes the 任职时间 of whoever gets a
	// new post here; the training check of a new secretary counts half a year from it.
	c.since = newDateField(s.Window)
	c.since.Optional = true
	c.since.SetDate(s.DB.Now().Format("2006-01-02"))
	items = append(items, widget.NewFormItem(assets.T("Position since (任职时间)"), fixedWidth(220, c.since)))
	items = append(items, widget.NewFormItem("", hint(assets.T("The day the changed posts were taken (the election); clear it if not known. Members whose post does not change keep their own date."))))
	content := container.NewVBox(hint(assets.T("Tap a box and type the name or its pinyin initials. Leave a box at (none) if the post is empty.")),
		widget.NewForm(items...), c.problem.Label)
	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm(assets.T("Mark the branch committee"), assets.T("Save"), assets.T("Cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		pos := map[string]string{}
		for _, p := range c.members {
			if p.ID() != "" {
				pos[p.ID()] = store.PositionCommittee
			}
		}
		if id := c.deputy.ID(); id != "" {
			pos[id] = store.PositionDeputy
		}
		if id := c.secretary.ID(); id != "" {
			pos[id] = store.PositionSecretary
		}
		if err := s.DB.SetCommittee(s.Ctx, s.Home.ID, pos, c.since.Date()); err != nil {
			showInfo(assets.T("Mark the branch committee"), assets.Chinese(err), s.Window)
			return
		}
		if s.Refresh != nil {
			s.Refresh()
		}
	}, s.Window)
	d.Show()
	return c
}
