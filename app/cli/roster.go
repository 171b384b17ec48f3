package cli

import (
	"fmt"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/demo"
)

func init() {
	register(&command{name: "member import", summary: "Import a roster (.xlsx or .csv); every bad row is reported and nothing is written if any row is bad",
		usage: "F.xlsx|F.csv [--dry-run]", flags: []flagSpec{{name: "dry-run", isBool: true, help: "Check the file only; write nothing"}},
		auth: authWrite, run: runMemberImport})
	register(&command{name: "demo", summary: "Fill an empty database with realistic demo data",
		usage: "[--villages N]", flags: []flagSpec{{name: "villages", help: "For a township: how many villages"}, {name: "seed", help: "Random seed"}},
		auth: authWrite, run: runDemo})
}

func runMemberImport(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one roster file (.xlsx or .csv).")
	}
	ctx := store.WithProgress(e.Ctx, func(done, total int) {
		if total >= 2000 { // a long import says how far it has got, on stderr
			fmt.Fprintln(e.Err, assets.T("Checked %d of %d rows…", done, total))
		}
	})
	rep, err := e.DB.ImportRosterFile(ctx, e.Args[0], e.Has("dry-run"))
	if e.JSON {
		if jerr := e.printJSON(rep); jerr != nil {
			return jerr
		}
	} else {
		for _, p := range rep.Problems {
			if p.Column != "" {
				fmt.Fprintln(e.Out, assets.T("Row %d, column %s: %s", p.Row, p.Column, p.Reason))
			} else {
				fmt.Fprintln(e.Out, assets.T("Row %d: %s", p.Row, p.Reason))
			}
		}
		if err == nil {
			if rep.DryRun {
				fmt.Fprintln(e.Out, assets.T("Checked %d rows: no problems. Nothing was written (--dry-run).", rep.Rows))
			} else {
				fmt.Fprintln(e.Out, assets.T("Imported %d members.", rep.Added))
			}
		}
	}
	return err
}

func runDemo(e *Env) error {
	var opt demo.Options
	if v := e.Flag("villages"); v != "" {
		if _, err := fmt.Sscanf(v, "%d", &opt.Villages); err != nil || opt.Villages < 1 || opt.Villages > 40 {
			return usagef("--villages takes a number from 1 to 40.")
		}
	}
	if v := e.Flag("seed"); v != "" {
		if _, err := fmt.Sscanf(v, "%d", &opt.Seed); err != nil {
			return usagef("--seed takes a number.")
		}
	} else {
		opt.Seed = uint64(e.DB.Now().UnixNano())
	}
	if err := demo.Fill(e.Ctx, e.DB, opt); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Demo data added."))
	return nil
}
