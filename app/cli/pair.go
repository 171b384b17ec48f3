package cli

import (
	"fmt"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/sync/device"
	"zhibu/sync/lan"
	"zhibu/sync/pairing"
)

func init() {
	register(&command{name: "pair export", summary: "Write this PC's enrolment file, to pair it with another PC",
		usage: "--out F", flags: []flagSpec{{name: "out", help: "Enrolment file to write (e.g. on a USB stick)"}},
		auth: authWrite, run: runPairExport})
	register(&command{name: "pair import", summary: "Read another PC's enrolment file and pair with it",
		usage: "F [--override --reason R]", flags: []flagSpec{{name: "override", isBool: true,
			help: "Pair even though the other PC is outside this one's organisation hierarchy, or a second PC for a paired village (recorded)"},
			{name: "reason", help: "Why the override is needed (recorded and shown by \"zhibu device\"); required when a paired PC's role or organisation changes"}},
		auth: authAdmin, run: runPairImport})
	register(&command{name: "pair carrier", summary: "Allow a stock Syncthing device to carry bundles over the LAN (never trusted for content)",
		usage: "DEVICE-ID --name N", flags: []flagSpec{{name: "name", help: "A name for the carrier, e.g. where it stands"}},
		auth: authAdmin, run: runPairCarrier})
	pairedPeers = listPairedPeers
	carrierList = listCarriers
}

func listCarriers(e *Env) ([]PeerInfo, error) {
	cs, err := e.DB.Replica().Carriers(e.Ctx)
	if err != nil {
		return nil, err
	}
	out := []PeerInfo{}
	for _, c := range cs {
		out = append(out, PeerInfo{ID: c.DeviceID, Name: c.Name, Role: "carrier"})
	}
	return out, nil
}

func runPairCarrier(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one device ID (Syncthing shows it under Actions → Show ID).")
	}
	if e.Flag("name") == "" {
		return usagef("Option --%s is required.", "name")
	}
	c, err := lan.AddCarrier(e.Ctx, e.DB.Replica(), e.Args[0], e.Flag("name"))
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(PeerInfo{ID: c.DeviceID, Name: c.Name, Role: "carrier"})
	}
	fmt.Fprintln(e.Out, assets.T("%s may now carry bundles for this PC (it only ever holds them encrypted; nothing from it is trusted unchecked):", c.Name))
	fmt.Fprintln(e.Out, "  "+c.DeviceID)
	return nil
}

func listPairedPeers(e *Env) ([]PeerInfo, error) {
	peers, err := e.DB.Replica().Peers(e.Ctx)
	if err != nil {
		return nil, err
	}
	ovr, err := pairing.Overrides(e.Ctx, e.DB)
	if err != nil {
		return nil, err
	}
	out := []PeerInfo{}
	for _, p := range peers {
		info := PeerInfo{ID: p.DeviceID, Name: p.OrgName, Role: p.Role, OrgCode: p.OrgCode}
		if o, ok := ovr[p.DeviceID]; ok {
			info.Override = assets.T("Paired by an override of %s at %s; reason: %s", o.User, o.At, o.Reason)
		}
		out = append(out, info)
	}
	return out, nil
}

func runPairExport(e *Env) error {
	if e.Flag("out") == "" {
		return usagef("Option --%s is required.", "out")
	}
	id, err := device.Load(e.DBPath)
	if err != nil {
		return err
	}
	en, err := pairing.Export(e.Ctx, e.DB, id, e.Flag("out"))
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]string{"id": en.DeviceID, "name": en.OrgName, "file": e.Flag("out")})
	}
	fmt.Fprintln(e.Out, assets.T("Wrote the enrolment file %s. Import it on the other PC; this PC's device ID is:", e.Flag("out")))
	fmt.Fprintln(e.Out, "  "+en.DeviceID)
	return nil
}

func runPairImport(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one enrolment file.")
	}
	en, err := pairing.Read(e.Args[0])
	if err != nil {
		return err
	}
	opt := pairing.Options{Override: e.Has("override"), Reason: e.Flag("reason")}
	if e.User != nil {
		opt.User = e.User.Name
	}
	p, err := pairing.AcceptWith(e.Ctx, e.DB, en, opt)
	if err != nil {
		return err
	}
	if opt.Override {
		fmt.Fprintln(e.Err, assets.T("Paired by an administrator's override; the decision is recorded on this PC."))
	}
	if e.JSON {
		return e.printJSON(PeerInfo{ID: p.DeviceID, Name: p.OrgName, Role: p.Role, OrgCode: p.OrgCode})
	}
	fmt.Fprintln(e.Out, assets.T("Paired with %s (%s, %s). Check that the device ID matches the one shown on that PC:", p.OrgName, p.OrgCode, store.DeviceRoleLabel(p.Role)))
	fmt.Fprintln(e.Out, "  "+p.DeviceID)
	return nil
}
