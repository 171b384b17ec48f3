package store

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"zhibu/assets"
	"zhibu/store/replica"
)

// 软弱涣散 / 后进党组织整顿 (source 003: 「软弱涣散党组织整顿」, 「开展后进党支部整改工作…约谈提醒、
// 列席组织生活会」): the township names a village for a year with its reasons (from a list,
// plus words), a 包联 leader and a 整顿 plan whose items are task-list items (整改台账, source
// 整顿) the village works through as any other; the township records its 约谈 and 列席 and the
// monthly progress, and closes it (销号) with a review once every item is accepted. The rows
// are the township's and reach only the village they are about; the village sees its own.

// SourceRectify is the source of the plan's items in the 整改台账, and of findings.
const SourceRectify = "整顿"

// SourceRectifyRule names the practice, for findings and tests.
const SourceRectifyRule = "软弱涣散党组织整顿（来源003：开展后进党支部整改工作，约谈提醒、列席组织生活会）"

// The reasons a branch is named weak (common wording of the 软弱涣散 criteria).
var rectifyReasons = []struct{ slug, label string }{
	{"disunity", "The committee is not united"},
	{"orglife", "Organisational life is irregular"},
	{"role", "The branch plays no visible role"},
	{"secretary", "The secretary is absent or not up to the task"},
	{"members", "Members are loosely managed"},
	{"affairs", "Village affairs are disorderly"},
	{"other", "Other reasons"},
}

// RectifyReasons lists the reasons' slugs in order.
func RectifyReasons() []string {
	out := make([]string, len(rectifyReasons))
	for i, r := range rectifyReasons {
		out[i] = r.slug
	}
	return out
}

// RectifyReasonLabel names a reason in Chinese.
func RectifyReasonLabel(slug string) string {
	for _, r := range rectifyReasons {
		if r.slug == slug {
			return assets.T(r.label)
		}
	}
	return slug
}

// Kinds of rectification events.
const (
	RectifyTalk     = "talk"     // 约谈提醒
	RectifyAttend   = "attend"   // 列席组织生活会
	RectifyProgress = "progress" // 月度进展
)

var rectifyEventLabels = map[string]string{RectifyTalk: "Talk with the secretary (约谈)", RectifyAttend: "Attended the branch's organisational life (列席)",
	RectifyProgress: "Monthly progress"}

// RectifyEventLabel names an event's kind in Chinese.
func RectifyEventLabel(k string) string { return assets.T(rectifyEventLabels[k]) }

// Rectification is one village's 整顿 of a year with its items and events.
type Rectification struct {
	ID         string         `json:"id"`
	VillageID  string         `json:"village_id"`
	Year       int            `json:"year"`
	Reasons    []string       `json:"reasons"`
	ReasonText string         `json:"reason_text"`
	Leader     string         `json:"leader"`
	Plan       string         `json:"plan"`
	ClosedOn   string         `json:"closed_on"`
	Review     string         `json:"review"`
	CreatedAt  string         `json:"created_at"`
	Items      []Task         `json:"items"`
	Events     []RectifyEvent `json:"events"`
	Months     []RectifyMonth `json:"months"` // monthly progress, oldest first
	taskIDs    []string
}

// RectifyEvent is a 约谈, a 列席 or a progress note.
type RectifyEvent struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Day  string `json:"date"`
	By   string `json:"by"`
	Note string `json:"note"`
}

// RectifyMonth is one month of a 整顿: what the township did and the items closed.
type RectifyMonth struct {
	Month    string `json:"month"`
	Talks    int    `json:"talks"`
	Attended int    `json:"attended"`
	Notes    int    `json:"notes"`
	Closed   int    `json:"items_accepted"`
}

// Done counts the plan's accepted items.
func (r Rectification) Done() int {
	n := 0
	for _, t := range r.Items {
		if t.State == TaskAccepted {
			n++
		}
	}
	return n
}

// Open reports whether the 整顿 is not closed yet.
func (r Rectification) Open() bool { return r.ClosedOn == "" }

// NewRectification is what naming a village takes.
type NewRectification struct {
	VillageCode        string
	Year               int
	Reasons            []string
	ReasonText, Leader string
	Plan               string
	Items              []NewTask // the plan's items (kind 整改, source 整顿)
}

