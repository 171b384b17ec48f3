package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"zhibu/assets"
	"zhibu/store/replica"
)

// 发展党员指导性计划 (source 003: 「制定并印发《全县xxxx年发展党员指导性计划》…每季度…调度」):
// the township sets each village's quota of new members for a year, the county each
// township's. Progress is what was admitted: candidates whose step 17 (上级党委审批) is dated
// in the year. The overview, the quarterly report and `check` show it against the quota, and
// a village whose quota is used up is told when it records the steps leading to the branch
// meeting (step 15) and in its findings while a candidate waits for that meeting.

// SourceDevPlan names the practice the plan comes from, for findings and tests.
const SourceDevPlan = "发展党员指导性计划（来源003：全县发展党员指导性计划，每季度调度）"

// MaxPlanQuota bounds a quota: no village admits hundreds of members a year.
const MaxPlanQuota = 999

var planSpace = uuid.MustParse("5b0c8f0e-6f57-4c1e-9a9e-2e4c0d5a1f24")

func planID(targetID string, year int) string {
	return uuid.NewSHA1(planSpace, []byte(targetID+"\x00"+strconv.Itoa(year))).String()
}

// PlanProgress is one organisation's plan for a year and how far it has come.
type PlanProgress struct {
	OrgID    string `json:"org_id"`
	OrgCode  string `json:"org_code"`
	Name     string `json:"name"` // the organisation's name
	Year     int    `json:"year"`
	HasPlan  bool   `json:"has_plan"`
	Quota    int    `json:"quota"`
	Admitted int    `json:"admitted"` // step 17 approved in the year
	Pending  int    `json:"pending"`  // passed the branch meeting (step 15), awaiting approval
	Note     string `json:"note"`
	SetAt    string `json:"set_at,omitempty"`
	SetBy    string `json:"set_by,omitempty"`
}

// Over reports whether more were admitted than the plan allows.
func (p PlanProgress) Over() bool { return p.HasPlan && p.Admitted > p.Quota }

// Full reports whether the admitted and those awaiting approval already fill the plan.
func (p PlanProgress) Full() bool { return p.HasPlan && p.Admitted+p.Pending >= p.Quota }

// KPI is the plan's figures for the overview and the report (nil without a plan).
func (p PlanProgress) KPI() *PlanKPI {
	if !p.HasPlan {
		return nil
	}
	return &PlanKPI{Year: p.Year, Quota: p.Quota, Admitted: p.Admitted, Pending: p.Pending, Rate: p.Rate(),
		Within: min(p.Admitted, p.Quota), Over: max(0, p.Admitted-p.Quota)}
}

// Rate is admitted ÷ quota (no data without a plan or with a quota of 0).
func (p PlanProgress) Rate() Rate {
	if !p.HasPlan {
		return NoData
	}
	return rate(p.Admitted, p.Quota)
}

// SetPlan sets the quota of the organisation with the code for a year: on a township PC a
// village's, on a county PC a township's. Setting it again replaces it.
func (db *DB) SetPlan(ctx context.Context, code string, year, quota int, note string) error {
	home, err := db.Home(ctx)
	if err != nil {
		return err
	}
	var want []string
	switch home.Kind {
	case KindTownship:
		want = []string{KindVillage, KindGeneralBranch}
	case KindCounty:
		want = []string{KindTownship}
	default:
		return assets.Wrap(ErrDenied, "The development plan is set by the township office (for its villages) or the county (for its townships).")
	}
	if err := db.mayAdmin(ctx); err != nil {
		return assets.Wrap(ErrDenied, "Only an administrator sets the development plan.")
	}
	code, note = strings.TrimSpace(code), strings.TrimSpace(note)
	if code == "" {
		return assets.Wrap(ErrInvalid, "Choose the village the plan is for.")
	}
	o, err := db.OrgByCode(ctx, code)
	if err != nil {
		return err
	}
	if o.Kind != want[0] && (len(want) < 2 || o.Kind != want[1]) {
		return assets.Wrap(ErrInvalid, "%s is not an organisation this office sets a plan for; give the code of one of its villages (the county: of its townships).", o.Name)
	}
	if year < 2000 || year > 2100 {
		return assets.Wrap(ErrInvalid, "The year %d is not valid; write it as 2027.", year)
	}
	if quota < 0 || quota > MaxPlanQuota {
		return assets.Wrap(ErrInvalid, "The quota must be a number from 0 to %d.", MaxPlanQuota)
	}
	if k := len([]rune(note)); k > 200 {
		return assets.Wrap(ErrInvalid, "The note is too long (%d characters; at most %d).", k, 200)
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "dev_plans", planID(o.ID, year), map[string]any{"org_id": home.ID, "deleted": int64(0), "target_id": o.ID,
			"year": int64(year), "quota": int64(quota), "note": note, "set_at": db.now().Format("2006-01-02 15:04"), "set_by": tx.User()})
		return err
	})
}

