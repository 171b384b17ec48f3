package cli

import (
	"fmt"
	"os"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

func init() {
	register(&command{name: "meeting add", summary: "Record a meeting; prints its ID",
		usage: "--kind K --date YYYY-MM-DD --topic T [--host ID] [--present ID,…] [--absent ID:reason[:note],…]",
		flags: append(meetingFlags(), []flagSpec{{name: "present", help: "Members present (IDs, comma-separated); members not listed are absent"},
			{name: "absent", help: "Absent members as ID:reason or ID:reason:note (reasons: leave 请假, floating 流动在外, sick 病, unexcused 无故)"}}...),
		auth: authWrite, run: runMeetingAdd})
	register(&command{name: "meeting list", summary: "List meetings",
		usage: "[--kind K] [--period P] [--org CODE] [--json]",
		flags: []flagSpec{{name: "kind", help: "Kind of meeting (slug or Chinese name)"}, {name: "period", help: "Month (2026-11), quarter (2026Q4) or year (2026)"},
			{name: "org", help: "Organisation code"}},
		auth: authOptional, run: runMeetingList})
	register(&command{name: "meeting show", summary: "Show one meeting with its attendance", usage: "ID [--json]",
		auth: authOptional, run: runMeetingShow})
	register(&command{name: "meeting delete", summary: "Delete a meeting recorded by mistake", usage: "ID",
		auth: authWrite, run: runMeetingDelete})
	register(&command{name: "meeting photo", summary: "Add photos (JPG or PNG, at most 1 MB each) to a meeting", usage: "ID FILE…",
		auth: authWrite, run: runMeetingPhoto})
}

// meetingFlags are the record's fields shared by "meeting add" and "theme-day record".
func meetingFlags() []flagSpec {
	return []flagSpec{{name: "kind", help: "Kind of meeting (slug or Chinese name)"}, {name: "date", help: "Date (YYYY-MM-DD)"},
		{name: "time", help: "Time (HH:MM)"}, {name: "topic", help: "Topic of the meeting"}, {name: "place", help: "Place of the meeting"},
		{name: "host", help: "Host (member ID)"}, {name: "recorder", help: "Recorder (member ID)"},
		{name: "group", help: "Party group of a group meeting (name or ID)"}, {name: "guests", help: "Non-members attending (列席)"},
		{name: "minutes", help: "Minutes (text, or @file to read a file)"}, {name: "resolutions", help: "Resolutions (text, or @file)"}}
}

// textFlag reads a text flag; "@path" reads the file.
func textFlag(e *Env, name string) (string, error) {
	v := e.Flag(name)
	if p, ok := strings.CutPrefix(v, "@"); ok {
		b, err := os.ReadFile(p)
		if err != nil {
			return "", assets.Wrap(err, "Cannot read the file %s. Check the name and that the file is not open in another program.", p)
		}
		return string(b), nil
	}
	return v, nil
}

// applyMeetingFlags copies the record's flags onto m (only those given).
func applyMeetingFlags(e *Env, m *store.Meeting) error {
	for flag, p := range map[string]*string{"kind": &m.Kind, "date": &m.Date, "time": &m.Time, "topic": &m.Topic, "place": &m.Place,
		"host": &m.HostID, "recorder": &m.RecorderID, "guests": &m.Guests, "minutes": &m.Minutes, "resolutions": &m.Resolutions} {
		if !e.Has(flag) {
			continue
		}
		v, err := textFlag(e, flag)
		if err != nil {
			return err
		}
		*p = v
	}
	if g := e.Flag("group"); g != "" {
		groups, err := e.DB.Groups(e.Ctx, m.OrgID)
		if err != nil {
			return err
		}
		m.GroupID = g
		for _, o := range groups {
			if o.Name == g || o.Code == g {
				m.GroupID = o.ID
			}
		}
	}
	return nil
}

// attendance builds the attendance list: everyone expected starts with their default status
// (present; a floating member 流动在外) unless --present is given (then those not listed are
// absent without reason, floating members 流动在外) or listed in --absent.
func attendance(e *Env, m store.Meeting) ([]store.Attendee, error) {
	exp, err := e.DB.Expected(e.Ctx, m.OrgID, mustKind(m.Kind), m.GroupID)
	if err != nil {
		return nil, err
	}
	var order []string
	byID := map[string]store.Attendee{}
	set := func(id, st, note string) {
		if _, ok := byID[id]; !ok {
			order = append(order, id)
		}
		byID[id] = store.Attendee{MemberID: id, Status: st, Note: note}
	}
	for _, x := range exp {
		st := store.DefaultStatus(x)
		if e.Has("present") && st == store.AttendPresent {
			st = store.AttendUnexcused
		}
		set(x.ID, st, "")
	}
	for _, id := range splitList(e.Flag("present")) {
		set(id, store.AttendPresent, "")
	}
	for _, item := range splitList(e.Flag("absent")) {
		parts := strings.SplitN(item, ":", 3)
		if len(parts) < 2 || parts[0] == "" {
			return nil, usagef("Write each absent member as ID:reason, e.g. %s:请假.", "0193…")
		}
		st, ok := store.Attendance.Parse(parts[1])
		if !ok || st == store.AttendPresent || st == "" {
			return nil, usagef("Unknown reason \"%s\" for an absence. Use leave (请假), floating (流动在外), sick (病) or unexcused (无故).", parts[1])
		}
		note := ""
		if len(parts) == 3 {
			note = parts[2]
		}
		set(parts[0], st, note)
	}
	out := make([]store.Attendee, 0, len(order))
	for _, id := range order {
		out = append(out, byID[id])
	}
	return out, nil
}

func mustKind(k string) string {
	s, _ := store.MeetingKind.Parse(k)
	return s
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == ';' || r == '；' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func runMeetingAdd(e *Env) error {
	for _, f := range []string{"kind", "date", "topic"} {
		if e.Flag(f) == "" {
			return usagef("Option --%s is required.", f)
		}
	}
	if len(e.Args) > 0 {
		return usagef("Unexpected argument \"%s\".", e.Args[0])
	}
	if _, ok := store.MeetingKind.Parse(e.Flag("kind")); !ok {
		return usagef("Unknown kind of meeting %s. Choose one of: %s.", e.Flag("kind"), kindList())
	}
	home, err := e.DB.Home(e.Ctx)
	if err != nil {
		return err
	}
	m := store.Meeting{OrgID: home.ID}
	if err := applyMeetingFlags(e, &m); err != nil {
		return err
	}
	if m.Attendance, err = attendance(e, m); err != nil {
		return err
	}
	s, err := e.DB.SaveMeeting(e.Ctx, m)
	if err != nil {
		return err
	}
	warnQuorum(e, s)
	if e.JSON {
		return e.printJSON(s)
	}
	fmt.Fprintln(e.Out, s.ID)
	return nil
}

func kindList() string {
	var out []string
	for _, k := range store.MeetingKind.Slugs() {
		out = append(out, k+" "+store.MeetingKind.Label(k))
	}
	return strings.Join(out, "、")
}

// warnQuorum tells on stderr when a meeting that needs a quorum did not reach it: the record
// is kept (it happened), but its decisions are not valid.
func warnQuorum(e *Env, s store.MeetingSummary) {
	if s.QuorumRequired && !s.Quorum {
		fmt.Fprintln(e.Err, s.QuorumWarning())
	}
}

func runMeetingList(e *Env) error {
	f := store.MeetingFilter{}
	if k := e.Flag("kind"); k != "" {
		kind, ok := store.MeetingKind.Parse(k)
		if !ok {
			return usagef("Unknown kind of meeting %s. Choose one of: %s.", k, kindList())
		}
		f.Kind = kind
	}
	if p := e.Flag("period"); p != "" {
		pp, err := store.ParsePeriod(p)
		if err != nil {
			return usagef("The period %s is not valid; write a month as 2026-11, a quarter as 2026Q4 or a year as 2026.", p)
		}
		f.Period = &pp
	}
	org, err := orgFlag(e)
	if err != nil {
		return err
	}
	f.OrgID = org.ID
	role, err := e.DB.Role(e.Ctx)
	if err != nil {
		return err
	}
	if role == store.RoleTownship && !e.Has("org") {
		f.OrgID = ""
	}
	list, err := e.DB.Meetings(e.Ctx, f)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(list)
	}
	for _, s := range list {
		q := ""
		if s.QuorumRequired && !s.Quorum {
			q = "  " + assets.T("(no quorum)")
		}
		fmt.Fprintf(e.Out, "%s  %s  %-8s  %s  %s%s\n", s.ID, s.Date, s.KindLabel, s.Topic,
			assets.T("expected %d, present %d, absent %d", s.Expected, s.Present, s.Absent), q)
	}
	fmt.Fprintln(e.Out, assets.T("%d meetings", len(list)))
	return nil
}

// orgFlag is the organisation named by --org, or this installation's own.
func orgFlag(e *Env) (store.Org, error) {
	if code := e.Flag("org"); code != "" {
		return e.DB.OrgByCode(e.Ctx, code)
	}
	return e.DB.Home(e.Ctx)
}

func runMeetingShow(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one meeting ID.")
	}
	m, err := e.DB.Meeting(e.Ctx, e.Args[0])
	if err != nil {
		return err
	}
	s, err := e.DB.MeetingSummary(e.Ctx, m.ID)
	if err != nil {
		return err
	}
	if e.JSON {
		return e.printJSON(struct {
			store.Meeting
			Summary store.MeetingSummary `json:"summary"`
		}{m, s})
	}
	name := func(id string) string {
		if id == "" {
			return ""
		}
		if mem, err := e.DB.Member(e.Ctx, id); err == nil {
			return mem.Name
		}
		return id
	}
	line := func(key, v string) {
		if v != "" {
			fmt.Fprintf(e.Out, "%s：%s\n", assets.T(key), v)
		}
	}
	line("meeting topic", m.Topic)
	line("meeting kind", s.KindLabel)
	line("meeting date", strings.TrimSpace(m.Date+" "+m.Time))
	line("meeting place", m.Place)
	line("meeting host", name(m.HostID))
	line("meeting recorder", name(m.RecorderID))
	line("meeting attendance", assets.T("expected %d, present %d, absent %d", s.Expected, s.Present, s.Absent))
	for _, a := range m.Attendance {
		if a.Status != store.AttendPresent {
			fmt.Fprintf(e.Out, "  %s  %s  %s\n", a.Name, store.Attendance.Label(a.Status), a.Note)
		}
	}
	line("guests (non-members attending)", m.Guests)
	for i, it := range m.Items {
		fmt.Fprintf(e.Out, "%d. [%s] %s：%s\n", i+1, itemKindLabel(it.Kind), it.Title, it.Done)
	}
	line("meeting minutes", m.Minutes)
	line("meeting resolutions", m.Resolutions)
	warnQuorum(e, s)
	return nil
}

func itemKindLabel(kind string) string {
	if kind == "set" {
		return assets.T("set item")
	}
	return assets.T("own item")
}

func runMeetingDelete(e *Env) error {
	if len(e.Args) != 1 {
		return usagef("Give exactly one meeting ID.")
	}
	if err := e.DB.DeleteMeeting(e.Ctx, e.Args[0]); err != nil {
		return err
	}
	fmt.Fprintln(e.Out, assets.T("Deleted the meeting %s.", e.Args[0]))
	return nil
}

func runMeetingPhoto(e *Env) error {
	if len(e.Args) < 2 {
		return usagef("Give the meeting ID and at least one photo file.")
	}
	if _, err := e.DB.MeetingSummary(e.Ctx, e.Args[0]); err != nil {
		return err
	}
	for _, f := range e.Args[1:] {
		b, err := os.ReadFile(f)
		if err != nil {
			return assets.Wrap(err, "Cannot read the file %s. Check the name and that the file is not open in another program.", f)
		}
		id, err := e.DB.AddPhoto(e.Ctx, e.Args[0], f, b)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.Out, id)
	}
	return nil
}
