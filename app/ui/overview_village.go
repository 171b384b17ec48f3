package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// villageDetail is the township's read-only view of one village's records for a period:
// its meetings with attendance, members, dues, candidates and notices, and the month
// approvals (approve and lock, unlock with a reason).
type villageDetail struct {
	s       *Session
	k       store.KPI
	p       store.Period
	root    *fyne.Container
	tabs    *container.AppTabs
	area    map[string]int // store area → tab index
	problem problemLabel
	months  *fyne.Container
}

func newVillageDetail(s *Session, k store.KPI, p store.Period, back func()) *villageDetail {
	d := &villageDetail{s: s, k: k, p: p, problem: newProblemLabel(), area: map[string]int{}}
	d.months = container.NewHBox()
	d.loadMonths()
	d.tabs = container.NewAppTabs()
	add := func(area, title string, content fyne.CanvasObject) {
		d.area[area] = len(d.tabs.Items)
		d.tabs.Append(container.NewTabItem(title, content))
	}
	add(store.AreaMeetings, assets.T("Meetings"), d.meetings())
	add(store.AreaOther, assets.T("Members"), d.members())
	add(store.AreaDues, assets.T("Dues"), d.dues())
	add(store.AreaPipeline, assets.T("Candidates (tab)"), d.pipeline())
	add(store.AreaNotices, assets.T("Notices (tab)"), d.notices())
	backBtn := widget.NewButtonWithIcon(assets.T("Back to the overview"), fynetheme.NavigateBackIcon(), back)
	summary := widget.NewLabel(assets.T("%s, %s: on-time rate %s (%d of %d), average attendance %s, dues collection rate %s.", k.OrgName, p.Label(),
		store.Percent(k.OnTimeRate), k.OnTime, k.Required, store.Percent(k.AttendanceRate), store.Percent(k.DuesRate)))
	summary.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(toolbarRow([]fyne.CanvasObject{backBtn, heading(k.OrgName)}), summary, d.months, d.problem.Label)
	d.root = container.NewBorder(top, nil, nil, nil, d.tabs)
	return d
}

func (d *villageDetail) selectArea(area string) {
	if i, ok := d.area[area]; ok {
		d.tabs.SelectIndex(i)
	}
}

// loadMonths shows each month of the period with its approval state and what the
// township may do with it.
func (d *villageDetail) loadMonths() {
	as, err := d.s.DB.Approvals(d.s.Ctx, d.k.OrgID)
	if err != nil {
		d.problem.Set(assets.Chinese(err))
		return
	}
	state := map[string]string{}
	for _, a := range as {
		state[a.Month] = a.State
	}
	items := []fyne.CanvasObject{widget.NewLabel(assets.T("Month approval:"))}
	today := store.MonthOf(d.s.DB.Now())
	for _, m := range d.p.Split(store.PeriodMonth) {
		m := m
		st := state[m.String()]
		items = append(items, widget.NewLabel(assets.T("%s: %s", m.Label(), store.ApprovalState(st))))
		if !d.s.User.CanAdmin() || m.Start().After(today.Start()) {
			continue
		}
		if st == store.ApprovalApproved {
			items = append(items, widget.NewButton(assets.T("Unlock…"), func() { d.unlock(m) }))
		} else {
			b := widget.NewButtonWithIcon(assets.T("Approve and lock"), fynetheme.ConfirmIcon(), func() { d.approve(m) })
			b.Importance = widget.HighImportance
			items = append(items, b)
		}
	}
	d.months.Objects = items
	d.months.Refresh()
}

// approve asks, naming the village and the month, before approving and locking it.
func (d *villageDetail) approve(m store.Period) {
	msg := paragraph(assets.T("Once approved, %s can no longer change the records of %s; to change them later the month must be unlocked with a reason.", d.k.OrgName, m.Label()), 460)
	dialog.NewCustomConfirm(assets.T("Approve and lock %s of %s?", m.Label(), d.k.OrgName), assets.T("Approve and lock"), assets.T("Cancel"), msg, func(ok bool) {
		if !ok {
			return
		}
		if _, err := d.s.DB.ApproveMonth(d.s.Ctx, d.k.OrgCode, m.String()); err != nil {
			d.problem.Set(assets.Chinese(err))
			return
		}
		d.problem.Set("")
		d.loadMonths()
	}, d.s.Window).Show()
}

func (d *villageDetail) unlock(m store.Period) {
	reason := widget.NewEntry()
	reason.SetPlaceHolder(assets.T("e.g. 补录会议记录"))
	dlg := dialog.NewForm(assets.T("Unlock %s of %s", m.Label(), d.k.OrgName), assets.T("Unlock"), assets.T("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(assets.T("Reason"), fixedWidth(320, reason))}, func(ok bool) {
			if !ok {
				return
			}
			if _, err := d.s.DB.UnlockMonth(d.s.Ctx, d.k.OrgCode, m.String(), reason.Text); err != nil {
				d.problem.Set(assets.Chinese(err))
				return
			}
			d.problem.Set("")
			d.loadMonths()
		}, d.s.Window)
	dlg.Show()
}

