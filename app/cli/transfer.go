package cli

import (
	"fmt"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	register(&command{name: "transfer out", summary: "Transfer a member out of the branch (组织关系转出)",
		usage: "--member ID --date YYYY-MM-DD (--to-org CODE | --to NAME) [--note T]",
		flags: []flagSpec{{name: "member", help: "Member ID (or the exact name)"}, {name: "date", help: "Date YYYY-MM-DD"},
			{name: "to-org", help: "Code of the receiving branch in this township"}, {name: "to", help: "Receiving organisation outside the township"},
			{name: "note", help: "Note (optional)"}},
		auth: authWrite, run: runTransferOut})
	register(&command{name: "transfer forward", summary: "Township: pass a transfer on to the receiving village", usage: "ID [--date YYYY-MM-DD]",
		flags: []flagSpec{{name: "date", help: "Date YYYY-MM-DD"}}, auth: authWrite, run: runTransferForward})
	flags := append([]flagSpec{{name: "date", help: "Date YYYY-MM-DD"}, {name: "from", help: "Organisation the member comes from (outside the township)"}}, memberFlagSpecs()...)
	register(&command{name: "transfer in", summary: "Receive a transferred member (组织关系转入); prints the new member's ID",
		usage: "ID --date YYYY-MM-DD | --from NAME --date YYYY-MM-DD --name N --id-number X --joined YYYY-MM-DD [--field value …]",
		flags: flags, auth: authWrite, run: runTransferIn})
	register(&command{name: "transfer list", summary: "List transfers in and out", usage: "[--json]", auth: authOptional, run: runTransferList})
}

func runTransferOut(e *Env) error {
	if e.Flag("date") == "" {
		return usagef("Option --%s is required.", "date")
	}
	if e.Flag("to-org") == "" && e.Flag("to") == "" {
		return usagef("Say where the member goes: --to-org CODE (a branch of this township) or --to NAME.")
	}
	m, err := memberArg(e, e.Flag("member"))
	if err != nil {
		return err
	}
	toID := ""
	if code := e.Flag("to-org"); code != "" {
		o, err := e.DB.OrgByCode(e.Ctx, code)
		if err != nil {
			return err
		}
		toID = o.ID
	}
	id, err := e.DB.TransferOut(e.Ctx, m.ID, e.Flag("date"), toID, e.Flag("to"), e.Flag("note"))
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]string{"id": id, "member_id": m.ID})
	}
	fmt.Fprintln(e.Out, id)
	fmt.Fprintln(e.Out, assets.T("%s was transferred out; the member file is kept as transferred out.", m.Name))
	return nil
}

func runTransferForward(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one transfer ID.")
	}
	id, err := e.DB.ForwardTransfer(e.Ctx, e.Args[0], e.Flag("date"))
	if err != nil {
		return err
	}
	return e.printID(id)
}

func runTransferIn(e *Env) error {
	if e.Flag("date") == "" {
		return usagef("Option --%s is required.", "date")
	}
	var id string
	var err error
	switch {
	case len(e.Args) == 1:
		id, err = e.DB.TransferIn(e.Ctx, e.Args[0], e.Flag("date"), "")
	case len(e.Args) == 0 && e.Flag("from") != "":
		var m store.Member
		if _, err := applyMemberFlags(e, &m); err != nil {
			return err
		}
		id, err = e.DB.TransferInFrom(e.Ctx, m, e.Flag("from"), e.Flag("date"))
	default:
		return usagef("Give the transfer ID, or --from with the member's details for a member from outside the township.")
	}
	if err != nil {
		return err
	}
	return e.printID(id)
}

// TransferRow is a transfer as "transfer list --json" prints it.
type TransferRow struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Date        string `json:"date"`
	MemberID    string `json:"member_id"`
	NewMemberID string `json:"new_member_id,omitempty"`
	From        string `json:"from"`
	To          string `json:"to"`
	Received    bool   `json:"received"`
}

func runTransferList(e *Env) error {
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	org := home.ID
	if home.Kind == store.KindTownship {
		org = ""
	}
	ts, err := e.DB.Transfers(e.Ctx, org)
	if err != nil {
		return err
	}
	orgName := func(id, place string) string {
		if o, err := e.DB.Org(e.Ctx, id); err == nil {
			return o.Name
		}
		return place
	}
	rows := []TransferRow{}
	for _, t := range ts {
		rows = append(rows, TransferRow{ID: t.ID, Name: t.Name, Kind: t.Kind, Date: t.Date, MemberID: t.MemberID, NewMemberID: t.NewMemberID,
			From: orgName(t.FromOrgID, t.Place), To: orgName(t.ToOrgID, t.Place), Received: t.Received})
	}
	if e.JSON {
		return e.printJSON(rows)
	}
	for _, r := range rows {
		state := ""
		if r.Kind != "in" {
			state = assets.T("waiting to be received")
			if r.Received {
				state = assets.T("received by the new branch")
			}
		}
		fmt.Fprintf(e.Out, "%s  %s  %s\t%s → %s\t%s\n", r.ID, r.Date, r.Name, r.From, r.To, state)
	}
	return nil
}
