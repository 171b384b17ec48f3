package store

import "context"

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
	Rate     Rate `json:"rate"`     // admitted ÷ quota
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
			k.Branchwork.Plan = &PlanKPI{Year: p.Year, Quota: pr.Quota, Admitted: pr.Admitted, Pending: pr.Pending, Rate: pr.Rate()}
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
