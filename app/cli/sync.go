package cli

import (
	"fmt"
	"strings"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/sync/exchange"
	"zhibu/sync/usb"
)

func init() {
	register(&command{name: "sync export", summary: "Write sync bundles for paired devices into a folder (a USB stick)",
		usage: "[--to DEVICE|all] --out DIR", flags: []flagSpec{{name: "to", help: "Device ID, organisation code, or all (default)"},
			{name: "out", help: "Folder to write the bundles into"}},
		auth: authWrite, run: runSyncExport})
	register(&command{name: "sync import", summary: "Verify and apply bundle files or folders of them",
		usage: "PATH…", auth: authWrite, run: runSyncImport})
	register(&command{name: "sync status", summary: "Show each paired device's last sync, pending changes and open conflicts",
		usage: "[--json]", auth: authOptional, run: runSyncStatus})
	register(&command{name: "sync conflicts", summary: "List edits made on two PCs at the same time",
		usage: "[--all] [--json]", flags: []flagSpec{{name: "all", isBool: true, help: "Include resolved conflicts"}},
		auth: authOptional, run: runSyncConflicts})
	register(&command{name: "sync resolve", summary: "Resolve a conflict by keeping one of the two values",
		usage: "ID --keep current|other", flags: []flagSpec{{name: "keep", help: "current: keep the value now in the record; other: restore the other PC's value"}},
		auth: authWrite, run: runSyncResolve})
}

// peerByName finds a paired device by its ID, the first group of its ID, or its
// organisation code.
func peerByName(e *Env, name string) (replica.Peer, error) {
	peers, err := e.DB.Replica().Peers(e.Ctx)
	if err != nil {
		return replica.Peer{}, err
	}
	for _, p := range peers {
		if strings.EqualFold(p.DeviceID, name) || strings.EqualFold(strings.SplitN(p.DeviceID, "-", 2)[0], name) || p.OrgCode == name {
			return p, nil
		}
	}
	return replica.Peer{}, assets.Wrap(store.ErrNotFound, "No paired device matches \"%s\". \"zhibu device\" lists the paired devices.", name)
}

func runSyncExport(e *Env) error {
	if e.Flag("out") == "" {
		return usagef("Option --%s is required.", "out")
	}
	n, err := exchange.Open(e.DB.Replica())
	if err != nil {
		return err
	}
	var to []string
	if t := e.Flag("to"); t != "" && t != "all" {
		p, err := peerByName(e, t)
		if err != nil {
			return err
		}
		to = []string{p.DeviceID}
	}
	ws, err := usb.Export(e.Ctx, n, e.Flag("out"), to)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(ws)
	}
	for _, w := range ws {
		fmt.Fprintln(e.Out, assets.T("Wrote %s for %s: %d changes, %d KB.", w.File, w.Name, w.Changes, (w.Bytes+1023)/1024))
	}
	return nil
}

func runSyncImport(e *Env) error {
	if len(e.Args) == 0 {
		return usagef("Give at least one bundle file or folder.")
	}
	n, err := exchange.Open(e.DB.Replica())
	if err != nil {
		return err
	}
	rs, err := usb.Import(e.Ctx, n, e.Args)
	if err != nil {
		return err
	}
	rejected := 0
	for _, r := range rs {
		if r.Status == exchange.Rejected {
			rejected++
		}
	}
	if e.JSON {
		if rs == nil {
			rs = []exchange.Report{}
		}
		if err := e.printJSON(rs); err != nil {
			return err
		}
	} else {
		if len(rs) == 0 {
			fmt.Fprintln(e.Out, assets.T("No bundles for this PC were found."))
		}
		for _, r := range rs {
			switch r.Status {
			case exchange.Applied:
				fmt.Fprintln(e.Out, assets.T("Applied %s from %s: %d changes, %d new, %d conflicts.", r.File, r.FromName, r.Changes, r.Applied, r.Conflicts))
				if r.Message != "" {
					fmt.Fprintln(e.Out, "  "+r.Message)
				}
			case exchange.Skipped:
				fmt.Fprintln(e.Out, assets.T("Skipped %s: %s", r.File, r.Message))
			default:
				fmt.Fprintln(e.Out, assets.T("Rejected %s: %s", r.File, r.Message))
			}
		}
	}
	if rejected > 0 {
		return assets.Errorf("%d of the bundles were rejected; nothing from them was imported (see the reasons above).", rejected)
	}
	return nil
}

func runSyncStatus(e *Env) error {
	st, err := exchange.Status(e.Ctx, e.DB.Replica())
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(st)
	}
	if len(st) == 0 {
		fmt.Fprintln(e.Out, assets.T("Paired devices: none"))
		return nil
	}
	for _, s := range st {
		last := s.LastSync
		if last == "" {
			last = assets.T("never")
		}
		fmt.Fprintf(e.Out, "%s (%s) %s\n", s.Name, s.OrgCode, s.ID)
		fmt.Fprintln(e.Out, "  "+assets.T("Last received: %s; changes waiting to be sent: %d; open conflicts: %d", last, s.PendingOut, s.Conflicts))
		if s.LastError != "" {
			fmt.Fprintln(e.Out, "  "+assets.T("Last problem: %s", s.LastError))
		}
	}
	return nil
}

func runSyncConflicts(e *Env) error {
	cs, err := e.DB.Conflicts(e.Ctx, "", e.Flag("all") == "true")
	if err != nil {
		return err
	}
	type row struct {
		ID   string `json:"id"`
		Name string `json:"name"`
		store.Conflict
	}
	out := []row{}
	for _, c := range cs {
		out = append(out, row{ID: c.ID, Name: c.FieldName, Conflict: c})
	}
	if e.JSON {
		return e.printJSON(out)
	}
	if len(out) == 0 {
		fmt.Fprintln(e.Out, assets.T("No open conflicts."))
	}
	for _, r := range out {
		fmt.Fprintln(e.Out, assets.T("%s %s: now \"%v\" (%s), other PC's value \"%v\" (%s)", r.ID, r.Subject, r.Now, r.WinnerUser, r.Other, r.LoserUser))
	}
	return nil
}

func runSyncResolve(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one conflict ID.")
	}
	keep := e.Flag("keep")
	if keep != "current" && keep != "other" {
		return usagef("Option --keep must be current or other.")
	}
	return e.DB.ResolveConflict(e.Ctx, e.Args[0], keep == "other")
}
