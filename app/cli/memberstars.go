package cli

import (
	"bytes"
	"fmt"
	"strings"
	"text/tabwriter"

	"zhibu/app/notice"
	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/atomicfile"
)

// Member stars (农牧民党员 星级管理) and 党员中心户: an extension of the CLI contract (issue 24),
// no existing command changed. 党员中心户 itself is a member field: member set ID --center yes.

func init() {
	year := flagSpec{name: "year", help: "Year (YYYY; default this year)"}
	member := flagSpec{name: "member", help: "Member ID (or the exact name)"}
	stars := flagSpec{name: "stars", help: "Star codes, e.g. c1,c2,o1"}
	register(&command{name: "stars members scheme", summary: "Show the year's member star schemes by category, or set one from a seed (township)",
		usage: "[--year Y] [--category working|no_post|floating|elderly|center] [--variant 532|ten | --star CODE [--name N] [--group G] [--measure M] [--threshold P] [--points N] [--standard T] | --remove CODE] [--json]",
		flags: append([]flagSpec{year, {name: "category", help: "Member category: working 在职, no_post 无职, floating 流动, elderly 夕阳红, center 党员中心户"},
			{name: "variant", help: "Set the category's scheme to the seed: 532 or ten (township)"}}, schemeEditFlags(store.MemberMeasures())...),
		auth: authOptional, run: runMemberStarsScheme})
	register(&command{name: "stars members declare", summary: "Enter a member's target stars for the year (定标报星, by the branch)",
		usage: "--member ID --stars CODE,… [--year Y]", flags: []flagSpec{member, stars, year}, auth: authWrite, run: runMemberStarsDeclare})
	register(&command{name: "stars members assess", summary: "Record the branch's assessment (评定) of a member's year: the judged stars earned",
		usage: "--member ID --stars CODE,… [--note N] [--year Y]", flags: []flagSpec{member, stars, {name: "note", help: "Note"}, year},
		auth: authWrite, run: runMemberStarsAssess})
	register(&command{name: "stars members review", summary: "Approve or return a village's member stars (审核, township), with the plaque date",
		usage: "--org CODE (--approve [--plaque YYYY-MM-DD] | --return --note N) [--year Y]",
		flags: []flagSpec{{name: "org", help: "Village code"}, {name: "approve", isBool: true, help: "Approve the branch's assessment"},
			{name: "return", isBool: true, help: "Return it to the branch to correct"}, {name: "note", help: "Note (what to correct when returning)"},
			{name: "plaque", help: "Day the plaques were awarded (挂牌授星)"}, year},
		auth: authAdmin, run: runMemberStarsReview})
	register(&command{name: "stars members list", summary: "List the members' stars for the year in roll order (the posted result; never a ranking)",
		usage: "[--org CODE] [--member ID] [--year Y] [--json]",
		flags: []flagSpec{{name: "org", help: "Village code (township; default this PC's organisation)"}, member, year},
		auth:  authOptional, run: runMemberStarsList})
	register(&command{name: "stars members plate", summary: "List the party member central households (党员中心户) and their households, or print one's plate",
		usage: "[--org CODE] [--member ID --out F.pdf] [--json]",
		flags: []flagSpec{{name: "org", help: "Village code (township; default this PC's organisation)"}, member, {name: "out", help: "Output file"}},
		auth:  authOptional, run: runMemberStarsPlate})
}

// orgArg is the organisation named by --org, or this PC's.
func orgArg(e *Env) (store.Org, error) {
	if c := e.Flag("org"); c != "" {
		return e.DB.OrgByCode(e.Ctx, c)
	}
	return e.DB.Home(e.Ctx)
}

func runMemberStarsScheme(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	cats := store.StarCategory.Slugs()
	if c := e.Flag("category"); c != "" {
		slug, ok := store.StarCategory.Parse(c)
		if !ok || slug == "" {
			return usagef("The member category must be one of: %s.", "working, no_post, floating, elderly, center")
		}
		cats = []string{slug}
	}
	if v := e.Flag("variant"); v != "" {
		if v != store.Scheme532 && v != store.SchemeTen {
			return usagef("The variant must be 532 or ten.")
		}
		if e.User == nil {
			return usagef("Setting the scheme needs a user (--user).")
		}
		for _, c := range cats {
			if err := e.DB.SetMemberScheme(e.Ctx, c, store.DefaultMemberScheme(c, v, y)); err != nil {
				return err
			}
		}
	} else if e.Flag("star") != "" || e.Flag("remove") != "" {
		if len(cats) != 1 {
			return usagef("Name the category whose star to change with --category.")
		}
		if e.User == nil {
			return usagef("Setting the scheme needs a user (--user).")
		}
		cur, err := e.DB.MemberScheme(e.Ctx, cats[0], y)
		if err != nil {
			return err
		}
		next, _, err := schemeEdited(e, cur, store.MemberMeasures())
		if err != nil {
			return err
		}
		if err := e.DB.SetMemberScheme(e.Ctx, cats[0], next); err != nil {
			return err
		}
	} else if _, _, err := schemeEdited(e, store.StarScheme{}, nil); err != nil {
		return err
	}
	all, err := e.DB.MemberSchemes(e.Ctx, y)
	if err != nil {
		return err
	}
	if e.JSON {
		type row struct {
			Category string `json:"category"`
			Name     string `json:"name"`
			store.StarScheme
		}
		out := []row{}
		for _, c := range cats {
			out = append(out, row{Category: c, Name: store.StarCategory.Label(c), StarScheme: all[c]})
		}
		return e.printJSON(out)
	}
	for _, c := range cats {
		s := all[c]
		fmt.Fprintln(e.Out, assets.T("%s: member star scheme %d, %s", store.StarCategory.Label(c), y, store.SchemeVariantLabel(s.Variant)))
		w := tabwriter.NewWriter(e.Out, 2, 4, 2, ' ', 0)
		for _, x := range s.Stars {
			m := store.MemberMeasureLabel(x.Measure)
			if x.Measure != "" {
				m += " ≥ " + store.Percent(x.Threshold)
			}
			fmt.Fprintf(w, "  %s\t%s\t%s\t%s\t%s\n", x.Code, x.Name, store.StarGroupLabel(x.Group), assets.T("%d points", x.Points), m)
		}
		w.Flush()
	}
	return nil
}

