package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"zhibu/assets"
	"zhibu/store/cnid"
	"zhibu/store/replica"
)

// 发展党员: candidates and the steps they have taken. A candidate belongs to the branch that
// develops them; each step is a row of candidate_steps (step 6, the half-yearly assessment,
// may be recorded several times). When the higher committee approves (step 17) the
// candidate's member file is made (预备党员, joined on the day of the branch meeting, step
// 15); when full membership is approved (step 24) the file becomes 正式党员.

var stepSpace = uuid.MustParse("6f7a6869-6275-5374-6570-000000000000")

func stepID(candidateID string, step int, date string) string {
	key := fmt.Sprintf("%s\x00%d", candidateID, step)
	if step == 6 {
		key += "\x00" + date // assessments repeat: one per date
	}
	return uuid.NewSHA1(stepSpace, []byte(key)).String()
}

// Candidate is a person in the 发展党员 pipeline with the steps taken so far.
type Candidate struct {
	ID        string       `json:"id"`
	OrgID     string       `json:"org_id"`
	Name      string       `json:"name"`
	Gender    string       `json:"gender"`
	BirthDate string       `json:"birth_date"`
	IDNumber  string       `json:"id_number"`
	Phone     string       `json:"phone"`
	State     string       `json:"state"`     // active, dropped, done
	Extension int          `json:"extension"` // months the probation was extended
	MemberID  string       `json:"member_id"`
	Notes     string       `json:"notes"`
	Steps     []StepRecord `json:"steps"`
	// The extension's 支部大会 decision and 上级党委 approval (党章 第七条); "" none.
	ExtensionDecidedOn  string `json:"extension_decided_on,omitempty"`
	ExtensionApprovedOn string `json:"extension_approved_on,omitempty"`
}

// StepRecord is one recorded step.
type StepRecord struct {
	ID       string `json:"id"`
	Step     int    `json:"step"`
	Date     string `json:"date"`
	Note     string `json:"note"`
	By       string `json:"by"`     // responsible person
	People   string `json:"people"` // contact persons (5) or introducers (9), comma separated
	Hours    int    `json:"hours"`  // training class hours (11)
	Days     int    `json:"days"`   // training days (11)
	VotesFor int    `json:"votes_for"`
	Voters   int    `json:"voters"`  // full members entitled to vote (15, 23)
	Present  int    `json:"present"` // voting members present at the meeting (15, 23)
	// Warning: the step was recorded after its deadline (set by RecordStep, not stored: the
	// check lists it again from the dates).
	Warning string `json:"warning,omitempty"`
}

// last returns the latest record of a step (nil if none).
func (c *Candidate) last(step int) *StepRecord {
	var out *StepRecord
	for i := range c.Steps {
		s := &c.Steps[i]
		if s.Step == step && (out == nil || s.Date > out.Date) {
			out = s
		}
	}
	return out
}

// Has reports whether a step was recorded.
func (c *Candidate) Has(step int) bool { return c.last(step) != nil }

// DateOf returns a step's (latest) date, zero if not recorded.
func (c *Candidate) DateOf(step int) time.Time {
	if s := c.last(step); s != nil {
		t, _ := parseDay(s.Date)
		return t
	}
	return time.Time{}
}

// Stage is the stage the candidate is in (1–5), from the last step taken.
func (c *Candidate) Stage() int {
	stage := 1
	for _, s := range pipelineOrder {
		if c.Has(s.N) {
			stage = s.Stage
		}
	}
	return stage
}

// CandidateInput describes a new candidate.
type CandidateInput struct {
	OrgID     string
	Name      string
	Gender    string
	BirthDate string
	IDNumber  string
	Phone     string
	Notes     string
	Applied   string // date of the application (step 1), if handed in already
}

// AddCandidate records a new candidate (before or with their application) and returns the ID.
func (db *DB) AddCandidate(ctx context.Context, in CandidateInput) (string, error) {
	in.Name = strings.Join(strings.Fields(in.Name), "")
	if in.Name == "" {
		return "", assets.Wrap(ErrInvalid, "Enter the candidate's name.")
	}
	if in.IDNumber != "" {
		info, err := cnid.ValidateAt(in.IDNumber, db.now())
		if err != nil {
			return "", assets.Wrap(ErrInvalid, "The ID number %s is not valid. Check it against the ID card.", in.IDNumber)
		}
		in.IDNumber = cnid.Normalize(in.IDNumber)
		if in.BirthDate == "" {
			in.BirthDate = info.BirthDate.Format(time.DateOnly)
		}
		if in.Gender == "" {
			in.Gender = "female"
			if info.Male {
				in.Gender = "male"
			}
		}
	}
	if _, ok := parseDay(in.BirthDate); !ok {
		return "", assets.Wrap(ErrInvalid, "Enter the candidate's birth date (YYYY-MM-DD) or ID number: an applicant must be at least 18.")
	}
	if g, ok := Gender.Parse(in.Gender); ok {
		in.Gender = g
	} else {
		return "", assets.Wrap(ErrInvalid, "The gender must be male (男) or female (女).")
	}
	if in.OrgID == "" {
		home, err := db.Home(ctx)
		if err != nil {
			return "", err
		}
		in.OrgID = home.ID
	}
	id := NewID()
	var applied time.Time
	if in.Applied != "" {
		var ok bool
		if applied, ok = parseDay(in.Applied); !ok {
			return "", assets.Wrap(ErrInvalid, "The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-10-01.", in.Applied)
		}
		if applied.After(db.today()) {
			return "", assets.Wrap(ErrInvalid, "The date %s is in the future; record a step on the day it is done.", in.Applied)
		}
		f, err := db.PipelineFigures(ctx)
		if err != nil {
			return "", err
		}
		earliest, why, _ := f.Earliest(&Candidate{BirthDate: in.BirthDate}, 1)
		if applied.Before(earliest) {
			return "", assets.Wrap(ErrInvalid, "Step %s cannot be on %s: %s. The earliest allowed date is %s.", "1", in.Applied, why, fmtDay(earliest))
		}
	}
	err := db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.r.Put(ctx, "candidates", id, map[string]any{"org_id": in.OrgID, "name": in.Name, "gender": in.Gender,
			"birth_date": in.BirthDate, "id_number": in.IDNumber, "phone": strings.TrimSpace(in.Phone), "state": "active",
			"extension": int64(0), "member_id": "", "notes": strings.TrimSpace(in.Notes)}); err != nil {
			return err
		}
		if applied.IsZero() {
			return nil
		}
		_, err := tx.r.Put(ctx, "candidate_steps", stepID(id, 1, ""), map[string]any{"org_id": in.OrgID, "candidate_id": id,
			"step": int64(1), "date": fmtDay(applied)})
		return err
	})
	return id, err
}

