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
	registerScreen(Screen{ID: "points", Title: "Points and stars", Icon: navIcon(fynetheme.IconNameGrid), Order: 51, Roles: []string{store.RoleVillage}, Make: makePoints})
}

// makePoints shows one member's own points record and stars, the period's result of every
// member in roll order (what is posted on the board: no ranking, no leaderboard), and the
// form that gives or deducts points.
func makePoints(s *Session) fyne.CanvasObject {
	now := s.DB.Now()
	periods := []store.Period{store.YearOf(now)}
	for q := 1; q <= (int(now.Month())+2)/3; q++ {
		periods = append(periods, store.Period{Kind: store.PeriodQuarter, Year: now.Year(), Index: q})
	}
	labels := make([]string, len(periods))
	for i, p := range periods {
		labels[i] = p.Label()
	}
	members, membersErr := s.DB.Members(s.Ctx, store.MemberFilter{OrgID: s.Home.ID})
	period := newSelect(labels, nil)
	who := newMemberPicker(s.Window, members) // searches as you type (a branch may have hundreds)

	var own store.PointsResult
	summary := widget.NewLabel(assets.T("Choose a member to see their own record."))
	ownTable := newTextTable([]string{assets.T("Date"), assets.T("Points"), assets.T("Kind of points"), assets.T("Reason for the points")}, []float32{120, 70, 130, 480},
		func() int { return len(own.Entries) },
		func(r, c int) string {
			e := own.Entries[r]
			switch c {
			case 0:
				return e.Date
			case 1:
				return strconv.FormatInt(int64(e.Points), 10)
			case 2:
				return store.PointsKind.Label(e.Kind)
			}
			return e.Reason
		}, nil)
	var results []store.PointsResult
	resTable := newTextTable([]string{assets.T("Name"), assets.T("Points"), assets.T("Stars")}, []float32{120, 90, 400},
		func() int { return len(results) },
		func(r, c int) string {
			switch c {
			case 0:
				return results[r].Name
			case 1:
				return strconv.Itoa(results[r].Points)
			}
			return starsText(results[r])
		}, nil)
	problem := newProblemLabel()
	if membersErr != nil {
		problem.Set(assets.Chinese(membersErr)) // no one to choose: say why
	}
	// reload reads the period's results (and the chosen member's record) off the UI thread:
	// a branch of 5,000 takes seconds.
	gen := 0
	reload := func() {
		i := period.SelectedIndex()
		if i < 0 {
			return
		}
		p, label := periods[i].String(), period.Selected
		mid := who.ID()
		gen++
		g := gen
		var rs []store.PointsResult
		var o store.PointsResult
		var err, ownErr error
		s.Go(func(ctx context.Context) {
			rs, err = s.DB.PointsResults(ctx, s.Home.ID, p)
			if mid != "" {
				o, ownErr = s.DB.MemberPoints(ctx, mid, p)
			}
		}, func() {
			if g != gen {
				return // another period or member was chosen meanwhile
			}
			if err != nil {
				problem.Set(assets.Chinese(err))
			}
			results = rs
			resTable.Refresh()
			if mid != "" && ownErr == nil {
				own = o
				summary.SetText(assets.T("%s in %s: %d points, %s.", own.Name, label, own.Points, starsText(own)))
			}
			ownTable.Refresh()
		})
	}
	period.OnChanged = func(string) { reload() }
	// Another member: the entry typed for this one asks first (leaveguard.go).
	s.guardPick(who, reload)
	period.SetSelectedIndex(0)

	kinds := store.PointsKind.Slugs()
	kind := newSelect(store.PointsKind.Labels(), nil)
	kind.SetSelectedIndex(0)
	pts := newEntry()
	pts.SetPlaceHolder(assets.T("Points (empty: the rule)"))
	date := newDateField(s.Window)
	date.SetDate(now.Format("2006-01-02"))
	reason := newEntry()
	reason.SetPlaceHolder(assets.T("What the points are for"))
	addEntry := func() bool {
		m, ok := who.Member()
		if !ok {
			problem.Set(assets.T("Choose a member first."))
			return false
		}
		n := 0
		if t := strings.TrimSpace(pts.Text); t != "" {
			var err error
			if n, err = strconv.Atoi(t); err != nil {
				problem.Set(assets.T("Enter the points as a whole number, e.g. 5 or -2."))
				return false
			}
		}
		if _, err := s.DB.AddPoints(s.Ctx, store.PointsEntry{MemberID: m.ID, Kind: kinds[kind.SelectedIndex()], Points: n,
			Date: date.Date(), Reason: reason.Text}); err != nil {
			problem.Set(assets.Chinese(err))
			return false
		}
		problem.Set("")
		pts.SetText("")
		reason.SetText("")
		reload()
		return true
	}
	add := primaryButton(assets.T("Add entry"), fynetheme.ContentAddIcon(), s.guardForm(addEntry, kind, pts, date, reason).tap)
	// The reason takes the room left between the short boxes and the button: the line fits
	// beside the navigation at system scaling 1.5 (834 units of 753 as fixed widths).
	form := container.NewBorder(nil, nil, container.NewHBox(fixedWidth(130, kind), fixedWidth(150, pts), date), add, reason)
	if !s.User.CanWrite() {
		form.Hide()
	}
	summary.Wrapping = fyne.TextWrapWord
	ownTab := container.NewBorder(container.NewBorder(nil, nil, fixedWidth(150, who.btn), nil, summary), container.NewVBox(form, problem.Label), nil, nil, ownTable)
	resTab := container.NewBorder(hint(assets.T("Every member in roll order, as posted on the notice board. There is no ranking.")), nil, nil, nil, resTable)
	tabs := container.NewAppTabs(container.NewTabItem(assets.T("A member's record"), ownTab), container.NewTabItem(assets.T("Period result"), resTab))
	return container.NewBorder(container.NewHBox(heading(assets.T("Points and stars")), fixedWidth(160, period)), nil, nil, nil, tabs)
}

func starsText(r store.PointsResult) string {
	stars := strings.Repeat("★", r.Stars)
	if r.Layout == "532" {
		return assets.T("%d stars (common %d/5, duty %d/3, own choice %d/2)", r.Stars, r.Groups["common"], r.Groups["duty"], r.Groups["self"]) + " " + stars
	}
	return assets.T("%d stars", r.Stars) + " " + stars
}