func (db *DB) mayRectify(ctx context.Context) (Org, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return home, err
	}
	if home.Kind != KindTownship {
		return home, assets.Wrap(ErrDenied, "The rectification of weak branches is kept by the township office.")
	}
	if err := db.mayAdmin(ctx); err != nil {
		return home, assets.Wrap(ErrDenied, "Only a township administrator keeps the rectification of weak branches.")
	}
	return home, nil
}

// AddRectification names a village for a year's 整顿 and raises its plan's items, in one
// write. It returns the record's ID and the items' IDs.
func (db *DB) AddRectification(ctx context.Context, n NewRectification) (string, []string, error) {
	home, err := db.mayRectify(ctx)
	if err != nil {
		return "", nil, err
	}
	n.VillageCode, n.ReasonText, n.Leader, n.Plan = strings.TrimSpace(n.VillageCode), strings.TrimSpace(n.ReasonText), strings.TrimSpace(n.Leader), strings.TrimSpace(n.Plan)
	if n.VillageCode == "" {
		return "", nil, assets.Wrap(ErrInvalid, "Choose the village.")
	}
	v, err := db.villageByCode(ctx, n.VillageCode)
	if err != nil {
		return "", nil, err
	}
	if n.Year < 2000 || n.Year > 2100 {
		return "", nil, assets.Wrap(ErrInvalid, "The year %d is not valid; write it as 2027.", n.Year)
	}
	reasons, err := checkRectifyWords(&n.Reasons, &n.ReasonText, &n.Leader, &n.Plan)
	if err != nil {
		return "", nil, err
	}
	if len(n.Items) == 0 {
		return "", nil, assets.Wrap(ErrInvalid, "The plan needs at least one item with a deadline.")
	}
	rs, err := db.Rectifications(ctx, v.ID, n.Year)
	if err != nil {
		return "", nil, err
	}
	if len(rs) > 0 {
		return "", nil, assets.Wrap(ErrDuplicateRow, "%s is already under rectification for %d.", v.Name, n.Year)
	}
	items := make([]NewTask, len(n.Items))
	for i, f := range n.Items {
		f.Source = SourceRectify
		if f.Kind == "" {
			f.Kind = TaskRectify
		}
		if f, _, err = f.check(); err != nil {
			return "", nil, &findingError{n: i + 1, err: err}
		}
		items[i] = f
	}
	id := NewID()
	var ids []string
	err = db.Write(ctx, func(tx *Tx) error {
		for i, f := range items {
			got, err := tx.DB().AddTask(ctx, []string{v.Code}, f)
			if err != nil {
				return &findingError{n: i + 1, err: err}
			}
			ids = append(ids, got...)
		}
		_, err := tx.r.Put(ctx, "rectifications", id, map[string]any{"org_id": home.ID, "village_id": v.ID, "year": int64(n.Year),
			"reasons": strings.Join(reasons, ","), "reason_text": n.ReasonText, "leader": n.Leader, "plan": n.Plan,
			"tasks": strings.Join(ids, ","), "created_at": db.now().Format("2006-01-02 15:04"), "created_by": tx.User()})
		return err
	})
	if err != nil {
		return "", nil, err
	}
	return id, ids, nil
}

// checkRectifyWords validates (and trims) the reasons, their words, the 包联 leader and the
// plan in words of a 整顿, and returns the reasons' slugs.
func checkRectifyWords(in *[]string, text, leader, plan *string) ([]string, error) {
	*text, *leader, *plan = strings.TrimSpace(*text), strings.TrimSpace(*leader), strings.TrimSpace(*plan)
	known := map[string]bool{}
	for _, r := range RectifyReasons() {
		known[r] = true
	}
	reasons := []string{}
	for _, r := range *in {
		if r = strings.TrimSpace(r); r == "" {
			continue
		}
		if !known[r] {
			return nil, assets.Wrap(ErrInvalid, "The reason %s is not known; choose from the list (%s).", r, strings.Join(RectifyReasons(), ", "))
		}
		reasons = append(reasons, r)
	}
	if len(reasons) == 0 && *text == "" {
		return nil, assets.Wrap(ErrInvalid, "Give at least one reason why the branch is weak.")
	}
	if *leader == "" {
		return nil, assets.Wrap(ErrInvalid, "Name the leader in charge of the village (包联领导).")
	}
	for _, c := range []struct {
		s   string
		max int
	}{{*text, 500}, {*leader, 50}, {*plan, 2000}} {
		if k := len([]rune(c.s)); k > c.max {
			return nil, assets.Wrap(ErrInvalid, "The text is too long (%d characters; at most %d).", k, c.max)
		}
	}
	return reasons, nil
}

