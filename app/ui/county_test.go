package ui

import (
	"strings"
	"testing"

	"zhibu/store"
)

// TestCountyNavigation: a county office keeps no branch's records (DOMAIN.md: 县委组织部 →
// 乡镇党委 → 村党支部; DESIGN.md: "a county role receives its townships' villages for the
// county's report"), so its PC lists only what works there — the home page, the 发展党员计划
// of its townships (source 003: 「全县…发展党员指导性计划」), sync, accounts, backup, about —
// and no village screen (members, meetings, dues) nor a village's home panels (findings of
// missing meetings); village and township keep their screens.
func TestCountyNavigation(t *testing.T) {
	var ids []string
	for _, s := range Screens(store.RoleCounty) {
		ids = append(ids, s.ID)
	}
	if got := strings.Join(ids, " "); got != "home devplan sync users backup about" {
		t.Errorf("county screens: %s", got)
	}
	if n := len(HomePanels(store.RoleCounty)); n != 1 {
		t.Errorf("the county's home has %d panels, want the sync panel only", n)
	}
	for _, role := range []string{store.RoleVillage, store.RoleTownship} {
		has := map[string]bool{}
		for _, s := range Screens(role) {
			has[s.ID] = true
		}
		if !has["members"] || !has["sync"] || has["devplan"] != (role == store.RoleTownship) {
			t.Errorf("%s screens: %v", role, has)
		}
	}
}
