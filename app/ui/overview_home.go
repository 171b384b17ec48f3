package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// The village's home shows its own figures for this quarter, computed as the township
// computes them (store.KPIs), and the months the township has approved and locked.

func init() {
	registerHomePanel(HomePanel{Order: 5, Roles: []string{store.RoleVillage}, Make: makeKPIPanel})
}

func makeKPIPanel(s *Session) fyne.CanvasObject {
	q := store.QuarterOf(s.DB.Now())
	return asyncBlock(s, assets.T("Working out this quarter's figures…"), func(ctx context.Context) func() fyne.CanvasObject {
		ks, err := s.DB.KPIs(ctx, q, []string{s.Home.ID})
		if err != nil || len(ks) == 0 {
			return func() fyne.CanvasObject {
				p := newProblemLabel()
				if err != nil {
					p.Set(assets.Chinese(err))
				}
				return p.Label
			}
		}
		as, aerr := s.DB.Approvals(ctx, s.Home.ID)
		return func() fyne.CanvasObject { return kpiPanel(q, ks[0], as, aerr) }
	})
}

// kpiPanel shows the quarter's figures and the months the township locked (or why they
// could not be read).
func kpiPanel(q store.Period, k store.KPI, as []store.Approval, err error) fyne.CanvasObject {
	tiles := container.NewGridWithColumns(4,
		textTile(assets.T("On-time rate"), store.Percent(k.OnTimeRate), true),
		textTile(assets.T("Average attendance"), store.Percent(k.AttendanceRate), false),
		textTile(assets.T("Dues collection rate"), store.Percent(k.DuesRate), false),
		textTile(assets.T("Owing 3+ months"), itoa(k.Arrears3m), false))
	items := []fyne.CanvasObject{subheading(assets.T("%s as the township sees it", q.Label())), tiles}
	if err != nil {
		p := newProblemLabel()
		p.Set(assets.Chinese(err))
		return container.NewVBox(append(items, p.Label)...)
	}
	var locked []string
	for _, a := range as {
		if a.Locked() {
			if p, perr := store.ParsePeriod(a.Month); perr == nil {
				locked = append(locked, p.Label())
			}
		}
	}
	if len(locked) > 0 {
		l := widget.NewLabel(assets.T("Approved and locked by the township (records can no longer be changed): %s.", strings.Join(locked, "、")))
		l.Wrapping = fyne.TextWrapWord
		items = append(items, l)
	}
	return container.NewVBox(items...)
}
