package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"zhibu/app/report"
	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/atomicfile"
)

func init() {
	register(&command{name: "report quarterly", summary: "Quarterly report (季度报表) of every village, as a spreadsheet, a PDF or JSON",
		usage: "--quarter Q (--out F.xlsx|F.pdf | --json) [--org CODE] [--filled-by NAME] [--reviewer NAME] [--phone TEL]",
		flags: []flagSpec{{name: "quarter", help: "Quarter (2026Q4)"}, {name: "out", help: "Output file: .xlsx or .pdf"},
			{name: "org", help: "One village's code (on a village PC: its own records)"},
			{name: "filled-by", help: "Who filled in the report (填报人; default: the user logged in)"},
			{name: "reviewer", help: "Who reviewed the report (审核人)"},
			{name: "phone", help: "Telephone to call about the report (联系电话)"}},
		auth: authOptional, run: runReportQuarterly})
}

func runReportQuarterly(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	q, err := store.ParsePeriod(e.Flag("quarter"))
	if err != nil || q.Kind != store.PeriodQuarter {
		return usagef("Give the quarter as --quarter 2026Q4.")
	}
	out := e.Flag("out")
	ext := strings.ToLower(filepath.Ext(out))
	if !e.JSON && (out == "" || (ext != ".xlsx" && ext != ".pdf")) {
		return usagef("Give --out F.xlsx or --out F.pdf (or --json).")
	}
	var ids []string
	if e.Flag("org") != "" {
		o, err := orgFlag(e)
		if err != nil {
			return err
		}
		ids = []string{o.ID}
	}
	r, err := report.Build(e.Ctx, e.DB, q, ids)
	if err != nil {
		return err
	}
	if v := strings.TrimSpace(e.Flag("filled-by")); v != "" {
		r.Sign.FilledBy = v
	}
	r.Sign.Reviewer, r.Sign.Phone = strings.TrimSpace(e.Flag("reviewer")), strings.TrimSpace(e.Flag("phone"))
	if e.JSON && out == "" {
		return e.printJSON(r)
	}
	var buf bytes.Buffer
	if ext == ".xlsx" {
		err = report.XLSX(&buf, r)
	} else {
		err = report.PDF(&buf, r)
	}
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(out, buf.Bytes()); err != nil {
		return assets.Wrap(err, "Cannot write the file %s. Check the folder exists and is writable.", out)
	}
	if e.JSON {
		return e.printJSON(r)
	}
	fmt.Fprintln(e.Out, assets.T("Wrote %s (%d villages).", out, len(r.Villages)))
	return nil
}
