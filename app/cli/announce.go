package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	register(&command{name: "announce send", summary: "Send an announcement (通知) to the villages; it goes down with the next sync",
		usage: "--title T --text X [--to CODE,…] [--files F,…]",
		flags: []flagSpec{{name: "title", help: "Title"}, {name: "text", help: "Text of the announcement"},
			{name: "to", help: "Village codes, comma-separated (default: every village)"},
			{name: "files", help: "Attachments, comma-separated (at most 1 MB each)"}},
		auth: authWrite, run: runAnnounceSend})
	register(&command{name: "announce list", summary: "List announcements", usage: "[--json]", auth: authOptional, run: runAnnounceList})
	register(&command{name: "announce status", summary: "What each village has received of what the township sent down",
		usage: "[--month M] [--json]", flags: []flagSpec{{name: "month", help: "Month of the theme (default: this month)"}},
		auth: authOptional, run: runAnnounceStatus})
}

func runAnnounceSend(e *Env) error {
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	if e.Flag("title") == "" || e.Flag("text") == "" {
		return usagef("Give the title (--title) and the text (--text).")
	}
	var files []store.Attachment
	for _, p := range splitList(e.Flag("files")) {
		b, err := os.ReadFile(p)
		if err != nil {
			return assets.Wrap(err, "Cannot read the file %s.", p)
		}
		files = append(files, store.Attachment{Name: filepath.Base(p), Data: b})
	}
	id, err := e.DB.SendAnnouncement(e.Ctx, e.Flag("title"), e.Flag("text"), splitList(e.Flag("to")), files)
	if err != nil {
		return err
	}
	return e.printID(id)
}

// AnnouncementRow is one announcement as "announce list --json" prints it.
type AnnouncementRow struct {
	Name string `json:"name"`
	store.Announcement
}

func runAnnounceList(e *Env) error {
	as, err := e.DB.Announcements(e.Ctx)
	if err != nil {
		return err
	}
	rows := []AnnouncementRow{}
	for _, a := range as {
		rows = append(rows, AnnouncementRow{Name: a.Title, Announcement: a})
	}
	if e.JSON {
		return e.printJSON(rows)
	}
	for _, a := range as {
		fmt.Fprintf(e.Out, "%s  %s\n", a.SentAt, a.Title)
	}
	return nil
}

// ReceiptRow is one village's receipt as "announce status --json" prints it.
type ReceiptRow struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	store.Receipt
}

func runAnnounceStatus(e *Env) error {
	month := store.MonthOf(e.DB.Now()).String()
	if m := e.Flag("month"); m != "" {
		p, err := store.ParsePeriod(m)
		if err != nil || p.Kind != store.PeriodMonth {
			return usagef("The month %s is not valid; write it as YYYY-MM, e.g. 2026-11.", m)
		}
		month = p.String()
	}
	items, rs, err := e.DB.SentDown(e.Ctx, month)
	if err != nil {
		return err
	}
	if e.JSON {
		rows := []ReceiptRow{}
		for _, r := range rs {
			rows = append(rows, ReceiptRow{ID: r.OrgID, Name: r.OrgName, Receipt: r})
		}
		return e.printJSON(map[string]any{"month": month, "items": items, "villages": rows})
	}
	for _, it := range items {
		fmt.Fprintln(e.Out, "· "+it.Name)
	}
	for _, r := range rs {
		fmt.Fprintln(e.Out, assets.T("%s: received %d of %d", r.OrgName, r.Got, r.Due))
	}
	return nil
}
