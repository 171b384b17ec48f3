package ui

import (
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
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

// The county office's administrator is called what he is in the top bar and the accounts
// list: 县级管理员, not the township's 乡镇管理员 (the rights are the same).
func TestCountyAdministratorIsCalledSo(t *testing.T) {
	f := storetest.New(t, storetest.Params{Role: store.RoleCounty, OrgCode: "4109", OrgName: "范县县委组织部", Admin: "县管理员"})
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	if !shows(w, "县管理员（县级管理员）") || shows(w, "乡镇管理员") {
		t.Errorf("the county's top bar: %q", texts(w))
	}
	// The first-use guide is a branch's and a township's: the county's bar does not offer it.
	if b := button(w, "使用指南"); b != nil {
		t.Error("the county's top bar offers the village's first-use guide")
	}
	u.shell.show("users")
	if !shows(w, "县级管理员") || shows(w, "乡镇管理员") {
		t.Errorf("the county's accounts: %q", texts(w))
	}
}
