package cli

import (
	"fmt"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	register(&command{name: "dues pay", summary: "Record a dues payment",
		usage: "--member ID --month YYYY-MM|--months M1,M2|--month YYYYQn [--amount A] [--date D] [--late] [--elsewhere ORG] [--note T]",
		flags: []flagSpec{{name: "member", help: "Member ID (or the exact name)"}, {name: "month", help: "Month YYYY-MM, or a quarter YYYYQn"},
			{name: "months", help: "Several months, comma separated, or a quarter YYYYQn"},
			{name: "amount", help: "Amount in yuan (for several months: the total); default: the computed amount"},
			{name: "date", help: "Date the money was received (default: today)"},
			{name: "late", isBool: true, help: "Accept months older than the back-payment limit (the branch has agreed)"},
			{name: "elsewhere", help: "A floating member paid these months to the party organisation where they work (its name)"},
			{name: "note", help: "Note (optional)"}},
		auth: authWrite, run: runDuesPay})
	register(&command{name: "dues exempt", summary: "Record reduced or waived dues (少交或免交) decided by the branch and approved by the higher committee",
		usage: "--member ID --amount A --decided D --approved-by ORG --approved D",
		flags: []flagSpec{{name: "member", help: "Member ID (or the exact name)"}, {name: "amount", help: "Approved monthly amount in yuan (0 for 免交)"},
			{name: "decided", help: "Date of the branch's decision"}, {name: "approved-by", help: "The higher party committee that approved"},
			{name: "approved", help: "Date of the approval"}},
		auth: authWrite, run: runDuesExempt})
	register(&command{name: "dues list", summary: "List who has paid the dues of a month", usage: "[--month YYYY-MM] [--json]",
		flags: []flagSpec{{name: "month", help: "Month YYYY-MM (default: this month)"}}, auth: authOptional, run: runDuesList})
	register(&command{name: "dues arrears", summary: "List members who owe dues", usage: "[--json]", auth: authOptional, run: runDuesArrears})
	register(&command{name: "dues set", summary: "Set how a member's dues are worked out",
		usage: "--member ID --kind farmer|salaried|retired|student|unemployed|relief [--income A] [--basic-pension A] [--fixed A|--computed]",
		flags: []flagSpec{{name: "member", help: "Member ID (or the exact name)"}, {name: "kind", help: "Dues kind: farmer, salaried, retired, student, unemployed, relief"},
			{name: "income", help: "Monthly after-tax income or total pension, yuan"}, {name: "basic-pension", help: "Basic pension, yuan"},
			{name: "fixed", help: "A monthly amount set by the branch, yuan"}, {name: "computed", isBool: true, help: "Use the computed amount again"},
			{name: "note", help: "Note (optional)"}},
		auth: authWrite, run: runDuesSet})
	register(&command{name: "dues show", summary: "Show a member's monthly dues and how they are worked out", usage: "--member ID [--json]",
		flags: []flagSpec{{name: "member", help: "Member ID (or the exact name)"}}, auth: authOptional, run: runDuesShow})
	register(&command{name: "dues cancel", summary: "Remove a dues payment recorded by mistake", usage: "--member ID --month YYYY-MM",
		flags: []flagSpec{{name: "member", help: "Member ID (or the exact name)"}, {name: "month", help: "Month YYYY-MM, or a quarter YYYYQn"}},
		auth:  authWrite, run: runDuesCancel})
	register(&command{name: "dues start", summary: "Show or set the month from which the branch keeps dues in this app (nothing before it is owed)",
		usage: "[--month YYYY-MM] [--json]", flags: []flagSpec{{name: "month", help: "First month the branch keeps dues in this app (default on the first roster import: that month)"}},
		auth: authOptional, run: runDuesStart})
	register(&command{name: "dues paid-to", summary: "Record the month a member had paid dues up to before the branch kept dues in this app",
		usage: "--member ID --month YYYY-MM|--clear", flags: []flagSpec{{name: "member", help: "Member ID (or the exact name)"},
			{name: "month", help: "Last month paid, YYYY-MM (the roster column 党费交至 sets it on import)"}, {name: "clear", isBool: true, help: "Remove the month"}},
		auth: authWrite, run: runDuesPaidTo})
	register(&command{name: "dues use add", summary: "Record how the branch used dues (党费使用明细)", usage: "--date D --amount A --purpose T [--note T]",
		flags: []flagSpec{{name: "date", help: "Date YYYY-MM-DD"}, {name: "amount", help: "Amount in yuan"}, {name: "purpose", help: "What the money was used for"}, {name: "note", help: "Note (optional)"}},
		auth:  authWrite, run: runDuesUseAdd})
	register(&command{name: "dues use list", summary: "List the branch's uses of dues", usage: "[--period P] [--json]",
		flags: []flagSpec{{name: "period", help: "Period: month 2026-11, quarter 2026Q4 or year 2026 (default: this year)"}}, auth: authOptional, run: runDuesUseList})
}

