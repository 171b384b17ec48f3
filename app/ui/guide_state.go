package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"zhibu/app/notice"
	"zhibu/assets"
	"zhibu/store"
)

// What the guide says about each step of a village's first week: done (in green, with what
// is there) or not yet (with what to do), read off the database when the guide opens.

// guideState is what the first week has left in the database.
type guideState struct {
	members       int
	committee     bool
	month         string // this month, e.g. 2026-12
	themeRecorded bool   // a 主题党日 recorded this month
	themePrinted  bool   // and its 活动情况 printed
	posted        bool   // a notice recorded as posted
	township      string // the paired PC's organisation ("" if none)
	firstSent     string // when a bundle was first written for it, as 2026-12-06 10:30 ("" never)
}

func readGuideState(ctx context.Context, s *Session) (guideState, error) {
	var g guideState
	org := s.Home.ID
	c, err := s.DB.MemberCounts(ctx, org)
	if err != nil {
		return g, err
	}
	g.members = c.Total
	if g.committee, err = s.DB.HasCommittee(ctx, org); err != nil {
		return g, err
	}
	p := store.MonthOf(s.DB.Now())
	g.month = p.String()
	held, err := s.DB.Meetings(ctx, store.MeetingFilter{OrgID: org, Kind: store.MeetingThemeDay, Period: &p})
	if err != nil {
		return g, err
	}
	g.themeRecorded = len(held) > 0
	ns, err := s.DB.Notices(ctx, org)
	if err != nil {
		return g, err
	}
	for _, n := range ns {
		if n.PostedAt != "" {
			g.posted = true
		}
		for _, m := range held {
			if n.Kind == notice.ThemeDayReport && n.Subject == m.ID {
				g.themePrinted = true
			}
		}
	}
	peers, err := s.DB.Replica().Peers(ctx)
	if err != nil {
		return g, err
	}
	for _, pe := range peers {
		if g.township == "" {
			g.township = pe.Label()
		}
		if pe.LastSent != 0 {
			g.township = pe.Label()
			g.firstSent = time.UnixMilli(pe.LastSent).Format("2006-01-02 15:04")
		}
	}
	return g, nil
}

func guideRosterState(g guideState) (bool, string) {
	if g.members == 0 {
		return false, assets.T("Not done yet: the roster is empty.")
	}
	return true, assets.T("✓ Done: %d members on the roster.", g.members)
}

func guideCommitteeState(g guideState) (bool, string) {
	switch {
	case g.committee:
		return true, assets.T("✓ Done: the 书记 and 委员 are marked.")
	case g.members == 0:
		return false, assets.T("Not done yet: import the roster first (step 1).")
	}
	return false, assets.T("Not done yet: nobody is marked as 书记 or 委员.")
}

func guideThemeDayState(g guideState) (bool, string) {
	switch {
	case g.themeRecorded && g.themePrinted:
		return true, assets.T("✓ Done: the theme day of %s is recorded and its 活动情况 printed.", g.month)
	case g.themeRecorded:
		return false, assets.T("Recorded; its 活动情况 is not printed yet.")
	}
	return false, assets.T("Not done yet: no theme day recorded for %s.", g.month)
}

func guidePostedState(g guideState) (bool, string) {
	if g.posted {
		return true, assets.T("✓ Done: a notice is recorded as posted.")
	}
	return false, assets.T("Not done yet: no notice recorded as posted.")
}

func guidePairedState(g guideState) (bool, string) {
	if g.township != "" {
		return true, assets.T("✓ Done: paired with %s.", g.township)
	}
	return false, assets.T("Not done yet: this PC is not paired with the township.")
}

func guideSentState(g guideState) (bool, string) {
	switch {
	case g.firstSent != "":
		return true, assets.T("✓ Done: a bundle for %s was written on %s.", g.township, g.firstSent)
	case g.township == "":
		return false, assets.T("Not done yet: pair with the township first (step 5).")
	}
	return false, assets.T("Not done yet: no bundle written for %s.", g.township)
}

// openCommitteeFromGuide opens the committee dialog (the roll is read off the UI thread);
// with an empty roster it says to import it first. Saving refreshes the guide, which then
// shows the step done.
func openCommitteeFromGuide(s *Session) {
	var roll []store.Member
	runBusy(s.Window, s.Ctx, assets.T("Reading the roster…"), func(ctx context.Context, _ Progress) error {
		var err error
		roll, err = s.DB.Members(ctx, store.MemberFilter{OrgID: s.Home.ID})
		return err
	}, func(err error) {
		switch {
		case canceled(err):
		case err != nil:
			showInfo(assets.T("Mark the branch committee"), assets.Chinese(err), s.Window)
		case len(roll) == 0:
			showInfo(assets.T("Mark the branch committee"), assets.T("The roster is empty. Import it first (step 1), then mark the committee."), s.Window)
		default:
			showCommitteeDialog(s, roll)
		}
	})
}

// showInfo is dialog.ShowInformation with a Chinese button: Fyne's own says "OK".
func showInfo(title, message string, w fyne.Window) {
	d := dialog.NewInformation(title, message, w)
	d.SetDismissText(assets.T("Close"))
	d.Show()
}
