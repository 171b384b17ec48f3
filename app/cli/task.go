package cli

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"zhibu/app/report"
	"zhibu/assets"
	"zhibu/store"
)

func init() {
	register(&command{name: "task add", summary: "Record a list item (问题/任务/整改) for a village; prints its ID",
		usage: "--org CODE|all --title T --due D [--kind problem|task|rectify] [--detail X] [--owner NAME] [--source S] [--evidence E]",
		flags: []flagSpec{{name: "org", help: "Village code, or all for every village (township)"}, {name: "title", help: "Title"},
			{name: "due", help: "Deadline (YYYY-MM-DD)"}, {name: "kind", help: "problem, task or rectify (default rectify)"},
			{name: "detail", help: "Details"}, {name: "owner", help: "The person responsible"},
			{name: "source", help: "Where it comes from (督导, 述职评议, 上级通报, 自查 …)"},
			{name: "evidence", help: "The evidence required to have it accepted (e.g. a photo of the posted notice)"}},
		auth: authWrite, run: runTaskAdd})
	register(&command{name: "task list", summary: "List the task-list items (整改台账)", usage: "[--org CODE] [--state open|done|overdue] [--json]",
		flags: []flagSpec{{name: "org", help: "Village code"}, {name: "state", help: "open, done, accepted or overdue"},
			{name: "out", help: "Save the ledger as a workbook (.xlsx)"}},
		auth: authOptional, run: runTaskList})
	register(&command{name: "task progress", summary: "Record a progress note on an item", usage: "ID --note N",
		flags: []flagSpec{{name: "note", help: "What was done"}}, auth: authWrite, run: runTaskProgress})
	register(&command{name: "task done", summary: "Mark an item done with evidence", usage: "ID --date D --note N [--photo F]",
		flags: []flagSpec{{name: "date", help: "Date (YYYY-MM-DD)"}, {name: "note", help: "What was done"},
			{name: "photo", help: "A photo as evidence (JPG or PNG, at most 1 MB)"}},
		auth: authWrite, run: runTaskDone})
	register(&command{name: "task accept", summary: "Accept an item done (closes it)", usage: "ID", auth: authWrite, run: runTaskAccept})
	register(&command{name: "task return", summary: "Return an item to the village with a reason", usage: "ID --reason R",
		flags: []flagSpec{{name: "reason", help: "What is missing"}}, auth: authWrite, run: runTaskReturn})
}

func runTaskAdd(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	if e.Flag("org") == "" || e.Flag("title") == "" || e.Flag("due") == "" {
		return usagef("Give the village (--org CODE or all), the title (--title) and the deadline (--due YYYY-MM-DD).")
	}
	ids, err := e.DB.AddTask(e.Ctx, splitList(e.Flag("org")), store.NewTask{Kind: e.Flag("kind"), Title: e.Flag("title"),
		Detail: e.Flag("detail"), Owner: e.Flag("owner"), Source: e.Flag("source"), Due: e.Flag("due"), Evidence: e.Flag("evidence")})
	if err != nil {
		return err
	}
	if e.JSON && len(ids) == 1 {
		return e.printID(ids[0])
	}
	if e.JSON {
		return e.printJSON(map[string]any{"id": ids[0], "ids": ids})
	}
	for _, id := range ids {
		fmt.Fprintln(e.Out, id)
	}
	return nil
}

// TaskRow is one item as "task list --json" prints it.
type TaskRow struct {
	Name       string `json:"name"`
	OrgCode    string `json:"org_code"`
	OrgName    string `json:"org_name"`
	StateLabel string `json:"state_label"`
	store.Task
}

func runTaskList(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	var f store.TaskFilter
	switch s := e.Flag("state"); s {
	case "", store.TaskOpen, store.TaskDone, store.TaskAccepted, "overdue":
		f.State = s
	default:
		return usagef("The state %s is not known; write open, done, accepted or overdue.", s)
	}
	if e.Flag("org") != "" {
		o, err := orgFlag(e)
		if err != nil {
			return err
		}
		f.VillageID = o.ID
	}
	ts, err := e.DB.Tasks(e.Ctx, f)
	if err != nil {
		return err
	}
	orgs := map[string]store.Org{}
	rows := []TaskRow{}
	for _, t := range ts {
		o, ok := orgs[t.VillageID]
		if !ok {
			o, _ = e.DB.Org(e.Ctx, t.VillageID)
			orgs[t.VillageID] = o
		}
		rows = append(rows, TaskRow{Name: t.Title, OrgCode: o.Code, OrgName: o.Name, StateLabel: store.TaskStateLabel(t), Task: t})
	}
	if out := e.Flag("out"); out != "" {
		return writeLedger(e, out, rows)
	}
	if e.JSON {
		return e.printJSON(rows)
	}
	for _, r := range rows {
		fmt.Fprintf(e.Out, "%s  %s  %s  %s  %s  %s\n", r.ID, r.Due, r.OrgName, store.TaskKindLabel(r.Kind), r.StateLabel, r.Title)
		if r.Evidence != "" {
			fmt.Fprintln(e.Out, "    "+assets.T("Evidence required: %s", r.Evidence))
		}
		if r.Reason != "" {
			fmt.Fprintln(e.Out, "    "+assets.T("Returned: %s", r.Reason))
		}
	}
	return nil
}

// writeLedger saves the listed items as the 整改台账 workbook.
func writeLedger(e *Env, path string, rows []TaskRow) error {
	if !strings.HasSuffix(strings.ToLower(path), ".xlsx") {
		return usagef("The output file must end in .xlsx.")
	}
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	items := make([]report.LedgerItem, 0, len(rows))
	for _, r := range rows {
		items = append(items, report.LedgerItem{Village: r.OrgName, Task: r.Task})
	}
	var buf bytes.Buffer
	if err := report.TaskLedgerXLSX(&buf, assets.T("Rectification ledger of %s (%s)", home.Name, e.DB.Now().Format("2006-01-02")), items); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return assets.Wrap(err, "Cannot write the file %s.", path)
	}
	return nil
}

func taskID(e *Env) (string, error) {
	if len(e.Args) != 1 {
		return "", usagef("Give the item's ID (see task list).")
	}
	return e.Args[0], nil
}

func runTaskProgress(e *Env) error {
	id, err := taskID(e)
	if err != nil {
		return err
	}
	if e.Flag("note") == "" {
		return usagef("Give the note (--note).")
	}
	return e.DB.TaskProgress(e.Ctx, id, e.Flag("note"))
}

func runTaskDone(e *Env) error {
	id, err := taskID(e)
	if err != nil {
		return err
	}
	if e.Flag("date") == "" || e.Flag("note") == "" {
		return usagef("Give the date (--date YYYY-MM-DD) and the note (--note).")
	}
	var photo []byte
	if p := e.Flag("photo"); p != "" {
		if photo, err = os.ReadFile(p); err != nil {
			return assets.Wrap(err, "Cannot read the file %s.", p)
		}
	}
	return e.DB.TaskDone(e.Ctx, id, e.Flag("date"), e.Flag("note"), e.Flag("photo"), photo)
}

func runTaskAccept(e *Env) error {
	id, err := taskID(e)
	if err != nil {
		return err
	}
	return e.DB.AcceptTask(e.Ctx, id)
}

func runTaskReturn(e *Env) error {
	id, err := taskID(e)
	if err != nil {
		return err
	}
	if e.Flag("reason") == "" {
		return usagef("Give the reason (--reason).")
	}
	return e.DB.ReturnTask(e.Ctx, id, e.Flag("reason"))
}
