package cli

import (
	"fmt"
	"path/filepath"
	"strings"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/cnid"
)

// memberFlags maps each option of "member add" and "member set" to the member field it
// sets: every field of store.MemberFields, by its name and its further spellings.
var memberFlags = func() map[string]string {
	m := map[string]string{}
	for _, f := range store.MemberFields() {
		for _, o := range f.Options() {
			m[o] = f.Name
		}
	}
	return m
}()

func memberFlagSpecs() []flagSpec {
	var out []flagSpec
	for _, f := range store.MemberFields() {
		for _, o := range f.Options() {
			out = append(out, flagSpec{name: o, text: f.Help()})
		}
	}
	return out
}

func init() {
	register(&command{name: "member add", summary: "Add one member; prints its ID",
		usage: "--name N --id-number X --joined YYYY-MM-DD [--field value …]", flags: memberFlagSpecs(), auth: authWrite, run: runMemberAdd})
	register(&command{name: "member set", summary: "Change fields of one member",
		usage: "ID --field value …", flags: memberFlagSpecs(), auth: authWrite, run: runMemberSet})
	register(&command{name: "member list", summary: "List members; the query matches name, pinyin initials or ID-number tail",
		usage: "[--query Q] [--all] [--json]", flags: []flagSpec{{name: "query", help: "Name, pinyin initials or ID-number tail"},
			{name: "all", isBool: true, help: "Include members no longer on the roll"}, {name: "org", help: "Organisation code"}},
		auth: authOptional, run: runMemberList})
	register(&command{name: "member export", summary: "Export the roster to an Excel file", usage: "--out F.xlsx",
		flags: []flagSpec{{name: "out", help: "Output file"}, {name: "all", isBool: true, help: "Include members no longer on the roll"}},
		auth:  authOptional, run: runMemberExport})
}

// applyMemberFlags copies field flags onto m.
func applyMemberFlags(e *Env, m *store.Member) (int, error) {
	n := 0
	for flag, val := range e.Flags {
		field, ok := memberFlags[flag]
		if !ok {
			continue
		}
		if err := store.SetMemberField(e.Ctx, e.DB, m, field, val); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func runMemberAdd(e *Env) error {
	for _, f := range []string{"name", "id-number", "joined"} {
		if e.Flag(f) == "" && !(f == "joined" && e.Flag("joined-date") != "") {
			return usagef("Option --%s is required.", f)
		}
	}
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	var m store.Member
	if _, err := applyMemberFlags(e, &m); err != nil {
		return err
	}
	id, err := e.DB.AddMember(e.Ctx, m)
	if err != nil {
		return err
	}
	return e.printID(id)
}

func runMemberSet(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one member ID.")
	}
	m, err := e.DB.Member(e.Ctx, e.Args[0])
	if err != nil {
		return err
	}
	n, err := applyMemberFlags(e, &m)
	if err != nil {
		return err
	}
	if n == 0 {
		return usagef("Name at least one field to change, e.g. --phone 13812345678.")
	}
	if err := e.DB.UpdateMember(e.Ctx, m); err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]string{"id": m.ID})
	}
	fmt.Fprintln(e.Out, assets.T("Saved the member file of %s.", m.Name))
	return nil
}

// MemberRow is one member as "member list --json" prints it.
type MemberRow struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Gender        string `json:"gender"`
	BirthDate     string `json:"birth_date"`
	IDNumber      string `json:"id_number"`
	Phone         string `json:"phone"`
	JoinedDate    string `json:"joined_date"`
	ConfirmedDate string `json:"confirmed_date"`
	Status        string `json:"status"`
	Position      string `json:"position"`
	Category      string `json:"category"`
	State         string `json:"state"`
	OrgID         string `json:"org_id"`
}

func runMemberList(e *Env) error {
	f := store.MemberFilter{Query: e.Flag("query"), All: e.Has("all")}
	if code := e.Flag("org"); code != "" {
		o, err := e.DB.OrgByCode(e.Ctx, code)
		if err != nil {
			return err
		}
		f.OrgID = o.ID
	}
	ms, err := e.DB.Members(e.Ctx, f)
	if err != nil {
		return err
	}
	full := e.User != nil && e.User.CanSeePersonal()
	rows := make([]MemberRow, 0, len(ms))
	for _, m := range ms {
		r := MemberRow{ID: m.ID, Name: m.Name, Gender: m.Gender, BirthDate: m.BirthDate, IDNumber: m.IDNumber, Phone: m.Phone,
			JoinedDate: m.JoinedDate, ConfirmedDate: m.ConfirmedDate, Status: m.Status, Position: m.Position,
			Category: m.Category, State: m.State, OrgID: m.OrgID}
		if !full {
			r.IDNumber, r.Phone = cnid.Mask(m.IDNumber), cnid.MaskPhone(m.Phone)
		}
		rows = append(rows, r)
	}
	if e.JSON {
		return e.printJSON(rows)
	}
	for _, r := range rows {
		id := cnid.Mask(r.IDNumber)
		fmt.Fprintf(e.Out, "%s  %s\t%s\t%s\t%s %s\t%s\n", r.ID, r.Name, store.Gender.Label(r.Gender), id,
			assets.T("joined"), r.JoinedDate, store.Status.Label(r.Status))
	}
	fmt.Fprintln(e.Out, assets.T("%d members", len(rows)))
	return nil
}

func runMemberExport(e *Env) error {
	out := e.Flag("out")
	if out == "" {
		return usagef("Option --%s is required.", "out")
	}
	if strings.ToLower(filepath.Ext(out)) != ".xlsx" {
		return usagef("The roster is exported as an Excel file: give a name ending in .xlsx.")
	}
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	full := e.User != nil && e.User.CanSeePersonal()
	n, err := store.ExportRoster(e.Ctx, e.DB, store.MemberFilter{OrgID: home.ID, All: e.Has("all")}, full, out)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]any{"members": n, "out": out})
	}
	fmt.Fprintln(e.Out, assets.T("Exported %d members to %s.", n, out))
	return nil
}
