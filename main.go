// Command zhibu is 支部台账: with no command it opens the window, with a command it works
// headless (see "zhibu help").
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"

	"fyne.io/fyne/v2/app"

	"zhibu/app/cli"
	"zhibu/app/ui"
	"zhibu/assets"
	"zhibu/sync/bundle"
)

func main() {
	meta, err := metadata(cli.BuildCommit())
	if err != nil { // only a broken build gets here: FyneApp.toml is embedded
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cli.Version = meta.Version
	bundle.AppVersion = meta.Version
	args := os.Args[1:]
	dbPath, guiOnly := guiArgs(args)
	if !guiOnly {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		code := cli.Run(ctx, args, os.Stdout, os.Stderr, nil)
		stop()
		os.Exit(code)
	}
	if dbPath == "" {
		dbPath = os.Getenv("ZHIBU_DB")
	}
	if dbPath == "" {
		p, err := cli.DefaultDBPath()
		if err != nil {
			fmt.Fprintln(os.Stderr, assets.Chinese(err))
			os.Exit(1)
		}
		dbPath = p
	}
	app.SetMetadata(meta)
	a := app.NewWithID(meta.ID)
	ui.ScreenSize = primaryScreenSize
	ui.Run(a, dbPath)
}

// guiArgs reports whether the arguments ask for the window (no command, at most --db PATH)
// and the database path given.
func guiArgs(args []string) (db string, gui bool) {
	switch {
	case len(args) == 0:
		return "", true
	case len(args) == 2 && args[0] == "--db":
		return args[1], true
	case len(args) == 1 && strings.HasPrefix(args[0], "--db="):
		return strings.TrimPrefix(args[0], "--db="), true
	}
	return "", false
}
