package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"zhibu/app/notice"
	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/atomicfile"
)

func init() {
	register(&command{name: "notice print", summary: "Print a wall notice as PDF",
		usage: "KIND [--period P] [--subject ID] [--org CODE] --out F.pdf [--paper A4|A3] [--start YYYY-MM-DD]",
		flags: []flagSpec{{name: "period", help: "Month YYYY-MM, quarter YYYYQn or year YYYY, as the notice needs"},
			{name: "org", help: "The village the notice is for (township; default this PC's organisation)"},
			{name: "subject", help: "The decision (or one candidate) the notice is about"},
			{name: "out", help: "Output file"}, {name: "paper", help: "Paper size: A4 (default) or A3"},
			{name: "start", help: "First day of the publicity period (default: today)"}},
		auth: authOptional, run: runNoticePrint})
	register(&command{name: "notice list", summary: "List the notices printed, with when they were posted",
		usage: "[--json]", auth: authOptional, run: runNoticeList})
	register(&command{name: "notice posted", summary: "Record that a notice went up on the board, with a photo",
		usage: "ID --date YYYY-MM-DD [--photo F.jpg]",
		flags: []flagSpec{{name: "date", help: "Day the notice was posted"}, {name: "photo", help: "Photo of the posted notice (JPEG or PNG)"}},
		auth:  authWrite, run: runNoticePosted})
	register(&command{name: "notice contact", summary: "Set the objection contact printed on notices",
		usage: "--person N --phone P [--issuer NAME]",
		flags: []flagSpec{{name: "person", help: "Contact person"}, {name: "phone", help: "Supervision telephone"},
			{name: "issuer", help: "Issuing body (default: derived from the branch name)"}},
		auth: authWrite, run: runNoticeContact})
	register(&command{name: "notice template", summary: "Show a notice kind's wording, or set the township's wording from a file",
		usage: "KIND [--set F.tmpl | --reset]",
		flags: []flagSpec{{name: "set", help: "File with the new wording (text/template)"}, {name: "reset", isBool: true, help: "Return to the built-in wording"}},
		auth:  authOptional, run: runNoticeTemplate})
}

func noticeKindArg(e *Env) (notice.KindInfo, error) {
	if len(e.Args) != 1 {
		return notice.KindInfo{}, usagef("Give exactly one kind of notice: development, probation, dues, stars, theme-day, theme-day-report, decision, birthdays, appraisal, branch-stars or star-list.")
	}
	k, ok := notice.LookupKind(e.Args[0])
	if !ok {
		return k, usagef("Unknown kind of notice %s.", e.Args[0])
	}
	return k, nil
}

// NoticeResult is what "notice print --json" prints.
type NoticeResult struct {
	ID    string `json:"id,omitempty"` // the notice record ("" when no user was named)
	Kind  string `json:"kind"`
	Name  string `json:"name"` // the notice's title
	Out   string `json:"out"`
	Bytes int    `json:"bytes"`
}

func runNoticePrint(e *Env) error {
	k, err := noticeKindArg(e)
	if err != nil {
		return err
	}
	out := e.Flag("out")
	if out == "" {
		return usagef("Option --%s is required.", "out")
	}
	req := notice.Request{Kind: k.Kind, Period: e.Flag("period"), Subject: e.Flag("subject")}
	if c := e.Flag("org"); c != "" {
		o, err := e.DB.OrgByCode(e.Ctx, c)
		if err != nil {
			return err
		}
		req.OrgID = o.ID
	}
	switch strings.ToUpper(e.Flag("paper")) {
	case "", "A4":
		req.Paper = notice.A4
	case "A3":
		req.Paper = notice.A3
	default:
		return usagef("The paper size must be A4 or A3.")
	}
	if s := e.Flag("start"); s != "" {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return usagef("The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-11-30.", s)
		}
		req.Start = t
	}
	var buf bytes.Buffer
	doc, err := notice.Print(e.Ctx, e.DB, req, &buf)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(out, buf.Bytes()); err != nil {
		return assets.Wrap(err, "Cannot write the file %s. Check the folder exists and is writable.", out)
	}
	size := buf.Len()
	res := NoticeResult{Kind: k.Kind, Name: doc.Title, Out: out, Bytes: size}
	if e.User != nil && e.User.CanWrite() {
		home, err := e.DB.Home(e.Ctx)
		if err != nil {
			return err
		}
		period := req.Period
		if res.ID, err = e.DB.RecordNoticePrinted(e.Ctx, home.ID, k.Kind, period, req.Subject); err != nil {
			return err
		}
	}
	if e.JSON {
		return e.printJSON(res)
	}
	fmt.Fprintln(e.Out, assets.T("Wrote the notice \"%s\" to %s.", doc.Title, out))
	if res.ID != "" {
		fmt.Fprintln(e.Out, assets.T("After posting it, record it with: zhibu notice posted %s --date YYYY-MM-DD --photo PHOTO.jpg", res.ID))
	}
	return nil
}

