package store

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"zhibu/assets"
	"zhibu/store/replica"
)

// Task lists and rectification (问题清单 / 任务清单, 整改台账): the township (or a village for
// itself) raises an item for a village with an owner and a deadline; the village records
// progress notes and marks it done with evidence; whoever raised it accepts it (closed) or
// returns it with a reason (open again). The item row belongs to whoever raised it, so the
// township's items reach every village with the next sync and a village shows only its own;
// the village's notes are rows of its own (task_events) that sync back up. Every step is a
// change in the engine's log, which is the audit trail.

func init() {
	RegisterChecker(checkTasks)
}

// Kinds of task-list items.
const (
	TaskProblem = "problem" // 问题
	TaskTask    = "task"    // 任务
	TaskRectify = "rectify" // 整改
)

// States of an item, derived from its events and review.
const (
	TaskOpen     = "open"     // not done yet (or returned)
	TaskDone     = "done"     // the village marked it done; awaiting review
	TaskAccepted = "accepted" // closed
)

var taskKindLabels = map[string]string{TaskProblem: "Problem", TaskTask: "Task", TaskRectify: "Rectification"}
var taskStateLabels = map[string]string{TaskOpen: "Not done yet", TaskDone: "Done, awaiting review", TaskAccepted: "Accepted"}

// TaskKindLabel names an item's kind in Chinese.
func TaskKindLabel(kind string) string { return assets.T(taskKindLabels[kind]) }

// TaskStateLabel names an item's state in Chinese (returned and overdue items say so).
func TaskStateLabel(t Task) string {
	switch {
	case t.Overdue:
		return assets.T("Overdue")
	case t.State == TaskOpen && t.Returned:
		return assets.T("Returned")
	}
	return assets.T(taskStateLabels[t.State])
}

// TaskKinds lists the kinds in order.
func TaskKinds() []string { return []string{TaskProblem, TaskTask, TaskRectify} }

// Task is one item of a task list.
type Task struct {
	ID        string      `json:"id"`
	OrgID     string      `json:"raised_by"` // the organisation that raised it
	VillageID string      `json:"village_id"`
	Kind      string      `json:"kind"`
	Title     string      `json:"title"`
	Detail    string      `json:"detail"`
	Owner     string      `json:"owner"`
	Source    string      `json:"source"`
	Due       string      `json:"due"`
	Evidence  string      `json:"evidence"`           // what the village must show to have it accepted
	VisitID   string      `json:"visit_id,omitempty"` // the supervision visit that raised it
	CreatedAt string      `json:"created_at"`
	State     string      `json:"state"`   // open, done or accepted
	Overdue   bool        `json:"overdue"` // open and past its deadline
	DaysLeft  int         `json:"days_left"`
	Returned  bool        `json:"returned"` // open again after a return
	Reason    string      `json:"reason,omitempty"`
	DoneOn    string      `json:"done_on,omitempty"`
	Reviewed  string      `json:"reviewed_at,omitempty"`
	Events    []TaskEvent `json:"events"`

	review, reviewOf string
}

// TaskEvent is a progress note or the completion of an item.
type TaskEvent struct {
	ID        string `json:"id"`
	Kind      string `json:"kind"` // progress or done
	Day       string `json:"date"`
	Note      string `json:"note"`
	At        string `json:"at"`
	By        string `json:"by"`
	PhotoName string `json:"photo,omitempty"`
}

// NewTask is what raising an item takes.
type NewTask struct {
	Kind, Title, Detail, Owner, Source, Due string
	Evidence                                string // the evidence required, optional

	visitID string // the visit whose finding it is (AddVisit)
}

// MaxEvidenceRunes bounds the evidence an item requires: a sentence or two.
const MaxEvidenceRunes = 200