// Plans lists the plans of a year with their progress: on a township every village (with a
// plan or not) and, if the county sent it, the township's own; on a county its townships;
// on a village its own.
func (db *DB) Plans(ctx context.Context, year int) ([]PlanProgress, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return nil, err
	}
	var orgs []Org
	switch home.Kind {
	case KindTownship:
		for _, k := range []string{KindVillage, KindGeneralBranch} {
			os, err := db.Orgs(ctx, k)
			if err != nil {
				return nil, err
			}
			orgs = append(orgs, os...)
		}
		orgs = append(orgs, home)
	case KindCounty:
		if orgs, err = db.Orgs(ctx, KindTownship); err != nil {
			return nil, err
		}
	default:
		orgs = []Org{home}
	}
	ps, err := db.planProgress(ctx, year)
	if err != nil {
		return nil, err
	}
	out := []PlanProgress{}
	for _, o := range orgs {
		p := ps[o.ID]
		if o.ID == home.ID && home.Kind == KindTownship {
			// The township's own total: its villages' admissions against the county's quota.
			if !p.HasPlan {
				continue
			}
			p.Admitted, p.Pending = 0, 0
			for _, q := range out {
				p.Admitted += q.Admitted
				p.Pending += q.Pending
			}
		}
		p.OrgID, p.OrgCode, p.Name, p.Year = o.ID, o.Code, o.Name, year
		out = append(out, p)
	}
	return out, nil
}

// Plan is one organisation's plan and progress for a year.
func (db *DB) Plan(ctx context.Context, orgID string, year int) (PlanProgress, error) {
	ps, err := db.planProgress(ctx, year)
	if err != nil {
		return PlanProgress{}, err
	}
	p := ps[orgID]
	p.OrgID, p.Year = orgID, year
	return p, nil
}

// planProgress reads every plan of the year and counts each organisation's admissions (a
// township's counted over the villages under it).
func (db *DB) planProgress(ctx context.Context, year int) (map[string]PlanProgress, error) {
	out := map[string]PlanProgress{}
	type row struct {
		target, note, at, by string
		quota                int
	}
	rows, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (row, error) {
		var r row
		return r, s.Scan(&r.target, &r.quota, &r.note, &r.at, &r.by)
	}, "SELECT target_id, quota, note, set_at, set_by FROM dev_plans WHERE deleted=0 AND year=?", year)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.target] = PlanProgress{HasPlan: true, Quota: r.quota, Note: r.note, SetAt: r.at, SetBy: r.by}
	}
	y := strconv.Itoa(year)
	type cnt struct {
		org, parent     string
		admitted, queue int
	}
	cs, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (cnt, error) {
		var c cnt
		return c, s.Scan(&c.org, &c.parent, &c.admitted, &c.queue)
	}, `SELECT c.org_id, coalesce(o.parent_id,''),
		coalesce(sum(EXISTS(SELECT 1 FROM candidate_steps s WHERE s.deleted=0 AND s.candidate_id=c.id AND s.step=17 AND substr(s.date,1,4)=?)),0),
		coalesce(sum(c.state='active' AND EXISTS(SELECT 1 FROM candidate_steps s WHERE s.deleted=0 AND s.candidate_id=c.id AND s.step=15)
			AND NOT EXISTS(SELECT 1 FROM candidate_steps s WHERE s.deleted=0 AND s.candidate_id=c.id AND s.step=17)),0)
		FROM candidates c LEFT JOIN orgs o ON o.id=c.org_id WHERE c.deleted=0 GROUP BY c.org_id`, y)
	if err != nil {
		return nil, err
	}
	up, err := db.townshipOf(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if c.parent == "" {
			c.parent = up[c.org]
		}
		for _, id := range []string{c.org, c.parent} {
			if id == "" {
				continue
			}
			p := out[id]
			p.Admitted += c.admitted
			p.Pending += c.queue
			out[id] = p
		}
	}
	return out, nil
}