// memberArg finds a member by ID, or by exact name on the home branch's roll.
func memberArg(e *Env, s string) (store.Member, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return store.Member{}, usagef("Option --%s is required.", "member")
	}
	m, err := e.DB.Member(e.Ctx, s)
	if err == nil {
		return m, nil
	}
	home, herr := e.DB.Home(e.Ctx)
	if herr != nil {
		return m, herr
	}
	ms, lerr := e.DB.Members(e.Ctx, store.MemberFilter{OrgID: home.ID, Query: s})
	if lerr != nil {
		return m, lerr
	}
	var exact []store.Member
	for _, x := range ms {
		if x.Name == s {
			exact = append(exact, x)
		}
	}
	switch len(exact) {
	case 1:
		return exact[0], nil
	case 0:
		return m, err
	}
	return m, assets.Wrap(store.ErrInvalid, "Several members are called %s; give the member's ID (see \"zhibu member list\").", s)
}

func yuanFlag(e *Env, name string) (int64, error) {
	v, err := store.ParseYuan(e.Flag(name))
	if err != nil {
		return 0, usageError{assets.Errorf("The amount %s is not valid; write yuan with at most two decimals, e.g. 12.50.", e.Flag(name))}
	}
	return v, nil
}

func runDuesPay(e *Env) error {
	spec := e.Flag("month")
	if spec == "" {
		spec = e.Flag("months")
	}
	if spec == "" {
		return usagef("Option --%s is required.", "month")
	}
	months, err := store.ExpandMonths(spec)
	if err != nil {
		return usageError{assets.Errorf("The month %s is not valid; write it as YYYY-MM, e.g. 2026-03, or a quarter such as 2026Q1.", spec)}
	}
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	req := store.PayRequest{MemberID: m.ID, Months: months, PaidDate: e.Flag("date"), Late: e.Has("late"), Note: e.Flag("note"), Elsewhere: e.Flag("elsewhere")}
	if e.Has("amount") {
		if req.Total, err = yuanFlag(e, "amount"); err != nil {
			return err
		}
		if req.Total == 0 {
			return usagef("The amount must be more than zero.")
		}
	}
	pays, err := e.DB.PayDues(e.Ctx, req)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(pays)
	}
	if req.Elsewhere != "" {
		fmt.Fprintln(e.Out, assets.T("Recorded that %s paid the dues for %s to %s.", m.Name, strings.Join(months, "、"), req.Elsewhere))
		return nil
	}
	monthly, _, err := e.DB.MonthlyDues(e.Ctx, m.ID)
	if err != nil {
		return err
	}
	var total int64
	for _, p := range pays {
		total += p.Amount
	}
	fmt.Fprintln(e.Out, assets.T("Recorded dues of %s for %s: %s yuan.", m.Name, strings.Join(months, "、"), store.Yuan(total)))
	if total < monthly*int64(len(pays)) {
		fmt.Fprintln(e.Out, assets.T("Note: the computed amount is %s yuan; %s yuan less was paid.", store.Yuan(monthly*int64(len(pays))), store.Yuan(monthly*int64(len(pays))-total)))
	}
	return nil
}

// DuesRow is one member's dues for a month as "dues list --json" prints it.
type DuesRow struct {
	ID       string `json:"id"` // member ID
	Name     string `json:"name"`
	Month    string `json:"month"`
	Paid     bool   `json:"paid"`
	Amount   string `json:"amount"` // yuan paid, "" if unpaid
	Due      string `json:"due"`    // computed monthly amount, yuan
	Short    string `json:"short"`  // yuan below the computed amount, "" if none
	PaidDate string `json:"paid_date"`
}

