package cli

import (
	"fmt"
	"strconv"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	register(&command{name: "candidate add", summary: "Add a candidate for membership (发展党员); prints the ID",
		usage: "--name N (--id-number X | --birth YYYY-MM-DD) [--gender G] [--phone P] [--applied YYYY-MM-DD]",
		flags: []flagSpec{{name: "name", help: "Name"}, {name: "id-number", help: "ID number"}, {name: "birth", help: "Birth date YYYY-MM-DD"},
			{name: "gender", help: "Gender"}, {name: "phone", help: "Phone"}, {name: "notes", help: "Note (optional)"},
			{name: "applied", help: "Date the application was handed in (records step 1)"}},
		auth: authWrite, run: runCandidateAdd})
	register(&command{name: "candidate step", summary: "Record a step of a candidate; a step too early is refused with the earliest date",
		usage: "ID --step N --date YYYY-MM-DD [--note T] [--by NAME] [--people A,B] [--days N] [--hours N] [--for N] [--present N] [--voters N]",
		flags: []flagSpec{{name: "step", help: "Step 1–25; 91 = publicity before step 13, 92 = publicity before step 23"},
			{name: "date", help: "Date YYYY-MM-DD"}, {name: "note", help: "Evidence or note"}, {name: "by", help: "Responsible person"},
			{name: "people", help: "Step 5: two contact persons; step 9: two introducers (member IDs or names)"},
			{name: "days", help: "Step 11: days of training"}, {name: "hours", help: "Step 11: class hours of training"},
			{name: "for", help: "Steps 15 and 23: votes in favour (written votes of absent members included)"},
			{name: "present", help: "Steps 15 and 23: full members entitled to vote who were present (more than half needed)"},
			{name: "voters", help: "Steps 15 and 23: full members entitled to vote (default: counted from the roll)"}},
		auth: authWrite, run: runCandidateStep})
	register(&command{name: "candidate list", summary: "List candidates with their stage and next step", usage: "[--all] [--org CODE] [--json]",
		flags: []flagSpec{{name: "all", isBool: true, help: "Include candidates who finished or left"},
			{name: "org", help: "Organisation code (on a township: one village instead of all)"}}, auth: authOptional, run: runCandidateList})
	register(&command{name: "candidate show", summary: "Show a candidate's steps and what comes next", usage: "ID [--json]",
		auth: authOptional, run: runCandidateShow})
	register(&command{name: "candidate extend", summary: "Extend a probation once, by six months to a year", usage: "ID --months N --meeting D [--approved D]",
		flags: []flagSpec{{name: "months", help: "Months (6–12, 细则 第三十二条)"},
			{name: "meeting", help: "Date of the branch meeting that decided the extension (党章 第七条)"},
			{name: "approved", help: "Date the higher committee approved it (may be recorded later)"}}, auth: authWrite, run: runCandidateExtend})
	register(&command{name: "candidate drop", summary: "Take a candidate out of the pipeline", usage: "ID [--reason T]",
		flags: []flagSpec{{name: "reason", help: "Reason for leaving the pipeline"}}, auth: authWrite, run: runCandidateDrop})
}

func runCandidateAdd(e *Env) error {
	if e.Flag("name") == "" {
		return usagef("Option --%s is required.", "name")
	}
	if e.Flag("id-number") == "" && e.Flag("birth") == "" {
		return usagef("Give the candidate's --id-number or --birth date.")
	}
	id, err := e.DB.AddCandidate(e.Ctx, store.CandidateInput{Name: e.Flag("name"), IDNumber: e.Flag("id-number"), BirthDate: e.Flag("birth"),
		Gender: e.Flag("gender"), Phone: e.Flag("phone"), Notes: e.Flag("notes"), Applied: e.Flag("applied")})
	if err != nil {
		return err
	}
	return e.printID(id)
}

func intFlag(e *Env, name string) (int, error) {
	if !e.Has(name) {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(e.Flag(name)))
	if err != nil || n < 0 {
		return 0, usagef("Option --%s needs a whole number.", name)
	}
	return n, nil
}

func runCandidateStep(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one candidate ID.")
	}
	if e.Flag("step") == "" || e.Flag("date") == "" {
		return usagef("Give the step with --step N and its date with --date YYYY-MM-DD.")
	}
	in := store.StepInput{CandidateID: e.Args[0], Date: e.Flag("date"), Note: e.Flag("note"), By: e.Flag("by"), People: e.Flag("people")}
	var err error
	if in.Step, err = intFlag(e, "step"); err != nil {
		return err
	}
	if _, ok := store.StepByNumber(in.Step); !ok {
		return usagef("There is no step %d; the steps are 1 to 25.", in.Step)
	}
	for name, p := range map[string]*int{"days": &in.Days, "hours": &in.Hours, "for": &in.VotesFor, "voters": &in.Voters, "present": &in.Present} {
		if *p, err = intFlag(e, name); err != nil {
			return err
		}
	}
	rec, err := e.DB.RecordStep(e.Ctx, in)
	if err != nil {
		return err
	}
	c, err := e.DB.Candidate(e.Ctx, in.CandidateID)
	if err != nil {
		return err
	}
	f, err := e.DB.PipelineFigures(e.Ctx)
	if err != nil {
		return err
	}
	next := f.Next(&c)
	if e.JSON {
		return e.printJSON(map[string]any{"id": rec.ID, "candidate": c.ID, "step": rec.Step, "date": rec.Date, "next": next, "warning": rec.Warning})
	}
	s, _ := store.StepByNumber(rec.Step)
	fmt.Fprintln(e.Out, assets.T("Recorded step %d (%s) of %s on %s.", rec.Step, s.Name(), c.Name, rec.Date))
	if rec.Warning != "" {
		fmt.Fprintln(e.Out, assets.T("Warning: %s", rec.Warning))
	}
	printNext(e, next)
	if rec.Step == 17 && c.MemberID != "" {
		fmt.Fprintln(e.Out, assets.T("The member file of %s was made (probationary member, ID %s).", c.Name, c.MemberID))
	}
	return nil
}

