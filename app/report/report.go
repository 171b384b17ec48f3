// Package report builds the township's quarterly report (季度报表) from the store's KPIs and
// writes it as a spreadsheet (excelize) or a printable PDF (the notices' renderer and font).
package report

import (
	"context"
	"strings"
	"time"

	"zhibu/assets"
	"zhibu/store"
)

// Meeting is one kind of required meeting in the report (CLI.md keys).
type Meeting struct {
	Kind     string `json:"kind"`
	Label    string `json:"-"`
	Required int    `json:"required"`
	OnTime   int    `json:"on_time"`
	Late     int    `json:"late"`
	Missing  int    `json:"missing"`
}

// Figures are one village's (or the township's) figures, with the keys of CLI.md.
type Figures struct {
	OrgCode        string         `json:"org_code"`
	OrgName        string         `json:"org_name"`
	LastSync       string         `json:"last_sync"`
	Members        int            `json:"members"`
	Meetings       []Meeting      `json:"meetings"`
	OnTimeRate     store.Rate     `json:"on_time_rate"`
	AttendanceRate store.Rate     `json:"attendance_rate"`
	DuesRate       store.Rate     `json:"dues_rate"`
	Arrears3m      int            `json:"arrears_3m"`
	Candidates     map[string]int `json:"candidates"`
	NoticesPosted  int            `json:"notices_posted"`
	ApprovedMonths []string       `json:"approved_months"`
	// Branch work (issue 24): the development plan of the quarter's year (null: none set).
	Plan *store.PlanKPI `json:"plan"`
	// The village secretary's class hours of the year (书记培训覆盖; null: no secretary on the roll).
	SecretaryTraining *store.TrainingKPI `json:"secretary_training"`
	// The year's 整顿 as a weak branch (null: not named).
	Rectification *store.RectifyKPI `json:"rectification"`

	// Not in the JSON: the counts behind the rates, for the sheets.
	kpi store.KPI
}

// Totals are the township's totals: the same figures summed over its villages.
type Totals struct {
	Name     string `json:"name"`
	Villages int    `json:"villages"`
	Figures
}

// Report is the quarterly report: "report quarterly --json" prints it.
type Report struct {
	Quarter  string    `json:"quarter"`
	Township Totals    `json:"township"`
	Villages []Figures `json:"villages"`
	// AsOf and Sign are for paper only: the JSON document keeps CLI.md's keys.
	// AsOf is the day the figures are counted up to (统计截至): the quarter's last day, or
	// today while the quarter runs.
	AsOf string `json:"-"`
	// Who filled it in (填报人, by default the logged-in user), who reviewed it (审核人) and
	// the telephone to call about it (联系电话): printed at the foot; blank ones print a
	// line to write on.
	Sign Signatures `json:"-"`
	// Label is the quarter in Chinese (2026年第四季度); Date is when it was made.
	Label string    `json:"-"`
	Date  time.Time `json:"-"`
}

// Signatures are the report's 填报人, 审核人 and 联系电话.
type Signatures struct {
	FilledBy string `json:"filled_by"`
	Reviewer string `json:"reviewer"`
	Phone    string `json:"phone"`
}

// asOf is the last day the figures of a quarter count: its last day, or today before then.
func asOf(q store.Period, now time.Time) string {
	if last := q.Last(); now.Before(last) {
		return now.Format("2006-01-02")
	}
	return q.LastDay()
}

// SignLines are the 统计截至 line and the 填报人 / 审核人 / 联系电话 line of the report's foot.
func (r Report) SignLines() []string {
	blank := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return "__________"
		}
		return s
	}
	return []string{assets.T("Figures as of: %s", r.AsOf),
		assets.T("Filled in by: %s    Reviewed by: %s    Telephone: %s", blank(r.Sign.FilledBy), blank(r.Sign.Reviewer), blank(r.Sign.Phone))}
}

// Build computes the report of a quarter for the organisations (nil: on a township every
// village, on a village its own records).
func Build(ctx context.Context, db *store.DB, q store.Period, orgIDs []string) (Report, error) {
	if q.Kind != store.PeriodQuarter {
		return Report{}, assets.Wrap(store.ErrInvalid, "The quarter %s is not valid; write it as 2026Q4.", q.String())
	}
	ks, err := db.KPIs(ctx, q, orgIDs)
	if err != nil {
		return Report{}, err
	}
	home, err := db.Home(ctx)
	if err != nil {
		return Report{}, err
	}
	r := Report{Quarter: q.String(), Label: q.Label(), Date: db.Now(), Villages: []Figures{}, AsOf: asOf(q, db.Now()),
		Sign: Signatures{FilledBy: store.UserFrom(ctx)}}
	for _, k := range ks {
		r.Villages = append(r.Villages, figures(k))
	}
	t := figures(store.Totals(ks, q))
	t.OrgCode, t.OrgName = home.Code, home.Name
	t.ApprovedMonths = []string{}
	for _, v := range r.Villages {
		t.ApprovedMonths = append(t.ApprovedMonths, v.ApprovedMonths...)
	}
	t.Plan = planTotal(r.Villages)
	r.Township = Totals{Name: home.Name, Villages: len(ks), Figures: t}
	return r, nil
}

func figures(k store.KPI) Figures {
	f := Figures{OrgCode: k.OrgCode, OrgName: k.OrgName, LastSync: k.LastSync, Members: k.Members, Meetings: []Meeting{},
		OnTimeRate: k.OnTimeRate, AttendanceRate: k.AttendanceRate, DuesRate: k.DuesRate, Arrears3m: k.Arrears3m,
		Candidates: map[string]int{}, NoticesPosted: k.NoticesPosted, ApprovedMonths: k.ApprovedMonths, Plan: k.Branchwork.Plan,
		SecretaryTraining: k.Branchwork.Secretary, Rectification: k.Branchwork.Rectification, kpi: k}
	for _, m := range k.Meetings {
		f.Meetings = append(f.Meetings, Meeting{Kind: m.Kind, Label: m.Label, Required: m.Required, OnTime: m.OnTime, Late: m.Late, Missing: m.Missing})
	}
	for s, n := range k.Stages {
		f.Candidates[s] = n
	}
	if f.ApprovedMonths == nil {
		f.ApprovedMonths = []string{}
	}
	return f
}