func runDuesList(e *Env) error {
	month := e.Flag("month")
	if month == "" {
		month = e.DB.Now().Format("2006-01")
	}
	ms, err := store.ExpandMonths(month)
	if err != nil || len(ms) != 1 {
		return usagef("The month %s is not valid; write it as YYYY-MM, e.g. 2026-03, or a quarter such as 2026Q1.", month)
	}
	month = ms[0]
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	members, err := e.DB.Members(e.Ctx, store.MemberFilter{OrgID: home.ID})
	if err != nil {
		return err
	}
	pays, err := e.DB.DuesPayments(e.Ctx, home.ID, month, month)
	if err != nil {
		return err
	}
	paid := map[string]store.DuesPayment{}
	for _, p := range pays {
		paid[p.MemberID] = p
	}
	rows := []DuesRow{}
	var sum int64
	for _, m := range members {
		due, _, err := e.DB.MonthlyDues(e.Ctx, m.ID)
		if err != nil {
			return err
		}
		r := DuesRow{ID: m.ID, Name: m.Name, Month: month, Due: store.Yuan(due)}
		if p, ok := paid[m.ID]; ok {
			r.Paid, r.Amount, r.PaidDate = true, store.Yuan(p.Amount), p.PaidDate
			if p.Amount < due {
				r.Short = store.Yuan(due - p.Amount)
			}
			sum += p.Amount
		}
		rows = append(rows, r)
	}
	if e.JSON {
		return e.printJSON(rows)
	}
	n := 0
	for _, r := range rows {
		state := assets.T("not paid yet")
		switch {
		case r.Paid && r.Short != "":
			state = assets.T("paid only %s yuan on %s, %s yuan short", r.Amount, r.PaidDate, r.Short)
			n++
		case r.Paid:
			state = assets.T("paid %s yuan on %s", r.Amount, r.PaidDate)
			n++
		}
		fmt.Fprintf(e.Out, "%s  %s\t%s %s\t%s\n", r.ID, r.Name, assets.T("monthly dues"), r.Due, state)
	}
	fmt.Fprintln(e.Out, assets.T("%s: %d of %d members paid, %s yuan collected.", month, n, len(rows), store.Yuan(sum)))
	return nil
}

// ArrearsRow is a member who owes dues, as "dues arrears --json" prints it.
type ArrearsRow struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Unpaid      []string `json:"unpaid"`
	Months      int      `json:"months"`
	Consecutive int      `json:"consecutive"`
	Owed        string   `json:"owed"` // yuan
	LastPaid    string   `json:"last_paid"`
}

func runDuesArrears(e *Env) error {
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	as, err := e.DB.DuesArrears(e.Ctx, home.ID, e.DB.Now())
	if err != nil {
		return err
	}
	rows := []ArrearsRow{}
	for _, a := range as {
		rows = append(rows, ArrearsRow{ID: a.MemberID, Name: a.Name, Unpaid: a.Unpaid, Months: len(a.Unpaid), Consecutive: a.Consecutive,
			Owed: store.Yuan(a.Owed), LastPaid: a.LastPaid})
	}
	if e.JSON {
		return e.printJSON(rows)
	}
	for _, r := range rows {
		fmt.Fprintf(e.Out, "%s  %s\t%s\n", r.ID, r.Name, assets.T("owes %d months (%s), %s yuan", r.Months, strings.Join(r.Unpaid, "、"), r.Owed))
	}
	fmt.Fprintln(e.Out, assets.T("%d members owe dues.", len(rows)))
	return nil
}

func runDuesSet(e *Env) error {
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	p, err := e.DB.DuesProfile(e.Ctx, m.ID)
	if err != nil {
		return err
	}
	if e.Has("kind") {
		k, ok := store.DuesKind.Parse(e.Flag("kind"))
		if !ok {
			return usagef("The dues kind must be one of: farmer, salaried, retired, student, unemployed, relief.")
		}
		p.Kind = k
	}
	if e.Has("income") {
		if p.Income, err = yuanFlag(e, "income"); err != nil {
			return err
		}
	}
	if e.Has("basic-pension") {
		if p.BasicPension, err = yuanFlag(e, "basic-pension"); err != nil {
			return err
		}
	}
	if e.Has("fixed") {
		v, err := yuanFlag(e, "fixed")
		if err != nil {
			return err
		}
		p.Fixed = &v
	}
	if e.Has("computed") {
		p.Fixed = nil
	}
	if e.Has("note") {
		p.Note = e.Flag("note")
	}
	if err := e.DB.SetDuesProfile(e.Ctx, p); err != nil {
		return err
	}
	return printDuesShow(e, m)
}

func runDuesShow(e *Env) error {
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	return printDuesShow(e, m)
}

func printDuesShow(e *Env, m store.Member) error {
	amt, basis, err := e.DB.MonthlyDues(e.Ctx, m.ID)
	if err != nil {
		return err
	}
	p, err := e.DB.DuesProfile(e.Ctx, m.ID)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]any{"id": m.ID, "name": m.Name, "kind": p.Kind, "monthly": store.Yuan(amt), "basis": basis})
	}
	fmt.Fprintf(e.Out, "%s: %s\n", m.Name, basis)
	return nil
}

func runDuesCancel(e *Env) error {
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	months, err := store.ExpandMonths(e.Flag("month"))
	if err != nil {
		return usagef("The month %s is not valid; write it as YYYY-MM, e.g. 2026-03, or a quarter such as 2026Q1.", e.Flag("month"))
	}
	for _, mo := range months {
		if err := e.DB.CancelDuesPayment(e.Ctx, m.ID, mo); err != nil {
			return err
		}
	}
	fmt.Fprintln(e.Out, assets.T("Removed the dues of %s for %s.", m.Name, strings.Join(months, "、")))
	return nil
}