// AddTask raises an item for each village with the codes ("all" on a township: every
// village) and returns the new IDs. A township raises items for its villages; a village
// only for itself.
func (db *DB) AddTask(ctx context.Context, codes []string, n NewTask) ([]string, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return nil, err
	}
	if home.Kind == KindTownship {
		if err := db.mayAdmin(ctx); err != nil {
			return nil, assets.Wrap(ErrDenied, "Only a township administrator raises items for the villages.")
		}
	} else if err := db.mayWrite(ctx); err != nil {
		return nil, err
	}
	n, due, err := n.check()
	if err != nil {
		return nil, err
	}
	var villages []Org
	for _, c := range codes {
		if c = strings.TrimSpace(c); c == "" {
			continue
		}
		if c == "all" && home.Kind == KindTownship {
			vs, err := db.Orgs(ctx, KindVillage)
			if err != nil {
				return nil, err
			}
			gs, err := db.Orgs(ctx, KindGeneralBranch)
			if err != nil {
				return nil, err
			}
			villages = append(villages, append(vs, gs...)...)
			continue
		}
		if home.Kind != KindTownship && c != home.Code {
			return nil, assets.Wrap(ErrDenied, "A village raises items only for itself; the township raises them for other villages.")
		}
		o, err := db.villageByCode(ctx, c)
		if err != nil {
			return nil, err
		}
		villages = append(villages, o)
	}
	if len(villages) == 0 {
		return nil, assets.Wrap(ErrInvalid, "Give the village the item is for (its code, or all for every village).")
	}
	now := db.now().Format("2006-01-02 15:04")
	var ids []string
	err = db.Write(ctx, func(tx *Tx) error {
		for _, v := range villages {
			id := NewID()
			if _, err := tx.r.Put(ctx, "tasks", id, map[string]any{"org_id": home.ID, "village_id": v.ID, "kind": n.Kind,
				"title": n.Title, "detail": n.Detail, "owner": n.Owner, "source": n.Source, "due": fmtDay(due), "created_at": now,
				"evidence": n.Evidence, "visit_id": n.visitID}); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// check trims an item's text and validates it, returning its deadline.
func (n NewTask) check() (NewTask, time.Time, error) {
	if n.Kind == "" {
		n.Kind = TaskRectify
	}
	if _, ok := taskKindLabels[n.Kind]; !ok {
		return n, time.Time{}, assets.Wrap(ErrInvalid, "The kind %s is not known; write problem, task or rectify.", n.Kind)
	}
	n.Title, n.Detail, n.Owner, n.Source = strings.TrimSpace(n.Title), strings.TrimSpace(n.Detail), strings.TrimSpace(n.Owner), strings.TrimSpace(n.Source)
	n.Evidence = strings.TrimSpace(n.Evidence)
	if n.Title == "" {
		return n, time.Time{}, assets.Wrap(ErrInvalid, "Enter what the item is (its title).")
	}
	if k := len([]rune(n.Title)); k > 100 {
		return n, time.Time{}, assets.Wrap(ErrInvalid, "The title is too long (%d characters; at most %d).", k, 100)
	}
	if k := len([]rune(n.Evidence)); k > MaxEvidenceRunes {
		return n, time.Time{}, assets.Wrap(ErrInvalid, "The evidence required is too long (%d characters; at most %d). Say briefly what the village must show.", k, MaxEvidenceRunes)
	}
	due, ok := parseDay(n.Due)
	if !ok {
		return n, time.Time{}, assets.Wrap(ErrInvalid, "The deadline %s is not a date; write it as YYYY-MM-DD, e.g. 2026-12-31.", n.Due)
	}
	return n, due, nil
}

// TaskFilter chooses the items Tasks lists.
type TaskFilter struct {
	VillageID string // "" for every village this PC sees
	State     string // "", open, done, accepted or overdue
	VisitID   string // "" or the supervision visit whose findings to list
}

// Tasks lists the items, soonest deadline first: on a village PC its own, on the township
// every village's (or one's).
func (db *DB) Tasks(ctx context.Context, f TaskFilter) ([]Task, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return nil, err
	}
	q := "SELECT id, org_id, village_id, kind, title, detail, owner, source, due, evidence, visit_id, created_at, review, review_of, reviewed_at, reason FROM tasks WHERE deleted=0"
	var args []any
	if home.Kind != KindTownship {
		q += " AND village_id=?"
		args = append(args, home.ID)
	}
	if f.VillageID != "" {
		q += " AND village_id=?"
		args = append(args, f.VillageID)
	}
	if f.VisitID != "" {
		q += " AND visit_id=?"
		args = append(args, f.VisitID)
	}
	ts, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (Task, error) {
		var t Task
		return t, s.Scan(&t.ID, &t.OrgID, &t.VillageID, &t.Kind, &t.Title, &t.Detail, &t.Owner, &t.Source, &t.Due, &t.Evidence, &t.VisitID, &t.CreatedAt,
			&t.review, &t.reviewOf, &t.Reviewed, &t.Reason)
	}, q+" ORDER BY due, created_at, id", args...)
	if err != nil {
		return nil, err
	}
	evs, err := db.taskEvents(ctx)
	if err != nil {
		return nil, err
	}
	today := db.today()
	out := []Task{}
	for _, t := range ts {
		t.Events = evs[t.ID]
		if t.Events == nil {
			t.Events = []TaskEvent{}
		}
		t.derive(today)
		if f.State == "" || f.State == t.State || f.State == "overdue" && t.Overdue {
			out = append(out, t)
		}
	}
	return out, nil
}

// derive sets the state from the events and the review: the latest completion makes the item
// done, unless the review of it accepted it (closed) or returned it (open again); an item
// returned before the village marked it done (a reminder with a reason) stays open.
func (t *Task) derive(today time.Time) {
	t.State = TaskOpen
	var last TaskEvent
	for _, e := range t.Events {
		if e.Kind == "done" {
			last = e
		}
	}
	t.DoneOn = last.Day
	reviewed := t.reviewOf == last.ID && t.review != ""
	switch {
	case reviewed && t.review == "accepted":
		t.State = TaskAccepted
	case reviewed && t.review == "returned":
		t.Returned = true
	case last.ID != "":
		t.State = TaskDone
	}
	if !t.Returned {
		t.Reason = ""
	}
	if due, ok := parseDay(t.Due); ok {
		t.DaysLeft = int(due.Sub(today).Hours() / 24)
		t.Overdue = t.State == TaskOpen && today.After(due)
	}
}

func (db *DB) taskEvents(ctx context.Context) (map[string][]TaskEvent, error) {
	type row struct {
		task string
		e    TaskEvent
	}
	rows, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (row, error) {
		var r row
		return r, s.Scan(&r.task, &r.e.ID, &r.e.Kind, &r.e.Day, &r.e.Note, &r.e.At, &r.e.By, &r.e.PhotoName)
	}, "SELECT task_id, id, kind, day, note, at, by_user, photo_name FROM task_events WHERE deleted=0 ORDER BY at, id")
	if err != nil {
		return nil, err
	}
	out := map[string][]TaskEvent{}
	for _, r := range rows {
		out[r.task] = append(out[r.task], r.e)
	}
	return out, nil
}

