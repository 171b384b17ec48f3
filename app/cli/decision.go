package cli

import (
	"fmt"
	"strconv"

	"zhibu/assets"
	"zhibu/store"
)

// decisionFlags map "decision add/set" options to the steps of 四议两公开.
var decisionFlags = []flagSpec{
	{name: "topic", help: "The matter to be decided"},
	{name: "content", help: "The matter and its plan, as published"},
	{name: "proposed", help: "Date of step 1: proposed by the party branch"},
	{name: "discussed", help: "Date of step 2: discussed by the two village committees"},
	{name: "merged", isBool: true, help: "Steps 1 and 2 held together (the secretary is also the village head)"},
	{name: "reviewed", help: "Date of step 3: reviewed by the party members' meeting"},
	{name: "review-due", help: "Number of party members due at the party members' meeting (step 3)"},
	{name: "review-present", help: "Number of party members present at step 3"},
	{name: "review-for", help: "Number of party members who agreed at step 3"},
	{name: "township-reviewed", help: "Date of the optional township review between steps 3 and 4 (四议一审两公开)"},
	{name: "resolved", help: "Date of step 4: resolved by the villagers' (representatives') meeting"},
	{name: "body", help: "Resolving meeting: villagers or representatives (default)"},
	{name: "basis", help: "Villagers' meeting quorum counted over adults (default) or households"},
	{name: "due", help: "Number due to attend the resolving meeting (adults, households or representatives)"},
	{name: "present", help: "Number present at the resolving meeting"},
	{name: "for", help: "Number who agreed"},
	{name: "published", help: "Date of step 5: resolution published"},
	{name: "result", help: "Result of the implementation"},
	{name: "result-published", help: "Date of step 6: result published"},
}

func init() {
	register(&command{name: "decision add", summary: "Record a village matter under 四议两公开; prints its ID",
		usage: "--topic T [--content C] [--proposed D] [--merged] [--discussed D] [--reviewed D --review-due N --review-present N --review-for N] [--township-reviewed D] [--resolved D [--body B] [--basis adults|households] --due N --present N --for N]",
		flags: decisionFlags, auth: authWrite, run: runDecisionSave})
	register(&command{name: "decision set", summary: "Record the next steps of a village matter",
		usage: "ID [--reviewed D] [--resolved D --due N --present N --for N] [--published D] [--result R] [--result-published D]",
		flags: decisionFlags, auth: authWrite, run: runDecisionSave})
	register(&command{name: "decision list", summary: "List village matters under 四议两公开 and the step each has reached",
		usage: "[--json]", auth: authOptional, run: runDecisionList})
}

func runDecisionSave(e *Env) error {
	var d store.Decision
	if len(e.Args) > 1 {
		return usagef("Unexpected argument \"%s\".", e.Args[1])
	}
	adding := len(e.Args) == 0
	if adding {
		if e.Flag("topic") == "" {
			return usagef("Option --%s is required.", "topic")
		}
	} else {
		var err error
		if d, err = e.DB.Decision(e.Ctx, e.Args[0]); err != nil {
			return err
		}
	}
	for flag, dst := range map[string]*string{"topic": &d.Title, "content": &d.Content, "proposed": &d.ProposedOn,
		"discussed": &d.DiscussedOn, "reviewed": &d.ReviewedOn, "resolved": &d.ResolvedOn, "body": &d.ResolutionBody,
		"published": &d.PublishedOn, "result": &d.Result, "result-published": &d.ResultPublishedOn,
		"township-reviewed": &d.TownshipReviewedOn, "basis": &d.ResolutionBasis} {
		if e.Has(flag) {
			*dst = e.Flag(flag)
		}
	}
	for flag, dst := range map[string]*int64{"due": &d.VotesDue, "present": &d.VotesPresent, "for": &d.VotesFor,
		"review-due": &d.ReviewDue, "review-present": &d.ReviewPresent, "review-for": &d.ReviewFor} {
		if !e.Has(flag) {
			continue
		}
		n, err := strconv.ParseInt(e.Flag(flag), 10, 64)
		if err != nil || n < 0 {
			return usagef("Option --%s needs a whole number.", flag)
		}
		*dst = n
	}
	if e.Has("merged") {
		d.Merged = e.Flag("merged") == "true"
	}
	switch d.ResolutionBody {
	case "村民会议":
		d.ResolutionBody = store.BodyVillagers
	case "村民代表会议":
		d.ResolutionBody = store.BodyRepresentatives
	}
	switch d.ResolutionBasis {
	case "成年村民", "村民":
		d.ResolutionBasis = store.BasisAdults
	case "户代表", "户":
		d.ResolutionBasis = store.BasisHouseholds
	}
	id, err := e.DB.SaveDecision(e.Ctx, d)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]string{"id": id})
	}
	if adding {
		fmt.Fprintln(e.Out, id)
		return nil
	}
	fmt.Fprintln(e.Out, assets.T("Saved the steps of \"%s\".", d.Title))
	return nil
}

// DecisionRow is one matter as "decision list --json" prints it.
type DecisionRow struct {
	store.Decision
	Step     int    `json:"step"`      // steps taken, 0–6
	StepName string `json:"step_name"` // the last step taken, in Chinese
}

func runDecisionList(e *Env) error {
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	ds, err := e.DB.Decisions(e.Ctx, home.ID)
	if err != nil {
		return err
	}
	rows := make([]DecisionRow, 0, len(ds))
	for _, d := range ds {
		r := DecisionRow{Decision: d, Step: d.Step(), StepName: assets.T("Not started")}
		if r.Step > 0 {
			r.StepName = assets.T(store.DecisionStepKeys[r.Step-1])
		}
		rows = append(rows, r)
	}
	if e.JSON {
		return e.printJSON(rows)
	}
	for _, r := range rows {
		fmt.Fprintf(e.Out, "%s  %s  %s\n", r.ID, r.Title, assets.T("step %d/6: %s", r.Step, r.StepName))
	}
	return nil
}
