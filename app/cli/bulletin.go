package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"zhibu/app/report"
	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/atomicfile"
)

func init() {
	register(&command{name: "report bulletin", summary: "The township's bulletin (通报) on its villages for a period, as a PDF",
		usage: "--period P --out F.pdf [--good-practice TEXT | --good-practice-file F]",
		flags: []flagSpec{{name: "period", help: "Month (2026-11), quarter (2026Q4) or year (2026)"}, {name: "out", help: "Output file (.pdf)"},
			{name: "good-practice", help: "Good practice to note (one paragraph a line)"},
			{name: "good-practice-file", help: "A UTF-8 text file with the good practice to note"}},
		auth: authOptional, run: runReportBulletin})
}

func runReportBulletin(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	out := e.Flag("out")
	if e.Flag("period") == "" || strings.ToLower(filepath.Ext(out)) != ".pdf" {
		return usagef("Give the period (--period 2026-11, 2026Q4 or 2026) and the output file (--out F.pdf).")
	}
	p, err := store.ParsePeriod(e.Flag("period"))
	if err != nil {
		return err
	}
	good := e.Flag("good-practice")
	if f := e.Flag("good-practice-file"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return assets.Wrap(err, "Cannot read the file %s.", f)
		}
		good = string(b)
	}
	var buf bytes.Buffer
	if _, err := report.PrintBulletin(e.Ctx, e.DB, p, good, &buf); err != nil {
		return err
	}
	if err := atomicfile.WriteFile(out, buf.Bytes()); err != nil {
		return assets.Wrap(err, "Cannot write the file %s. Check the folder exists and is writable.", out)
	}
	fmt.Fprintln(e.Out, assets.T("Wrote the bulletin %s.", out))
	return nil
}
