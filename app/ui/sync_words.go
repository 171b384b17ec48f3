package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/sync/exchange"
	"zhibu/sync/usb"
)

// A village secretary reads the sync page in his own records (issue 22: 「32141 处修改」 and
// device numbers meant nothing to him): what the township will have once it reads the stick
// (members, meetings, dues, up to which date) and what came from the township (notices,
// rectification tasks, approved months). Device IDs, change counts and Syncthing carriers are
// behind 「详细」.

// ledger is what a village's records hold, counted in the things the secretary keeps, and
// what the township sent it.
type ledger struct {
	members, meetings, dues   int
	lastMeeting, lastDuesPaid string // dates, "" if none
	notices, tasks, approvals int    // from the township
}

// readLedger counts the village's records.
func readLedger(ctx context.Context, db *store.DB, org string) (ledger, error) {
	var l ledger
	mc, err := db.MemberCounts(ctx, org)
	if err != nil {
		return l, err
	}
	l.members = mc.Total
	ms, err := db.Meetings(ctx, store.MeetingFilter{OrgID: org})
	if err != nil {
		return l, err
	}
	l.meetings = len(ms)
	for _, m := range ms {
		l.lastMeeting = max(l.lastMeeting, m.Date)
	}
	ps, err := db.DuesPayments(ctx, org, "0000-00", "9999-99")
	if err != nil {
		return l, err
	}
	l.dues = len(ps)
	for _, p := range ps {
		l.lastDuesPaid = max(l.lastDuesPaid, p.PaidDate)
	}
	as, err := db.Announcements(ctx)
	if err != nil {
		return l, err
	}
	l.notices = len(as)
	ts, err := db.Tasks(ctx, store.TaskFilter{VillageID: org})
	if err != nil {
		return l, err
	}
	l.tasks = len(ts)
	aps, err := db.Approvals(ctx, org)
	if err != nil {
		return l, err
	}
	l.approvals = len(aps)
	return l, nil
}

// holdsWords says what the records hold: what the township has once it reads them.
func (l ledger) holdsWords() string {
	meeting := assets.T("none yet")
	if l.lastMeeting != "" {
		meeting = assets.T("the latest on %s", l.lastMeeting)
	}
	dues := assets.T("none yet")
	if l.lastDuesPaid != "" {
		dues = assets.T("the latest paid on %s", l.lastDuesPaid)
	}
	return assets.T("%d members on the roll; %d meetings (%s); %d dues payments (%s).", l.members, l.meetings, meeting, l.dues, dues)
}

// receivedWords says what a read brought from the township, by the change in what the
// records hold.
func receivedWords(before, after ledger) string {
	var got []string
	add := func(n int, key string) {
		if n > 0 {
			got = append(got, assets.T(key, n))
		}
	}
	add(after.notices-before.notices, "%d new notices from the township")
	add(after.tasks-before.tasks, "%d new rectification tasks")
	add(after.approvals-before.approvals, "%d months approved by the township")
	add(after.meetings-before.meetings, "%d more meetings")
	add(after.members-before.members, "%d more members")
	if len(got) == 0 {
		return assets.T("Nothing new for this village's records: notices, tasks and approvals were already here.")
	}
	return assets.T("Received: %s.", strings.Join(got, assets.T(", ")))
}

// peerWords says, for one paired PC, when records last came and went and whether everything
// written here has reached it.
func peerWords(p exchange.PeerStatus) string {
	when := func(stamp string) string {
		if stamp == "" {
			return assets.T("not yet")
		}
		t, err := time.Parse(time.RFC3339, stamp)
		if err != nil {
			return stamp
		}
		return t.Format("2006-01-02 15:04")
	}
	state := assets.T("Everything recorded here has reached it.")
	if p.PendingOut > 0 {
		state = assets.T("Records made or changed here since have not reached it yet: write the USB stick (or sync on the office network) to send them.")
	}
	line := assets.T("%s: last received from it %s, last sent to it %s. %s", p.Name, when(p.LastSync), when(p.LastSent), state)
	if p.LastError != "" {
		line += "\n" + assets.T("Last time something went wrong: %s", p.LastError)
	}
	if p.Conflicts > 0 {
		line += "\n" + assets.T("%d records were changed here and there at once: look at them on the 冲突 tab.", p.Conflicts)
	}
	return line
}