func runDuesUseAdd(e *Env) error {
	for _, f := range []string{"date", "amount", "purpose"} {
		if e.Flag(f) == "" {
			return usagef("Option --%s is required.", f)
		}
	}
	amt, err := yuanFlag(e, "amount")
	if err != nil {
		return err
	}
	id, err := e.DB.AddDuesUse(e.Ctx, store.DuesUse{Date: e.Flag("date"), Amount: amt, Purpose: e.Flag("purpose"), Note: e.Flag("note")})
	if err != nil {
		return err
	}
	return e.printID(id)
}

// periodFlag reads --period (default: def) as its first and last day.
func periodFlag(e *Env, def string) (store.Period, error) {
	s := e.Flag("period")
	if s == "" {
		s = def
	}
	p, err := store.ParsePeriod(s)
	if err != nil {
		return p, usagef("The period %s is not valid; write a month as 2026-11, a quarter as 2026Q4 or a year as 2026.", s)
	}
	return p, nil
}

// DuesUseRow is one use of dues as "dues use list --json" prints it.
type DuesUseRow struct {
	ID      string `json:"id"`
	Name    string `json:"name"` // the purpose
	Date    string `json:"date"`
	Amount  string `json:"amount"`
	Purpose string `json:"purpose"`
	Note    string `json:"note"`
}

func runDuesUseList(e *Env) error {
	p, err := periodFlag(e, e.DB.Now().Format("2006"))
	if err != nil {
		return err
	}
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	us, err := e.DB.DuesUses(e.Ctx, home.ID, p.FirstDay(), p.LastDay())
	if err != nil {
		return err
	}
	rows := []DuesUseRow{}
	var sum int64
	for _, u := range us {
		rows = append(rows, DuesUseRow{ID: u.ID, Name: u.Purpose, Date: u.Date, Amount: store.Yuan(u.Amount), Purpose: u.Purpose, Note: u.Note})
		sum += u.Amount
	}
	if e.JSON {
		return e.printJSON(rows)
	}
	for _, r := range rows {
		fmt.Fprintf(e.Out, "%s  %s\t%s\t%s\n", r.Date, r.Amount, r.Purpose, r.Note)
	}
	fmt.Fprintln(e.Out, assets.T("Used %s yuan in %s.", store.Yuan(sum), p.Label()))
	return nil
}

func runDuesStart(e *Env) error {
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	if e.Has("month") {
		if e.User == nil || !e.User.CanWrite() {
			return usagef("This command changes data: name the user with --user or ZHIBU_USER, and give the password in ZHIBU_PASSWORD or --password-file.")
		}
		if err := e.DB.SetDuesStartMonth(e.Ctx, home.ID, e.Flag("month")); err != nil {
			return err
		}
	}
	month, set, err := e.DB.DuesStartMonth(e.Ctx, home.ID)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]any{"id": home.ID, "name": home.Name, "start_month": month, "set": set})
	}
	switch {
	case set:
		fmt.Fprintln(e.Out, assets.T("Dues are kept in this app from %s; no month before it counts as unpaid.", month))
	case month != "":
		fmt.Fprintln(e.Out, assets.T("No dues start month is set; the earliest payment recorded (%s) is used. Set it with zhibu dues start --month YYYY-MM.", month))
	default:
		fmt.Fprintln(e.Out, assets.T("No dues start month is set and no payment is recorded: no dues are owed yet. Set it with zhibu dues start --month YYYY-MM."))
	}
	return nil
}

func runDuesPaidTo(e *Env) error {
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	month := e.Flag("month")
	if e.Has("clear") {
		month = ""
	} else if month == "" {
		return usagef("Option --%s is required.", "month")
	}
	if err := e.DB.SetDuesPaidTo(e.Ctx, m.ID, month); err != nil {
		return err
	}
	p, err := e.DB.DuesProfile(e.Ctx, m.ID)
	if err != nil {
		return err
	}
	if p.PaidTo == "" {
		fmt.Fprintln(e.Out, assets.T("%s: no paid-up-to month recorded.", m.Name))
	} else {
		fmt.Fprintln(e.Out, assets.T("%s had paid dues up to %s; dues are owed from the month after.", m.Name, p.PaidTo))
	}
	return nil
}

func runDuesExempt(e *Env) error {
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	if !e.Has("amount") {
		return usagef("Option --%s is required.", "amount")
	}
	amount, err := yuanFlag(e, "amount")
	if err != nil {
		return err
	}
	if err := e.DB.SetDuesExemption(e.Ctx, store.DuesExemption{MemberID: m.ID, Amount: amount, DecidedOn: e.Flag("decided"),
		ApprovedBy: e.Flag("approved-by"), ApprovedOn: e.Flag("approved")}); err != nil {
		return err
	}
	return printDuesShow(e, m)
}
