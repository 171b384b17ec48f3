package cli

import (
	"fmt"
	"strconv"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

// The member's part in village life (党员作用发挥): commitments, posts, linked households and
// visits, contacts of the management modes, volunteer service; and who is not yet covered.

func init() {
	member := flagSpec{name: "member", help: "Member ID (or the exact name)"}
	date := flagSpec{name: "date", help: "Date YYYY-MM-DD"}
	register(&command{name: "member commit add", summary: "Record a member's commitment for the year (承诺); prints its ID",
		usage: "--member ID --content T --date D [--year Y]",
		flags: []flagSpec{member, {name: "content", help: "What the member commits to"}, {name: "date", help: "Date the commitment was made"},
			{name: "year", help: "Year of the commitment (default: the year of the date)"}},
		auth: authWrite, run: runCommitAdd})
	register(&command{name: "member commit done", summary: "Record that a commitment was kept (践诺), with the evidence",
		usage: "ID --date D --evidence T", flags: []flagSpec{date, {name: "evidence", help: "How the fulfilment is shown (photo, signed record …)"}},
		auth: authWrite, run: runCommitDone})
	register(&command{name: "member duty add", summary: "Record a post a member holds (设岗定责); prints its ID",
		usage: "--member ID --kind pioneer|area|grid|volunteer --name N --duties T --from D",
		flags: []flagSpec{member, {name: "kind", help: "Post: pioneer 先锋岗, area 责任区, grid 网格/楼栋, volunteer 志愿服务岗"},
			{name: "name", help: "Name of the post, e.g. 三组网格"}, {name: "duties", help: "Duties of the post"}, {name: "from", help: "Date the post was taken"}},
		auth: authWrite, run: runDutyAdd})
	register(&command{name: "member duty end", summary: "Record the last day a post was held", usage: "ID --date D",
		flags: []flagSpec{date}, auth: authWrite, run: runDutyEnd})
	register(&command{name: "member household add", summary: "Link a member with a household (联系户, 结对帮扶); prints its ID",
		usage: "--member ID --name N --address A [--needs T] [--paired] [--from D]",
		flags: []flagSpec{member, {name: "name", help: "Head of the household"}, {name: "address", help: "Address"},
			{name: "needs", help: "Needs and 微心愿"}, {name: "paired", isBool: true, help: "A 结对帮扶 pairing"}, {name: "from", help: "Linked since (default: today)"}},
		auth: authWrite, run: runHouseholdAdd})
	register(&command{name: "member visit add", summary: "Record a visit to a linked household, or a care visit to an elderly member; prints its ID",
		usage: "--member ID (--household ID | --care) --date D --how visit|phone|wechat|video --done T [--by NAME]",
		flags: []flagSpec{member, {name: "household", help: "The linked household visited (see member part)"},
			{name: "care", isBool: true, help: "A care visit to the member (关爱式)"}, date,
			{name: "how", help: "How: visit 上门, phone 电话, wechat 微信, video 视频"}, {name: "done", help: "What was done"},
			{name: "by", help: "Care visit: who visited"}},
		auth: authWrite, run: runVisitAdd})
	register(&command{name: "member contact add", summary: "Record this quarter's contact with a floating member (跟踪式); prints its ID",
		usage: "--member ID --date D --how phone|wechat|video|visit|study --done T [--by NAME]",
		flags: []flagSpec{member, date, {name: "how", help: "How the member was reached: phone, wechat, video, visit, study (送学上门)"},
			{name: "done", help: "What was done"}, {name: "by", help: "Who made the contact"}},
		auth: authWrite, run: runContactAdd})
	register(&command{name: "member service add", summary: "Record a volunteer service (志愿服务); its points are computed; prints its ID",
		usage: "--member ID --date D --activity T --hours H",
		flags: []flagSpec{member, date, {name: "activity", help: "The activity"}, {name: "hours", help: "Hours, e.g. 2 or 1.5"}},
		auth:  authWrite, run: runServiceAdd})
	register(&command{name: "member part", summary: "Show a member's part in village life in a year (commitments, posts, households, visits, service)",
		usage: "--member ID [--year Y] [--json]", flags: []flagSpec{member, {name: "year", help: "Year (default: this year)"}},
		auth: authOptional, run: runMemberPart})
	register(&command{name: "member part delete", summary: "Remove a commitment, post, household, visit or service recorded by mistake",
		usage: "ID", auth: authWrite, run: runMemberPartDelete})
	register(&command{name: "member modes", summary: "List members whose management mode has no record this quarter (在职 承诺式, 无职 定岗式, 流动 跟踪式, 夕阳红 关爱式)",
		usage: "[--period P] [--json]", flags: []flagSpec{{name: "period", help: "Quarter, e.g. 2026Q4 (default: this quarter)"}},
		auth: authOptional, run: runMemberModes})
	register(&command{name: "member talks", summary: "List, for each committee member, the members not yet talked with this year (谈心谈话)",
		usage: "[--year Y] [--json]", flags: []flagSpec{{name: "year", help: "Year (default: this year)"}},
		auth: authOptional, run: runMemberTalks})
}

func oneArg(e *Env) (string, error) {
	if len(e.Args) != 1 {
		return "", usagef("Give exactly one record ID.")
	}
	return e.Args[0], nil
}

func runCommitAdd(e *Env) error {
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	c := store.Commitment{MemberID: m.ID, Content: e.Flag("content"), MadeDate: e.Flag("date")}
	if e.Has("year") {
		if c.Year, err = yearFlag(e); err != nil {
			return err
		}
	}
	id, err := e.DB.AddCommitment(e.Ctx, c)
	if err != nil {
		return err
	}
	return e.printID(id)
}

func runCommitDone(e *Env) error {
	id, err := oneArg(e)
	if err != nil {
		return err
	}
	if err := e.DB.FulfilCommitment(e.Ctx, id, e.Flag("date"), e.Flag("evidence")); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Recorded: the commitment was kept on %s.", e.Flag("date")))
	return nil
}

func runDutyAdd(e *Env) error {
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	id, err := e.DB.AddDuty(e.Ctx, store.Duty{MemberID: m.ID, Kind: e.Flag("kind"), Name: e.Flag("name"), Duties: e.Flag("duties"), From: e.Flag("from")})
	if err != nil {
		return err
	}
	return e.printID(id)
}

func runDutyEnd(e *Env) error {
	id, err := oneArg(e)
	if err != nil {
		return err
	}
	if err := e.DB.EndDuty(e.Ctx, id, e.Flag("date")); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Recorded: the post ended on %s.", e.Flag("date")))
	return nil
}

func runHouseholdAdd(e *Env) error {
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	from := e.Flag("from")
	if from == "" {
		from = e.DB.Now().Format("2006-01-02")
	}
	id, err := e.DB.AddHousehold(e.Ctx, store.Household{MemberID: m.ID, Name: e.Flag("name"), Address: e.Flag("address"),
		Needs: e.Flag("needs"), Paired: e.Has("paired"), From: from})
	if err != nil {
		return err
	}
	return e.printID(id)
}

func runVisitAdd(e *Env) error {
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	c := store.Contact{MemberID: m.ID, Kind: "household", HouseholdID: e.Flag("household"), Date: e.Flag("date"), How: e.Flag("how"),
		Done: e.Flag("done"), By: e.Flag("by")}
	switch {
	case e.Has("care") && e.Has("household"):
		return usagef("Give either --household or --care, not both.")
	case e.Has("care"):
		c.Kind = "care"
	case !e.Has("household"):
		return usagef("Give the household visited (--household ID) or --care for a care visit to the member.")
	}
	id, err := e.DB.AddContact(e.Ctx, c)
	if err != nil {
		return err
	}
	return e.printID(id)
}

func runContactAdd(e *Env) error {
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	id, err := e.DB.AddContact(e.Ctx, store.Contact{MemberID: m.ID, Kind: "track", Date: e.Flag("date"), How: e.Flag("how"),
		Done: e.Flag("done"), By: e.Flag("by")})
	if err != nil {
		return err
	}
	return e.printID(id)
}

func runServiceAdd(e *Env) error {
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	h, err := strconv.ParseFloat(strings.TrimSpace(e.Flag("hours")), 64)
	if err != nil {
		return usagef("Option --%s needs a number, e.g. 2 or 1.5.", "hours")
	}
	id, err := e.DB.AddService(e.Ctx, store.Service{MemberID: m.ID, Date: e.Flag("date"), Activity: e.Flag("activity"), Hours: h})
	if err != nil {
		return err
	}
	return e.printID(id)
}

func runMemberPart(e *Env) error {
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	p, err := e.DB.MemberPartOf(e.Ctx, m.ID, y)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(p)
	}
	mode := store.ManagementModeLabel(p.Mode)
	if mode == "" {
		mode = assets.T("no category")
	}
	fmt.Fprintln(e.Out, assets.T("%s, %d: %s", p.Name, p.Year, mode))
	line := func(id, text string) { fmt.Fprintf(e.Out, "  %s  %s\n", id, text) }
	fmt.Fprintln(e.Out, assets.T("Commitments (承诺践诺): %d", len(p.Commitments)))
	for _, c := range p.Commitments {
		state := assets.T("open")
		if c.DoneDate != "" {
			state = assets.T("kept on %s (%s)", c.DoneDate, c.Evidence)
		}
		line(c.ID, fmt.Sprintf("%s  %s — %s", c.MadeDate, c.Content, state))
	}
	fmt.Fprintln(e.Out, assets.T("Posts (设岗定责): %d", len(p.Duties)))
	for _, d := range p.Duties {
		to := d.To
		if to == "" {
			to = assets.T("now")
		}
		line(d.ID, fmt.Sprintf("%s %s  %s–%s  %s", store.DutyKind.Label(d.Kind), d.Name, d.From, to, d.Duties))
	}
	fmt.Fprintln(e.Out, assets.T("Linked households (联系户): %d", len(p.Households)))
	for _, h := range p.Households {
		paired := ""
		if h.Paired {
			paired = assets.T(" (paired support)")
		}
		line(h.ID, fmt.Sprintf("%s  %s%s  %s", h.Name, h.Address, paired, h.Needs))
	}
	fmt.Fprintln(e.Out, assets.T("Visits and contacts: %d", len(p.Contacts)))
	for _, c := range p.Contacts {
		line(c.ID, fmt.Sprintf("%s  %s · %s  %s", c.Date, store.ContactKind.Label(c.Kind), store.ContactHow.Label(c.How), c.Done))
	}
	fmt.Fprintln(e.Out, assets.T("Volunteer service: %d times, %s hours", len(p.Services), strconv.FormatFloat(p.Hours, 'f', -1, 64)))
	for _, s := range p.Services {
		line(s.ID, fmt.Sprintf("%s  %s  %s", s.Date, s.Activity, assets.T("%s hours", strconv.FormatFloat(s.Hours, 'f', -1, 64))))
	}
	return nil
}

