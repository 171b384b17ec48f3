package cli

import (
	"fmt"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	register(&command{name: "check", summary: "Findings for a period: required meetings missing, low attendance, dues overdue, pipeline steps due",
		usage: "[--period P] [--org CODE] [--json]",
		flags: []flagSpec{{name: "period", help: "Month (2026-11), quarter (2026Q4) or year (2026); default: this month"},
			{name: "org", help: "Organisation code (on a township: one village instead of all)"}},
		auth: authOptional, run: runCheck})
}

// FindingRow is one finding as "check --json" prints it.
type FindingRow struct {
	ID      string `json:"id"`   // stable: kind/rule/subject/due
	Name    string `json:"name"` // the title, for generic listings
	Period  string `json:"period"`
	OrgCode string `json:"org_code"`
	OrgName string `json:"org_name"`
	store.Finding
}

func runCheck(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	p := store.MonthOf(e.DB.Now())
	if v := e.Flag("period"); v != "" {
		var err error
		if p, err = store.ParsePeriod(v); err != nil {
			return usagef("The period %s is not valid; write a month as 2026-11, a quarter as 2026Q4 or a year as 2026.", v)
		}
	}
	orgs, err := checkOrgs(e)
	if err != nil {
		return err
	}
	rows := []FindingRow{}
	for _, o := range orgs {
		fs, err := e.DB.Check(e.Ctx, o.ID, p.String())
		if err != nil {
			return err
		}
		if !e.JSON {
			printFindings(e, o, p, fs)
		}
		for _, f := range fs {
			rows = append(rows, FindingRow{ID: strings.Join([]string{f.Kind, f.Rule, f.Subject, f.Due}, "/"), Name: f.Title,
				Period: p.String(), OrgCode: o.Code, OrgName: o.Name, Finding: f})
		}
	}
	if e.JSON {
		return e.printJSON(rows)
	}
	return nil
}

// checkOrgs is what "check" looks at: the --org organisation; on a township every village;
// else this installation's own.
func checkOrgs(e *Env) ([]store.Org, error) {
	if e.Flag("org") != "" {
		o, err := orgFlag(e)
		return []store.Org{o}, err
	}
	role, err := e.DB.Role(e.Ctx)
	if err != nil {
		return nil, err
	}
	if role == store.RoleTownship {
		return e.DB.Orgs(e.Ctx, store.KindVillage)
	}
	o, err := e.DB.Home(e.Ctx)
	return []store.Org{o}, err
}

func printFindings(e *Env, o store.Org, p store.Period, fs []store.Finding) {
	fmt.Fprintln(e.Out, assets.T("%s, %s: %d findings", o.Name, p.Label(), len(fs)))
	for _, f := range fs {
		fmt.Fprintf(e.Out, "  【%s】 %s\n      %s\n", store.SeverityLabel(f.Severity), f.Title, f.Action)
	}
	if len(fs) == 0 {
		fmt.Fprintln(e.Out, "  "+assets.T("Nothing is missing."))
	}
}
