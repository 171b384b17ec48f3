package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/sync/pairing"
)

// The sync page's administrator parts of issue 20: the changes held for tables and fields
// this version does not know (sent by a newer version on a paired PC), listed by device,
// table and field with a drop action that asks first; and pairing a PC that the rules refuse
// (an administrator's override, with a reason that is recorded and shown).

// heldView is the 暂存的更改 tab.
type heldView struct {
	s       *Session
	groups  []store.HeldGroup
	table   *textTable
	summary *widget.Label
	problem problemLabel
}

func newHeldView(s *Session) *heldView {
	h := &heldView{s: s, summary: wrapLabel(""), problem: newProblemLabel()}
	headers := []string{assets.T("Sent from (column)"), assets.T("Device"), assets.T("Table"), assets.T("Field (column)"), assets.T("Changes")}
	h.table = newTextTable(headers, []float32{190, 100, 170, 150, 80}, func() int { return len(h.groups) }, h.cell, h.drop)
	return h
}

func (h *heldView) view() fyne.CanvasObject {
	top := container.NewVBox(hint(assets.T("A paired PC with a newer version of Zhibu may send records of kinds this version does not know yet. They are kept here and applied once this PC is upgraded. If a device sends such changes it should not, choose its row to drop them.")),
		h.summary, h.problem.Label)
	h.load()
	return container.NewBorder(top, nil, nil, nil, h.table)
}

func (h *heldView) cell(row, col int) string {
	g := h.groups[row]
	switch col {
	case 0:
		if g.OrgName == "" {
			return assets.T("a device no longer paired")
		}
		return g.OrgName
	case 1:
		return strings.SplitN(g.Device, "-", 2)[0]
	case 2:
		return g.Table
	case 3:
		return g.Field
	}
	return itoa(g.Count)
}

// load reads the held changes off the UI thread.
func (h *heldView) load() {
	var gs []store.HeldGroup
	var err error
	h.s.Go(func(ctx context.Context) { gs, err = h.s.DB.HeldChanges(ctx) }, func() {
		if err != nil {
			h.problem.Set(assets.Chinese(err))
			return
		}
		h.problem.Set("")
		h.groups = gs
		total := 0
		for _, g := range gs {
			total += g.Count
		}
		if total == 0 {
			h.summary.SetText(assets.T("No held changes: every change received is for a table and field this version knows."))
		} else {
			h.summary.SetText(assets.T("In all %d held changes, in %d groups.", total, len(gs)))
		}
		h.table.Refresh()
	})
}

// drop asks whether to drop every held change the row's device sent for the row's table,
// saying how many, and drops them.
func (h *heldView) drop(row int) {
	if row < 0 || row >= len(h.groups) {
		return
	}
	g := h.groups[row]
	from := g.OrgName
	if from == "" {
		from = assets.T("a device no longer paired")
	}
	n := 0
	for _, x := range h.groups {
		if x.Device == g.Device && x.Table == g.Table {
			n += x.Count
		}
	}
	msg := paragraph(assets.T("Drop the %d held changes that %s (device %s) sent for the table %s? They are lost on this PC; that PC sends them again only if they change there.",
		n, from, strings.SplitN(g.Device, "-", 2)[0], g.Table), 460)
	dialog.NewCustomConfirm(assets.T("Drop held changes"), assets.T("Drop"), assets.T("Cancel"), msg, func(ok bool) {
		if !ok {
			return
		}
		var dropped int
		var err error
		h.s.Go(func(ctx context.Context) { dropped, err = h.s.DB.DropHeld(ctx, g.Device, g.Table) }, func() {
			if err != nil {
				h.problem.Set(assets.Chinese(err))
				return
			}
			h.load()
			showInfo(assets.T("Drop held changes"), assets.T("Dropped %d held changes.", dropped), h.s.Window)
		})
	}, h.s.Window).Show()
}

