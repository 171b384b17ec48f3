package cli

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/sync/device"
)

// Version is set by main from FyneApp.toml, the one place the version lives; Commit may be
// set at build time (-ldflags -X), else BuildCommit reads the revision Go stamped in.
var (
	Version = "dev"
	Commit  = ""
)

// BuildCommit returns Commit, or the short VCS revision recorded by the Go toolchain (with
// "-dirty" for a modified tree), or "" when neither is known.
func BuildCommit() string {
	if Commit != "" {
		return Commit
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch {
		case s.Key == "vcs.revision":
			rev = s.Value
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = "-dirty"
		}
	}
	if len(rev) > 7 {
		rev = rev[:7]
	}
	if rev == "" {
		return ""
	}
	return rev + dirty
}

func init() {
	register(&command{name: "help", summary: "Explain the commands", usage: "[COMMAND]", noDB: true, run: runHelp})
	register(&command{name: "version", summary: "Show the version and build information", noDB: true, run: runVersion})
	register(&command{name: "init", summary: "Set up a new database: this device, its organisation and the first administrator",
		usage: "--role village|township|county --org-code C --org-name N [--parent-code C] --admin NAME",
		flags: []flagSpec{{name: "role", help: "village (村), township (乡镇) or county (县)"}, {name: "org-code", help: "Organisation code"},
			{name: "org-name", help: "Organisation name"}, {name: "parent-code", help: "The code of the organisation above: a village's township, a township's county"},
			{name: "admin", help: "First administrator's user name (password from ZHIBU_PASSWORD)"}},
		run: runInit})
	register(&command{name: "device", summary: "Show this device's ID, role, organisation and paired devices", run: runDevice})
	register(&command{name: "digest", summary: "Print a hash of the replicated content, optionally of one organisation",
		usage: "[--org CODE]", flags: []flagSpec{{name: "org", help: "Organisation code"}}, run: runDigest})
}

func runHelp(e *Env) error {
	if len(e.Args) > 0 {
		name := strings.Join(e.Args, " ")
		c, ok := commands[name]
		if !ok {
			if !hasGroup(name) {
				return usagef("Unknown command \"%s\".", name)
			}
			for _, c := range sortedCommands() {
				if strings.HasPrefix(c.name, name+" ") {
					fmt.Fprintf(e.Out, "  zhibu %-24s %s\n", c.name, assets.T(c.summary))
				}
			}
			return nil
		}
		fmt.Fprintf(e.Out, "%s (%s)\n\n", assets.T(c.summary), c.name)
		fmt.Fprintf(e.Out, "%s zhibu %s %s\n", assets.T("Usage:"), c.name, c.usage)
		if len(c.flags) > 0 {
			fmt.Fprintln(e.Out, "\n"+assets.T("Options:"))
			for _, f := range c.flags {
				fmt.Fprintf(e.Out, "  --%-16s %s\n", f.name, f.helpText())
			}
		}
		printGlobal(e)
		return nil
	}
	fmt.Fprintln(e.Out, assets.T("Zhibu (支部台账): records of a village party branch, offline first."))
	fmt.Fprintln(e.Out, assets.T("Without a command the window opens. Commands:"))
	fmt.Fprintln(e.Out)
	for _, c := range sortedCommands() {
		fmt.Fprintf(e.Out, "  zhibu %-24s %s\n", c.name, assets.T(c.summary))
	}
	printGlobal(e)
	fmt.Fprintln(e.Out, "\n"+assets.T("\"zhibu help COMMAND\" explains one command."))
	return nil
}

func printGlobal(e *Env) {
	fmt.Fprintln(e.Out, "\n"+assets.T("Options of every command:"))
	for _, f := range globalFlags {
		fmt.Fprintf(e.Out, "  --%-16s %s\n", f.name, f.helpText())
	}
}

