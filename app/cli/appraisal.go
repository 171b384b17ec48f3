package cli

import (
	"fmt"
	"strconv"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	register(&command{name: "appraisal set", summary: "Record democratic appraisal ratings of a year",
		usage: "--year YYYY --rating ID:rating,… (ratings: excellent 优秀, qualified 合格, basic 基本合格, unqualified 不合格)",
		flags: []flagSpec{{name: "year", help: "Year of the appraisal"}, {name: "rating", help: "Ratings as ID:rating, comma-separated"}},
		auth:  authWrite, run: runAppraisalSet})
	register(&command{name: "appraisal list", summary: "List the members with their appraisal rating of a year",
		usage: "[--year YYYY] [--json]", flags: []flagSpec{{name: "year", help: "Year; default: this year"}},
		auth: authOptional, run: runAppraisalList})
}

func yearFlag(e *Env) (int, error) {
	v := e.Flag("year")
	if v == "" {
		return e.DB.Now().Year(), nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 1921 || y > 2999 {
		return 0, usagef("The year %s is not valid; write it as 2026.", v)
	}
	return y, nil
}

func runAppraisalSet(e *Env) error {
	if e.Flag("year") == "" || e.Flag("rating") == "" {
		return usagef("Give the year and the ratings: --year 2026 --rating ID:优秀,ID:合格.")
	}
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	var as []store.Appraisal
	for _, item := range splitList(e.Flag("rating")) {
		id, r, ok := strings.Cut(strings.ReplaceAll(item, "：", ":"), ":")
		if !ok {
			return usagef("Write each rating as ID:rating, e.g. %s:合格.", "0193…")
		}
		as = append(as, store.Appraisal{MemberID: id, Rating: r})
	}
	warn, err := e.DB.SaveAppraisals(e.Ctx, home.ID, y, as)
	if err != nil {
		return err
	}
	if warn != nil {
		fmt.Fprintln(e.Err, assets.Chinese(warn))
	}
	fmt.Fprintln(e.Out, assets.T("Saved %d ratings of %d.", len(as), y))
	return nil
}

func runAppraisalList(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	list, err := e.DB.Appraisals(e.Ctx, home.ID, y)
	if err != nil {
		return err
	}
	if e.JSON {
		type row struct {
			ID string `json:"id"`
			store.Appraisal
		}
		rows := make([]row, len(list))
		for i, a := range list {
			rows[i] = row{a.MemberID, a}
		}
		return e.printJSON(rows)
	}
	for _, a := range list {
		r := store.Rating.Label(a.Rating)
		switch {
		case a.Status != "full":
			r = assets.T("not rated (probationary member)")
		case a.Rating == "":
			r = assets.T("not yet rated")
		}
		fmt.Fprintf(e.Out, "%s  %s\t%s\t%s\n", a.MemberID, a.Name, r, a.Note)
	}
	return nil
}
