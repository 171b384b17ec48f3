package cli

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"testing"
)

// An exported roster imports into another village's database with the same members.
func TestExportImportRoundTrip(t *testing.T) {
	a := newHarness(t)
	a.initVillage()
	a.ok("demo", "--seed", "3")
	out := filepath.Join(t.TempDir(), "导出.xlsx")
	a.ok("member", "export", "--out", out)

	b := newHarness(t)
	b.initVillage()
	b.ok("member", "import", out)

	list := func(h *harness) []MemberRow {
		var rows []MemberRow
		if err := json.Unmarshal([]byte(h.ok("member", "list", "--json")), &rows); err != nil {
			t.Fatal(err)
		}
		for i := range rows {
			rows[i].ID, rows[i].OrgID = "", ""
		}
		sort.Slice(rows, func(i, j int) bool { return rows[i].IDNumber < rows[j].IDNumber })
		return rows
	}
	ra, rb := list(a), list(b)
	if len(ra) == 0 || len(ra) != len(rb) {
		t.Fatalf("%d members exported, %d imported", len(ra), len(rb))
	}
	for i := range ra {
		if ra[i] != rb[i] {
			t.Fatalf("member differs after round trip:\n%+v\n%+v", ra[i], rb[i])
		}
	}
}
