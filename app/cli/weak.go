package cli

import (
	"fmt"
	"os"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

// 软弱涣散/后进党组织整顿 (store/rectify.go).

func init() {
	register(&command{name: "weak add", summary: "Name a village for a year's rectification as a weak branch (软弱涣散党组织整顿), with its plan's items",
		usage: "--org CODE --leader NAME --items F.txt [--year YYYY] [--reasons disunity,orglife,role,secretary,members,affairs,other] [--text T] [--plan P]",
		flags: []flagSpec{{name: "org", help: "Village code"}, {name: "year", help: "Year; default: this year"},
			{name: "reasons", help: "Reasons: disunity (班子不团结), orglife (组织生活不正常), role (作用发挥不明显), secretary, members, affairs, other"},
			{name: "text", help: "Reasons in words"}, {name: "leader", help: "Leader in charge (包联领导)"}, {name: "plan", help: "The plan in words"},
			{name: "items", help: "A UTF-8 text file with one item a line: title|deadline|evidence required"}},
		auth: authAdmin, run: runWeakAdd})
	register(&command{name: "weak list", summary: "List the rectifications of weak branches with their items, visits and monthly progress",
		usage: "[--year YYYY] [--org CODE] [--json]", flags: []flagSpec{{name: "year", help: "Year; default: every year"}, {name: "org", help: "Village code"}},
		auth: authOptional, run: runWeakList})
	register(&command{name: "weak visit", summary: "Record a talk (约谈), attending the branch's organisational life (列席) or the month's progress",
		usage: "ID --kind talk|attend|progress --date D --note N [--by NAMES]",
		flags: []flagSpec{{name: "kind", help: "talk (约谈), attend (列席) or progress"}, {name: "date", help: "Date (YYYY-MM-DD)"},
			{name: "by", help: "Who went"}, {name: "note", help: "What was said or done"}},
		auth: authAdmin, run: runWeakVisit})
	register(&command{name: "weak close", summary: "Close a rectification (销号) with the review, once every item is accepted",
		usage: "ID --date D --review R", flags: []flagSpec{{name: "date", help: "Date (YYYY-MM-DD)"}, {name: "review", help: "The review: what changed in the branch"}},
		auth: authAdmin, run: runWeakClose})
}

func runWeakAdd(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	if e.Flag("org") == "" || e.Flag("leader") == "" || e.Flag("items") == "" {
		return usagef("Give the village (--org CODE), the leader in charge (--leader) and the plan's items (--items F.txt).")
	}
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	n := store.NewRectification{VillageCode: e.Flag("org"), Year: y, Reasons: strings.Split(e.Flag("reasons"), ","), ReasonText: e.Flag("text"),
		Leader: e.Flag("leader"), Plan: e.Flag("plan")}
	b, err := os.ReadFile(e.Flag("items"))
	if err != nil {
		return assets.Wrap(err, "Cannot read the file %s.", e.Flag("items"))
	}
	n.Items = parseItems(string(b))
	id, ids, err := e.DB.AddRectification(e.Ctx, n)
	if err != nil {
		return err
	}
	return printRaised(e, id, ids)
}

// parseItems reads rectification items, one a line: title|deadline|evidence required (｜ too);
// a 督导 visit's findings and a 整顿 plan's items are written alike.
func parseItems(s string) []store.NewTask {
	var out []store.NewTask
	for _, line := range strings.Split(strings.TrimPrefix(s, "\ufeff"), "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		parts := strings.Split(strings.ReplaceAll(line, "｜", "|"), "|")
		t := store.NewTask{Kind: store.TaskRectify, Title: parts[0]}
		if len(parts) > 1 {
			t.Due = strings.TrimSpace(parts[1])
		}
		if len(parts) > 2 {
			t.Evidence = strings.Join(parts[2:], "|")
		}
		out = append(out, t)
	}
	return out
}

func runWeakList(e *Env) error {
	year := 0
	if e.Flag("year") != "" {
		y, err := yearFlag(e)
		if err != nil {
			return err
		}
		year = y
	}
	village, err := trainingOrg(e)
	if err != nil {
		return err
	}
	rs, err := e.DB.Rectifications(e.Ctx, village, year)
	if err != nil {
		return err
	}
	type row struct {
		store.Rectification
		Name    string `json:"name"`
		OrgCode string `json:"org_code"`
		OrgName string `json:"org_name"`
	}
	out := []row{}
	for _, r := range rs {
		o, _ := e.DB.Org(e.Ctx, r.VillageID)
		out = append(out, row{Rectification: r, Name: assets.T("%s: rectification of %d", o.Name, r.Year), OrgCode: o.Code, OrgName: o.Name})
	}
	if e.JSON {
		return e.printJSON(out)
	}
	for _, r := range out {
		state := assets.T("Under rectification")
		if !r.Open() {
			state = assets.T("Closed on %s", r.ClosedOn)
		}
		fmt.Fprintf(e.Out, "%s  %d  %s  %s  %s  %d/%d\n", r.ID, r.Year, r.OrgName, r.Leader, state, r.Done(), len(r.Items))
		for _, t := range r.Items {
			fmt.Fprintf(e.Out, "    %s  %s  %s\n", t.Due, store.TaskStateLabel(t), t.Title)
		}
		for _, ev := range r.Events {
			fmt.Fprintf(e.Out, "    %s  %s  %s  %s\n", ev.Day, store.RectifyEventLabel(ev.Kind), ev.Note, ev.ID)
		}
	}
	return nil
}

func runWeakVisit(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one rectification ID.")
	}
	return e.DB.RecordRectifyEvent(e.Ctx, e.Args[0], e.Flag("kind"), e.Flag("date"), e.Flag("by"), e.Flag("note"))
}

func runWeakClose(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one rectification ID.")
	}
	return e.DB.CloseRectification(e.Ctx, e.Args[0], e.Flag("date"), e.Flag("review"))
}
