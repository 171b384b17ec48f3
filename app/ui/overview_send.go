package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
)

// The overview's "sent down" tab: what the township sent for the month (its theme, notice
// wording, rule settings, announcements) and, per village, what has arrived on the
// village's PC; and the form to send an announcement.

type sendDown struct {
	o       *overview
	root    *fyne.Container
	items   []store.SentItem
	rs      []store.Receipt
	table   *widget.Table
	list    *widget.Label
	problem problemLabel
}

func newSendDown(o *overview) *sendDown {
	d := &sendDown{o: o, problem: newProblemLabel(), list: widget.NewLabel("")}
	d.list.Wrapping = fyne.TextWrapWord
	headers := []string{assets.T("Village"), assets.T("Received (column)"), assets.T("Not yet received")}
	d.table = newTextTable(headers, []float32{160, 100, 800}, func() int { return len(d.rs) }, func(r, c int) string {
		x := d.rs[r]
		switch c {
		case 0:
			return x.OrgName
		case 1:
			return assets.T("%d of %d", x.Got, x.Due)
		}
		var missing []string
		for _, it := range d.items {
			if got, due := x.Received[it.ID]; due && !got {
				missing = append(missing, it.Name)
			}
		}
		return strings.Join(missing, "；")
	}, nil)
	var actions []fyne.CanvasObject
	if o.s.User.CanWrite() {
		actions = append(actions, primaryButton(assets.T("Send an announcement…"), fynetheme.MailSendIcon(), d.compose))
	}
	// The sentence on its own row at the tab's width: beside a button in a toolbar row a
	// wrapping label got one character per line.
	top := container.NewVBox(d.list, container.NewHBox(actions...), d.problem.Label)
	d.root = container.NewBorder(top, nil, nil, nil, d.table)
	return d
}

// load reads what was sent down and what arrived, off the UI thread.
func (d *sendDown) load() {
	month := store.MonthOf(d.o.s.DB.Now()).String()
	if d.o.current.Kind == store.PeriodMonth {
		month = d.o.current.String()
	}
	var items []store.SentItem
	var rs []store.Receipt
	var err error
	d.o.s.Go(func(ctx context.Context) { items, rs, err = d.o.s.DB.SentDown(ctx, month) }, func() {
		if err != nil {
			d.problem.Set(assets.Chinese(err))
			return
		}
		d.show(items, rs)
	})
}

func (d *sendDown) show(items []store.SentItem, rs []store.Receipt) {
	d.problem.Set("")
	d.items, d.rs = items, rs
	var names []string
	for _, it := range items {
		names = append(names, it.Name)
	}
	if len(names) == 0 {
		d.list.SetText(assets.T("Nothing has been sent down yet: set the month's theme on the theme day page, the rules on the settings page, or send an announcement."))
	} else {
		d.list.SetText(assets.T("Sent down (%d): %s", len(items), strings.Join(names, "；")))
	}
	d.table.Refresh()
}

// compose opens the announcement form (announcements.go); what was sent appears here after.
func (d *sendDown) compose() { composeAnnouncement(d.o.s, func(string) { d.load() }) }