// meetings lists the village's meetings of the period; selecting one shows its attendance.
func (d *villageDetail) meetings() fyne.CanvasObject {
	ms, err := d.s.DB.Meetings(d.s.Ctx, store.MeetingFilter{OrgID: d.k.OrgID, Period: &d.p})
	if err != nil {
		return widget.NewLabel(assets.Chinese(err))
	}
	att := widget.NewLabel(assets.T("Choose a meeting to see its attendance."))
	att.Wrapping = fyne.TextWrapWord
	headers := []string{assets.T("meeting date"), assets.T("meeting kind"), assets.T("meeting topic"), assets.T("expected (column)"),
		assets.T("present (column)"), assets.T("absent (column)"), assets.T("quorum (column)")}
	t := newTextTable(headers, []float32{110, 120, 360, 60, 60, 60, 80}, func() int { return len(ms) }, func(r, c int) string {
		m := ms[r]
		return []string{m.Date, m.KindLabel, m.Topic, strconv.Itoa(m.Expected), strconv.Itoa(m.Present), strconv.Itoa(m.Absent),
			quorumText(m)}[c]
	}, func(r int) {
		full, err := d.s.DB.Meeting(d.s.Ctx, ms[r].ID)
		if err != nil {
			att.SetText(assets.Chinese(err))
			return
		}
		var present, absent []string
		for _, a := range full.Attendance {
			if a.Status == store.AttendPresent {
				present = append(present, a.Name)
			} else {
				absent = append(absent, a.Name+"（"+store.Attendance.Label(a.Status)+"）")
			}
		}
		att.SetText(assets.T("%s %s: present %s; absent %s.", full.Date, full.Topic, strings.Join(present, "、"), strings.Join(absent, "、")))
	})
	count := widget.NewLabel(assets.T("%d meetings", len(ms)))
	return container.NewBorder(nil, container.NewVBox(count, att), nil, nil, t)
}

func quorumText(m store.MeetingSummary) string {
	switch {
	case !m.QuorumRequired:
		return ""
	case m.Quorum:
		return assets.T("Reached")
	}
	return assets.T("Not reached")
}

func (d *villageDetail) members() fyne.CanvasObject {
	ms, err := d.s.DB.Members(d.s.Ctx, store.MemberFilter{OrgID: d.k.OrgID})
	if err != nil {
		return widget.NewLabel(assets.Chinese(err))
	}
	headers := []string{assets.T("Name"), assets.T("Gender"), assets.T("Status (member)"), assets.T("Position"), assets.T("Category (member)"), assets.T("Joined (column)")}
	return newTextTable(headers, []float32{120, 60, 110, 100, 100, 110}, func() int { return len(ms) }, func(r, c int) string {
		m := ms[r]
		return []string{m.Name, store.Gender.Label(m.Gender), store.Status.Label(m.Status), store.Position.Label(m.Position),
			store.Category.Label(m.Category), m.JoinedDate}[c]
	}, nil)
}

func (d *villageDetail) dues() fyne.CanvasObject {
	asOf := d.p.End()
	if now := d.s.DB.Now(); now.Before(asOf) {
		asOf = now
	}
	st, err := d.s.DB.DuesArrears(d.s.Ctx, d.k.OrgID, asOf)
	if err != nil {
		return widget.NewLabel(assets.Chinese(err))
	}
	headers := []string{assets.T("Name"), assets.T("Monthly dues (yuan)"), assets.T("Unpaid months"), assets.T("Last paid")}
	t := newTextTable(headers, []float32{120, 110, 420, 100}, func() int { return len(st) }, func(r, c int) string {
		s := st[r]
		return []string{s.Name, store.Yuan(s.Monthly), strings.Join(s.Unpaid, "、"), s.LastPaid}[c]
	}, nil)
	note := widget.NewLabel(assets.T("Dues collection rate %s (%d of %d member-months); %d members owe 3 months or more.",
		store.Percent(d.k.DuesRate), d.k.DuesPaid, d.k.DuesDue, d.k.Arrears3m))
	return container.NewBorder(note, nil, nil, nil, t)
}

func (d *villageDetail) pipeline() fyne.CanvasObject {
	cs, err := d.s.DB.Candidates(d.s.Ctx, d.k.OrgID, false)
	if err != nil {
		return widget.NewLabel(assets.Chinese(err))
	}
	f, err := d.s.DB.PipelineFigures(d.s.Ctx)
	if err != nil {
		return widget.NewLabel(assets.Chinese(err))
	}
	headers := []string{assets.T("Name"), assets.T("Stage"), assets.T("Next step"), assets.T("Due by")}
	return newTextTable(headers, []float32{120, 170, 300, 110}, func() int { return len(cs) }, func(r, c int) string {
		cd := &cs[r]
		n := f.Next(cd)
		return []string{cd.Name, store.StageName(cd.Stage()), n.Name, n.Latest}[c]
	}, nil)
}

func (d *villageDetail) notices() fyne.CanvasObject {
	ns, err := d.s.DB.Notices(d.s.Ctx, d.k.OrgID)
	if err != nil {
		return widget.NewLabel(assets.Chinese(err))
	}
	headers := []string{assets.T("Notice"), assets.T("Period"), assets.T("Printed"), assets.T("Posted")}
	return newTextTable(headers, []float32{200, 120, 150, 120}, func() int { return len(ns) }, func(r, c int) string {
		n := ns[r]
		return []string{n.Kind, n.Period, n.PrintedAt, n.PostedAt}[c]
	}, nil)
}
