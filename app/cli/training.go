package cli

import (
	"fmt"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

// 党员教育培训 学时: trainings and each member's class hours of the year (store/training.go).

func init() {
	register(&command{name: "training add", summary: "Record a training the branch's members attended (党员教育培训), with its class hours",
		usage: "--hours H (--meeting ID | --title T --date D --members ID,…) [--kind central|school|lecture|online] [--organiser O] [--note N]",
		flags: []flagSpec{{name: "title", help: "Title"}, {name: "date", help: "Date (YYYY-MM-DD)"}, {name: "hours", help: "Class hours, e.g. 3 or 1.5"},
			{name: "kind", help: "Kind: central (集中培训), school (党校), lecture (专题党课), online (网络培训)"},
			{name: "organiser", help: "Organiser"}, {name: "members", help: "IDs of the members who attended, comma-separated"},
			{name: "meeting", help: "A party lecture meeting: its date, topic and those present are taken"}, {name: "note", help: "Note"}},
		auth: authWrite, run: runTrainingAdd})
	register(&command{name: "training list", summary: "List the trainings of a year", usage: "[--year YYYY] [--org CODE] [--json]",
		flags: []flagSpec{{name: "year", help: "Year; default: this year"}, {name: "org", help: "Village code"}}, auth: authOptional, run: runTrainingList})
	register(&command{name: "training hours", summary: "Each member's class hours of a year against the requirement (32; secretaries and committee members 56)",
		usage: "[--year YYYY] [--org CODE] [--short] [--json]",
		flags: []flagSpec{{name: "year", help: "Year; default: this year"}, {name: "org", help: "Village code"},
			{name: "short", isBool: true, help: "Only those short of the requirement"}},
		auth: authOptional, run: runTrainingHours})
}

func runTrainingAdd(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	if e.Flag("hours") == "" || e.Flag("meeting") == "" && (e.Flag("title") == "" || e.Flag("date") == "" || e.Flag("members") == "") {
		return usagef("Give the class hours (--hours) and either the party lecture (--meeting ID) or the title, date and members (--title, --date, --members).")
	}
	tenths, err := store.ParseHours(e.Flag("hours"))
	if err != nil {
		return err
	}
	n := store.NewTraining{Title: e.Flag("title"), Date: e.Flag("date"), Kind: e.Flag("kind"), Organiser: e.Flag("organiser"),
		MeetingID: e.Flag("meeting"), Note: e.Flag("note"), Tenths: tenths}
	for _, id := range strings.Split(strings.ReplaceAll(e.Flag("members"), "，", ","), ",") {
		if id = strings.TrimSpace(id); id != "" {
			n.Attendees = append(n.Attendees, id)
		}
	}
	id, err := e.DB.AddTraining(e.Ctx, n)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]any{"id": id})
	}
	fmt.Fprintln(e.Out, id)
	return nil
}

func trainingOrg(e *Env) (string, error) {
	if e.Flag("org") == "" {
		return "", nil
	}
	o, err := orgFlag(e)
	return o.ID, err
}

func runTrainingList(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	org, err := trainingOrg(e)
	if err != nil {
		return err
	}
	ts, err := e.DB.Trainings(e.Ctx, org, y)
	if err != nil {
		return err
	}
	if e.JSON {
		type row struct {
			store.Training
			Name string `json:"name"`
		}
		out := []row{}
		for _, t := range ts {
			out = append(out, row{Training: t, Name: t.Title})
		}
		return e.printJSON(out)
	}
	for _, t := range ts {
		fmt.Fprintf(e.Out, "%s  %s  %s  %s  %s  %s\n", t.ID, t.Date, store.TrainingKindLabel(t.Kind), assets.T("%s class hours", store.FmtHours(t.Hours)),
			assets.T("%d attended", len(t.Attendees)), t.Title)
	}
	return nil
}

func runTrainingHours(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	org, err := trainingOrg(e)
	if err != nil {
		return err
	}
	hs, err := e.DB.TrainingHours(e.Ctx, org, y)
	if err != nil {
		return err
	}
	out := []store.MemberHours{}
	for _, h := range hs {
		if !e.Has("short") || h.Short {
			out = append(out, h)
		}
	}
	if e.JSON {
		return e.printJSON(out)
	}
	for _, h := range out {
		mark := ""
		if h.Short {
			mark = assets.T("short")
		}
		fmt.Fprintf(e.Out, "%s  %s  %s / %d  %s\n", h.MemberID, h.Name, store.FmtHours(h.Hours), h.Required, mark)
	}
	return nil
}
