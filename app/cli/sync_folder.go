package cli

import (
	"fmt"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"zhibu/assets"
	"zhibu/sync/exchange"
	"zhibu/sync/folder"
)

func init() {
	register(&command{name: "sync folder", summary: "Sync through a folder that Syncthing, a network share or a stick keeps in step: write bundles, import those for this PC, remove own bundles once receipted",
		usage: "DIR [--watch] [--interval SECONDS]", flags: []flagSpec{{name: "watch", isBool: true, help: "Keep doing so until stopped (Ctrl+C)"},
			{name: "interval", help: "Seconds between passes with --watch (default 10)"}},
		auth: authWrite, run: runSyncFolder})
}

func runSyncFolder(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one folder.")
	}
	n, err := exchange.Open(e.DB.Replica())
	if err != nil {
		return err
	}
	dir := e.Args[0]
	if e.Flag("watch") != "true" {
		res, err := folder.Sync(e.Ctx, n, dir, folder.Options{})
		if e.JSON {
			if err != nil {
				return err
			}
			if err := e.printJSON(folderJSON(res)); err != nil {
				return err
			}
		} else {
			printFolder(e, res, err, true)
		}
		if err != nil {
			return err
		}
		if k := res.Rejected(); k > 0 {
			return assets.Errorf("%d of the bundles were rejected; nothing from them was imported (see the reasons above).", k)
		}
		return nil
	}
	every := 10 * time.Second
	if v := e.Flag("interval"); v != "" {
		s, err := strconv.Atoi(v)
		if err != nil || s < 1 || s > 3600 {
			return usagef("Option --interval must be a number of seconds from 1 to 3600.")
		}
		every = time.Duration(s) * time.Second
	}
	fmt.Fprintln(e.Out, assets.T("Watching %s (stop with Ctrl+C).", dir))
	var mu sync.Mutex
	return folder.Watch(e.Ctx, n, dir, every, folder.Options{}, func(res folder.Result, err error) {
		mu.Lock()
		defer mu.Unlock()
		if e.JSON {
			if err == nil {
				e.printJSON(folderJSON(res))
			}
			return
		}
		printFolder(e, res, err, false)
	})
}

func folderJSON(r folder.Result) map[string]any {
	return map[string]any{"written": nonNil(r.Written), "received": nonNil(r.Reports), "receipts": nonNil(r.Receipts),
		"confirmed": nonNil(r.Confirmed), "removed": nonNil(r.Removed), "problems": nonNil(r.Problems)}
}

// printFolder says what a pass did; quiet passes of --watch print nothing.
func printFolder(e *Env, r folder.Result, err error, always bool) {
	if err != nil {
		fmt.Fprintln(e.Out, assets.T("The sync folder could not be read or written: %s", assets.Chinese(err)))
		return
	}
	busy := len(r.Written)+len(r.Reports)+len(r.Confirmed)+len(r.Problems) > 0
	if !busy {
		if always {
			fmt.Fprintln(e.Out, assets.T("Nothing to do: no bundles for this PC, and nothing new to send."))
		}
		return
	}
	stamp := ""
	if !always {
		stamp = time.Now().Format("15:04:05") + " "
	}
	for _, w := range r.Written {
		fmt.Fprintln(e.Out, stamp+assets.T("Wrote %s for %s: %d changes, %d KB.", filepath.Base(w.File), w.Name, w.Changes, (w.Bytes+1023)/1024))
	}
	for _, rep := range r.Reports {
		switch rep.Status {
		case exchange.Applied:
			fmt.Fprintln(e.Out, stamp+assets.T("Applied %s from %s: %d changes, %d new, %d conflicts.", filepath.Base(rep.File), rep.FromName, rep.Changes, rep.Applied, rep.Conflicts))
			if rep.Message != "" {
				fmt.Fprintln(e.Out, "  "+rep.Message)
			}
		case exchange.Skipped:
			fmt.Fprintln(e.Out, stamp+assets.T("Skipped %s: %s", filepath.Base(rep.File), rep.Message))
		default:
			fmt.Fprintln(e.Out, stamp+assets.T("Rejected %s: %s", filepath.Base(rep.File), rep.Message))
		}
	}
	if len(r.Confirmed) > 0 {
		fmt.Fprintln(e.Out, stamp+assets.T("%d bundles were confirmed applied by their recipients and removed from the folder.", len(r.Confirmed)))
	}
	for _, p := range r.Problems {
		fmt.Fprintln(e.Out, stamp+p)
	}
}
