package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	registerScreen(Screen{ID: "transfers", Title: "Transfers", Icon: navIcon(fynetheme.IconNameMailForward), Order: 53, Make: makeTransfers})
}

// makeTransfers lists transfers of membership in and out (组织关系转接) and records them: a
// village transfers a member out; the township forwards a transfer to the receiving
// village; the receiving village takes the member in. A member is never duplicated or lost.
func makeTransfers(s *Session) fyne.CanvasObject {
	org := s.Home.ID
	if s.Role == store.RoleTownship {
		org = ""
	}
	var ts []store.Transfer
	var cur *store.Transfer
	orgName := func(id, place string) string {
		if o, err := s.DB.Org(s.Ctx, id); err == nil {
			return o.Name
		}
		return place
	}
	table := newTextTable([]string{assets.T("Date"), assets.T("Name"), assets.T("Kind of transfer"), assets.T("Transferred from"), assets.T("Transferred to"), assets.T("Transfer state")},
		[]float32{110, 90, 90, 200, 200, 100}, func() int { return len(ts) },
		func(r, c int) string {
			t := ts[r]
			switch c {
			case 0:
				return t.Date
			case 1:
				return t.Name
			case 2:
				return transferKindLabel(t.Kind)
			case 3:
				return orgName(t.FromOrgID, t.Place)
			case 4:
				return orgName(t.ToOrgID, t.Place)
			}
			if t.Kind == "in" {
				return ""
			}
			if t.Received {
				return assets.T("received by the new branch")
			}
			return assets.T("waiting to be received")
		}, nil)
	problem := newProblemLabel()
	done := widget.NewLabel("")
	done.Importance = widget.SuccessImportance
	load := func() {
		var err error
		if ts, err = s.DB.Transfers(s.Ctx, org); err != nil {
			problem.Set(assets.Chinese(err))
		}
		table.Refresh()
	}
	load()
	date := newDateField(s.Window)
	date.SetDate(s.DB.Now().Format("2006-01-02"))
	act := widget.NewButtonWithIcon(assets.T("Forward to the receiving village"), fynetheme.MailForwardIcon(), nil)
	if s.Role == store.RoleVillage {
		act.SetText(assets.T("Receive this member"))
	}
	act.Disable()
	table.OnSelected = func(id widget.TableCellID) {
		table.UnselectAll()
		if id.Row < 0 || id.Row >= len(ts) {
			return
		}
		cur = &ts[id.Row]
		if cur.Kind != "in" && !cur.Received && s.User.CanWrite() {
			act.Enable()
		} else {
			act.Disable()
		}
	}
	act.OnTapped = func() {
		if cur == nil {
			return
		}
		var err error
		if s.Role == store.RoleTownship && cur.Kind == "out" {
			_, err = s.DB.ForwardTransfer(s.Ctx, cur.ID, date.Date())
		} else {
			_, err = s.DB.TransferIn(s.Ctx, cur.ID, date.Date(), "")
		}
		if err != nil {
			problem.Set(assets.Chinese(err))
			return
		}
		problem.Set("")
		done.SetText(assets.T("Saved the transfer."))
		load()
	}

	// Transfer out (a village's own members).
	var out fyne.CanvasObject = widget.NewLabel("")
	if s.Role == store.RoleVillage && s.User.CanWrite() {
		members, err := s.DB.Members(s.Ctx, store.MemberFilter{OrgID: s.Home.ID})
		if err != nil {
			problem.Set(assets.Chinese(err)) // no one to choose: say why
		}
		who := newMemberPicker(s.Window, members) // searches as you type (a branch may have hundreds)
		villages, err := s.DB.Orgs(s.Ctx, store.KindVillage)
		if err != nil {
			problem.Set(assets.Chinese(err)) // only "outside the township" to choose: say why
		}
		var targets []store.Org
		targetNames := []string{assets.T("Outside the township (type the name)")}
		for _, o := range villages {
			if o.ID != s.Home.ID {
				targets = append(targets, o)
				targetNames = append(targetNames, o.Name)
			}
		}
		to := newSelect(targetNames, nil)
		to.SetSelectedIndex(0)
		place := newEntry()
		place.SetPlaceHolder(assets.T("Receiving organisation"))
		transferOut := func() bool {
			m, ok := who.Member()
			if !ok {
				problem.Set(assets.T("Choose a member first."))
				return false
			}
			toID := ""
			if j := to.SelectedIndex(); j > 0 {
				toID = targets[j-1].ID
			}
			if _, err := s.DB.TransferOut(s.Ctx, m.ID, date.Date(), toID, place.Text, ""); err != nil {
				problem.Set(assets.Chinese(err))
				return false
			}
			problem.Set("")
			done.SetText(assets.T("%s was transferred out; the member file is kept as transferred out.", m.Name))
			load()
			return true
		}
		// A chosen member or a typed organisation not yet sent is unsaved work.
		send := primaryButton(assets.T("Transfer out"), fynetheme.MailSendIcon(), s.guardForm(transferOut, who, to, place).tap)
		// The target's choice is as wide as its longest option (never cut off); the
		// receiving organisation takes the rest of the row.
		out = container.NewBorder(nil, nil, container.NewHBox(fixedWidth(130*textScale(), who.btn), fixedWidth(optionsWidth(targetNames), to)), send, place)
	}
	top := container.NewVBox(heading(assets.T("Transfers")),
		hint(assets.T("Within the township a transfer goes village → township → village: the township forwards it, the receiving village receives it.")))
	bottom := container.NewVBox(container.NewHBox(date, act), out, done, problem.Label)
	return container.NewBorder(top, bottom, nil, nil, table)
}

func transferKindLabel(kind string) string {
	switch kind {
	case "out":
		return assets.T("transfer out")
	case "forward":
		return assets.T("forwarded by the township")
	}
	return assets.T("transfer in")
}

// optionsWidth is the width a drop-down needs to show the longest of its options whole.
func optionsWidth(options []string) float32 {
	w := float32(0)
	for _, o := range options {
		w = max(w, fyne.MeasureText(o, fynetheme.TextSize(), fyne.TextStyle{}).Width)
	}
	return w + fynetheme.IconInlineSize() + 6*fynetheme.Padding()
}
