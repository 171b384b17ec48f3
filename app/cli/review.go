package cli

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"zhibu/assets"
	"zhibu/store"
)

// 述职评议: an extension of the CLI contract, no existing command changed.

func init() {
	register(&command{name: "review report", summary: "Record the secretary's annual report (述职)",
		usage: "--secretary NAME (--text T | --file F.txt) [--year Y]",
		flags: []flagSpec{{name: "year", help: "Year (YYYY; default this year)"}, {name: "secretary", help: "The secretary's name"},
			{name: "text", help: "The report's text"}, {name: "file", help: "A UTF-8 text file with the report"}},
		auth: authWrite, run: runReviewReport})
	register(&command{name: "review rate", summary: "Rate a village secretary's report and raise items as tasks (township)",
		usage: "--org CODE --rating R [--comments C] [--items \"TITLE@YYYY-MM-DD;…\"] [--year Y]",
		flags: []flagSpec{{name: "org", help: "Village code"}, {name: "year", help: "Year (YYYY; default this year)"},
			{name: "rating", help: "The rating (好, 较好, 一般 or 差 unless the township set others)"}, {name: "comments", help: "Comments"},
			{name: "items", help: "Items raised, each TITLE@DEADLINE, separated by semicolons"}},
		auth: authAdmin, run: runReviewRate})
	register(&command{name: "review list", summary: "List the year's reports and ratings (述职评议)",
		usage: "[--year Y] [--json]", flags: []flagSpec{{name: "year", help: "Year (YYYY; default this year)"}},
		auth: authOptional, run: runReviewList})
}

func runReviewReport(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	text := e.Flag("text")
	if f := e.Flag("file"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return assets.Wrap(err, "Cannot read the file %s. Check the name and try again.", f)
		}
		text = string(b)
	}
	return e.DB.SubmitReport(e.Ctx, y, e.Flag("secretary"), text)
}

func runReviewRate(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	if e.Flag("org") == "" || e.Flag("rating") == "" {
		return usagef("Give the village (--org CODE) and the rating (--rating).")
	}
	r := store.ReviewRating{Rating: e.Flag("rating"), Comments: e.Flag("comments")}
	for _, it := range strings.FieldsFunc(e.Flag("items"), func(c rune) bool { return c == ';' || c == '；' }) {
		if it = strings.TrimSpace(it); it == "" {
			continue
		}
		title, due, ok := strings.Cut(it, "@")
		if !ok {
			return usagef("Write each item as TITLE@YYYY-MM-DD, e.g. 规范党员活动室@2027-03-31.")
		}
		r.Items = append(r.Items, store.NewTask{Title: title, Due: due})
	}
	ids, err := e.DB.RateReview(e.Ctx, e.Flag("org"), y, r)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]any{"tasks": ids})
	}
	for _, id := range ids {
		fmt.Fprintln(e.Out, id)
	}
	return nil
}

// ReviewRow is one village's review as "review list --json" prints it.
type ReviewRow struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	store.Review
}

func runReviewList(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	rs, err := e.DB.Reviews(e.Ctx, y)
	if err != nil {
		return err
	}
	if e.JSON {
		out := []ReviewRow{}
		for _, r := range rs {
			out = append(out, ReviewRow{ID: r.OrgID, Name: r.OrgName, Review: r})
		}
		return e.printJSON(out)
	}
	w := tabwriter.NewWriter(e.Out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, strings.Join([]string{assets.T("Code"), assets.T("Party organisation"), assets.T("Secretary"), assets.T("Report"),
		assets.T("Rating"), assets.T("Items raised")}, "\t"))
	for _, r := range rs {
		rep := assets.T("Not yet")
		if r.SubmittedAt != "" {
			rep = r.SubmittedAt
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\n", r.OrgCode, r.OrgName, r.Secretary, rep, r.Rating, len(r.Tasks))
	}
	return w.Flush()
}
