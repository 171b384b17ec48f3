package cli

import (
	"fmt"
	"strings"

	"zhibu/assets"
)

func init() {
	register(&command{name: "sync held list", summary: "List changes held for tables or fields this version does not know (sent by a newer version), by device, table and field",
		usage: "[--json]", auth: authOptional, run: runSyncHeldList})
	register(&command{name: "sync held drop", summary: "Drop the held changes a paired device sent (administrators; they are lost on this PC)",
		usage: "--from DEVICE|all [--table T] --yes", flags: []flagSpec{
			{name: "from", help: "Device ID, the first group of it, organisation code, or all"},
			{name: "table", help: "Only the changes for this table (default: every table)"},
			{name: "yes", isBool: true, help: "Confirm: the dropped changes cannot be brought back on this PC"}},
		auth: authAdmin, run: runSyncHeldDrop})
}

func runSyncHeldList(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	gs, err := e.DB.HeldChanges(e.Ctx)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(gs)
	}
	if len(gs) == 0 {
		fmt.Fprintln(e.Out, assets.T("No held changes: every change received is for a table and field this version knows."))
		return nil
	}
	total := 0
	for _, g := range gs {
		from := g.OrgName
		if from == "" {
			from = assets.T("a device no longer paired")
		}
		fmt.Fprintln(e.Out, assets.T("From %s (device %s): table %s, field %s: %d changes.", from, strings.SplitN(g.Device, "-", 2)[0], g.Table, g.Field, g.Count))
		total += g.Count
	}
	fmt.Fprintln(e.Out, assets.T("In all %d held changes. They are applied once this PC is upgraded; \"zhibu sync held drop\" removes those of one device.", total))
	return nil
}

func runSyncHeldDrop(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	from := strings.TrimSpace(e.Flag("from"))
	if from == "" {
		return usagef("Option --%s is required.", "from")
	}
	if !e.Has("yes") {
		return usagef("Dropping held changes cannot be undone on this PC; add --yes to confirm.")
	}
	device := ""
	if from != "all" {
		p, err := peerByName(e, from)
		if err != nil {
			gs, lerr := e.DB.HeldChanges(e.Ctx) // a device no longer paired: by its ID
			if lerr != nil {
				return lerr
			}
			for _, g := range gs {
				if strings.EqualFold(g.Device, from) || strings.EqualFold(strings.SplitN(g.Device, "-", 2)[0], from) {
					device = g.Device
				}
			}
			if device == "" {
				return err
			}
		} else {
			device = p.DeviceID
		}
	}
	n, err := e.DB.DropHeld(e.Ctx, device, e.Flag("table"))
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]any{"dropped": n})
	}
	fmt.Fprintln(e.Out, assets.T("Dropped %d held changes.", n))
	return nil
}
