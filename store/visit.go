package store

import (
	"context"
	"strconv"
	"strings"

	"zhibu/assets"
	"zhibu/store/replica"
)

// Supervision visits (督导): the township office visits a village, records when, who went,
// what was checked and what was found, and each finding becomes a task-list item for the
// village (source 督导, linked to the visit) in the same all-or-nothing write. The visit row
// is the township's: it reaches every village with the sync, each village shows only its
// own, and no village can change it (syncpolicy.go refuses a village's change to the table).

// SourceVisit is the source recorded on the items a supervision visit raises: the same word
// a clerk types for items raised by hand after a visit, so the ledger groups them together.
const SourceVisit = "督导"

// Text limits of a visit record.
const (
	MaxVisitorsRunes = 100
	MaxVisitRunes    = 2000 // what was checked; the summary
)

// Visit is one supervision visit, with the items its findings raised.
type Visit struct {
	ID        string `json:"id"`
	VillageID string `json:"village_id"`
	Day       string `json:"date"`
	Visitors  string `json:"visitors"`
	Checked   string `json:"checked"`
	Summary   string `json:"summary"`
	CreatedAt string `json:"created_at"`
	CreatedBy string `json:"created_by"`
	Findings  []Task `json:"findings"`
}

// NewVisit is what recording a visit takes: the village's code and, for each finding, the
// item to raise (its kind defaults to 整改 and its source is 督导).
type NewVisit struct {
	VillageCode                     string
	Day, Visitors, Checked, Summary string
	Findings                        []NewTask
}

// findingError says which finding of a visit is wrong.
type findingError struct {
	n   int
	err error
}

func (e *findingError) Error() string   { return "finding " + strconv.Itoa(e.n) + ": " + e.err.Error() }
func (e *findingError) Unwrap() error   { return e.err }
func (e *findingError) Chinese() string { return assets.T("Finding %d: ", e.n) + assets.Chinese(e.err) }

// AddVisit records a supervision visit and raises an item for each finding, all in one
// write: if the visit or any finding is wrong nothing is written. Only a township
// administrator records visits. It returns the visit's ID and the items' IDs.
func (db *DB) AddVisit(ctx context.Context, n NewVisit) (string, []string, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return "", nil, err
	}
	if home.Kind != KindTownship {
		return "", nil, assets.Wrap(ErrDenied, "Supervision visits are recorded by the township office.")
	}
	if err := db.mayAdmin(ctx); err != nil {
		return "", nil, assets.Wrap(ErrDenied, "Only a township administrator records supervision visits.")
	}
	n.VillageCode, n.Visitors = strings.TrimSpace(n.VillageCode), strings.TrimSpace(n.Visitors)
	n.Checked, n.Summary = strings.TrimSpace(n.Checked), strings.TrimSpace(n.Summary)
	if n.VillageCode == "" {
		return "", nil, assets.Wrap(ErrInvalid, "Choose the village that was visited.")
	}
	v, err := db.villageByCode(ctx, n.VillageCode)
	if err != nil {
		return "", nil, err
	}
	day, ok := parseDay(n.Day)
	if !ok {
		return "", nil, assets.Wrap(ErrInvalid, "The date %s is not a date; write it as YYYY-MM-DD, e.g. 2026-12-31.", n.Day)
	}
	if day.After(db.today()) {
		return "", nil, assets.Wrap(ErrInvalid, "The date of the visit %s is in the future; record a visit after it took place.", n.Day)
	}
	if n.Visitors == "" {
		return "", nil, assets.Wrap(ErrInvalid, "Enter who made the visit.")
	}
	if k := len([]rune(n.Visitors)); k > MaxVisitorsRunes {
		return "", nil, assets.Wrap(ErrInvalid, "The names of the visitors are too long (%d characters; at most %d).", k, MaxVisitorsRunes)
	}
	if n.Checked == "" {
		return "", nil, assets.Wrap(ErrInvalid, "Enter what was checked on the visit.")
	}
	for _, s := range []string{n.Checked, n.Summary} {
		if k := len([]rune(s)); k > MaxVisitRunes {
			return "", nil, assets.Wrap(ErrInvalid, "The text is too long (%d characters; at most %d).", k, MaxVisitRunes)
		}
	}
	n.Findings = append([]NewTask(nil), n.Findings...)
	for i, f := range n.Findings {
		if f.Source == "" {
			f.Source = SourceVisit
		}
		if f, _, err = f.check(); err != nil {
			return "", nil, &findingError{n: i + 1, err: err}
		}
		n.Findings[i] = f
	}
	id := NewID()
	var ids []string
	err = db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.r.Put(ctx, "visits", id, map[string]any{"org_id": home.ID, "village_id": v.ID, "day": fmtDay(day),
			"visitors": n.Visitors, "checked": n.Checked, "summary": n.Summary,
			"created_at": db.now().Format("2006-01-02 15:04"), "created_by": tx.User()}); err != nil {
			return err
		}
		for i, f := range n.Findings {
			f.visitID = id
			got, err := tx.DB().AddTask(ctx, []string{v.Code}, f)
			if err != nil {
				return &findingError{n: i + 1, err: err}
			}
			ids = append(ids, got...)
		}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	return id, ids, nil
}

// Visits lists the supervision visits, newest first, each with the items it raised: on a
// village PC its own, on the township every village's (or one's, villageID not "").
func (db *DB) Visits(ctx context.Context, villageID string) ([]Visit, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return nil, err
	}
	q := "SELECT id, village_id, day, visitors, checked, summary, created_at, created_by FROM visits WHERE deleted=0"
	var args []any
	if home.Kind != KindTownship {
		q += " AND village_id=?"
		args = append(args, home.ID)
	}
	if villageID != "" {
		q += " AND village_id=?"
		args = append(args, villageID)
	}
	vs, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (Visit, error) {
		var v Visit
		return v, s.Scan(&v.ID, &v.VillageID, &v.Day, &v.Visitors, &v.Checked, &v.Summary, &v.CreatedAt, &v.CreatedBy)
	}, q+" ORDER BY day DESC, created_at DESC, id", args...)
	if err != nil {
		return nil, err
	}
	ts, err := db.Tasks(ctx, TaskFilter{VillageID: villageID})
	if err != nil {
		return nil, err
	}
	byVisit := map[string][]Task{}
	for _, t := range ts {
		if t.VisitID != "" {
			byVisit[t.VisitID] = append(byVisit[t.VisitID], t)
		}
	}
	for i := range vs {
		vs[i].Findings = byVisit[vs[i].ID]
		if vs[i].Findings == nil {
			vs[i].Findings = []Task{}
		}
	}
	return vs, nil
}
