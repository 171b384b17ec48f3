package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/store/rules"
)

// 四议两公开: a village matter goes 村党组织提议 → 村"两委"会议商议 → 党员大会审议 → 村民会议
// 或村民代表会议决议, then 决议公开 and 实施结果公开 (two notices on the board).

func init() {
	RegisterChecker(decisionFindings)
}

// Resolving bodies of step 4.
const (
	BodyVillagers       = "villagers"       // 村民会议
	BodyRepresentatives = "representatives" // 村民代表会议
)

// Bases of a 村民会议's quorum (村民委员会组织法 第二十二条): the village's adults, or its
// households (each represented by one person).
const (
	BasisAdults     = "adults"
	BasisHouseholds = "households"
)

// Decision is one matter under 四议两公开. Dates are YYYY-MM-DD or "" for a step not yet taken.
type Decision struct {
	ID                string `json:"id"`
	OrgID             string `json:"org_id"`
	Title             string `json:"topic"`
	Content           string `json:"content"`
	ProposedOn        string `json:"proposed_on"`
	DiscussedOn       string `json:"discussed_on"`
	ReviewedOn        string `json:"reviewed_on"`
	ResolvedOn        string `json:"resolved_on"`
	ResolutionBody    string `json:"resolution_body"`
	VotesDue          int64  `json:"votes_due"`
	VotesPresent      int64  `json:"votes_present"`
	VotesFor          int64  `json:"votes_for"`
	PublishedOn       string `json:"published_on"`
	Result            string `json:"result"`
	ResultPublishedOn string `json:"result_published_on"`
	Merged            bool   `json:"merged"` // steps 1 and 2 held together (secretary is also village head)
	// Step 3 (党员大会审议): members due, present and in favour (local rules).
	ReviewDue     int64 `json:"review_due"`
	ReviewPresent int64 `json:"review_present"`
	ReviewFor     int64 `json:"review_for"`
	// TownshipReviewedOn: the optional township review between steps 3 and 4 (四议一审两公开).
	TownshipReviewedOn string `json:"township_reviewed_on"`
	// ResolutionBasis: for a 村民会议, VotesDue counts adults (default) or households.
	ResolutionBasis string `json:"resolution_basis"`
}

// DecisionStepKeys name the six steps, as catalog keys, in order.
var DecisionStepKeys = []string{"Proposed by the party branch", "Discussed by the two village committees",
	"Reviewed by the party members' meeting", "Resolved by the villagers' (representatives') meeting",
	"Resolution published", "Result published"}

// Dates returns the six step dates in order.
func (d Decision) Dates() []string {
	return []string{d.ProposedOn, d.DiscussedOn, d.ReviewedOn, d.ResolvedOn, d.PublishedOn, d.ResultPublishedOn}
}

// Step is the number of steps taken (0..6).
func (d Decision) Step() int {
	n := 0
	for _, s := range d.Dates() {
		if s == "" {
			break
		}
		n++
	}
	return n
}

// BodyLabel is the resolving body in Chinese.
func (d Decision) BodyLabel() string {
	if d.ResolutionBody == BodyVillagers {
		return assets.T("villagers' meeting")
	}
	return assets.T("villagers' representatives' meeting")
}

// bind ties the decisions columns (the table's descriptor) to the fields of d that hold them.
func (d *Decision) bind() *binding {
	return bind("decisions", &d.ID, map[string]any{"org_id": &d.OrgID, "title": &d.Title, "content": &d.Content,
		"proposed_on": &d.ProposedOn, "discussed_on": &d.DiscussedOn, "reviewed_on": &d.ReviewedOn, "resolved_on": &d.ResolvedOn,
		"resolution_body": &d.ResolutionBody, "votes_due": &d.VotesDue, "votes_present": &d.VotesPresent, "votes_for": &d.VotesFor,
		"published_on": &d.PublishedOn, "result": &d.Result, "result_published_on": &d.ResultPublishedOn, "merged": &d.Merged,
		"review_due": &d.ReviewDue, "review_present": &d.ReviewPresent, "review_for": &d.ReviewFor,
		"township_reviewed_on": &d.TownshipReviewedOn, "resolution_basis": &d.ResolutionBasis}, nil)
}

func scanDecision(s interface{ Scan(...any) error }) (Decision, error) {
	var d Decision
	err := d.bind().scan(s)
	return d, err
}

// SaveDecision validates and stores a decision (new if ID is empty) and returns its ID.
func (db *DB) SaveDecision(ctx context.Context, d Decision) (string, error) {
	if d.OrgID == "" {
		home, err := db.Home(ctx)
		if err != nil {
			return "", err
		}
		d.OrgID = home.ID
	}
	if err := db.validateDecision(ctx, &d); err != nil {
		return "", err
	}
	err := db.Write(ctx, func(tx *Tx) error {
		if d.ID == "" {
			d.ID = NewID()
		} else {
			var org string
			err := tx.r.QueryRowContext(ctx, "SELECT org_id FROM decisions WHERE id=? AND deleted=0", d.ID).Scan(&org)
			if errors.Is(err, sql.ErrNoRows) {
				return assets.Wrap(ErrNotFound, "There is no decision with ID %s.", d.ID)
			}
			if err != nil {
				return err
			}
			d.OrgID = org
		}
		_, err := tx.PutDecision(ctx, d)
		return err
	})
	return d.ID, err
}

