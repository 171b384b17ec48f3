package exchange_test

import (
	"context"
	"testing"
	"time"

	"zhibu/sync/synctest"
)

// TestLandlineSurvivesConflict: a phone that starts with 0 (every landline does) keeps its
// leading zero through put, bundle, merge, the conflict record and resolving it on either PC.
func TestLandlineSurvivesConflict(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	id := v.AddMember(t, "张建国", "1965-03-01", "1990-07-01", 11)
	synctest.Sync(t, town, v)

	setPhone := func(d *synctest.Device, phone string) {
		t.Helper()
		m, err := d.DB.Member(d.Ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		m.Phone = phone
		if err := d.DB.UpdateMember(d.Ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	setPhone(v, "08517654321")
	town.Clock.Add(time.Second) // the township's edit wins; the village's landline loses
	setPhone(town, "08519876543")
	synctest.Sync(t, town, v)

	for _, d := range []*synctest.Device{town, v} {
		cs, err := d.DB.Replica().Conflicts(ctx, "", false)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) != 1 {
			t.Fatalf("%s: %d conflicts, want 1", d.Org.Name, len(cs))
		}
		if cs[0].LoserValue != "08517654321" || cs[0].WinnerValue != "08519876543" {
			t.Fatalf("%s: conflict keeps %#v over %#v, want \"08517654321\" over \"08519876543\"", d.Org.Name, cs[0].LoserValue, cs[0].WinnerValue)
		}
	}
	cs, _ := town.DB.Replica().Conflicts(ctx, "", false)
	if err := town.DB.ResolveConflict(town.Ctx, cs[0].ID, true); err != nil {
		t.Fatal(err)
	}
	synctest.Sync(t, town, v)
	for _, d := range []*synctest.Device{town, v} {
		m, err := d.DB.Member(d.Ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if m.Phone != "08517654321" {
			t.Errorf("%s: phone after keeping the other value is %q, want 08517654321", d.Org.Name, m.Phone)
		}
	}
}
