package store

import (
	"context"

	"zhibu/assets"
)

// BranchworkKPI is how a village stands with the branch work of issue 24 in the KPIs: its
// development plan for the period's year (null without one) and its secretary's class hours
// of the year (书记培训覆盖; null when the roll names no secretary).
type BranchworkKPI struct {
	Plan          *PlanKPI     `json:"plan"`
	Secretary     *TrainingKPI `json:"secretary_training"`
	Rectification *RectifyKPI  `json:"rectification"` // the year's 整顿 (null: not named)
}

// RectifyKPI is a village's 整顿 of the year: open or closed, and its plan's items.
type RectifyKPI struct {
	Year     int      `json:"year"`
	Reasons  []string `json:"reasons"` // in Chinese
	Leader   string   `json:"leader"`
	Items    int      `json:"items"`
	Accepted int      `json:"items_accepted"`
	Talks    int      `json:"talks"`
	Attended int      `json:"attended"`
	ClosedOn string   `json:"closed_on"`
}

// PlanKPI is a village's development plan for the year against what it admitted.
type PlanKPI struct {
	Year     int  `json:"year"`
	Quota    int  `json:"quota"`
	Admitted int  `json:"admitted"` // step 17 approved in the year, up to now
	Pending  int  `json:"pending"`  // passed the branch meeting, awaiting approval
	Rate     Rate `json:"rate"`     // admitted ÷ quota (a total: within ÷ quota)
	// Within is what was admitted within the quota, Over what was admitted beyond it: a
	// village over its quota does not make up for another one short of it, so a total's
	// rate counts Within only.
	Within int `json:"within_quota"`
	Over   int `json:"over_quota"`
}

// Add adds a village's plan into a total (nil: no plan): quotas, admissions, within and over
// are summed, the rate is within ÷ quota.
func (t *PlanKPI) Add(p *PlanKPI) {
	if p == nil {
		return
	}
	t.Year = p.Year
	t.Quota += p.Quota
	t.Admitted += p.Admitted
	t.Pending += p.Pending
	t.Within += p.Within
	t.Over += p.Over
	t.Rate = rate(t.Within, t.Quota)
}

// TrainingKPI is the village secretary's class hours of the year against the requirement.
type TrainingKPI struct {
	Name     string  `json:"name"`
	Hours    float64 `json:"hours"`
	Required int     `json:"required"`
	Met      bool    `json:"met"`
}

// kpiBranchwork fills the branch-work figures of the KPIs.
func (db *DB) kpiBranchwork(ctx context.Context, at map[string]*KPI, p Period) error {
	ps, err := db.planProgress(ctx, p.Year)
	if err != nil {
		return err
	}
	for id, pr := range ps {
		if k := at[id]; k != nil && pr.HasPlan {
			pr.Year = p.Year
			k.Branchwork.Plan = pr.KPI()
		}
	}
	rs, err := db.Rectifications(ctx, "", p.Year)
	if err != nil {
		return err
	}
	for _, r := range rs {
		k := at[r.VillageID]
		if k == nil || k.Branchwork.Rectification != nil {
			continue
		}
		x := &RectifyKPI{Year: r.Year, Reasons: []string{}, Leader: r.Leader, Items: len(r.Items), Accepted: r.Done(), ClosedOn: r.ClosedOn}
		for _, s := range r.Reasons {
			x.Reasons = append(x.Reasons, RectifyReasonLabel(s))
		}
		if r.ReasonText != "" {
			x.Reasons = append(x.Reasons, r.ReasonText)
		}
		for _, e := range r.Events {
			switch e.Kind {
			case RectifyTalk:
				x.Talks++
			case RectifyAttend:
				x.Attended++
			}
		}
		k.Branchwork.Rectification = x
	}
	hs, err := db.TrainingHours(ctx, "", p.Year)
	if err != nil {
		return err
	}
	for _, h := range hs {
		if k := at[h.OrgID]; k != nil && h.Position == "secretary" && k.Branchwork.Secretary == nil {
			k.Branchwork.Secretary = &TrainingKPI{Name: h.Name, Hours: h.Hours, Required: h.Required, Met: !h.Short}
		}
	}
	return nil
}

// PlanState says in words where a plan (or a total of plans) stands: over the plan (by how
// many), filled, or in progress.
func PlanState(p *PlanKPI) string {
	switch {
	case p == nil:
		return assets.T("Not set")
	case p.Over > 0:
		return assets.T("Over the plan by %d", p.Over)
	case p.Admitted+p.Pending >= p.Quota:
		return assets.T("Filled")
	}
	return assets.T("In progress")
}
