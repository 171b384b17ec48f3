package cli

import (
	"fmt"
	"os"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	register(&command{name: "supervision add", summary: "Record a supervision visit (督导) to a village; each finding becomes a rectification item",
		usage: "--org CODE --date D --by NAMES --checked TEXT [--summary S] [--findings F.txt]",
		flags: []flagSpec{{name: "org", help: "Village code"}, {name: "date", help: "Date (YYYY-MM-DD)"},
			{name: "by", help: "Who made the visit"}, {name: "checked", help: "What was checked"},
			{name: "summary", help: "Overall impression and good practice seen (optional)"},
			{name: "findings", help: "A UTF-8 text file with one finding a line: title|deadline|evidence required"}},
		auth: authWrite, run: runSupervisionAdd})
	register(&command{name: "supervision list", summary: "List the supervision visits with the items they raised", usage: "[--org CODE] [--json]",
		flags: []flagSpec{{name: "org", help: "Village code"}}, auth: authOptional, run: runSupervisionList})
}

func runSupervisionAdd(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	if e.Flag("org") == "" || e.Flag("date") == "" || e.Flag("by") == "" || e.Flag("checked") == "" {
		return usagef("Give the village (--org CODE), the date (--date YYYY-MM-DD), who visited (--by) and what was checked (--checked).")
	}
	n := store.NewVisit{VillageCode: e.Flag("org"), Day: e.Flag("date"), Visitors: e.Flag("by"), Checked: e.Flag("checked"), Summary: e.Flag("summary")}
	if f := e.Flag("findings"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return assets.Wrap(err, "Cannot read the file %s.", f)
		}
		n.Findings = parseItems(string(b))
	}
	id, ids, err := e.DB.AddVisit(e.Ctx, n)
	if err != nil {
		return err
	}
	return printRaised(e, id, ids)
}

// printRaised prints a record's ID and the IDs of the rectification items it raised (one a
// line, indented), or both as JSON {"id", "items"}.
func printRaised(e *Env, id string, items []string) error {
	if e.JSON {
		return e.printJSON(map[string]any{"id": id, "items": items})
	}
	fmt.Fprintln(e.Out, id)
	for _, t := range items {
		fmt.Fprintln(e.Out, "    "+t)
	}
	return nil
}

// SupervisionRow is one visit as "supervision list --json" prints it.
type SupervisionRow struct {
	Name    string `json:"name"`
	OrgCode string `json:"org_code"`
	OrgName string `json:"org_name"`
	store.Visit
}

func runSupervisionList(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	village := ""
	if e.Flag("org") != "" {
		o, err := orgFlag(e)
		if err != nil {
			return err
		}
		village = o.ID
	}
	vs, err := e.DB.Visits(e.Ctx, village)
	if err != nil {
		return err
	}
	rows := []SupervisionRow{}
	for _, v := range vs {
		o, _ := e.DB.Org(e.Ctx, v.VillageID)
		rows = append(rows, SupervisionRow{Name: assets.T("Supervision visit to %s on %s", o.Name, v.Day), OrgCode: o.Code, OrgName: o.Name, Visit: v})
	}
	if e.JSON {
		return e.printJSON(rows)
	}
	for _, r := range rows {
		fmt.Fprintf(e.Out, "%s  %s  %s  %s\n", r.ID, r.Day, r.OrgName, r.Visitors)
		for _, t := range r.Findings {
			fmt.Fprintf(e.Out, "    %s  %s  %s\n", t.Due, store.TaskStateLabel(t), t.Title)
		}
	}
	return nil
}
