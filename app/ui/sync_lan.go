package ui

import (
	"context"
	"net"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/sync/lan"
)

// lanTab syncs over the office network: with one PC by its address (or the paired PC
// picked from the list, found on the LAN), or by accepting paired PCs while the page is open.
func (v *syncView) lanTab() fyne.CanvasObject {
	addr := widget.NewEntry()
	addr.SetPlaceHolder(assets.T("The other PC's address, e.g. 192.168.1.20"))
	out := widget.NewLabel("")
	out.Wrapping = fyne.TextWrapWord
	var btn *widget.Button
	btn = primaryButton(assets.T("Sync now"), fynetheme.ViewRefreshIcon(), func() {
		target := strings.TrimSpace(addr.Text)
		if target == "" {
			v.problem.Set(assets.T("Enter the other PC's address first."))
			return
		}
		if !strings.Contains(target, ":") {
			target = net.JoinHostPort(target, strconv.Itoa(lan.DefaultPort))
		}
		v.problem.Set("")
		btn.Disable()
		out.SetText(assets.T("Syncing with %s…", target))
		go func() {
			r, err := lan.With(v.s.Ctx, v.node, target, "", lan.Options{})
			fyne.Do(func() {
				btn.Enable()
				if err != nil {
					v.problem.Set(assets.Chinese(err))
					out.SetText("")
				} else {
					out.SetText(lanLine(r) + "\n" + reportLines(r.Reports))
				}
				v.refreshStatus()
			})
		}()
	})
	var stop, stopAnnounce context.CancelFunc
	var serving context.Context
	announce := widget.NewCheck(assets.T("Announce this PC on the office network (so others find it without its address)"), func(on bool) {
		if stopAnnounce != nil {
			stopAnnounce()
			stopAnnounce = nil
		}
		if on && serving != nil {
			ctx, cancel := context.WithCancel(serving)
			stopAnnounce = cancel
			go lan.Announce(ctx, v.node.Self(), lan.DefaultPort)
		}
	})
	announce.Disable()
	accept := widget.NewCheck(assets.T("Let paired PCs sync with this PC while this page is open"), func(on bool) {
		if stop != nil {
			stop()
			stop, serving, stopAnnounce = nil, nil, nil
		}
		if !on {
			announce.Disable()
			return
		}
		l, err := net.Listen("tcp", ":"+strconv.Itoa(lan.DefaultPort))
		if err != nil {
			v.problem.Set(assets.Chinese(assets.Wrap(err, "Cannot accept connections on port %d: another program (perhaps \"zhibu sync serve\") is using it.", lan.DefaultPort)))
			return
		}
		ctx, cancel := context.WithCancel(v.s.Ctx)
		stop, serving = cancel, ctx
		announce.Enable()
		if announce.Checked {
			announce.OnChanged(true)
		}
		go lan.Serve(ctx, v.node, l, lan.Options{}, func(r lan.Result, err error) {
			fyne.Do(func() {
				if err != nil {
					v.problem.Set(assets.Chinese(err))
				} else {
					out.SetText(lanLine(r) + "\n" + reportLines(r.Reports))
				}
				v.refreshStatus()
			})
		})
	})
	return container.NewBorder(container.NewVBox(
		hint(assets.T("When both PCs are on the same office network, they can sync directly. On the other PC, open this page and tick the box below (or run \"zhibu sync serve\").")),
		container.NewBorder(nil, nil, widget.NewLabel(assets.T("Address:")), btn, addr),
		accept,
		announce,
	), nil, nil, nil, container.NewVScroll(out))
}

// lanLine says a finished session's outcome.
func lanLine(r lan.Result) string {
	if r.Carrier.DeviceID != "" {
		return assets.T("Sync with the carrier %s complete: it holds this PC's bundles and receipts; %d bundles confirmed by their recipients, %d received.", r.Name(), len(r.Sent), len(r.Reports))
	}
	return assets.T("Sync with %s complete: sent %d bundles, received %d.", r.Name(), len(r.Sent), len(r.Reports))
}