// RecordRectifyEvent records a 约谈, a 列席 or a progress note of an open 整顿.
func (db *DB) RecordRectifyEvent(ctx context.Context, id, kind, day, by, note string) error {
	home, err := db.mayRectify(ctx)
	if err != nil {
		return err
	}
	row, err := db.checkRectifyEvent(ctx, id, kind, day, by, note)
	if err != nil {
		return err
	}
	row["org_id"], row["rectification_id"] = home.ID, id
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "rectification_events", NewID(), row)
		return err
	})
}

// checkRectifyEvent validates an event of the open 整顿 id and returns its row's fields.
func (db *DB) checkRectifyEvent(ctx context.Context, id, kind, day, by, note string) (map[string]any, error) {
	r, err := db.rectification(ctx, id)
	if err != nil {
		return nil, err
	}
	if !r.Open() {
		return nil, assets.Wrap(ErrInvalid, "This rectification was closed on %s.", r.ClosedOn)
	}
	if _, ok := rectifyEventLabels[kind]; !ok {
		return nil, assets.Wrap(ErrInvalid, "The kind %s is not known; write talk (约谈), attend (列席) or progress.", kind)
	}
	d, ok := parseDay(day)
	if !ok {
		return nil, assets.Wrap(ErrInvalid, "The date %s is not a date; write it as YYYY-MM-DD, e.g. 2026-12-31.", day)
	}
	if d.After(db.today()) {
		return nil, assets.Wrap(ErrInvalid, "The date %s is in the future; record it after it took place.", day)
	}
	by, note = strings.TrimSpace(by), strings.TrimSpace(note)
	if note == "" {
		return nil, assets.Wrap(ErrInvalid, "Write what was said or done.")
	}
	if k := len([]rune(note)); k > 2000 {
		return nil, assets.Wrap(ErrInvalid, "The text is too long (%d characters; at most %d).", k, 2000)
	}
	return map[string]any{"deleted": int64(0), "kind": kind, "day": fmtDay(d), "by_person": by, "note": note}, nil
}

// CloseRectification closes (销号) a 整顿 with the review, once every item of its plan is
// accepted.
func (db *DB) CloseRectification(ctx context.Context, id, day, review string) error {
	if _, err := db.mayRectify(ctx); err != nil {
		return err
	}
	r, err := db.rectification(ctx, id)
	if err != nil {
		return err
	}
	if !r.Open() {
		return assets.Wrap(ErrInvalid, "This rectification was closed on %s.", r.ClosedOn)
	}
	if done := r.Done(); done < len(r.Items) {
		return assets.Wrap(ErrInvalid, "%d of the plan's %d items are not accepted yet; accept them in the rectification ledger before closing.", len(r.Items)-done, len(r.Items))
	}
	d, ok := parseDay(day)
	if !ok {
		return assets.Wrap(ErrInvalid, "The date %s is not a date; write it as YYYY-MM-DD, e.g. 2026-12-31.", day)
	}
	if d.After(db.today()) {
		return assets.Wrap(ErrInvalid, "The date %s is in the future; record it after it took place.", day)
	}
	review = strings.TrimSpace(review)
	if review == "" {
		return assets.Wrap(ErrInvalid, "Write the review: what changed in the branch.")
	}
	if k := len([]rune(review)); k > 2000 {
		return assets.Wrap(ErrInvalid, "The text is too long (%d characters; at most %d).", k, 2000)
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "rectifications", id, map[string]any{"closed_on": fmtDay(d), "review": review})
		return err
	})
}

func (db *DB) rectification(ctx context.Context, id string) (Rectification, error) {
	rs, err := db.rectifications(ctx, "", 0, id)
	if err != nil {
		return Rectification{}, err
	}
	if len(rs) == 0 {
		return Rectification{}, assets.Wrap(ErrNotFound, "There is no rectification with ID %s.", id)
	}
	return rs[0], nil
}

// Rectifications lists the 整顿 records, newest year first: on a village its own, on the
// township every village's (or one's); year 0: every year.
func (db *DB) Rectifications(ctx context.Context, villageID string, year int) ([]Rectification, error) {
	return db.rectifications(ctx, villageID, year, "")
}