func printNext(e *Env, n store.NextStep) {
	if n.Step == 0 {
		fmt.Fprintln(e.Out, assets.T("All steps are done."))
		return
	}
	line := assets.T("Next: step %d %s", n.Step, n.Name)
	if n.Earliest != "" {
		line += assets.T(", from %s", n.Earliest)
	}
	if n.Latest != "" {
		line += assets.T(", by %s (%s)", n.Latest, n.Rule)
	}
	fmt.Fprintln(e.Out, line)
}

// CandidateRow is a candidate as "candidate list --json" prints it.
type CandidateRow struct {
	ID        string         `json:"id"`
	Name      string         `json:"name"`
	Stage     int            `json:"stage"`
	StageName string         `json:"stage_name"`
	State     string         `json:"state"`
	LastStep  int            `json:"last_step"`
	LastDate  string         `json:"last_date"`
	Next      store.NextStep `json:"next"`
	MemberID  string         `json:"member_id,omitempty"`
}

func candidateRow(f store.PipelineFigures, c *store.Candidate) CandidateRow {
	r := CandidateRow{ID: c.ID, Name: c.Name, Stage: c.Stage(), StageName: store.StageName(c.Stage()), State: c.State, Next: f.Next(c), MemberID: c.MemberID}
	for _, s := range store.PipelineSteps() {
		if c.Has(s.N) {
			r.LastStep, r.LastDate = s.N, c.DateOf(s.N).Format("2006-01-02")
		}
	}
	return r
}

func runCandidateList(e *Env) error {
	// A village lists its own candidates; a township every village's, or one village's (--org).
	org, err := orgFlag(e)
	if err != nil {
		return err
	}
	id := org.ID
	role, err := e.DB.Role(e.Ctx)
	if err != nil {
		return err
	}
	if role == store.RoleTownship && e.Flag("org") == "" {
		id = ""
	}
	cs, err := e.DB.Candidates(e.Ctx, id, e.Has("all"))
	if err != nil {
		return err
	}
	f, err := e.DB.PipelineFigures(e.Ctx)
	if err != nil {
		return err
	}
	rows := []CandidateRow{}
	for i := range cs {
		rows = append(rows, candidateRow(f, &cs[i]))
	}
	if e.JSON {
		return e.printJSON(rows)
	}
	for _, r := range rows {
		fmt.Fprintf(e.Out, "%s  %s\t%s\t", r.ID, r.Name, r.StageName)
		printNext(e, r.Next)
	}
	fmt.Fprintln(e.Out, assets.T("%d candidates", len(rows)))
	return nil
}

func runCandidateShow(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one candidate ID.")
	}
	c, err := e.DB.Candidate(e.Ctx, e.Args[0])
	if err != nil {
		return err
	}
	f, err := e.DB.PipelineFigures(e.Ctx)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]any{"id": c.ID, "name": c.Name, "candidate": c, "stage": c.Stage(), "next": f.Next(&c)})
	}
	fmt.Fprintf(e.Out, "%s (%s)\n", c.Name, store.StageName(c.Stage()))
	for _, s := range store.PipelineSteps() {
		date := "—"
		if c.Has(s.N) {
			var ds []string
			for _, r := range c.Steps {
				if r.Step == s.N {
					ds = append(ds, r.Date)
				}
			}
			date = strings.Join(ds, "、")
		}
		fmt.Fprintf(e.Out, "  %2d  %-12s  %s\n", s.N, date, s.Name())
	}
	printNext(e, f.Next(&c))
	return nil
}

func runCandidateExtend(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one candidate ID.")
	}
	n, err := intFlag(e, "months")
	if err != nil || n == 0 {
		return usagef("Option --%s needs a whole number.", "months")
	}
	x := store.ProbationExtension{Months: n, DecidedOn: e.Flag("meeting"), ApprovedOn: e.Flag("approved")}
	if err := e.DB.ExtendProbation(e.Ctx, e.Args[0], x); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("The probation was extended by %d months.", n))
	if x.ApprovedOn == "" {
		fmt.Fprintln(e.Out, assets.T("Record the higher committee's approval when it comes: candidate extend ID --months %d --meeting %s --approved DATE.", n, x.DecidedOn))
	}
	return nil
}

func runCandidateDrop(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one candidate ID.")
	}
	if err := e.DB.DropCandidate(e.Ctx, e.Args[0], e.Flag("reason")); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("The candidate left the pipeline; the records are kept."))
	return nil
}
