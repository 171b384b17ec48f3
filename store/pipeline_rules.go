package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"zhibu/assets"
	"zhibu/store/rules"
)

// PipelineFigures are the rules in force for the pipeline (store/rules/pipeline.go).
type PipelineFigures struct {
	MinAge, InterviewMonths, ActivistMonths, AssessmentMonths   int
	TrainingDays, TrainingHours, PublicityDays, ApprovalMonths  int
	ProbationMonths, MaxExtension, ApplyBeforeDays, DueSoonDays int
	MinExtension, ConfirmWindow                                 int
	Cal                                                         *Calendar
}

// PipelineFigures loads the figures and the working-day calendar.
func (db *DB) PipelineFigures(ctx context.Context) (PipelineFigures, error) {
	var f PipelineFigures
	for _, x := range []struct {
		p   *int
		key string
	}{{&f.MinAge, rules.PipelineMinAge.Key}, {&f.InterviewMonths, rules.PipelineInterview.Key},
		{&f.ActivistMonths, rules.PipelineActivist.Key}, {&f.AssessmentMonths, rules.PipelineAssessment.Key},
		{&f.TrainingDays, rules.PipelineTrainingDays.Key}, {&f.TrainingHours, rules.PipelineTrainingHours.Key},
		{&f.PublicityDays, rules.PipelinePublicity.Key}, {&f.ApprovalMonths, rules.PipelineApproval.Key},
		{&f.ProbationMonths, rules.PipelineProbation.Key}, {&f.MaxExtension, rules.PipelineMaxExtension.Key},
		{&f.ApplyBeforeDays, rules.PipelineApplyBefore.Key}, {&f.DueSoonDays, rules.PipelineDueSoon.Key},
		{&f.MinExtension, rules.PipelineMinExtension.Key}, {&f.ConfirmWindow, rules.PipelineConfirmWindow.Key}} {
		n, err := db.ruleInt(ctx, x.key)
		if err != nil {
			return f, err
		}
		*x.p = n
	}
	cal, err := db.Calendar(ctx)
	f.Cal = cal
	return f, err
}

// PublicityEnd is the last day of a 公示 that started on the step's date (zero if none).
func (f PipelineFigures) PublicityEnd(c *Candidate, step int) time.Time {
	start := c.DateOf(step)
	if start.IsZero() {
		return start
	}
	return f.Cal.WorkdaysEnd(start, f.PublicityDays)
}

// publicityWarning is " (warning…)" when the 公示 of the step runs through a year whose
// holidays the calendar does not hold, else "".
func (f PipelineFigures) publicityWarning(c *Candidate, step int) string {
	start := c.DateOf(step)
	if start.IsZero() {
		return ""
	}
	if w := f.Cal.UnknownYearWarning(start, f.PublicityEnd(c, step)); w != "" {
		return assets.T(" (%s)", w)
	}
	return ""
}

// ProbationEnd is the day the probation ends: one year (plus any extension) from the branch
// meeting that accepted the member (step 15); zero before step 15.
func (f PipelineFigures) ProbationEnd(c *Candidate) time.Time {
	s15 := c.DateOf(15)
	if s15.IsZero() {
		return s15
	}
	return addMonths(s15, f.ProbationMonths+c.Extension)
}

// ConfirmBy is the last day of the window for the 转正 branch meeting (zero before step 15).
func (f PipelineFigures) ConfirmBy(c *Candidate) time.Time {
	end := f.ProbationEnd(c)
	if end.IsZero() {
		return end
	}
	return addMonths(end, f.ConfirmWindow)
}

// StepRule is the rule a step's timing follows: its deadline's rule, else the rule of its
// earliest date; the 细则's order of steps for the others.
func StepRule(step int) rules.Rule {
	switch step {
	case 1:
		return rules.PipelineMinAge
	case 2:
		return rules.PipelineInterview
	case 6:
		return rules.PipelineAssessment
	case 7:
		return rules.PipelineActivist
	case 11:
		return rules.PipelineTrainingDays
	case StepPublicity, 13, 15, StepConfirmPublicity:
		return rules.PipelinePublicity
	case 17, 24:
		return rules.PipelineApproval
	case 22:
		return rules.PipelineApplyBefore
	case 23:
		return rules.PipelineConfirmWindow
	}
	return rules.Rule{Key: "pipeline.order", Source: "中国共产党发展党员工作细则（2014）"}
}

