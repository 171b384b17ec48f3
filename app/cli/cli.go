// Package cli implements zhibu's subcommands (CLI.md): the same operations the GUI calls,
// for township staff who script batch work, for tests and for support.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/sync/backup"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitFail  = 1
	ExitUsage = 2
)

// A command is one subcommand. Commands register themselves in init functions, each in the
// file of its area.
type command struct {
	name    string // "member add"
	summary string // catalog key: one line
	usage   string // argument synopsis after the name
	flags   []flagSpec
	auth    authMode
	noDB    bool // does not open a database
	run     func(e *Env) error
}

type authMode int

const (
	authNone     authMode = iota // no user needed
	authOptional                 // reads: a user, if named, is checked and widens what is shown
	authWrite                    // writes: a user with write permission is required
	authAdmin                    // administration: a secretary or township administrator
)

type flagSpec struct {
	name   string // without dashes
	isBool bool
	help   string // catalog key
	text   string // help already in Chinese (from the store), instead of help
}

// helpText is the option's help in Chinese.
func (f flagSpec) helpText() string {
	if f.text != "" {
		return f.text
	}
	return assets.T(f.help)
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("cli: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// Env is what a running command sees.
type Env struct {
	Ctx    context.Context
	Out    io.Writer
	Err    io.Writer
	Getenv func(string) string
	DBPath string
	JSON   bool
	Args   []string          // positional arguments
	Flags  map[string]string // flags given ("true" for booleans)
	DB     *store.DB
	User   *store.User // nil when no user logged in
}

// Flag returns a flag's value ("" if not given).
func (e *Env) Flag(name string) string { return e.Flags[name] }

// Has reports whether a flag was given.
func (e *Env) Has(name string) bool { _, ok := e.Flags[name]; return ok }

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ e *assets.Error }

func (u usageError) Error() string { return u.e.Error() }

func usagef(key string, args ...any) error { return usageError{assets.Errorf(key, args...)} }

// globalFlags apply to every command.
var globalFlags = []flagSpec{
	{name: "db", help: "Database file (default: the user data folder; or ZHIBU_DB)"},
	{name: "user", help: "User name the writes are attributed to (or ZHIBU_USER)"},
	{name: "password-file", help: "File holding the user's password (or ZHIBU_PASSWORD)"},
	{name: "json", isBool: true, help: "Print one JSON document"},
}

// Run executes a command line (without the program name) and returns the exit status.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if getenv == nil {
		getenv = os.Getenv
	}
	e := &Env{Ctx: ctx, Out: stdout, Err: stderr, Getenv: getenv}
	err := run(e, args)
	if err == nil {
		return ExitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "%s (英文: %s)\n", ue.e.Chinese(), ue.e.Error())
		fmt.Fprintln(stderr, assets.T("Run \"zhibu help\" for the list of commands."))
		return ExitUsage
	}
	fmt.Fprintf(stderr, "%s (英文: %s)\n", oneLine(chinese(err)), oneLine(english(err)))
	return ExitFail
}

func chinese(err error) string {
	var ve *store.ValidationError
	if errors.As(err, &ve) {
		return ve.Chinese()
	}
	return assets.Chinese(err)
}

func english(err error) string {
	var ve *store.ValidationError
	if errors.As(err, &ve) {
		return ve.Error()
	}
	return assets.English(err)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "；")), " ")
}