func runMemberPartDelete(e *Env) error {
	id, err := oneArg(e)
	if err != nil {
		return err
	}
	if err := e.DB.DeleteMemberPart(e.Ctx, id); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Removed the record %s.", id))
	return nil
}

func runMemberModes(e *Env) error {
	p, err := periodFlag(e, store.CurrentQuarter(e.DB.Now()))
	if err != nil {
		return err
	}
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	day := p.Last()
	if now := e.DB.Now(); now.Before(day) {
		day = now
	}
	gaps, err := e.DB.ModeGaps(e.Ctx, home.ID, day)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(gaps)
	}
	for _, g := range gaps {
		fmt.Fprintf(e.Out, "%s  %s\t%s\t%s\n", g.MemberID, g.Name, store.ManagementModeLabel(g.Mode), g.Missing)
	}
	fmt.Fprintln(e.Out, assets.T("%d members have no record of their mode in %s.", len(gaps), store.CurrentQuarter(day)))
	return nil
}

func runMemberTalks(e *Env) error {
	y, err := yearFlag(e)
	if err != nil {
		return err
	}
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	gaps, err := e.DB.TalkCoverage(e.Ctx, home.ID, y)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(gaps)
	}
	for _, g := range gaps {
		fmt.Fprintln(e.Out, assets.T("%s has not yet talked with %d members in %d: %s", g.Name, len(g.Missing), y, strings.Join(g.Missing, "、")))
	}
	if len(gaps) == 0 {
		fmt.Fprintln(e.Out, assets.T("Every committee member has talked with every member in %d.", y))
	}
	return nil
}