// townshipOf maps each village to the township above it by code: a village's own row does not
// name its township (its parent_id stays empty), and every PC that holds a township's villages
// holds them under codes nested in the township's (a bundle giving another code is refused:
// syncpolicy_trust.go), so the county counts a village's admissions for the township whose
// code is the longest prefix of the village's.
func (db *DB) townshipOf(ctx context.Context) (map[string]string, error) {
	type org struct{ id, code, kind string }
	os, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (org, error) {
		var o org
		return o, s.Scan(&o.id, &o.code, &o.kind)
	}, "SELECT id, code, kind FROM orgs WHERE deleted=0 AND code<>'' AND kind IN (?,?,?)", KindTownship, KindVillage, KindGeneralBranch)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, v := range os {
		if v.kind == KindTownship {
			continue
		}
		best := ""
		for _, t := range os {
			if t.kind == KindTownship && len(t.code) < len(v.code) && strings.HasPrefix(v.code, t.code) && len(t.code) > len(best) {
				best, out[v.id] = t.code, t.id
			}
		}
	}
	return out, nil
}

// planWarning is what a village is told when a candidate moves towards the branch meeting
// (steps 12 to 15) of a year whose plan is already filled ("" when it is not, or no plan).
func (db *DB) planWarning(ctx context.Context, orgID string, year int) string {
	p, err := db.Plan(ctx, orgID, year)
	if err != nil || !p.Full() {
		return ""
	}
	return assets.T("The development plan for %d allows %d new members; %d were admitted and %d await approval, so one more would exceed the plan. Talk to the township office before the branch meeting.",
		year, p.Quota, p.Admitted, p.Pending)
}

func init() { RegisterChecker(checkPlan) }

// checkPlan shows a village's progress against its plan for the period's year, warns when
// it was exceeded, and when the plan is filled while candidates still wait for the branch
// meeting (step 15).
func checkPlan(ctx context.Context, db *DB, orgID, period string) ([]Finding, error) {
	p, err := ParsePeriod(period)
	if err != nil {
		return nil, err
	}
	pr, err := db.Plan(ctx, orgID, p.Year)
	if err != nil || !pr.HasPlan {
		return nil, err
	}
	due := strconv.Itoa(p.Year) + "-12-31"
	var out []Finding
	switch {
	case pr.Over():
		out = append(out, Finding{Kind: "plan_over", Severity: SeverityWarning, OrgID: orgID, Due: due, Source: SourceDevPlan,
			Title:  assets.T("%d new members were admitted in %d, more than the development plan's %d.", pr.Admitted, p.Year, pr.Quota),
			Action: assets.T("Explain the excess to the township office; it reviews the plan each quarter.")})
	default:
		out = append(out, Finding{Kind: "plan_progress", Severity: SeverityInfo, OrgID: orgID, Due: due, Source: SourceDevPlan,
			Title:  assets.T("Development plan for %d: %d of %d admitted (step 17 approved), %d awaiting approval.", p.Year, pr.Admitted, pr.Quota, pr.Pending),
			Action: assets.T("The township office reviews the plan each quarter.")})
	}
	if pr.Full() {
		cs, err := db.Candidates(ctx, orgID, false)
		if err != nil {
			return nil, err
		}
		for i := range cs {
			c := &cs[i]
			if c.Has(7) && !c.Has(15) {
				out = append(out, Finding{Kind: "plan_full", Severity: SeverityWarning, OrgID: orgID, Subject: c.ID, Due: due, Source: SourceDevPlan,
					Title:  assets.T("%s awaits the branch meeting, but the development plan for %d (%d) is already filled.", c.Name, p.Year, pr.Quota),
					Action: assets.T("Talk to the township office before the branch meeting (step 15).")})
			}
		}
	}
	return out, nil
}