func runVersion(e *Env) error {
	commit := BuildCommit()
	info := map[string]any{"version": Version, "commit": commit, "go": runtime.Version(), "os": runtime.GOOS, "arch": runtime.GOARCH, "schema": store.SchemaVersion()}
	if e.JSON {
		return e.printJSON(info)
	}
	fmt.Fprintf(e.Out, "zhibu %s", Version)
	if commit != "" {
		fmt.Fprintf(e.Out, " (%s)", commit)
	}
	fmt.Fprintf(e.Out, "\n%s %d, %s %s/%s\n", assets.T("Data version"), store.SchemaVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

func runInit(e *Env) error {
	for _, f := range []string{"role", "org-code", "org-name", "admin"} {
		if e.Flag(f) == "" {
			return usagef("Option --%s is required.", f)
		}
	}
	pw := e.Getenv("ZHIBU_PASSWORD")
	if f := e.Flag("password-file"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return assets.Wrap(err, "Cannot read the password file %s.", f)
		}
		pw = strings.TrimRight(string(b), "\r\n")
	}
	if pw == "" {
		return usagef("Give the administrator's password in ZHIBU_PASSWORD or --password-file.")
	}
	if e.DB.Device() != "" {
		return assets.Wrap(store.ErrAlreadyInit, "This database has already been set up. Use it as it is, or choose another file with --db.")
	}
	id, err := device.Create(e.DBPath)
	if err != nil {
		return err
	}
	err = e.DB.Init(e.Ctx, store.InitParams{Device: id.ID.String(), Role: e.Flag("role"), OrgCode: e.Flag("org-code"),
		OrgName: e.Flag("org-name"), ParentCode: e.Flag("parent-code"), Admin: e.Flag("admin"), Password: pw})
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]string{"device_id": id.ID.String(), "db": e.DBPath})
	}
	fmt.Fprintln(e.Out, assets.T("Set up %s. This device's ID: %s", e.DBPath, id.ID.String()))
	return nil
}

// DeviceInfo is what "device" prints.
type DeviceInfo struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Role    string     `json:"role"`
	OrgCode string     `json:"org_code"`
	OrgName string     `json:"org_name"`
	Paired  []PeerInfo `json:"paired"`
	// Carriers are devices allowed to carry bundles (stock Syncthing nodes), never paired
	// for content.
	Carriers []PeerInfo `json:"carriers"`
}

// PeerInfo is a paired device as "device" lists it.
type PeerInfo struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Role    string `json:"role"`
	OrgCode string `json:"org_code"`
	// Override is the administrator's recorded override of the pairing rules, if any:
	// who, when and why.
	Override string `json:"override,omitempty"`
}

// pairedPeers and carrierList are filled in by the sync commands.
var pairedPeers, carrierList func(e *Env) ([]PeerInfo, error)

func runDevice(e *Env) error {
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	role, err := e.DB.Role(e.Ctx)
	if err != nil {
		return err
	}
	info := DeviceInfo{ID: e.DB.Device(), Name: home.Name, Role: role, OrgCode: home.Code, OrgName: home.Name, Paired: []PeerInfo{}, Carriers: []PeerInfo{}}
	if pairedPeers != nil {
		if info.Paired, err = pairedPeers(e); err != nil {
			return err
		}
	}
	if carrierList != nil {
		if info.Carriers, err = carrierList(e); err != nil {
			return err
		}
	}
	if e.JSON {
		return e.printJSON(info)
	}
	fmt.Fprintf(e.Out, "%s %s\n", assets.T("Device ID:"), info.ID)
	fmt.Fprintf(e.Out, "%s %s\n", assets.T("Role:"), store.DeviceRoleLabel(role))
	fmt.Fprintf(e.Out, "%s %s (%s)\n", assets.T("Organisation:"), home.Name, home.Code)
	if len(info.Paired) == 0 {
		fmt.Fprintln(e.Out, assets.T("Paired devices: none"))
	} else {
		fmt.Fprintln(e.Out, assets.T("Paired devices:"))
		for _, p := range info.Paired {
			fmt.Fprintf(e.Out, "  %s  %s (%s) %s\n", p.ID, p.Name, p.OrgCode, store.DeviceRoleLabel(p.Role))
			if p.Override != "" {
				fmt.Fprintf(e.Out, "    %s\n", p.Override)
			}
		}
	}
	if len(info.Carriers) > 0 {
		fmt.Fprintln(e.Out, assets.T("Carriers (Syncthing):"))
		for _, c := range info.Carriers {
			fmt.Fprintf(e.Out, "  %s  %s\n", c.ID, c.Name)
		}
	}
	return nil
}

func runDigest(e *Env) error {
	d, err := e.DB.Digest(e.Ctx, e.Flag("org"))
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]string{"digest": d, "org": e.Flag("org")})
	}
	fmt.Fprintln(e.Out, d)
	return nil
}
