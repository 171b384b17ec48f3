package cli

import (
	"fmt"
	"strconv"

	"zhibu/store"
)

// 发展党员指导性计划: the township's quota per village (the county's per township) and the
// progress against it (store/devplan.go).

func init() {
	register(&command{name: "plan set", summary: "Set a village's yearly development plan (发展党员指导性计划); the county sets a township's",
		usage: "--org CODE --quota N [--year YYYY] [--note TEXT]",
		flags: []flagSpec{{name: "org", help: "Village code"}, {name: "quota", help: "Members to admit in the year"},
			{name: "year", help: "Year; default: this year"}, {name: "note", help: "Note"}},
		auth: authAdmin, run: runPlanSet})
	register(&command{name: "plan list", summary: "List the development plans of a year with the members admitted (step 17) against each",
		usage: "[--year YYYY] [--json]", flags: []flagSpec{{name: "year", help: "Year; default: this year"}},
		auth: authOptional, run: runPlanList})
}

func runPlanSet(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	if e.Flag("org") == "" || e.Flag("quota") == "" {
		return usagef("Give the village (--org CODE) and its quota (--quota N).")
	}
	q, err := strconv.Atoi(e.Flag("quota"))
	if err != nil {
		return usagef("The quota %s is not a whole number.", e.Flag("quota"))
	}
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	return e.DB.SetPlan(e.Ctx, e.Flag("org"), y, q, e.Flag("note"))
}

func runPlanList(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	ps, err := e.DB.Plans(e.Ctx, y)
	if err != nil {
		return err
	}
	if e.JSON {
		type row struct {
			ID string `json:"id"`
			store.PlanProgress
			Rate store.Rate `json:"rate"`
		}
		out := []row{}
		for _, p := range ps {
			out = append(out, row{ID: p.OrgID, PlanProgress: p, Rate: p.Rate()})
		}
		return e.printJSON(out)
	}
	for _, p := range ps {
		quota := "—"
		if p.HasPlan {
			quota = strconv.Itoa(p.Quota)
		}
		fmt.Fprintf(e.Out, "%s  %s  %s  %d  %d  %s\n", p.OrgCode, p.Name, quota, p.Admitted, p.Pending, store.Percent(p.Rate()))
	}
	return nil
}
