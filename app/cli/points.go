package cli

import (
	"fmt"
	"strconv"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	register(&command{name: "points add", summary: "Give or deduct points for a member",
		usage: "--member ID --kind K --date YYYY-MM-DD --reason T [--points N]",
		flags: []flagSpec{{name: "member", help: "Member ID (or the exact name)"},
			{name: "kind", help: "attendance, service, duty, study, dues, deduction or other"},
			{name: "points", help: "Points (default: the rule for the kind)"}, {name: "date", help: "Date YYYY-MM-DD"},
			{name: "reason", help: "What the points are for"}},
		auth: authWrite, run: runPointsAdd})
	register(&command{name: "points show", summary: "Show one member's points record and stars", usage: "--member ID [--period P] [--json]",
		flags: []flagSpec{{name: "member", help: "Member ID (or the exact name)"},
			{name: "period", help: "Period: month 2026-11, quarter 2026Q4 or year 2026 (default: this year)"}},
		auth: authOptional, run: runPointsShow})
	register(&command{name: "points results", summary: "The period's points and stars of every member, in roll order (for posting; no ranking)",
		usage: "[--period P] [--json]", flags: []flagSpec{{name: "period", help: "Period: month 2026-11, quarter 2026Q4 or year 2026 (default: this year)"}},
		auth: authOptional, run: runPointsResults})
}

func runPointsAdd(e *Env) error {
	for _, f := range []string{"member", "kind", "date", "reason"} {
		if e.Flag(f) == "" {
			return usagef("Option --%s is required.", f)
		}
	}
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	pts := 0
	if e.Has("points") {
		if pts, err = strconv.Atoi(strings.TrimSpace(e.Flag("points"))); err != nil {
			return usagef("Option --%s needs a whole number.", "points")
		}
	}
	id, err := e.DB.AddPoints(e.Ctx, store.PointsEntry{MemberID: m.ID, Kind: e.Flag("kind"), Date: e.Flag("date"), Points: pts, Reason: e.Flag("reason")})
	if err != nil {
		return err
	}
	return e.printID(id)
}

func stars(r store.PointsResult) string {
	if r.Layout == "532" {
		return assets.T("%d stars (common %d/5, duty %d/3, own choice %d/2)", r.Stars, r.Groups["common"], r.Groups["duty"], r.Groups["self"])
	}
	return assets.T("%d stars", r.Stars)
}

func runPointsShow(e *Env) error {
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	p, err := periodFlag(e, e.DB.Now().Format("2006"))
	if err != nil {
		return err
	}
	r, err := e.DB.MemberPoints(e.Ctx, m.ID, p.String())
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(r)
	}
	for _, x := range r.Entries {
		fmt.Fprintf(e.Out, "%s  %+d\t%s\t%s\n", x.Date, x.Points, store.PointsKind.Label(x.Kind), x.Reason)
	}
	fmt.Fprintln(e.Out, assets.T("%s in %s: %d points, %s.", r.Name, p.Label(), r.Points, stars(r)))
	return nil
}

func runPointsResults(e *Env) error {
	p, err := periodFlag(e, e.DB.Now().Format("2006"))
	if err != nil {
		return err
	}
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	rs, err := e.DB.PointsResults(e.Ctx, home.ID, p.String())
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(rs)
	}
	for _, r := range rs {
		fmt.Fprintf(e.Out, "%s\t%d\t%s\n", r.Name, r.Points, stars(r))
	}
	return nil
}