// lateWarning says a step dated after its deadline is late ("" if it is not).
func (f PipelineFigures) lateWarning(c *Candidate, step int, date time.Time) string {
	d, rule := f.Deadline(c, step)
	if d.IsZero() || !date.After(d) || step == 6 {
		return ""
	}
	return assets.T("Step %s was recorded on %s, after its deadline %s (%s; %s).", stepLabel(step), fmtDay(date), fmtDay(d), rule, StepRule(step).Source)
}

// Earliest returns the earliest date a step may be recorded on and the reason for it, or an
// error naming the step that must come first. Other records of the same step do not count.
func (f PipelineFigures) Earliest(c *Candidate, step int) (time.Time, string, error) {
	idx := stepIndex(step)
	if idx < 0 {
		return time.Time{}, "", assets.Wrap(ErrInvalid, "There is no step %d; the steps are 1 to 25.", step)
	}
	var earliest time.Time
	reason := ""
	later := func(t time.Time, why string) {
		if t.After(earliest) {
			earliest, reason = t, why
		}
	}
	for _, prev := range pipelineOrder[:idx] {
		d := c.DateOf(prev.N)
		if d.IsZero() {
			return time.Time{}, "", assets.Wrap(ErrInvalid, "Step %s must be recorded first: %s.", stepLabel(prev.N), prev.Name())
		}
		later(d, assets.T("not before step %s (%s)", stepLabel(prev.N), fmtDay(d)))
	}
	switch step {
	case 1:
		if b, ok := parseDay(c.BirthDate); ok {
			later(b.AddDate(f.MinAge, 0, 0), assets.T("the applicant must be at least %d years old", f.MinAge))
		}
	case 7:
		later(addMonths(c.DateOf(3), f.ActivistMonths), assets.T("at least %d months as an activist after step 3", f.ActivistMonths))
	case 13, 15:
		// The 发展对象公示 runs before the 预审 (step 13): neither the 预审 nor the branch
		// meeting may fall inside it.
		later(f.PublicityEnd(c, StepPublicity).AddDate(0, 0, 1), assets.T("after the %d-working-day publicity notice ends on %s", f.PublicityDays, fmtDay(f.PublicityEnd(c, StepPublicity)))+f.publicityWarning(c, StepPublicity))
	case 22:
		later(f.ProbationEnd(c).AddDate(0, 0, -f.ApplyBeforeDays), assets.T("at most %d days before the probation ends on %s", f.ApplyBeforeDays, fmtDay(f.ProbationEnd(c))))
	case 23:
		later(f.ProbationEnd(c), assets.T("not before the probation ends on %s", fmtDay(f.ProbationEnd(c))))
		later(f.PublicityEnd(c, StepConfirmPublicity).AddDate(0, 0, 1), assets.T("after the %d-working-day publicity notice ends on %s", f.PublicityDays, fmtDay(f.PublicityEnd(c, StepConfirmPublicity)))+f.publicityWarning(c, StepConfirmPublicity))
	}
	return earliest, reason, nil
}

// Deadline returns the latest date for a step (zero if the rules set none) and the rule.
func (f PipelineFigures) Deadline(c *Candidate, step int) (time.Time, string) {
	switch step {
	case 2:
		if d := c.DateOf(1); !d.IsZero() {
			return addMonths(d, f.InterviewMonths), assets.T("talk within %d month(s) of the application", f.InterviewMonths)
		}
	case 6:
		// While an activist: an assessment at least every few months.
		if c.Has(7) {
			return time.Time{}, ""
		}
		from := c.DateOf(3)
		if d := c.DateOf(6); d.After(from) {
			from = d
		}
		if !from.IsZero() {
			return addMonths(from, f.AssessmentMonths), assets.T("assess the activist at least every %d months", f.AssessmentMonths)
		}
	case 17:
		if d := c.DateOf(15); !d.IsZero() {
			return addMonths(d, f.ApprovalMonths), assets.T("the higher committee approves within %d months of the branch meeting", f.ApprovalMonths)
		}
	case 22, StepConfirmPublicity, 23:
		// 细则 第三十二条: the branch discusses it 及时 after the probation ends: within the
		// window (local setting, default one month).
		if d := f.ProbationEnd(c); !d.IsZero() {
			return f.ConfirmBy(c), assets.T("the probation ends on %s; the branch meeting is held within %d month(s)", fmtDay(d), f.ConfirmWindow)
		}
	case 24:
		if d := c.DateOf(23); !d.IsZero() {
			return addMonths(d, f.ApprovalMonths), assets.T("the higher committee approves within %d months of the branch meeting", f.ApprovalMonths)
		}
	}
	return time.Time{}, ""
}

