package cli

import (
	"fmt"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	register(&command{name: "period approve", summary: "Township: approve and lock a village's month after review (syncs down)",
		usage: "--org CODE --month M",
		flags: []flagSpec{{name: "org", help: "Village code"}, {name: "month", help: "Month (YYYY-MM)"}},
		auth:  authAdmin, run: runPeriodApprove})
	register(&command{name: "period unlock", summary: "Township: unlock an approved month of a village, with a reason",
		usage: "--org CODE --month M --reason R",
		flags: []flagSpec{{name: "org", help: "Village code"}, {name: "month", help: "Month (YYYY-MM)"},
			{name: "reason", help: "Why the month is unlocked"}},
		auth: authAdmin, run: runPeriodUnlock})
	register(&command{name: "period list", summary: "List the months the township approved or unlocked",
		usage: "[--org CODE] [--json]", flags: []flagSpec{{name: "org", help: "Village code"}},
		auth: authOptional, run: runPeriodList})
}

func periodArgs(e *Env) (string, string, error) {
	if len(e.Args) > 0 {
		return "", "", usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	code, month := e.Flag("org"), e.Flag("month")
	if code == "" || month == "" {
		return "", "", usagef("Give the village (--org CODE) and the month (--month YYYY-MM).")
	}
	return code, month, nil
}

func runPeriodApprove(e *Env) error {
	code, month, err := periodArgs(e)
	if err != nil {
		return err
	}
	a, err := e.DB.ApproveMonth(e.Ctx, code, month)
	if err != nil {
		return err
	}
	return printApproval(e, a)
}

func runPeriodUnlock(e *Env) error {
	code, month, err := periodArgs(e)
	if err != nil {
		return err
	}
	if e.Flag("reason") == "" {
		return usagef("Say why the month is unlocked (--reason), e.g. 补录会议记录.")
	}
	a, err := e.DB.UnlockMonth(e.Ctx, code, month, e.Flag("reason"))
	if err != nil {
		return err
	}
	return printApproval(e, a)
}

// ApprovalRow is one approval as "period … --json" prints it.
type ApprovalRow struct {
	ID      string `json:"id"`
	Name    string `json:"name"` // the village and month in Chinese
	OrgCode string `json:"org_code"`
	OrgName string `json:"org_name"`
	store.Approval
	Locked bool `json:"locked"`
}

func approvalRow(e *Env, a store.Approval) ApprovalRow {
	o, _ := e.DB.Org(e.Ctx, a.VillageID) // a village this database no longer knows prints without its name
	p, _ := store.ParsePeriod(a.Month)
	return ApprovalRow{ID: a.ID, Name: o.Name + " " + p.Label(), OrgCode: o.Code, OrgName: o.Name, Approval: a, Locked: a.Locked()}
}

func printApproval(e *Env, a store.Approval) error {
	r := approvalRow(e, a)
	if e.JSON {
		return e.printJSON(r)
	}
	fmt.Fprintln(e.Out, assets.T("%s: %s", r.Name, store.ApprovalState(a.State)))
	return nil
}

func runPeriodList(e *Env) error {
	id := ""
	if e.Flag("org") != "" {
		o, err := orgFlag(e)
		if err != nil {
			return err
		}
		id = o.ID
	}
	as, err := e.DB.Approvals(e.Ctx, id)
	if err != nil {
		return err
	}
	rows := []ApprovalRow{}
	for _, a := range as {
		rows = append(rows, approvalRow(e, a))
	}
	if e.JSON {
		return e.printJSON(rows)
	}
	for _, r := range rows {
		line := assets.T("%s: %s", r.Name, store.ApprovalState(r.State))
		if r.Reason != "" {
			line += " (" + r.Reason + ")"
		}
		fmt.Fprintln(e.Out, line)
	}
	if len(rows) == 0 {
		fmt.Fprintln(e.Out, assets.T("No month has been approved yet."))
	}
	return nil
}