// Task returns one item by ID, as Tasks would list it.
func (db *DB) Task(ctx context.Context, id string) (Task, error) {
	ts, err := db.Tasks(ctx, TaskFilter{})
	if err != nil {
		return Task{}, err
	}
	for _, t := range ts {
		if t.ID == id {
			return t, nil
		}
	}
	return Task{}, assets.Wrap(ErrNotFound, "There is no item with ID %s.", id)
}

// TaskProgress records a progress note by the village the item is for.
func (db *DB) TaskProgress(ctx context.Context, id, note string) error {
	return db.taskEvent(ctx, id, "progress", fmtDay(db.today()), note, "", nil)
}

// TaskDone marks an item done on a day with a note and an optional photo (JPEG or PNG of
// at most MaxPhotoBytes) as evidence.
func (db *DB) TaskDone(ctx context.Context, id, day, note, photoName string, photo []byte) error {
	d, ok := parseDay(day)
	if !ok {
		return assets.Wrap(ErrInvalid, "The date %s is not a date; write it as YYYY-MM-DD, e.g. 2026-12-31.", day)
	}
	if d.After(db.today()) {
		return assets.Wrap(ErrInvalid, "The date %s is in the future; give the day the item was done.", day)
	}
	if len(photo) > 0 {
		if len(photo) > MaxPhotoBytes {
			return assets.Wrap(ErrInvalid, "The photo %s is too large (%.1f MB; at most 1 MB). Make it smaller, e.g. send it to yourself by WeChat and save that copy, then add it again.",
				filepath.Base(photoName), float64(len(photo))/(1<<20))
		}
		if _, err := decodePhoto(photoName, photo); err != nil {
			return err
		}
	}
	return db.taskEvent(ctx, id, "done", fmtDay(d), note, filepath.Base(photoName), photo)
}