// NextStep is what a candidate does next.
type NextStep struct {
	Step     int    `json:"step"`
	Name     string `json:"name"`
	Earliest string `json:"earliest,omitempty"`
	Reason   string `json:"reason,omitempty"` // why not earlier
	Latest   string `json:"latest,omitempty"`
	Rule     string `json:"rule,omitempty"` // the deadline's rule
}

// Next returns the candidate's next step (Step 0 when all are done).
func (f PipelineFigures) Next(c *Candidate) NextStep {
	for _, s := range pipelineOrder {
		if c.Has(s.N) {
			continue
		}
		n := NextStep{Step: s.N, Name: s.Name()}
		if e, why, err := f.Earliest(c, s.N); err == nil {
			n.Earliest, n.Reason = fmtDay(e), why
		}
		if d, rule := f.Deadline(c, s.N); !d.IsZero() {
			n.Latest, n.Rule = fmtDay(d), rule
		}
		return n
	}
	return NextStep{}
}

func stepLabel(n int) string {
	switch n {
	case StepPublicity:
		return assets.T("publicity (before 13)")
	case StepConfirmPublicity:
		return assets.T("publicity (before 23)")
	}
	return fmt.Sprint(n)
}

// StepInput records one step.
type StepInput struct {
	CandidateID string
	Step        int
	Date        string
	Note        string
	By          string
	People      string // step 5: two contact persons; step 9: two introducers (member IDs or names)
	Hours, Days int    // step 11
	VotesFor    int    // steps 15, 23: in favour, written votes of absent members included (细则 第二十一条)
	Voters      int    // steps 15, 23: full members entitled to vote (0: counted from the roll)
	Present     int    // steps 15, 23: voting members present (细则 第二十条)
}