func runMemberStarsDeclare(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	if e.Flag("stars") == "" {
		return usagef("Give the target stars with --stars (codes from \"zhibu stars members scheme\", e.g. c1,c2,o1).")
	}
	return e.DB.DeclareMemberStars(e.Ctx, m.ID, y, splitList(e.Flag("stars")))
}

func runMemberStarsAssess(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	return e.DB.AssessMemberStars(e.Ctx, m.ID, y, splitList(e.Flag("stars")), e.Flag("note"))
}

func runMemberStarsReview(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	if e.Flag("org") == "" {
		return usagef("Give the village with --org CODE.")
	}
	r := store.MemberStarReview{Note: e.Flag("note"), PlaqueOn: e.Flag("plaque")}
	switch {
	case e.Has("approve") == e.Has("return"):
		return usagef("Give either --approve or --return.")
	case e.Has("approve"):
		r.State = store.ReviewApproved
	default:
		r.State = store.ReviewReturned
	}
	return e.DB.ReviewMemberStars(e.Ctx, e.Flag("org"), y, r)
}

func runMemberStarsList(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	var rs []store.MemberStarResult
	if e.Flag("member") != "" {
		m, err := memberArg(e, e.Flag("member"))
		if err != nil {
			return err
		}
		r, err := e.DB.MemberStarResultOf(e.Ctx, m.ID, y)
		if err != nil {
			return err
		}
		rs = []store.MemberStarResult{r}
	} else {
		o, err := orgArg(e)
		if err != nil {
			return err
		}
		if rs, err = e.DB.MemberStarResults(e.Ctx, o.ID, y); err != nil {
			return err
		}
	}
	if e.JSON {
		return e.printJSON(rs)
	}
	w := tabwriter.NewWriter(e.Out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, strings.Join([]string{assets.T("Name"), assets.T("Member category"), assets.T("Stars"), assets.T("Star colour"),
		assets.T("Stage"), assets.T("Stars earned")}, "\t"))
	for _, r := range rs {
		var got []string
		for _, l := range r.Lines {
			if l.Earned {
				got = append(got, l.Code)
			}
		}
		fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\t%s\n", r.Name, r.CategoryLabel, r.Stars, store.ColourLabel(r.Colour), store.MemberStageLabel(r.Stage),
			strings.Join(got, ","))
	}
	return w.Flush()
}

// CenterRow is one 党员中心户 as "stars members plate --json" prints it.
type CenterRow struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Households []string `json:"households"`
}

func runMemberStarsPlate(e *Env) error {
	if out := e.Flag("out"); out != "" {
		m, err := memberArg(e, e.Flag("member"))
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		doc, err := notice.Print(e.Ctx, e.DB, notice.Request{Kind: notice.CenterPlate, Subject: m.ID}, &buf)
		if err != nil {
			return err
		}
		if err := atomicfile.WriteFile(out, buf.Bytes()); err != nil {
			return assets.Wrap(err, "Cannot write the file %s. Check the folder exists and is writable.", out)
		}
		fmt.Fprintln(e.Out, assets.T("Wrote the notice \"%s\" to %s.", doc.Title, out))
		return nil
	}
	o, err := orgArg(e)
	if err != nil {
		return err
	}
	ms, err := e.DB.Members(e.Ctx, store.MemberFilter{OrgID: o.ID})
	if err != nil {
		return err
	}
	out := []CenterRow{}
	for _, m := range ms {
		if m.More["center"] != "yes" {
			continue
		}
		p, err := e.DB.MemberPartOf(e.Ctx, m.ID, e.DB.Now().Year())
		if err != nil {
			return err
		}
		row := CenterRow{ID: m.ID, Name: m.Name, Households: []string{}}
		for _, h := range p.Households {
			row.Households = append(row.Households, h.Name)
		}
		out = append(out, row)
	}
	if e.JSON {
		return e.printJSON(out)
	}
	if len(out) == 0 {
		fmt.Fprintln(e.Out, assets.T("No member is marked as a party member central household; mark one with: zhibu member set ID --center yes"))
		return nil
	}
	for _, r := range out {
		fmt.Fprintf(e.Out, "%s\t%s\t%s\n", r.ID, r.Name, assets.T("%d households: %s", len(r.Households), strings.Join(r.Households, "、")))
	}
	return nil
}
