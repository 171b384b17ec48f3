package store_test

import (
	"errors"
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/synctest"
)

// toAdmission walks a candidate of the village from the application to step `last` (at most
// 17, 上级党委审批 on 2026-07-10) with dates that keep every rule of the pipeline.
func toAdmission(t *testing.T, v *synctest.Device, name string, seq, last int) string {
	t.Helper()
	return storetest.Admit(t, v.Fixture, name, seq, last)
}

// TestDevPlanQuotaProgressAndWarning: source 003 「制定并印发《全县xxxx年发展党员指导性计划》…
// 每季度…调度」. The township sets each village's yearly quota; the village sees its own plan
// and nobody else's; progress is the candidates whose step 17 (上级党委审批) falls in the year;
// a village whose plan is filled is told before the branch meeting (step 15) — in `check`
// while a candidate waits, and when the step is recorded — and the township's KPIs (overview
// and quarterly report) carry the same figures.
func TestDevPlanQuotaProgressAndWarning(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	b := synctest.Village(t, "410928002", "李寨村党支部")
	for _, v := range []*synctest.Device{a, b} {
		synctest.Pair(t, town, v)
		synctest.Sync(t, v, town)
	}
	if err := town.DB.SetPlan(town.Ctx, a.Org.Code, 2026, 1, "按县委下达计划"); err != nil {
		t.Fatal(err)
	}
	if err := town.DB.SetPlan(town.Ctx, b.Org.Code, 2026, 3, ""); err != nil {
		t.Fatal(err)
	}
	if err := town.DB.SetPlan(town.Ctx, a.Org.Code, 2026, -1, ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("a negative quota: %v", err)
	}
	if err := a.DB.SetPlan(a.Ctx, a.Org.Code, 2026, 9, ""); !errors.Is(err, store.ErrDenied) || !strings.Contains(assets.Chinese(err), "乡镇") {
		t.Errorf("a village set its own plan: %v", err)
	}
	for _, v := range []*synctest.Device{a, b} {
		synctest.Sync(t, town, v)
		synctest.Sync(t, v, town)
	}
	// Audience: each village holds its own plan row only.
	if n := count(t, a, "SELECT count(*) FROM dev_plans"); n != 1 {
		t.Fatalf("village A holds %d plan rows, want its own 1", n)
	}
	ps, err := a.DB.Plans(a.Ctx, 2026)
	if err != nil || len(ps) != 1 || ps[0].Quota != 1 || ps[0].Note != "按县委下达计划" || ps[0].Admitted != 0 {
		t.Fatalf("village A sees plans %+v %v", ps, err)
	}
	for i, n := range []string{"王保国", "赵红梅", "刘长青", "陈建华", "杨振华", "黄春生"} {
		a.AddMember(t, n, "1960-01-0"+string(rune('1'+i)), "1990-07-01", 21+2*i)
	}
	toAdmission(t, a, "孙浩然", 51, 17)
	second := toAdmission(t, a, "周雨晴", 53, 14)
	fs, err := a.DB.Check(a.Ctx, a.Org.ID, "2026Q4")
	if err != nil {
		t.Fatal(err)
	}
	var full, progress bool
	for _, f := range fs {
		full = full || f.Kind == "plan_full" && f.Subject == second && strings.Contains(f.Title, "周雨晴")
		progress = progress || f.Kind == "plan_progress" && strings.Contains(f.Title, "2026")
	}
	if !full || !progress {
		t.Errorf("check before the branch meeting: plan_full %v, plan_progress %v in %+v", full, progress, fs)
	}
	rec, err := a.DB.RecordStep(a.Ctx, store.StepInput{CandidateID: second, Step: 15, Date: "2026-06-16", VotesFor: 4, Present: 5})
	if err != nil {
		t.Fatal(assets.Chinese(err))
	}
	if !strings.Contains(rec.Warning, "超出计划") || !strings.Contains(rec.Warning, "2026") {
		t.Errorf("step 15 over the plan warned %q", rec.Warning)
	}
	synctest.Sync(t, a, town)
	q, _ := store.ParsePeriod("2026Q4")
	ks, err := town.DB.KPIs(town.Ctx, q, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range ks {
		p := k.Branchwork.Plan
		switch k.OrgID {
		case a.Org.ID:
			if p == nil || p.Quota != 1 || p.Admitted != 1 || p.Pending != 1 || p.Rate != 1 {
				t.Errorf("township KPIs of A: %+v", p)
			}
		case b.Org.ID:
			if p == nil || p.Quota != 3 || p.Admitted != 0 || p.Rate != 0 {
				t.Errorf("township KPIs of B: %+v", p)
			}
		}
	}
	tps, _ := town.DB.Plans(town.Ctx, 2026)
	if len(tps) != 2 {
		t.Errorf("the township lists %d plans, want its two villages: %+v", len(tps), tps)
	}
}

// TestCountyPlanOfItsTownships: source 003 「制定并印发《全县xxxx年发展党员指导性计划》」 and
// DOMAIN.md ("the county and township set yearly quotas; progress is reviewed each quarter"):
// the county sets each township's quota and sees, against it, the members admitted (step 17)
// in the villages it received through that township; the township sees the county's quota
// for itself; the county's row reaches only the township it is about, never a village nor
// another township (DESIGN.md: a row travels only to PCs in its audience).
func TestCountyPlanOfItsTownships(t *testing.T) {
	c := synctest.New(t, storetest.Params{Role: store.RoleCounty, OrgCode: "4109", OrgName: "范县县委组织部", Admin: "县管理员"})
	t1 := synctest.Township(t)
	t2 := synctest.New(t, storetest.Params{Role: store.RoleTownship, OrgCode: "410929", OrgName: "王庄镇党委", Admin: "王委员"})
	v1 := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, t1, v1)
	synctest.Pair(t, c, t1)
	synctest.Pair(t, c, t2)
	for i, n := range []string{"王保国", "赵红梅", "刘长青", "陈建华", "杨振华", "黄春生"} {
		v1.AddMember(t, n, "1960-01-0"+string(rune('1'+i)), "1990-07-01", 21+2*i)
	}
	toAdmission(t, v1, "孙浩然", 51, 17)
	toAdmission(t, v1, "周雨晴", 53, 15)
	synctest.Sync(t, v1, t1)
	synctest.Sync(t, t1, c)
	synctest.Sync(t, t2, c)
	if err := c.DB.SetPlan(c.Ctx, v1.Org.Code, 2026, 1, ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("the county set a village's quota: %v", err)
	}
	if err := c.DB.SetPlan(c.Ctx, t1.Org.Code, 2026, 12, "县委下达"); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	if err := c.DB.SetPlan(c.Ctx, t2.Org.Code, 2026, 8, ""); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	ps, err := c.DB.Plans(c.Ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]store.PlanProgress{}
	for _, p := range ps {
		got[p.OrgCode] = p
	}
	if len(ps) != 2 || got["410928"].Quota != 12 || got["410928"].Admitted != 1 || got["410928"].Pending != 1 ||
		got["410929"].Quota != 8 || got["410929"].Admitted != 0 {
		t.Fatalf("the county's plans %+v", ps)
	}
	for _, d := range []*synctest.Device{t1, t2} {
		synctest.Sync(t, c, d)
	}
	synctest.Sync(t, t1, v1)
	tp, _ := t1.DB.Plans(t1.Ctx, 2026)
	own := false
	for _, p := range tp {
		own = own || p.OrgID == t1.Org.ID && p.Quota == 12 && p.Admitted == 1 && p.Note == "县委下达"
	}
	if !own {
		t.Errorf("the township does not see the county's quota for it: %+v", tp)
	}
	if n := count(t, t2, "SELECT count(*) FROM dev_plans WHERE target_id=?", t1.Org.ID); n != 0 {
		t.Errorf("township 2 holds the county's plan for township 1")
	}
	if n := count(t, v1, "SELECT count(*) FROM dev_plans"); n != 0 {
		t.Errorf("the village holds %d plan rows of the county's", n)
	}
	if err := t1.DB.DeletePlan(t1.Ctx, t1.Org.Code, 2026); !errors.Is(err, store.ErrDenied) {
		t.Errorf("the township deleted the county's plan for it: %v", err)
	}
}
