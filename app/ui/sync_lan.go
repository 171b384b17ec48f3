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
// picked from the list, found on the LAN), or by waiting in the background for paired PCs
// to connect (the serve loop, stopped with a button or by leaving the page).
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
	announce.SetChecked(true)
	waitBar := newLoadingBar()
	waitBar.Stop()
	waitLine := widget.NewLabel("")
	waitLine.Wrapping = fyne.TextWrapWord
	waitBox := container.NewVBox(waitLine, waitBar)
	waitBox.Hide()
	var wait, cancelWait *widget.Button
	stopWaiting := func() {
		if stop != nil {
			stop()
			stop, serving, stopAnnounce = nil, nil, nil
		}
		waitBar.Stop()
		waitLine.SetText("")
		waitBox.Hide()
		cancelWait.Hide()
		wait.Show()
	}
	wait = widget.NewButtonWithIcon(assets.T("Wait for the other PC to connect"), fynetheme.MediaPlayIcon(), func() {
		v.problem.Set("")
		l, err := net.Listen("tcp", ":"+strconv.Itoa(lan.DefaultPort))
		if err != nil {
			v.problem.Set(assets.Chinese(assets.Wrap(err, "Cannot wait for connections on port %d: another program is using it (perhaps Zhibu is open twice on this PC).", lan.DefaultPort)))
			return
		}
		parent := v.s.screen // leaving the page stops waiting
		if parent == nil {
			parent = v.s.Ctx
		}
		ctx, cancel := context.WithCancel(parent)
		stop, serving = cancel, ctx
		if announce.Checked {
			announce.OnChanged(true)
		}
		waitLine.SetText(assets.T("Waiting for a paired PC to connect. On the other PC, open this page, enter this PC's address (%s) and press \"%s\". Leaving this page stops the waiting.",
			localAddresses(), assets.T("Sync now")))
		waitBox.Show()
		waitBar.Start()
		wait.Hide()
		cancelWait.Show()
		go func() {
			err := lan.Serve(ctx, v.node, l, lan.Options{}, func(r lan.Result, err error) {
				fyne.Do(func() {
					if err != nil {
						v.problem.Set(assets.Chinese(err))
					} else {
						out.SetText(lanLine(r) + "\n" + reportLines(r.Reports))
					}
					v.refreshStatus()
				})
			})
			if err != nil { // the network went away: say so and stop waiting
				fyne.Do(func() {
					v.problem.Set(assets.Chinese(err))
					if serving == ctx {
						stopWaiting()
					}
				})
			}
		}()
	})
	cancelWait = widget.NewButtonWithIcon(assets.T("Stop waiting"), fynetheme.MediaStopIcon(), stopWaiting)
	cancelWait.Hide()
	return container.NewBorder(container.NewVBox(
		hint(assets.T("When both PCs are on the same office network, they can sync directly: on one PC press \"%s\", on the other enter its address and press \"%s\".", assets.T("Wait for the other PC to connect"), assets.T("Sync now"))),
		container.NewBorder(nil, nil, widget.NewLabel(assets.T("Address:")), btn, addr),
		widget.NewSeparator(),
		container.NewHBox(wait, cancelWait),
		announce,
		waitBox,
	), nil, nil, nil, container.NewVScroll(out))
}

// localAddresses lists this PC's IPv4 addresses on the local network, for the other PC to
// type ("" parts left out; a dash when none is found).
func localAddresses() string {
	addrs, err := net.InterfaceAddrs()
	var out []string
	if err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
				out = append(out, n.IP.String())
			}
		}
	}
	if len(out) == 0 {
		return "—"
	}
	return strings.Join(out, assets.T(" or "))
}

// lanLine says a finished session's outcome.
func lanLine(r lan.Result) string {
	if r.Carrier.DeviceID != "" {
		return assets.T("Sync with the carrier %s complete: it holds this PC's bundles and receipts; %d bundles confirmed by their recipients, %d received.", r.Name(), len(r.Sent), len(r.Reports))
	}
	return assets.T("Sync with %s complete: sent %d bundles, received %d.", r.Name(), len(r.Sent), len(r.Reports))
}