func (db *DB) taskEvent(ctx context.Context, id, kind, day, note, photoName string, photo []byte) error {
	home, err := db.Home(ctx)
	if err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	if note == "" {
		return assets.Wrap(ErrInvalid, "Write a note saying what was done.")
	}
	return db.Write(ctx, func(tx *Tx) error {
		t, err := tx.DB().Task(ctx, id)
		if err != nil {
			return err
		}
		if t.VillageID != home.ID {
			return assets.Wrap(ErrDenied, "Progress and completion are recorded by the village the item is for, on its own PC.")
		}
		if t.State == TaskAccepted {
			return assets.Wrap(ErrInvalid, "The item \"%s\" was accepted and is closed.", t.Title)
		}
		if kind == "done" && t.State == TaskDone {
			return assets.Wrap(ErrInvalid, "The item \"%s\" is already marked done and awaits review.", t.Title)
		}
		row := map[string]any{"org_id": home.ID, "task_id": id, "kind": kind, "day": day, "note": note,
			"at": db.now().Format("2006-01-02 15:04:05"), "by_user": tx.User()}
		if len(photo) > 0 {
			row["photo_name"], row["photo"] = photoName, photo
		}
		_, err = tx.r.Put(ctx, "task_events", NewID(), row)
		return err
	})
}

// TaskPhoto returns the evidence photo of a completion.
func (db *DB) TaskPhoto(ctx context.Context, eventID string) (string, []byte, error) {
	var name string
	var b []byte
	if err := db.sql.QueryRowContext(ctx, "SELECT photo_name, photo FROM task_events WHERE id=? AND deleted=0", eventID).Scan(&name, &b); err != nil || len(b) == 0 {
		return "", nil, assets.Wrap(ErrNotFound, "This entry has no photo.")
	}
	return name, b, nil
}

// AcceptTask closes an item the village marked done. Only the organisation that raised an
// item reviews it (for the township's items, an administrator).
func (db *DB) AcceptTask(ctx context.Context, id string) error {
	return db.reviewTask(ctx, id, "accepted", "")
}

// ReturnTask sends an item back to the village with a reason: one marked done is open again;
// one not done yet stays open with the reason (what is still missing).
func (db *DB) ReturnTask(ctx context.Context, id, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return assets.Wrap(ErrInvalid, "Give the reason for returning the item, so the village knows what is missing.")
	}
	return db.reviewTask(ctx, id, "returned", reason)
}

func (db *DB) reviewTask(ctx context.Context, id, review, reason string) error {
	home, err := db.Home(ctx)
	if err != nil {
		return err
	}
	if home.Kind == KindTownship {
		if err := db.mayAdmin(ctx); err != nil {
			return assets.Wrap(ErrDenied, "Only a township administrator accepts or returns items.")
		}
	}
	return db.Write(ctx, func(tx *Tx) error {
		t, err := tx.DB().Task(ctx, id)
		if err != nil {
			return err
		}
		if t.OrgID != home.ID {
			return assets.Wrap(ErrDenied, "Only the township office that raised the item accepts or returns it.")
		}
		switch {
		case t.State == TaskAccepted:
			return assets.Wrap(ErrInvalid, "The item \"%s\" was accepted and is closed.", t.Title)
		case review == "accepted" && t.State != TaskDone:
			return assets.Wrap(ErrInvalid, "The item \"%s\" is not marked done yet; it can be accepted once the village has done it.", t.Title)
		}
		var last string
		for _, e := range t.Events {
			if e.Kind == "done" {
				last = e.ID
			}
		}
		_, err = tx.r.Put(ctx, "tasks", id, map[string]any{"review": review, "review_of": last, "reason": reason,
			"reviewed_at": db.now().Format("2006-01-02 15:04"), "reviewed_by": tx.User()})
		return err
	})
}

// checkTasks finds a village's overdue items.
func checkTasks(ctx context.Context, db *DB, orgID, period string) ([]Finding, error) {
	ts, err := db.Tasks(ctx, TaskFilter{VillageID: orgID, State: "overdue"})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].Due < ts[j].Due })
	var out []Finding
	for _, t := range ts {
		out = append(out, Finding{Kind: "task_overdue", Severity: "alarm", OrgID: orgID, Subject: t.ID, Due: t.Due,
			Title:  assets.T("The item \"%s\" (%s) is past its deadline %s.", t.Title, TaskKindLabel(t.Kind), t.Due),
			Action: assets.T("Finish it and record it as done with evidence (整改台账), or ask the township office for more time.")})
	}
	return out, nil
}