// PutDecision stores a decision (already validated; new if ID is empty) within a
// transaction (demo data) and returns its ID.
func (tx *Tx) PutDecision(ctx context.Context, d Decision) (string, error) {
	if d.ID == "" {
		d.ID = NewID()
	}
	v := d.bind().values()
	v["deleted"] = int64(0)
	_, err := tx.r.Put(ctx, "decisions", d.ID, v)
	return d.ID, err
}

func (db *DB) validateDecision(ctx context.Context, d *Decision) error {
	d.Title, d.Content, d.Result = strings.TrimSpace(d.Title), strings.TrimSpace(d.Content), strings.TrimSpace(d.Result)
	if d.Title == "" {
		return assets.Wrap(ErrInvalid, "Enter the matter to be decided.")
	}
	if d.Merged && d.ProposedOn != "" && d.DiscussedOn == "" {
		d.DiscussedOn = d.ProposedOn
	}
	if d.ResolutionBody == "" {
		d.ResolutionBody = BodyRepresentatives
	}
	if d.ResolutionBody != BodyVillagers && d.ResolutionBody != BodyRepresentatives {
		return assets.Wrap(ErrInvalid, "The resolving meeting must be villagers or representatives.")
	}
	dates := d.Dates()
	prev := ""
	for i, s := range dates {
		if s == "" {
			for j := i + 1; j < len(dates); j++ {
				if dates[j] != "" {
					return assets.Wrap(ErrInvalid, "Step \"%s\" has a date but the earlier step \"%s\" has none. The steps are taken in order.",
						assets.T(DecisionStepKeys[j]), assets.T(DecisionStepKeys[i]))
				}
			}
			break
		}
		if _, ok := parseDay(s); !ok {
			return assets.Wrap(ErrInvalid, "The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-11-30.", s)
		}
		if s < prev {
			return assets.Wrap(ErrInvalid, "Step \"%s\" (%s) is dated before the step before it (%s). The steps are taken in order.",
				assets.T(DecisionStepKeys[i]), s, prev)
		}
		prev = s
	}
	if d.TownshipReviewedOn != "" {
		if _, ok := parseDay(d.TownshipReviewedOn); !ok {
			return assets.Wrap(ErrInvalid, "The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-11-30.", d.TownshipReviewedOn)
		}
		if d.ReviewedOn == "" || d.TownshipReviewedOn < d.ReviewedOn || (d.ResolvedOn != "" && d.ResolvedOn < d.TownshipReviewedOn) {
			return assets.Wrap(ErrInvalid, "The township review (%s) comes after the party members' meeting and before the villagers' (representatives') meeting.", d.TownshipReviewedOn)
		}
	}
	if d.ReviewedOn != "" && (d.ReviewDue != 0 || d.ReviewPresent != 0 || d.ReviewFor != 0) {
		if err := db.checkReview(ctx, d); err != nil {
			return err
		}
	}
	if d.ResolvedOn != "" {
		if err := db.checkVotes(ctx, d); err != nil {
			return err
		}
	}
	if d.ResultPublishedOn != "" && d.Result == "" {
		return assets.Wrap(ErrInvalid, "Write down the result of the implementation before publishing it.")
	}
	return nil
}

// checkReview applies the local rules of step 3 (党员大会审议): at least decision.quorum_percent
// of the members present, more than decision.pass_percent of those due in favour.
func (db *DB) checkReview(ctx context.Context, d *Decision) error {
	if d.ReviewDue <= 0 || d.ReviewPresent < 0 || d.ReviewFor < 0 || d.ReviewPresent > d.ReviewDue || d.ReviewFor > d.ReviewPresent {
		return assets.Wrap(ErrInvalid, "Enter how many party members were due at the party members' meeting, how many came and how many agreed (agreed ≤ came ≤ due).")
	}
	quorum, err := db.ruleInt(ctx, rules.DecisionQuorum.Key)
	if err != nil {
		return err
	}
	pass, err := db.ruleInt(ctx, rules.DecisionPass.Key)
	if err != nil {
		return err
	}
	// Shares are compared in whole percent, rounded: 20 of 30 present is 67%, two thirds.
	if (d.ReviewPresent*200+d.ReviewDue)/(2*d.ReviewDue) < int64(quorum) {
		return assets.Wrap(ErrInvalid, "Only %d of %d party members came to the party members' meeting; at least %d%% must be present (%s).",
			d.ReviewPresent, d.ReviewDue, quorum, rules.DecisionQuorum.Source)
	}
	if d.ReviewFor*100 <= d.ReviewDue*int64(pass) {
		return assets.Wrap(ErrInvalid, "%d of %d party members agreed; the party members' meeting agrees with more than %d%% of those due to attend (%s).",
			d.ReviewFor, d.ReviewDue, pass, rules.DecisionPass.Source)
	}
	return nil
}

