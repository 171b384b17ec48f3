package store_test

import (
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
)

// TestStarStandardFollowsThreshold: issue 21 — "a changed star threshold leaves the old
// standard text on paper". The township lowers the 组织建设星's 按时召开率 threshold to 85%
// and the dues star's to 97.5% without touching their texts: the scheme in force (what the
// star notices and screens print) says 85% and 97.5%; a judged star's text is unchanged.
func TestStarStandardFollowsThreshold(t *testing.T) {
	f := storetest.Township(t)
	s := store.DefaultStarScheme(store.Scheme532, 2026)
	for i := range s.Stars {
		switch s.Stars[i].Code {
		case "c1":
			s.Stars[i].Threshold = 0.85
		case "c3":
			s.Stars[i].Threshold = 0.975
		}
	}
	judged, _ := s.Star("c5")
	if err := f.DB.SetStarScheme(f.Ctx, s); err != nil {
		t.Fatal(err)
	}
	got, err := f.DB.StarSchemeFor(f.Ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	c1, _ := got.Star("c1")
	c3, _ := got.Star("c3")
	c5, _ := got.Star("c5")
	if !strings.Contains(c1.Standard, "不低于85%") || strings.Contains(c1.Standard, "90%") {
		t.Errorf("on-time star's standard %q, want 85%%", c1.Standard)
	}
	if !strings.Contains(c3.Standard, "97.5%") || strings.Contains(c3.Standard, "95%") {
		t.Errorf("dues star's standard %q, want 97.5%%", c3.Standard)
	}
	if c5.Standard != judged.Standard {
		t.Errorf("a judged star's standard changed: %q → %q", judged.Standard, c5.Standard)
	}
}