// NoticeRow is one printed notice as "notice list --json" prints it.
type NoticeRow struct {
	store.Notice
	Name string `json:"name"` // the kind in Chinese
}

func runNoticeList(e *Env) error {
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	ns, err := e.DB.Notices(e.Ctx, home.ID)
	if err != nil {
		return err
	}
	rows := make([]NoticeRow, 0, len(ns))
	for _, n := range ns {
		name := n.Kind
		if k, ok := notice.LookupKind(n.Kind); ok {
			name = assets.T(k.Label)
		}
		rows = append(rows, NoticeRow{Notice: n, Name: name})
	}
	if e.JSON {
		return e.printJSON(rows)
	}
	for _, r := range rows {
		posted := assets.T("not posted yet")
		if r.PostedAt != "" {
			posted = assets.T("posted %s", r.PostedAt)
			if r.HasPhoto {
				posted += assets.T(", with photo")
			}
		}
		fmt.Fprintf(e.Out, "%s  %s %s  %s  %s\n", r.ID, r.Name, r.Period, assets.T("printed %s", r.PrintedAt), posted)
	}
	return nil
}

func runNoticePosted(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one notice ID (\"zhibu notice list\" shows them).")
	}
	date := e.Flag("date")
	if date == "" {
		return usagef("Option --%s is required.", "date")
	}
	var photo []byte
	if f := e.Flag("photo"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return assets.Wrap(err, "Cannot read the photo %s.", f)
		}
		photo = b
	}
	if err := e.DB.MarkNoticePosted(e.Ctx, e.Args[0], date, photo); err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(map[string]string{"id": e.Args[0]})
	}
	fmt.Fprintln(e.Out, assets.T("Recorded the notice as posted on %s.", date))
	return nil
}

func runNoticeContact(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	c, err := e.DB.NoticeContact(e.Ctx, home.ID)
	if err != nil {
		return err
	}
	if !e.Has("person") && !e.Has("phone") && !e.Has("issuer") {
		return usagef("Name at least one of --person, --phone, --issuer.")
	}
	if e.Has("person") {
		c.Person = e.Flag("person")
	}
	if e.Has("phone") {
		c.Phone = e.Flag("phone")
	}
	if e.Has("issuer") {
		c.Issuer = e.Flag("issuer")
	}
	if err := e.DB.SetNoticeContact(e.Ctx, home.ID, c); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Saved the contact printed on notices."))
	return nil
}

func runNoticeTemplate(e *Env) error {
	k, err := noticeKindArg(e)
	if err != nil {
		return err
	}
	if !e.Has("set") && !e.Has("reset") {
		text, ok, err := e.DB.NoticeTemplate(e.Ctx, k.Kind)
		if err != nil {
			return err
		}
		if !ok {
			text, _ = assets.NoticeTemplate(k.Kind)
		}
		_, err = io.WriteString(e.Out, text)
		return err
	}
	if e.User == nil || !e.User.CanAdmin() {
		return assets.Wrap(store.ErrDenied, "Only the branch secretary or a township administrator may do this.")
	}
	text := ""
	if f := e.Flag("set"); f != "" && !e.Has("reset") {
		b, err := os.ReadFile(f)
		if err != nil {
			return assets.Wrap(err, "Cannot read the file %s.", f)
		}
		text = string(b)
		if err := notice.CheckTemplate(k.Kind, text); err != nil {
			return err
		}
	}
	if err := e.DB.SetNoticeTemplate(e.Ctx, k.Kind, text); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Saved the wording of the notice; villages receive it with the next sync."))
	return nil
}
