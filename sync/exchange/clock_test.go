package exchange_test

import (
	"context"
	"strings"
	"testing"

	"zhibu/sync/synctest"
)

// A village PC whose clock is three years behind still merges: its later edit wins over the
// older one it had seen (the HLC moves past what it received), and the township is warned
// about the clock.
func TestVillageClockYearsOff(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	id := v.AddMember(t, "张建国", "1965-03-01", "1990-07-01", 11)
	synctest.Sync(t, town, v)
	m, _ := town.DB.Member(town.Ctx, id)
	m.Phone = "13900000001"
	if err := town.DB.UpdateMember(town.Ctx, m); err != nil {
		t.Fatal(err)
	}
	synctest.Sync(t, town, v)

	v.Clock.Set(v.Clock.Now().AddDate(-3, 0, 0)) // dead CMOS battery
	m, _ = v.DB.Member(v.Ctx, id)
	m.Phone = "13800000002"
	if err := v.DB.UpdateMember(v.Ctx, m); err != nil {
		t.Fatal(err)
	}
	r := town.Node.Import(ctx, synctest.Send(t, v, town))
	if r.Status != "applied" || r.Conflicts != 0 {
		t.Fatalf("import: %+v", r)
	}
	if got, _ := town.DB.Member(town.Ctx, id); got.Phone != "13800000002" {
		t.Errorf("the village's later edit lost to the township's earlier one: %s", got.Phone)
	}
	if !strings.Contains(r.Message, "天") {
		t.Errorf("no clock warning: %q", r.Message)
	}
	fs, err := town.DB.Check(ctx, town.Org.ID, "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	warned := false
	for _, f := range fs {
		warned = warned || f.Kind == "clock_skew"
	}
	if !warned {
		t.Errorf("check has no clock finding: %+v", fs)
	}
	t.Log(r.Message)
}