// RecordStep checks a step against the rules and records it. A step before its earliest
// date is refused with the reason and the earliest date. Step 17 makes the member file
// (预备党员); step 24 makes it 正式党员.
func (db *DB) RecordStep(ctx context.Context, in StepInput) (StepRecord, error) {
	c, err := db.Candidate(ctx, in.CandidateID)
	if err != nil {
		return StepRecord{}, err
	}
	if c.State != "active" {
		return StepRecord{}, assets.Wrap(ErrInvalid, "%s is no longer in the pipeline.", c.Name)
	}
	f, err := db.PipelineFigures(ctx)
	if err != nil {
		return StepRecord{}, err
	}
	date, ok := parseDay(in.Date)
	if !ok {
		return StepRecord{}, assets.Wrap(ErrInvalid, "The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-10-01.", in.Date)
	}
	if date.After(db.today()) {
		return StepRecord{}, assets.Wrap(ErrInvalid, "The date %s is in the future; record a step on the day it is done.", in.Date)
	}
	if in.Step != 6 && c.Has(in.Step) {
		return StepRecord{}, assets.Wrap(ErrDuplicateRow, "Step %s of %s was already recorded on %s.", stepLabel(in.Step), c.Name, c.last(in.Step).Date)
	}
	earliest, why, err := f.Earliest(&c, in.Step)
	if err != nil {
		return StepRecord{}, err
	}
	if in.Step == 6 && c.Has(7) {
		return StepRecord{}, assets.Wrap(ErrInvalid, "%s is already a development target; activist assessments are over.", c.Name)
	}
	if date.Before(earliest) {
		return StepRecord{}, assets.Wrap(ErrInvalid, "Step %s cannot be on %s: %s. The earliest allowed date is %s.", stepLabel(in.Step), in.Date, why, fmtDay(earliest))
	}
	rec := StepRecord{ID: stepID(c.ID, in.Step, fmtDay(date)), Step: in.Step, Date: fmtDay(date), Note: strings.TrimSpace(in.Note),
		By: strings.TrimSpace(in.By), Hours: in.Hours, Days: in.Days, VotesFor: in.VotesFor, Voters: in.Voters, Present: in.Present}
	// A step after its deadline is accepted (it happened) with a warning, and the check lists
	// it for its period (issue 23: a 谈话 after a month, an approval after three months).
	rec.Warning = f.lateWarning(&c, in.Step, date)
	if in.Step >= 12 && in.Step <= 15 { // the plan is filled: say so before the branch meeting (devplan.go)
		if w := db.planWarning(ctx, c.OrgID, date.Year()); w != "" {
			rec.Warning = strings.TrimSpace(rec.Warning + " " + w)
		}
	}
	if in.Step == 6 && c.last(6) != nil && c.last(6).Date == rec.Date {
		return StepRecord{}, assets.Wrap(ErrDuplicateRow, "Step %s of %s was already recorded on %s.", stepLabel(6), c.Name, rec.Date)
	}
	switch in.Step {
	case 5:
		names := splitPeople(in.People)
		if len(names) < 2 {
			return StepRecord{}, assets.Wrap(ErrInvalid, "Name the two contact persons, separated by a comma.")
		}
		rec.People = strings.Join(names, ",")
	case 9:
		ids, err := db.introducers(ctx, c.OrgID, in.People)
		if err != nil {
			return StepRecord{}, err
		}
		rec.People = strings.Join(ids, ",")
	case 11:
		if in.Days < f.TrainingDays && in.Hours < f.TrainingHours {
			return StepRecord{}, assets.Wrap(ErrInvalid, "The training must last at least %d days or %d class hours; enter its days or hours.", f.TrainingDays, f.TrainingHours)
		}
	case 15, 23:
		if rec.Voters == 0 {
			n, err := db.fullMembers(ctx, c.OrgID)
			if err != nil {
				return StepRecord{}, err
			}
			rec.Voters = n
		}
		if err := checkAdmissionMeeting(rec.Present, rec.VotesFor, rec.Voters); err != nil {
			return StepRecord{}, err
		}
	case 17:
		if c.IDNumber == "" {
			return StepRecord{}, assets.Wrap(ErrInvalid, "Enter the ID number of %s first: the member file needs it.", c.Name)
		}
	}
	err = db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.r.Put(ctx, "candidate_steps", rec.ID, map[string]any{"org_id": c.OrgID, "deleted": int64(0), "candidate_id": c.ID,
			"step": int64(rec.Step), "date": rec.Date, "note": rec.Note, "by_person": rec.By, "people": rec.People,
			"hours": int64(rec.Hours), "days": int64(rec.Days), "votes_for": int64(rec.VotesFor), "voters": int64(rec.Voters),
			"present": int64(rec.Present)}); err != nil {
			return err
		}
		switch in.Step {
		case 17:
			id, err := tx.AddMember(ctx, Member{OrgID: c.OrgID, Name: c.Name, Gender: c.Gender, BirthDate: c.BirthDate,
				IDNumber: c.IDNumber, Phone: c.Phone, JoinedDate: fmtDay(c.DateOf(15)), Status: "probationary"})
			if err != nil {
				return err
			}
			_, err = tx.r.Put(ctx, "candidates", c.ID, map[string]any{"member_id": id})
			return err
		case 24:
			if c.MemberID != "" {
				if _, err := tx.r.Put(ctx, "members", c.MemberID, map[string]any{"status": "full", "confirmed_date": fmtDay(f.ProbationEnd(&c))}); err != nil {
					return err
				}
			}
		case 25:
			_, err := tx.r.Put(ctx, "candidates", c.ID, map[string]any{"state": "done"})
			return err
		}
		return nil
	})
	return rec, err
}

// checkAdmissionMeeting applies 细则 第二十条 and 第二十一条 (and 第三十三条 for 转正) to the
// branch meeting of step 15 or 23: more than half of the voting members present, and more
// than half of them (present or not) in favour. Exactly half is not enough for either.
func checkAdmissionMeeting(present, votesFor, voters int) error {
	switch {
	case voters <= 0:
		return assets.Wrap(ErrInvalid, "The branch has no full members entitled to vote; the branch meeting cannot decide.")
	case present <= 0 || present > voters:
		return assets.Wrap(ErrInvalid, "Enter how many full members entitled to vote were present (at most %d).", voters)
	case present*2 <= voters:
		return assets.Wrap(ErrInvalid, "%d of %d full members entitled to vote were present, not more than half: the branch meeting could not vote (%s).",
			present, voters, rules.PipelineAttendance.Source)
	case votesFor <= 0 || votesFor > voters:
		return assets.Wrap(ErrInvalid, "Enter how many full members voted in favour (at most %d entitled to vote).", voters)
	case votesFor*2 <= voters:
		return assets.Wrap(ErrInvalid, "%d votes in favour of %d entitled to vote is not more than half: the branch meeting did not pass it (%s).",
			votesFor, voters, rules.PipelineVote.Source)
	}
	return nil
}

// ProbationExtension is the extension of a probation (党章 第七条: "延长预备期…都应当经支部
// 大会讨论通过和上级党组织批准"): the months, the 支部大会 that decided it and the 上级党委's
// approval ("" until it comes).
type ProbationExtension struct {
	Months     int
	DecidedOn  string // YYYY-MM-DD: the branch meeting
	ApprovedOn string // YYYY-MM-DD: the higher committee's approval; "" not yet
}

