package cli

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/sync/exchange"
	"zhibu/sync/lan"
)

func init() {
	register(&command{name: "sync serve", summary: "Accept LAN sync from paired devices until stopped",
		usage: "[--listen ADDR] [--announce]", flags: []flagSpec{{name: "listen", help: "Address to listen on (default :22070)"},
			{name: "announce", isBool: true, help: "Announce this PC on the LAN so others find it by its device ID"}},
		auth: authWrite, run: runSyncServe})
	register(&command{name: "sync with", summary: "Sync both ways with one paired PC over the LAN, then exit",
		usage: "ADDR|DEVICE", auth: authWrite, run: runSyncWith})
}

func runSyncServe(e *Env) error {
	addr := e.Flag("listen")
	if addr == "" {
		addr = ":" + strconv.Itoa(lan.DefaultPort)
	}
	n, err := exchange.Open(e.DB.Replica())
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return assets.Wrap(err, "Cannot listen on %s: another program may be using it. Choose another port with --listen.", addr)
	}
	if e.Flag("announce") == "true" {
		go lan.Announce(e.Ctx, n.Self(), l.Addr().(*net.TCPAddr).Port)
		fmt.Fprintln(e.Out, assets.T("Announcing this PC on the local network."))
	}
	fmt.Fprintln(e.Out, assets.T("Waiting for paired PCs on %s (stop with Ctrl+C). This PC's device ID: %s", l.Addr(), n.Self()))
	var mu sync.Mutex
	return lan.Serve(e.Ctx, n, l, lan.Options{}, func(r lan.Result, err error) {
		mu.Lock()
		defer mu.Unlock()
		printLAN(e, r, err)
	})
}

func runSyncWith(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give the other PC's address (e.g. 192.168.1.20:22070) or its device ID or organisation code.")
	}
	n, err := exchange.Open(e.DB.Replica())
	if err != nil {
		return err
	}
	target, addr, want := e.Args[0], "", ""
	if strings.Contains(target, ":") || net.ParseIP(target) != nil {
		addr = target
		if !strings.Contains(target, ":") || strings.Count(target, ":") > 1 && !strings.HasPrefix(target, "[") {
			addr = net.JoinHostPort(target, strconv.Itoa(lan.DefaultPort))
		}
	} else {
		p, err := peerByName(e, target)
		if err != nil {
			if c, cerr := carrierByName(e, target); cerr == nil {
				return usagef("%s is a carrier (Syncthing): give its address, e.g. 192.168.1.5:22000.", c.Name)
			}
			return err
		}
		want = p.DeviceID
		if addr, err = lan.Find(e.Ctx, p.DeviceID, 8*time.Second); err != nil {
			if p.Addr == "" {
				return err
			}
			addr = p.Addr // the address it was last reached at
		}
	}
	r, err := lan.With(e.Ctx, n, addr, want, lan.Options{})
	if e.JSON {
		if err != nil {
			return err
		}
		return e.printJSON(map[string]any{"id": r.Device, "name": r.Name(), "carrier": r.Carrier.DeviceID != "", "complete": r.Complete,
			"sent": nonNil(r.Sent), "received": nonNil(r.Reports), "problems": nonNil(r.Problems), "blocks": r.BlocksFetched})
	}
	printLAN(e, r, err)
	if err != nil {
		return err
	}
	for _, rep := range r.Reports {
		if rep.Status == exchange.Rejected {
			return assets.Errorf("%d of the bundles were rejected; nothing from them was imported (see the reasons above).", 1)
		}
	}
	return nil
}

func printLAN(e *Env, r lan.Result, err error) {
	name := r.Name()
	switch {
	case errors.Is(err, lan.ErrUnpaired):
		fmt.Fprintln(e.Out, assets.T("Refused a connection: %s", assets.Chinese(err)))
	case err != nil && name != "":
		fmt.Fprintln(e.Out, assets.T("Sync with %s did not finish: %s", name, assets.Chinese(err)))
	case err != nil:
		fmt.Fprintln(e.Out, assets.T("A sync connection failed: %s", assets.Chinese(err)))
	case r.Carrier.DeviceID != "":
		fmt.Fprintln(e.Out, assets.T("Sync with the carrier %s complete: it holds this PC's bundles and receipts; %d bundles confirmed by their recipients, %d received.", name, len(r.Sent), len(r.Reports)))
	default:
		fmt.Fprintln(e.Out, assets.T("Sync with %s complete: sent %d bundles, received %d.", name, len(r.Sent), len(r.Reports)))
	}
	for _, p := range r.Problems {
		fmt.Fprintln(e.Out, "  "+p)
	}
	for _, rep := range r.Reports {
		switch rep.Status {
		case exchange.Applied:
			fmt.Fprintln(e.Out, "  "+assets.T("Applied %s from %s: %d changes, %d new, %d conflicts.", rep.File, rep.FromName, rep.Changes, rep.Applied, rep.Conflicts))
		case exchange.Skipped:
			fmt.Fprintln(e.Out, "  "+assets.T("Skipped %s: %s", rep.File, rep.Message))
		default:
			fmt.Fprintln(e.Out, "  "+assets.T("Rejected %s: %s", rep.File, rep.Message))
		}
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// carrierByName finds a carrier by its device ID, the first group of it, or its name.
func carrierByName(e *Env, name string) (replica.Carrier, error) {
	cs, err := e.DB.Replica().Carriers(e.Ctx)
	if err != nil {
		return replica.Carrier{}, err
	}
	for _, c := range cs {
		if strings.EqualFold(c.DeviceID, name) || strings.EqualFold(strings.SplitN(c.DeviceID, "-", 2)[0], name) || c.Name == name {
			return c, nil
		}
	}
	return replica.Carrier{}, store.ErrNotFound
}
