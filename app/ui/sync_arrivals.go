package ui

import (
	"context"
	"sort"
	"strings"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/sync/bundle"
	"zhibu/sync/exchange"
	"zhibu/sync/usb"
)

// readStick imports the bundles in dir meant for this PC one file at a time, reporting the
// files done of the files to read (a determinate bar: on a township, one file per village).
func readStick(ctx context.Context, n *exchange.Node, dir string, p Progress) ([]exchange.Report, error) {
	files, err := usb.Find([]string{dir})
	if err != nil {
		return nil, err
	}
	var mine []string
	for _, f := range files {
		env, _, perr := bundle.PeekFile(f)
		if perr == nil && !n.ForEnvelope(env) {
			continue // another device's bundle (a stick carries several villages')
		}
		mine = append(mine, f)
	}
	var out []exchange.Report
	p(0, max(len(mine), 1))
	for i, f := range mine {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		rs, err := usb.Import(ctx, n, []string{f})
		out = append(out, rs...)
		if err != nil {
			return out, err
		}
		p(i+1, len(mine))
	}
	return out, nil
}

// arrival is what came from one village in a read, and what its records now hold.
type arrival struct {
	org                       store.Org
	changes, applied, bundles int
	members, meetings, dues   int
	lastMeeting               string
}

// arrivals sums up, per village in village order, the bundles applied from it and what its
// records hold now (members on the roll, meetings and the latest one's date, dues payments).
func arrivals(ctx context.Context, db *store.DB, rs []exchange.Report) ([]arrival, error) {
	orgs, err := db.Orgs(ctx, store.KindVillage)
	if err != nil {
		return nil, err
	}
	byName := map[string]int{}
	for i, o := range orgs {
		byName[o.Name] = i
	}
	got := map[int]*arrival{}
	for _, r := range rs {
		if r.Status != exchange.Applied {
			continue
		}
		i, ok := byName[r.FromName]
		if !ok {
			continue
		}
		a := got[i]
		if a == nil {
			a = &arrival{org: orgs[i]}
			got[i] = a
		}
		a.bundles++
		a.changes += r.Changes
		a.applied += r.Applied
	}
	var out []arrival
	for _, a := range got {
		o := a.org.ID
		mc, err := db.MemberCounts(ctx, o)
		if err != nil {
			return nil, err
		}
		a.members = mc.Total
		ms, err := db.Meetings(ctx, store.MeetingFilter{OrgID: o})
		if err != nil {
			return nil, err
		}
		a.meetings = len(ms)
		for _, m := range ms {
			if m.Date > a.lastMeeting {
				a.lastMeeting = m.Date
			}
		}
		ps, err := db.DuesPayments(ctx, o, "0000-00", "9999-99")
		if err != nil {
			return nil, err
		}
		a.dues = len(ps)
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].org.Code < out[j].org.Code })
	return out, nil
}

// arrivalLines says in words what arrived from each village, in village order, with a total.
func arrivalLines(as []arrival) string {
	var lines []string
	total := 0
	for _, a := range as {
		last := assets.T("no meeting yet")
		if a.lastMeeting != "" {
			last = assets.T("latest %s", a.lastMeeting)
		}
		lines = append(lines, assets.T("%s: %d changes arrived (%d new); now %d members, %d meetings (%s), %d dues payments.",
			a.org.Name, a.changes, a.applied, a.members, a.meetings, last, a.dues))
		total += a.changes
	}
	if len(as) > 0 {
		lines = append(lines, assets.T("In all: %d villages, %d changes.", len(as), total))
	}
	return strings.Join(lines, "\n")
}