// bind ties the candidates columns (the table's descriptor) to the fields of c that hold them.
func (c *Candidate) bind() *binding {
	return bind("candidates", &c.ID, map[string]any{"org_id": &c.OrgID, "name": &c.Name, "gender": &c.Gender,
		"birth_date": &c.BirthDate, "id_number": &c.IDNumber, "phone": &c.Phone, "state": &c.State, "extension": &c.Extension,
		"member_id": &c.MemberID, "notes": &c.Notes, "extension_decided_on": &c.ExtensionDecidedOn,
		"extension_approved_on": &c.ExtensionApprovedOn}, nil)
}

func scanCandidate(s interface{ Scan(...any) error }) (Candidate, error) {
	var c Candidate
	err := c.bind().scan(s)
	return c, err
}

// stepRow is a candidate_steps row: the step and the candidate it belongs to.
type stepRow struct {
	candidate string
	s         StepRecord
}

// bind ties the candidate_steps columns (the table's descriptor) to the fields of r.
func (r *stepRow) bind() *binding {
	s := &r.s
	return bind("candidate_steps", &s.ID, map[string]any{"candidate_id": &r.candidate, "step": &s.Step, "date": &s.Date,
		"note": &s.Note, "by_person": &s.By, "people": &s.People, "hours": &s.Hours, "days": &s.Days, "votes_for": &s.VotesFor,
		"voters": &s.Voters, "present": &s.Present}, nil)
}

// Candidate returns a candidate with every step recorded.
func (db *DB) Candidate(ctx context.Context, id string) (Candidate, error) {
	c, err := scanCandidate(db.sql.QueryRowContext(ctx, "SELECT "+mustTable("candidates").selectList()+" FROM candidates WHERE id=? AND deleted=0", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, assets.Wrap(ErrNotFound, "There is no candidate with ID %s.", id)
	}
	if err != nil {
		return c, err
	}
	c.Steps, err = db.candidateSteps(ctx, id)
	db.maskCandidate(ctx, &c)
	return c, err
}

func (db *DB) candidateSteps(ctx context.Context, id string) ([]StepRecord, error) {
	rows, err := selectBound(ctx, db.sql, "candidate_steps", (*stepRow).bind, "candidate_id=? AND deleted=0 ORDER BY date, step, rowid", id)
	out := make([]StepRecord, len(rows))
	for i := range rows {
		out[i] = rows[i].s
	}
	return out, err
}

// Candidates lists an organisation's candidates ("" for all) still in the pipeline (all:
// also those dropped or finished), by name.
func (db *DB) Candidates(ctx context.Context, orgID string, all bool) ([]Candidate, error) {
	which := "deleted=0 AND (?='' OR org_id=?)"
	if !all {
		which += " AND state='active'"
	}
	out, err := replica.Collect(ctx, db.sql, scanCandidate, "SELECT "+mustTable("candidates").selectList()+" FROM candidates WHERE "+which+" ORDER BY name, id", orgID, orgID)
	if err != nil || len(out) == 0 {
		return nil, err
	}
	// Every listed candidate's steps in one query (not one per candidate).
	steps, err := selectBound(ctx, db.sql, "candidate_steps", (*stepRow).bind,
		"deleted=0 AND candidate_id IN (SELECT id FROM candidates WHERE "+which+") ORDER BY date, step, rowid", orgID, orgID)
	if err != nil {
		return nil, err
	}
	at := make(map[string]*Candidate, len(out))
	for i := range out {
		out[i].Steps = []StepRecord{}
		at[out[i].ID] = &out[i]
	}
	for _, st := range steps {
		if c := at[st.candidate]; c != nil {
			c.Steps = append(c.Steps, st.s)
		}
	}
	for i := range out {
		db.maskCandidate(ctx, &out[i])
	}
	return out, nil
}

// DropCandidate takes a candidate out of the pipeline (the records stay).
func (db *DB) DropCandidate(ctx context.Context, id, reason string) error {
	c, err := db.Candidate(ctx, id)
	if err != nil {
		return err
	}
	notes := strings.TrimSpace(c.Notes + "\n" + reason)
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "candidates", id, map[string]any{"state": "dropped", "notes": notes})
		return err
	})
}