func (db *DB) rectifications(ctx context.Context, villageID string, year int, id string) ([]Rectification, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return nil, err
	}
	if home.Kind != KindTownship && home.Kind != KindCounty {
		villageID = home.ID
	}
	rs, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (Rectification, error) {
		var r Rectification
		var reasons, tasks string
		err := s.Scan(&r.ID, &r.VillageID, &r.Year, &reasons, &r.ReasonText, &r.Leader, &r.Plan, &tasks, &r.ClosedOn, &r.Review, &r.CreatedAt)
		r.Reasons = splitList(reasons)
		r.taskIDs = splitList(tasks)
		return r, err
	}, `SELECT id, village_id, year, reasons, reason_text, leader, plan, tasks, closed_on, review, created_at FROM rectifications
		WHERE deleted=0 AND (?='' OR village_id=?) AND (?=0 OR year=?) AND (?='' OR id=?) ORDER BY year DESC, created_at DESC, id`,
		villageID, villageID, year, year, id, id)
	if err != nil || len(rs) == 0 {
		return rs, err
	}
	ts, err := db.Tasks(ctx, TaskFilter{VillageID: villageID})
	if err != nil {
		return nil, err
	}
	byID := map[string]Task{}
	for _, t := range ts {
		byID[t.ID] = t
	}
	es, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (struct {
		parent string
		e      RectifyEvent
	}, error) {
		var x struct {
			parent string
			e      RectifyEvent
		}
		return x, s.Scan(&x.parent, &x.e.ID, &x.e.Kind, &x.e.Day, &x.e.By, &x.e.Note)
	}, `SELECT rectification_id, id, kind, day, by_person, note FROM rectification_events WHERE deleted=0 ORDER BY day, id`)
	if err != nil {
		return nil, err
	}
	at := map[string]*Rectification{}
	for i := range rs {
		r := &rs[i]
		at[r.ID] = r
		r.Items, r.Events = []Task{}, []RectifyEvent{}
		for _, tid := range r.taskIDs {
			if t, ok := byID[tid]; ok {
				r.Items = append(r.Items, t)
			}
		}
	}
	for _, x := range es {
		if r := at[x.parent]; r != nil {
			r.Events = append(r.Events, x.e)
		}
	}
	for i := range rs {
		rs[i].Months = rectifyMonths(rs[i])
	}
	return rs, nil
}

// rectifyMonths groups a 整顿's events and accepted items by month.
func rectifyMonths(r Rectification) []RectifyMonth {
	by := map[string]*RectifyMonth{}
	get := func(day string) *RectifyMonth {
		if len(day) < 7 {
			return nil
		}
		m := by[day[:7]]
		if m == nil {
			m = &RectifyMonth{Month: day[:7]}
			by[day[:7]] = m
		}
		return m
	}
	for _, e := range r.Events {
		if m := get(e.Day); m != nil {
			switch e.Kind {
			case RectifyTalk:
				m.Talks++
			case RectifyAttend:
				m.Attended++
			default:
				m.Notes++
			}
		}
	}
	for _, t := range r.Items {
		if t.State == TaskAccepted {
			if m := get(t.Reviewed); m != nil {
				m.Closed++
			}
		}
	}
	out := []RectifyMonth{}
	for _, m := range by {
		out = append(out, *m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Month < out[j].Month })
	return out
}

func splitList(s string) []string {
	out := []string{}
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func init() { RegisterChecker(checkRectify) }

// checkRectify reminds a village under 整顿 in the period's year of its plan's progress.
func checkRectify(ctx context.Context, db *DB, orgID, period string) ([]Finding, error) {
	p, err := ParsePeriod(period)
	if err != nil {
		return nil, err
	}
	rs, err := db.Rectifications(ctx, orgID, p.Year)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, r := range rs {
		if !r.Open() {
			continue
		}
		out = append(out, Finding{Kind: "rectification_open", Severity: SeverityInfo, OrgID: orgID, Subject: r.ID,
			Due: strconv.Itoa(r.Year) + "-12-31", Source: SourceRectifyRule,
			Title:  assets.T("The branch is under rectification as a weak branch in %d: %d of %d items of the plan accepted.", r.Year, r.Done(), len(r.Items)),
			Action: assets.T("Work through the plan's items in the rectification ledger; the township office closes the rectification once all are accepted.")})
	}
	return out, nil
}
