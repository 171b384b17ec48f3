package cli

import (
	"fmt"

	"zhibu/assets"
)

func init() {
	register(&command{name: "rules list", summary: "List the rules with the figures in force, their defaults and sources",
		auth: authOptional, run: runRulesList})
	register(&command{name: "rules set", summary: "Change a rule the township may set (township PC only; villages receive it by sync)",
		usage: "KEY VALUE", auth: authAdmin, run: runRulesSet})
	register(&command{name: "rules reset", summary: "Return a rule to its default (township PC only)",
		usage: "KEY", auth: authAdmin, run: runRulesReset})
}

func runRulesList(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	rs, err := e.DB.RuleValues(e.Ctx)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(rs)
	}
	for _, r := range rs {
		mark := ""
		switch {
		case r.Overridden:
			mark = assets.T("(set by the township; default %s)", r.Default)
		case r.Settable:
			mark = assets.T("(the township may change it)")
		}
		fmt.Fprintf(e.Out, "%s\t%s\t%s%s\n", r.Key, r.Value, r.Label, mark)
		status := assets.T("not yet verified against the text")
		switch {
		case r.Local:
			status = assets.T("local practice")
		case r.Verified != "":
			status = assets.T("verified against the text (%s)", r.Verified)
		}
		fmt.Fprintf(e.Out, "\t%s\n", assets.T("default %s · source: %s · %s", r.Default, r.Source, status))
		if r.Note != "" {
			fmt.Fprintf(e.Out, "\t%s\n", r.Note)
		}
	}
	return nil
}

func runRulesSet(e *Env) error {
	if len(e.Args) != 2 {
		return usagef("Give the rule's key and the new value, e.g. zhibu rules set %s %s.", "pipeline.publicity_workdays", "7")
	}
	if err := e.DB.SetRule(e.Ctx, e.Args[0], e.Args[1]); err != nil {
		return err
	}
	v, err := e.DB.RuleValue(e.Ctx, e.Args[0])
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("The rule %s is now %s. The villages receive it with the next sync.", e.Args[0], v))
	return nil
}

func runRulesReset(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give the rule's key, e.g. zhibu rules reset %s.", "pipeline.publicity_workdays")
	}
	if err := e.DB.ResetRule(e.Ctx, e.Args[0]); err != nil {
		return err
	}
	v, err := e.DB.RuleValue(e.Ctx, e.Args[0])
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("The rule %s is back to its default, %s. The villages receive it with the next sync.", e.Args[0], v))
	return nil
}