// withoutCommandLine drops the sentences of a refusal that tell how to override it on the
// command line: in the window the administrator overrides with the button instead.
func withoutCommandLine(msg string) string {
	var keep []string
	for _, s := range strings.SplitAfter(msg, "。") {
		if strings.Contains(s, "zhibu pair import") || strings.Contains(s, "--override") || strings.Contains(s, "--reason") {
			continue
		}
		keep = append(keep, s)
	}
	return strings.TrimSpace(strings.Join(keep, ""))
}

// overridable reports whether a pairing refusal is one an administrator may override.
func overridable(err error) bool {
	return err != nil && (errors.Is(err, pairing.ErrMismatch) || errors.Is(err, pairing.ErrChanged))
}

// offerOverride shows why the pairing was refused and, to an administrator, a way to pair
// anyway with a reason that is recorded on this PC and shown under the paired PCs.
func (v *syncView) offerOverride(e pairing.Enrolment, refusal error) {
	why := paragraph(withoutCommandLine(assets.Chinese(refusal)), 520)
	if !v.s.User.CanAdmin() {
		dialog.NewCustom(assets.T("Pairing refused"), assets.T("Close"), container.NewVBox(why,
			paragraph(assets.T("If this PC really must be paired, ask the secretary or a township administrator to log in and import the file again."), 520)), v.s.Window).Show()
		return
	}
	reason := widget.NewMultiLineEntry()
	reason.SetMinRowsVisible(2)
	reason.Wrapping = fyne.TextWrapWord
	reason.SetPlaceHolder(assets.T("e.g. 张庄村换了新电脑，原电脑已报废"))
	problem := newProblemLabel()
	var d *dialog.CustomDialog
	pair := widget.NewButtonWithIcon(assets.T("Pair anyway"), fynetheme.WarningIcon(), func() {
		if strings.TrimSpace(reason.Text) == "" {
			problem.Set(assets.T("Write why this PC is paired against the rule; the reason is recorded and shown with the pairing."))
			return
		}
		opt := pairing.Options{Override: true, Reason: strings.TrimSpace(reason.Text), User: v.s.User.Name}
		if _, err := pairing.AcceptWith(v.s.Ctx, v.s.DB, e, opt); err != nil {
			problem.Set(withoutCommandLine(assets.Chinese(err)))
			return
		}
		d.Hide()
		v.problem.Set("")
		v.refreshStatus()
		showInfo(assets.T("Paired by an override"), assets.T("Paired with %s. The override, its reason and your name are recorded on this PC and shown under the paired PCs.", e.OrgName), v.s.Window)
	})
	pair.Importance = widget.DangerImportance
	content := container.NewVBox(why, widget.NewSeparator(),
		paragraph(assets.T("As an administrator you may pair it anyway. Only do so if you know why the rule does not fit (for example a village's replacement PC). Reason:"), 520),
		reason, problem.Label)
	d = dialog.NewCustomWithoutButtons(assets.T("Pairing refused"), fixedWidth(540, content), v.s.Window)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(assets.T("Cancel"), func() { d.Hide() }), pair})
	d.Show()
}

// showOverrides lists, under the paired PCs, those paired by an override: who decided, when
// and why.
func (v *syncView) showOverrides(ovr map[string]pairing.Override) {
	var lines []string
	for _, p := range v.status {
		if o, ok := ovr[p.ID]; ok {
			at := o.At
			if t, err := time.Parse(time.RFC3339, o.At); err == nil {
				at = t.Local().Format("2006-01-02 15:04")
			}
			reason := o.Reason
			if reason == "" {
				reason = assets.T("(none recorded)")
			}
			lines = append(lines, assets.T("%s was paired by an override of %s at %s. Reason: %s", p.Name, o.User, at, reason))
		}
	}
	if len(lines) == 0 {
		v.overrides.Hide()
		return
	}
	v.overrides.SetText(strings.Join(lines, "\n"))
	v.overrides.Show()
}
