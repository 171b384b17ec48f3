package store_test

import (
	"errors"
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/rules"
	"zhibu/store/storetest"
)

func ruleState(t *testing.T, db *store.DB, key string) store.RuleState {
	t.Helper()
	rs, err := db.RuleValues(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Key == key {
			return r
		}
	}
	t.Fatalf("rule %s not listed", key)
	return store.RuleState{}
}

func TestTownshipSetsRuleAndVillageReceivesIt(t *testing.T) {
	town, village := storetest.Township(t), storetest.Village(t)
	key := rules.PipelinePublicity.Key
	if err := town.DB.SetRule(town.Ctx, key, " 7 "); err != nil {
		t.Fatal(err)
	}
	if v, _ := town.DB.RuleValue(town.Ctx, key); v != "7" {
		t.Fatalf("value in force on the township = %q, want 7", v)
	}
	st := ruleState(t, town.DB, key)
	if st.Value != "7" || st.Default != "5" || !st.Overridden || !st.Settable || !st.Local || st.Label != assets.T(rules.PipelinePublicity.Label) || st.Source == "" {
		t.Fatalf("state = %+v", st)
	}
	village.ReceiveFrom(t, town, "orgs", "settings")
	if v, _ := village.DB.RuleValue(village.Ctx, key); v != "7" {
		t.Fatalf("value in force on the village after sync = %q, want 7", v)
	}

	if err := town.DB.ResetRule(town.Ctx, key); err != nil {
		t.Fatal(err)
	}
	if st := ruleState(t, town.DB, key); st.Value != "5" || st.Overridden {
		t.Fatalf("after reset: %+v", st)
	}
	village.ReceiveFrom(t, town, "settings")
	if v, _ := village.DB.RuleValue(village.Ctx, key); v != "5" {
		t.Fatalf("village after the reset synced = %q, want 5", v)
	}
	// Resetting a rule never set is a no-op.
	if err := town.DB.ResetRule(town.Ctx, rules.PointsPerStar.Key); err != nil {
		t.Fatal(err)
	}
}

func TestVillageCannotSetRules(t *testing.T) {
	f := storetest.Village(t)
	before, _ := f.DB.Digest(f.Ctx, "")
	for _, err := range []error{f.DB.SetRule(f.Ctx, rules.PointsPerStar.Key, "20"), f.DB.ResetRule(f.Ctx, rules.PointsPerStar.Key)} {
		if !errors.Is(err, store.ErrDenied) || !strings.Contains(assets.Chinese(err), "乡镇") {
			t.Errorf("village: %v (%s)", err, assets.Chinese(err))
		}
	}
	if after, _ := f.DB.Digest(f.Ctx, ""); after != before {
		t.Error("a refused setting changed the data")
	}
}

func TestSetRuleValidates(t *testing.T) {
	f := storetest.Township(t)
	cases := []struct {
		key, value string
		want       string // "" is accepted; else part of the Chinese message
		stored     string
	}{
		{rules.PointsPerStar.Key, "12", "", "12"},
		{rules.PointsPerStar.Key, "0", "整数", ""},
		{rules.PointsPerStar.Key, "1.5", "整数", ""},
		{rules.PointsPerStar.Key, "很多", "整数", ""},
		{rules.AttendanceMin.Key, "101", "1 到 100", ""},
		{rules.ThemeDayDay.Key, "32", "1 到 31", ""},
		{rules.ThemeDayDay.Key, "15", "", "15"},
		{rules.PointsDeduction.Key, "-3", "", "-3"},
		{rules.PointsDeduction.Key, "3", "整数", ""},
		{rules.DuesFarmer.Key, "0.5", "", "0.5"},
		{rules.DuesFarmer.Key, "-1", "两位小数", ""},
		{rules.DuesFarmer.Key, "0.123", "两位小数", ""},
		{rules.AppraisalExcellentMax.Key, "1 / 4", "", "1/4"},
		{rules.AppraisalExcellentMax.Key, "4/3", "分数", ""},
		{rules.AppraisalExcellentMax.Key, "0.3", "分数", ""},
		{rules.PointsLayout.Key, "532", "", "532"},
		{rules.PointsLayout.Key, "五星", "stars", ""},
		{rules.DuesRetiredBase.Key, "", "total", ""},
		{rules.PipelineProbation.Key, "6", "不能修改", ""},
		{"no.such.rule", "1", "没有名为", ""},
	}
	for _, c := range cases {
		before, _ := f.DB.Digest(f.Ctx, "")
		err := f.DB.SetRule(f.Ctx, c.key, c.value)
		if c.want == "" {
			if err != nil {
				t.Errorf("%s=%q: %v", c.key, c.value, err)
			} else if v, _ := f.DB.RuleValue(f.Ctx, c.key); v != c.stored {
				t.Errorf("%s=%q stored %q, want %q", c.key, c.value, v, c.stored)
			}
			continue
		}
		if err == nil || !strings.Contains(assets.Chinese(err), c.want) {
			t.Errorf("%s=%q: got %v (%s), want a message with %q", c.key, c.value, err, assets.Chinese(err), c.want)
		}
		if after, _ := f.DB.Digest(f.Ctx, ""); after != before {
			t.Errorf("%s=%q: a refused value changed the data", c.key, c.value)
		}
	}
}

func TestEveryRuleLabelIsTranslated(t *testing.T) {
	for _, r := range rules.All() {
		if !assets.Has(r.Label) {
			t.Errorf("rule %s: label %q is not in the catalog", r.Key, r.Label)
		}
	}
}