// ExtendProbation extends a probationary member's probation once, by at least six months
// and at most a year (细则 第三十二条), as the branch meeting decided when the probation ended
// (第三十二条 "预备期满，党支部应当及时讨论其能否转为正式党员…需要继续考察和教育的，可以延长
// 一次预备期"). The approval may be recorded with the decision or later (the same months
// again with ApprovedOn).
func (db *DB) ExtendProbation(ctx context.Context, candidateID string, x ProbationExtension) error {
	c, err := db.Candidate(ctx, candidateID)
	if err != nil {
		return err
	}
	f, err := db.PipelineFigures(ctx)
	if err != nil {
		return err
	}
	decided, okD := parseDay(x.DecidedOn)
	approved, okA := parseDay(x.ApprovedOn)
	end := addMonths(c.DateOf(15), f.ProbationMonths) // the probation as first set
	approving := c.Extension > 0 && c.ExtensionApprovedOn == "" && x.Months == c.Extension && x.DecidedOn == c.ExtensionDecidedOn
	switch {
	case !c.Has(15):
		return assets.Wrap(ErrInvalid, "%s is not a probationary member yet; only a probation can be extended.", c.Name)
	case c.Extension > 0 && !approving:
		return assets.Wrap(ErrInvalid, "The probation of %s was already extended once; it can be extended only once.", c.Name)
	case c.Has(24):
		return assets.Wrap(ErrInvalid, "%s is already a full member.", c.Name)
	case x.Months < f.MinExtension || x.Months > f.MaxExtension:
		return assets.Wrap(ErrInvalid, "A probation can be extended once, by at least %d and at most %d months (%s); %d months is not allowed.",
			f.MinExtension, f.MaxExtension, rules.PipelineMaxExtension.Source, x.Months)
	case !okD:
		return assets.Wrap(ErrInvalid, "Enter the date of the branch meeting that decided the extension (党章 第七条: decided by the branch meeting, approved by the higher committee).")
	case decided.After(db.today()) || (okA && approved.After(db.today())):
		return assets.Wrap(ErrInvalid, "The date %s is in the future.", fmtDay(maxTime(decided, approved)))
	case decided.Before(end):
		return assets.Wrap(ErrInvalid, "The probation of %s ends on %s; the branch meeting decides on full membership or an extension when it ends (%s), not on %s.",
			c.Name, fmtDay(end), rules.PipelineProbation.Source, fmtDay(decided))
	case x.ApprovedOn != "" && (!okA || approved.Before(decided)):
		return assets.Wrap(ErrInvalid, "The approval (%s) cannot come before the branch's decision (%s).", x.ApprovedOn, x.DecidedOn)
	}
	fields := map[string]any{"extension": int64(x.Months), "extension_decided_on": fmtDay(decided), "extension_approved_on": ""}
	if okA {
		fields["extension_approved_on"] = fmtDay(approved)
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "candidates", c.ID, fields)
		return err
	})
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func splitPeople(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// introducers resolves two 入党介绍人 (member IDs or names) who must be full members on the
// branch's roll, and returns their member IDs.
func (db *DB) introducers(ctx context.Context, orgID, people string) ([]string, error) {
	names := splitPeople(people)
	if len(names) != 2 {
		return nil, assets.Wrap(ErrInvalid, "Name the two introducers (full members), separated by a comma.")
	}
	var ids []string
	for _, n := range names {
		var id, name, status string
		err := db.sql.QueryRowContext(ctx, `SELECT id, name, status FROM members WHERE deleted=0 AND state='active' AND org_id=?
			AND (id=? OR name=?) ORDER BY id LIMIT 1`, orgID, n, n).Scan(&id, &name, &status)
		if err != nil {
			return nil, assets.Wrap(ErrInvalid, "%s is not a member on this branch's roll; an introducer must be a full member.", n)
		}
		if status != "full" {
			return nil, assets.Wrap(ErrInvalid, "%s is a probationary member; an introducer must be a full member.", name)
		}
		ids = append(ids, id)
	}
	if ids[0] == ids[1] {
		return nil, assets.Wrap(ErrInvalid, "The two introducers must be two different members.")
	}
	return ids, nil
}

// fullMembers counts the full members on an organisation's roll (those entitled to vote).
func (db *DB) fullMembers(ctx context.Context, orgID string) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM members WHERE deleted=0 AND state='active' AND status='full' AND org_id=?", orgID).Scan(&n)
	return n, err
}