func run(e *Env, args []string) error {
	// Global options may come before the command ("zhibu --db x.db member list"): set them
	// aside, then find the command: the longest registered name made of the next words.
	var global []string
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-" && args[0] != "--" {
		name, _, hasVal := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
		spec, ok := globalSpec(name)
		if !ok {
			return usagef("Unknown option --%s. Put the command first, e.g. zhibu member list --json.", name)
		}
		n := 1
		if !spec.isBool && !hasVal {
			n = 2
		}
		if len(args) < n {
			return usagef("Option --%s needs a value.", name)
		}
		global, args = append(global, args[:n]...), args[n:]
	}
	var words []string
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			break
		}
		words = append(words, a)
	}
	var cmd *command
	n := 0
	for i := len(words); i > 0; i-- {
		if c, ok := commands[strings.Join(words[:i], " ")]; ok {
			cmd, n = c, i
			break
		}
	}
	if cmd == nil {
		if len(words) == 0 {
			return usagef("No command given.")
		}
		if len(words) > 1 && hasGroup(words[0]) {
			return usagef("Unknown command \"%s\".", words[0]+" "+words[1])
		}
		if hasGroup(words[0]) {
			return usagef("\"%s\" needs a subcommand.", words[0])
		}
		return usagef("Unknown command \"%s\".", words[0])
	}
	rest := append(append([]string{}, global...), args[n:]...)
	for _, a := range rest {
		if a == "--help" || a == "-h" || a == "-help" {
			e.Args = strings.Fields(cmd.name)
			return runHelp(e)
		}
	}
	flags, pos, err := parseFlags(cmd, rest)
	if err != nil {
		return err
	}
	e.Flags, e.Args = flags, pos
	e.JSON = flags["json"] == "true"
	if cmd.noDB {
		return cmd.run(e)
	}
	e.DBPath = flags["db"]
	if e.DBPath == "" {
		e.DBPath = e.Getenv("ZHIBU_DB")
	}
	if e.DBPath == "" {
		e.DBPath, err = DefaultDBPath()
		if err != nil {
			return err
		}
	}
	if cmd.name != "init" {
		if _, err := os.Stat(e.DBPath); err != nil {
			return assets.Wrap(err, "There is no database at %s. Set one up with \"zhibu init\" or give the right file with --db.", e.DBPath)
		}
	}
	db, err := store.Open(e.Ctx, e.DBPath, store.Options{MustExist: cmd.name != "init"})
	if errors.Is(err, replica.ErrDamaged) {
		return backup.Damaged(e.DBPath)
	}
	if err != nil {
		return err
	}
	defer db.Close()
	e.DB = db
	if err := startupCheck(e); err != nil {
		return err
	}
	if err := login(e, cmd.auth); err != nil {
		return err
	}
	if e.User != nil {
		e.Ctx = store.WithUser(e.Ctx, e.User.Name)
	}
	return cmd.run(e)
}

// DefaultDBPath is os.UserConfigDir()/zhibu/zhibu.db.
func DefaultDBPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", assets.Wrap(err, "Cannot find the user data folder. Give the database file with --db.")
	}
	return filepath.Join(dir, "zhibu", "zhibu.db"), nil
}

func globalSpec(name string) (flagSpec, bool) {
	for _, f := range globalFlags {
		if f.name == name {
			return f, true
		}
	}
	return flagSpec{}, false
}

func hasGroup(word string) bool {
	for name := range commands {
		if strings.HasPrefix(name, word+" ") {
			return true
		}
	}
	return false
}

func parseFlags(cmd *command, args []string) (map[string]string, []string, error) {
	specs := map[string]flagSpec{}
	for _, f := range append(append([]flagSpec{}, globalFlags...), cmd.flags...) {
		specs[f.name] = f
	}
	flags := map[string]string{}
	var pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		name := strings.TrimLeft(a, "-")
		val, hasVal := "", false
		if k, v, ok := strings.Cut(name, "="); ok {
			name, val, hasVal = k, v, true
		}
		spec, ok := specs[name]
		if !ok {
			return nil, nil, usagef("Unknown option --%s for \"%s\".", name, cmd.name)
		}
		if spec.isBool {
			if hasVal && val != "true" && val != "false" {
				return nil, nil, usagef("Option --%s takes no value.", name)
			}
			if !hasVal {
				val = "true"
			}
		} else if !hasVal {
			if i+1 >= len(args) {
				return nil, nil, usagef("Option --%s needs a value.", name)
			}
			i++
			val = args[i]
		}
		flags[name] = val
	}
	return flags, pos, nil
}

func login(e *Env, mode authMode) error {
	if mode == authNone {
		return nil
	}
	name := e.Flag("user")
	if name == "" {
		name = e.Getenv("ZHIBU_USER")
	}
	if name == "" {
		if mode == authOptional {
			return nil
		}
		return usagef("This command changes data: name the user with --user or ZHIBU_USER, and give the password in ZHIBU_PASSWORD or --password-file.")
	}
	pw := e.Getenv("ZHIBU_PASSWORD")
	if f := e.Flag("password-file"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return assets.Wrap(err, "Cannot read the password file %s.", f)
		}
		pw = strings.TrimRight(string(b), "\r\n")
	}
	u, err := e.DB.Login(e.Ctx, name, pw)
	if err != nil {
		return err
	}
	switch {
	case mode == authWrite && !u.CanWrite():
		return assets.Wrap(store.ErrDenied, "The user %s may only read, not change data.", u.Name)
	case mode == authAdmin && !u.CanAdmin():
		return assets.Wrap(store.ErrDenied, "Only the branch secretary or a township administrator may do this.")
	}
	e.User = &u
	return nil
}

// printJSON writes v as one indented JSON document.
func (e *Env) printJSON(v any) error {
	enc := json.NewEncoder(e.Out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// sortedCommands lists the commands by name.
func sortedCommands() []*command {
	var out []*command
	for _, c := range commands {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// printID prints the ID of a new record: the bare ID, or {"id": …} with --json.
func (e *Env) printID(id string) error {
	if e.JSON {
		return e.printJSON(map[string]string{"id": id})
	}
	_, err := fmt.Fprintln(e.Out, id)
	return err
}
