package cli

import (
	"fmt"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

// Correcting the branch work recorded by mistake (store/branchwork_edit.go): `training set|delete`
// on the village, `plan delete` and `weak set|delete|visit-set|visit-delete` on the township.
// A `set` changes only the fields given.

func init() {
	register(&command{name: "training set", summary: "Correct a training: the fields given are changed, the others kept",
		usage: "ID [--title T] [--date D] [--hours H] [--kind central|school|lecture|online] [--organiser O] [--members ID,…] [--note N]",
		flags: []flagSpec{{name: "title", help: "Title"}, {name: "date", help: "Date (YYYY-MM-DD)"}, {name: "hours", help: "Class hours, e.g. 3 or 1.5"},
			{name: "kind", help: "Kind: central (集中培训), school (党校), lecture (专题党课), online (网络培训)"},
			{name: "organiser", help: "Organiser"}, {name: "members", help: "IDs of the members who attended, comma-separated (replaces the list)"},
			{name: "note", help: "Note"}},
		auth: authWrite, run: runTrainingSet})
	register(&command{name: "training delete", summary: "Delete a training recorded by mistake, with its attendance", usage: "ID",
		auth: authWrite, run: runTrainingDelete})
	register(&command{name: "plan delete", summary: "Delete a development plan set by mistake (the organisation then has no plan for the year)",
		usage: "--org CODE [--year YYYY]", flags: []flagSpec{{name: "org", help: "Village code"}, {name: "year", help: "Year; default: this year"}},
		auth: authAdmin, run: runPlanDelete})
	register(&command{name: "weak set", summary: "Correct a rectification's reasons, leader in charge or plan: the fields given are changed, the others kept",
		usage: "ID [--reasons disunity,orglife,…] [--text T] [--leader NAME] [--plan P]",
		flags: []flagSpec{{name: "reasons", help: "Reasons: disunity (班子不团结), orglife (组织生活不正常), role (作用发挥不明显), secretary, members, affairs, other"},
			{name: "text", help: "Reasons in words"}, {name: "leader", help: "Leader in charge (包联领导)"}, {name: "plan", help: "The plan in words"}},
		auth: authAdmin, run: runWeakSet})
	register(&command{name: "weak delete", summary: "Delete a rectification recorded by mistake, with its visits and the items the village has not worked on",
		usage: "ID", auth: authAdmin, run: runWeakDelete})
	register(&command{name: "weak visit-set", summary: "Correct a talk, attendance or progress note: the fields given are changed, the others kept",
		usage: "VISIT-ID [--kind talk|attend|progress] [--date D] [--by NAMES] [--note N]",
		flags: []flagSpec{{name: "kind", help: "talk (约谈), attend (列席) or progress"}, {name: "date", help: "Date (YYYY-MM-DD)"},
			{name: "by", help: "Who went"}, {name: "note", help: "What was said or done"}},
		auth: authAdmin, run: runWeakVisitSet})
	register(&command{name: "weak visit-delete", summary: "Delete a talk, attendance or progress note recorded by mistake", usage: "VISIT-ID",
		auth: authAdmin, run: runWeakVisitDelete})
}

func oneID(e *Env) (string, error) {
	if len(e.Args) != 1 {
		return "", usagef("Give exactly one ID.")
	}
	return e.Args[0], nil
}

func runTrainingSet(e *Env) error {
	id, err := oneID(e)
	if err != nil {
		return err
	}
	t, err := e.DB.Training(e.Ctx, id)
	if err != nil {
		return err
	}
	n := store.NewTraining{Title: t.Title, Date: t.Date, Kind: t.Kind, Organiser: t.Organiser, MeetingID: t.MeetingID, Note: t.Note,
		Tenths: int(t.Hours*10 + 0.5), Attendees: t.Attendees}
	for flag, to := range map[string]*string{"title": &n.Title, "date": &n.Date, "kind": &n.Kind, "organiser": &n.Organiser, "note": &n.Note} {
		if e.Has(flag) {
			*to = e.Flag(flag)
		}
	}
	if e.Has("hours") {
		if n.Tenths, err = store.ParseHours(e.Flag("hours")); err != nil {
			return err
		}
	}
	if e.Has("members") {
		n.Attendees = splitIDs(e.Flag("members"))
	}
	if err := e.DB.UpdateTraining(e.Ctx, id, n); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Changed the training %s.", id))
	return nil
}

func splitIDs(s string) []string {
	var out []string
	for _, id := range strings.Split(strings.ReplaceAll(s, "，", ","), ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}

func runTrainingDelete(e *Env) error {
	id, err := oneID(e)
	if err != nil {
		return err
	}
	if err := e.DB.DeleteTraining(e.Ctx, id); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Deleted the training %s.", id))
	return nil
}

func runPlanDelete(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	if e.Flag("org") == "" {
		return usagef("Give the village (--org CODE).")
	}
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	if err := e.DB.DeletePlan(e.Ctx, e.Flag("org"), y); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Deleted the development plan of %s for %d.", e.Flag("org"), y))
	return nil
}

func runWeakSet(e *Env) error {
	id, err := oneID(e)
	if err != nil {
		return err
	}
	rs, err := e.DB.Rectifications(e.Ctx, "", 0)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if r.ID != id {
			continue
		}
		ed := store.RectifyEdit{Reasons: r.Reasons, ReasonText: r.ReasonText, Leader: r.Leader, Plan: r.Plan}
		if e.Has("reasons") {
			ed.Reasons = strings.Split(strings.ReplaceAll(e.Flag("reasons"), "，", ","), ",")
		}
		for flag, to := range map[string]*string{"text": &ed.ReasonText, "leader": &ed.Leader, "plan": &ed.Plan} {
			if e.Has(flag) {
				*to = e.Flag(flag)
			}
		}
		if err := e.DB.UpdateRectification(e.Ctx, id, ed); err != nil {
			return err
		}
		fmt.Fprintln(e.Out, assets.T("Changed the rectification %s.", id))
		return nil
	}
	return assets.Wrap(store.ErrNotFound, "There is no rectification with ID %s.", id)
}

func runWeakDelete(e *Env) error {
	id, err := oneID(e)
	if err != nil {
		return err
	}
	kept, err := e.DB.DeleteRectification(e.Ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Deleted the rectification %s.", id))
	if kept > 0 {
		fmt.Fprintln(e.Out, assets.T("%d items the village has already worked on stay in its rectification ledger.", kept))
	}
	return nil
}

func runWeakVisitSet(e *Env) error {
	id, err := oneID(e)
	if err != nil {
		return err
	}
	rs, err := e.DB.Rectifications(e.Ctx, "", 0)
	if err != nil {
		return err
	}
	for _, r := range rs {
		for _, ev := range r.Events {
			if ev.ID != id {
				continue
			}
			for flag, to := range map[string]*string{"kind": &ev.Kind, "date": &ev.Day, "by": &ev.By, "note": &ev.Note} {
				if e.Has(flag) {
					*to = e.Flag(flag)
				}
			}
			if err := e.DB.UpdateRectifyEvent(e.Ctx, id, ev.Kind, ev.Day, ev.By, ev.Note); err != nil {
				return err
			}
			fmt.Fprintln(e.Out, assets.T("Changed the visit %s.", id))
			return nil
		}
	}
	return assets.Wrap(store.ErrNotFound, "There is no visit or progress note with ID %s.", id)
}

func runWeakVisitDelete(e *Env) error {
	id, err := oneID(e)
	if err != nil {
		return err
	}
	if err := e.DB.DeleteRectifyEvent(e.Ctx, id); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Deleted the visit %s.", id))
	return nil
}