// villagePeersTab is the first tab for a village: the state in words and the pairing
// buttons; the device ID, the table and the Syncthing carriers behind 「详细」.
func (v *syncView) villagePeersTab(details fyne.CanvasObject, pairBox fyne.CanvasObject) fyne.CanvasObject {
	v.words = widget.NewLabel(assets.T("Looking at the sync state…"))
	v.words.Wrapping = fyne.TextWrapWord
	details.Hide()
	more := newDetailsButton(details)
	top := container.NewVBox(
		subheading(assets.T("Sync with the township")),
		v.words,
		hint(assets.T("Pairing is done once: export this PC's pairing file to a USB stick, import it on the township's PC, and import the township's pairing file here.")),
		pairBox,
		container.NewHBox(more),
	)
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(details))
}

// newDetailsButton shows and hides the technical details.
func newDetailsButton(details fyne.CanvasObject) *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon(assets.T("Details (technical)"), fynetheme.MenuExpandIcon(), func() {
		if details.Visible() {
			details.Hide()
			b.SetText(assets.T("Details (technical)"))
		} else {
			details.Show()
			b.SetText(assets.T("Hide details"))
		}
	})
	return b
}

// showWords fills the words of the village's first tab from the peers' state and the
// records.
func (v *syncView) showWords(st []exchange.PeerStatus, l ledger) {
	if v.words == nil {
		return
	}
	if len(st) == 0 {
		v.words.SetText(assets.T("This PC is not paired with the township yet, so nothing has been sent. Pair it first (the buttons below), then write the USB stick."))
		return
	}
	lines := make([]string, 0, len(st)+1)
	for _, p := range st {
		lines = append(lines, peerWords(p))
	}
	lines = append(lines, assets.T("This village's records now hold: %s", l.holdsWords()))
	v.words.SetText(strings.Join(lines, "\n"))
}

// writtenWords says in the village's words what was put on the stick and for whom.
func writtenWords(ws []usb.Written, l ledger) []string {
	var lines []string
	for _, w := range ws {
		lines = append(lines, assets.T("The file for %s is on the stick. Once it is read there, %s has this village's records as they are now: %s", w.Name, w.Name, l.holdsWords()))
	}
	return lines
}

// resultsWithDetails shows the words, with the technical lines behind 「详细」.
func (v *syncView) setResults(words, technical []string) {
	v.results.SetText(strings.Join(words, "\n"))
	if v.technical == nil {
		return
	}
	v.technical.SetText(strings.Join(technical, "\n"))
	v.moreResults.Hidden = len(technical) == 0
	v.moreResults.Refresh()
}

// readWords says in the village's words what a read brought: from whom, and what is new in
// the records; a bundle that could not be read is said as it is.
func readWords(rs []exchange.Report, before, after ledger) []string {
	if len(rs) == 0 {
		return []string{assets.T("No file for this PC was found on the stick.")}
	}
	var lines []string
	applied := false
	for _, r := range rs {
		switch r.Status {
		case exchange.Applied:
			applied = true
			lines = append(lines, assets.T("Read the file from %s.", r.FromName))
		case exchange.Skipped:
			lines = append(lines, assets.T("A file on the stick was read before: nothing to do. (%s)", r.Message))
		default:
			lines = append(lines, assets.T("A file on the stick could not be read: %s", r.Message))
		}
	}
	if applied {
		lines = append(lines, receivedWords(before, after))
	}
	return lines
}
