package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"zhibu/assets"
	"zhibu/store"
)

// The branch star rating (评星定级): an extension of the CLI contract, no existing command
// changed.

func init() {
	register(&command{name: "stars scheme", summary: "Show the year's star scheme, or set it from a seed (township)",
		usage: "[--year Y] [--variant 532|ten | --star CODE [--name N] [--group G] [--measure M] [--threshold P] [--points N] [--standard T] | --remove CODE] [--json]",
		flags: append([]flagSpec{{name: "year", help: "Year (YYYY; default this year)"}, {name: "variant", help: "Set the scheme to the seed: 532 or ten (township)"}},
			schemeEditFlags(store.Measures())...),
		auth: authOptional, run: runStarsScheme})
	register(&command{name: "stars list", summary: "List the villages' star results for the year (computed from the records)",
		usage: "[--year Y] [--json]", flags: []flagSpec{{name: "year", help: "Year (YYYY; default this year)"}},
		auth: authOptional, run: runStarsList})
	register(&command{name: "stars declare", summary: "Declare the village's target stars for the year (定标报星)",
		usage: "--stars CODE,… [--year Y]", flags: []flagSpec{{name: "year", help: "Year (YYYY; default this year)"}, {name: "stars", help: "Star codes, e.g. c1,c2,o1"}},
		auth: authWrite, run: runStarsDeclare})
	register(&command{name: "stars self", summary: "Record the village's self-assessment (自评): the judged stars it claims",
		usage: "--stars CODE,… [--note N] [--year Y]", flags: []flagSpec{{name: "year", help: "Year (YYYY; default this year)"},
			{name: "stars", help: "Star codes, e.g. c1,c2,o1"}, {name: "note", help: "Note"}},
		auth: authWrite, run: runStarsSelf})
	register(&command{name: "stars assess", summary: "Record the township's assessment (考评) of a village and the plaque date",
		usage: "--org CODE --stars CODE,… [--note N] [--plaque YYYY-MM-DD] [--year Y]",
		flags: []flagSpec{{name: "org", help: "Village code"}, {name: "year", help: "Year (YYYY; default this year)"},
			{name: "stars", help: "Star codes, e.g. c1,c2,o1"}, {name: "note", help: "Note"}, {name: "plaque", help: "Day the plaque was awarded (挂牌授星)"}},
		auth: authAdmin, run: runStarsAssess})
}

func runStarsScheme(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	if v := e.Flag("variant"); v != "" {
		if v != store.Scheme532 && v != store.SchemeTen {
			return usagef("The variant must be 532 or ten.")
		}
		if e.User == nil {
			return usagef("Setting the scheme needs a user (--user).")
		}
		if err := e.DB.SetStarScheme(e.Ctx, store.DefaultStarScheme(v, y)); err != nil {
			return err
		}
	} else if e.Flag("star") != "" || e.Flag("remove") != "" {
		if e.User == nil {
			return usagef("Setting the scheme needs a user (--user).")
		}
		cur, err := e.DB.StarSchemeFor(e.Ctx, y)
		if err != nil {
			return err
		}
		next, _, err := schemeEdited(e, cur, store.Measures())
		if err != nil {
			return err
		}
		if err := e.DB.SetStarScheme(e.Ctx, next); err != nil {
			return err
		}
	} else if _, _, err := schemeEdited(e, store.StarScheme{}, nil); err != nil {
		return err
	}
	s, err := e.DB.StarSchemeFor(e.Ctx, y)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(s)
	}
	g := s.Grades
	fmt.Fprintln(e.Out, assets.T("Star scheme %d: %s", s.Year, store.SchemeVariantLabel(s.Variant)))
	w := tabwriter.NewWriter(e.Out, 2, 4, 2, ' ', 0)
	for _, x := range s.Stars {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", x.Code, x.Name, store.StarGroupLabel(x.Group), assets.T("%d points", x.Points), measureText(x))
	}
	w.Flush()
	fmt.Fprintln(e.Out, assets.T("Gold from %d stars, silver from %d, red from %d; first class from %d stars, second class from %d; %d self-chosen stars.",
		g.Gold, g.Silver, g.Red, g.Class1, g.Class2, g.Chosen))
	return nil
}

func measureText(x store.Star) string {
	if x.Measure == "" {
		return store.MeasureLabel("")
	}
	return store.MeasureLabel(x.Measure) + " ≥ " + store.Percent(x.Threshold)
}

// StarRow is one village's result as "stars list --json" prints it.
type StarRow struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	store.StarResult
}

func runStarsList(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	rs, err := e.DB.StarResults(e.Ctx, y, nil)
	if err != nil {
		return err
	}
	if e.JSON {
		out := []StarRow{}
		for _, r := range rs {
			out = append(out, StarRow{ID: r.OrgID, Name: r.OrgName, StarResult: r})
		}
		return e.printJSON(out)
	}
	w := tabwriter.NewWriter(e.Out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, strings.Join([]string{assets.T("Code"), assets.T("Party organisation"), assets.T("Stars"), assets.T("Star colour"),
		assets.T("Class"), assets.T("Stage"), assets.T("Plaque awarded")}, "\t"))
	for _, r := range rs {
		fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\t%s\t%s\n", r.OrgCode, r.OrgName, r.Stars, store.ColourLabel(r.Colour), store.ClassLabel(r.Class),
			store.StarStageLabel(r.Stage), r.PlaqueOn)
	}
	return w.Flush()
}

func runStarsDeclare(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	if e.Flag("stars") == "" {
		return usagef("Give the target stars with --stars (codes from \"zhibu stars scheme\", e.g. c1,c2,o1).")
	}
	return e.DB.DeclareStars(e.Ctx, y, splitList(e.Flag("stars")))
}

func runStarsSelf(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	return e.DB.SelfAssess(e.Ctx, y, splitList(e.Flag("stars")), e.Flag("note"))
}

func runStarsAssess(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	if e.Flag("org") == "" {
		return usagef("Give the village with --org CODE.")
	}
	return e.DB.AssessStars(e.Ctx, e.Flag("org"), y, store.StarAssessment{Awarded: splitList(e.Flag("stars")),
		Note: e.Flag("note"), PlaqueOn: e.Flag("plaque")})
}
