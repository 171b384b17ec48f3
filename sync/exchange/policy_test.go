package exchange_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/store/rules"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

// TestVillageWritesOnlyWhatAVillageMay: the township refuses, whole and with a Chinese
// message naming the village, a bundle in which a village changes its own organisation's
// kind, code or parent, gives a party group another village's code, moves the township's
// calendar or sets a rule figure; it still accepts the village's names and party groups.
func TestVillageWritesOnlyWhatAVillageMay(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	synctest.Sync(t, town, v)
	dev := v.Node.Self()
	next := func() replica.HLC { return v.DB.Replica().Clock() + 1 }
	org := func(row, field string, value any) replica.Change {
		return replica.Change{Table: "orgs", RowID: row, OrgID: v.Org.ID, Field: field, Value: value, HLC: next(), Device: dev}
	}
	group := store.NewID()
	settingRow := store.NewID()
	day := store.NewID()
	cases := []struct {
		name  string
		cs    []replica.Change
		words string
	}{
		{"own kind to township", []replica.Change{org(v.Org.ID, "kind", store.KindTownship)}, "代码、类别"},
		{"own code", []replica.Change{org(v.Org.ID, "code", "410928002")}, "代码、类别"},
		{"own parent", []replica.Change{org(v.Org.ID, "parent_id", store.NewID())}, "代码、类别"},
		{"own row deleted", []replica.Change{org(v.Org.ID, "deleted", int64(1))}, "代码、类别"},
		{"group with another village's code", []replica.Change{org(group, "org_id", v.Org.ID), org(group, "kind", store.KindGroup),
			org(group, "code", "410928002"), org(group, "parent_id", v.Org.ID)}, "代码、类别"},
		{"a second township", []replica.Change{org(group, "org_id", v.Org.ID), org(group, "kind", store.KindTownship)}, "代码、类别"},
		{"calendar day", []replica.Change{
			{Table: "calendar_days", RowID: day, OrgID: v.Org.ID, Field: "org_id", Value: v.Org.ID, HLC: next(), Device: dev},
			{Table: "calendar_days", RowID: day, OrgID: v.Org.ID, Field: "date", Value: "2026-12-01", HLC: next(), Device: dev}}, "工作日"},
		{"rule figure", []replica.Change{
			{Table: "settings", RowID: settingRow, OrgID: v.Org.ID, Field: "org_id", Value: v.Org.ID, HLC: next(), Device: dev},
			{Table: "settings", RowID: settingRow, OrgID: v.Org.ID, Field: "key", Value: rules.SettingKey("dues.farmer"), HLC: next(), Device: dev},
			{Table: "settings", RowID: settingRow, OrgID: v.Org.ID, Field: "value", Value: "100", HLC: next(), Device: dev}}, "规则"},
	}
	seq := int64(100)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := snapshot(t, town)
			seq++
			r := town.Node.Import(ctx, forge(t, v, town, seq, c.cs))
			if r.Status != exchange.Rejected || !errors.Is(r.Err, replica.ErrOutOfScope) {
				t.Fatalf("status %s, error %v", r.Status, r.Err)
			}
			if !strings.Contains(r.Message, "张庄村党支部") || !strings.Contains(r.Message, c.words) {
				t.Errorf("message %q lacks the village or %q", r.Message, c.words)
			}
			if after := snapshot(t, town); after != before {
				t.Errorf("database changed")
			}
			t.Log(r.Message)
		})
	}
	// What a village does decide still arrives: its name and a party group.
	seq++
	r := town.Node.Import(ctx, forge(t, v, town, seq, []replica.Change{org(v.Org.ID, "name", "张庄村党总支"),
		org(group, "org_id", v.Org.ID), org(group, "name", "第一党小组"), org(group, "kind", store.KindGroup), org(group, "parent_id", v.Org.ID)}))
	if r.Status != exchange.Applied {
		t.Fatalf("legitimate changes: %s %s", r.Status, r.English)
	}
	if o, err := town.DB.Org(ctx, v.Org.ID); err != nil || o.Name != "张庄村党总支" || o.Kind != store.KindVillage || o.Code != "410928001" {
		t.Fatalf("village row at the township: %+v %v", o, err)
	}
}