// fractionRule reads a rule whose value is a fraction ("2/3").
func (db *DB) fractionRule(ctx context.Context, key string) (int64, int64, error) {
	v, err := db.RuleValue(ctx, key)
	if err != nil {
		return 0, 0, err
	}
	n, d := parseFraction(v)
	return int64(n), int64(d), nil
}

// checkVotes applies 村民委员会组织法 to step 4: a 村民会议 needs more than half of the adult
// villagers, or representatives of two thirds of the households, present (第二十二条); a
// 村民代表会议 two thirds of its members (第二十六条); either decides with more than half of
// those present. VotesDue is the adults, households or representatives the quorum counts.
func (db *DB) checkVotes(ctx context.Context, d *Decision) error {
	if d.VotesDue <= 0 || d.VotesPresent < 0 || d.VotesFor < 0 || d.VotesPresent > d.VotesDue || d.VotesFor > d.VotesPresent {
		return assets.Wrap(ErrInvalid, "Enter how many were due to attend the resolving meeting, how many came and how many agreed (agreed ≤ came ≤ due).")
	}
	rule := rules.DecisionRepresentativesQuorum
	strict := false // 三分之二以上 includes two thirds; 过半数 is strictly more than half
	if d.ResolutionBody == BodyVillagers {
		if d.ResolutionBasis == "" {
			d.ResolutionBasis = BasisAdults
		}
		switch d.ResolutionBasis {
		case BasisAdults:
			rule, strict = rules.DecisionVillagersAdults, true
		case BasisHouseholds:
			rule = rules.DecisionVillagersHouseholds
		default:
			return assets.Wrap(ErrInvalid, "A villagers' meeting counts its quorum over adults or households.")
		}
	} else {
		d.ResolutionBasis = ""
	}
	n, m, err := db.fractionRule(ctx, rule.Key)
	if err != nil {
		return err
	}
	if short := d.VotesPresent*m < d.VotesDue*n || (strict && d.VotesPresent*m == d.VotesDue*n); short {
		need := assets.T("at least %d/%d", n, m)
		if strict {
			need = assets.T("more than %d/%d", n, m)
		}
		return assets.Wrap(ErrInvalid, "Only %d of %d came to the resolving meeting; %s needs %s present (%s). The meeting cannot resolve the matter.", d.VotesPresent, d.VotesDue, d.BodyLabel(), need, rule.Source)
	}
	pn, pm, err := db.fractionRule(ctx, rules.DecisionResolvePass.Key)
	if err != nil {
		return err
	}
	if d.VotesFor*pm <= d.VotesPresent*pn {
		return assets.Wrap(ErrInvalid, "%d of the %d present agreed; a decision needs more than half of those present (%s). The matter is not resolved.",
			d.VotesFor, d.VotesPresent, rules.DecisionResolvePass.Source)
	}
	return nil
}

// Decision returns one decision.
func (db *DB) Decision(ctx context.Context, id string) (Decision, error) {
	d, err := scanDecision(db.sql.QueryRowContext(ctx, "SELECT "+mustTable("decisions").selectList()+" FROM decisions WHERE id=? AND deleted=0", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Decision{}, assets.Wrap(ErrNotFound, "There is no decision with ID %s.", id)
	}
	return d, err
}

// Decisions lists an organisation's decisions, newest proposal first.
func (db *DB) Decisions(ctx context.Context, orgID string) ([]Decision, error) {
	return replica.Collect(ctx, db.sql, scanDecision, "SELECT "+mustTable("decisions").selectList()+" FROM decisions WHERE org_id=? AND deleted=0 ORDER BY proposed_on DESC, id DESC", orgID)
}

// DeleteDecision removes a decision entered by mistake.
func (db *DB) DeleteDecision(ctx context.Context, id string) error {
	if _, err := db.Decision(ctx, id); err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error { return tx.r.Delete(ctx, "decisions", id) })
}

// decisionFindings: a resolution not yet published after the rule's days.
func decisionFindings(ctx context.Context, db *DB, orgID, period string) ([]Finding, error) {
	days, err := db.ruleInt(ctx, rules.DecisionPublishDays.Key)
	if err != nil {
		return nil, err
	}
	ds, err := db.Decisions(ctx, orgID)
	if err != nil {
		return nil, err
	}
	today := db.today()
	var out []Finding
	for _, d := range ds {
		if d.ResolvedOn == "" || d.PublishedOn != "" {
			continue
		}
		r, _ := parseDay(d.ResolvedOn)
		due := r.AddDate(0, 0, days)
		sev := "info"
		if today.After(due) {
			sev = "warning"
		}
		out = append(out, Finding{Kind: "decision_unpublished", Severity: sev, OrgID: orgID, Subject: d.ID,
			Title:  assets.T("The resolution \"%s\" has not been published on the board yet.", d.Title),
			Action: assets.T("Print the resolution notice (公示栏 → 四议两公开), post it, and record the day it went up."),
			Due:    due.Format(time.DateOnly), Rule: rules.DecisionPublishDays.Key, Source: rules.DecisionPublishDays.Source})
	}
	return out, nil
}
