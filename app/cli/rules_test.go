package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

type ruleRow struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Default  string `json:"default"`
	Value    string `json:"value"`
	Source   string `json:"source"`
	Settable bool   `json:"settable"`
}

func listRules(t *testing.T, h *harness) map[string]ruleRow {
	t.Helper()
	var rows []ruleRow
	if err := json.Unmarshal([]byte(h.ok("rules", "list", "--json")), &rows); err != nil {
		t.Fatal(err)
	}
	out := map[string]ruleRow{}
	for _, r := range rows {
		out[r.ID] = r
	}
	return out
}

func TestRulesSetOnTheTownship(t *testing.T) {
	h := newHarness(t)
	h.env["ZHIBU_USER"] = "李委员"
	h.ok("init", "--role", "township", "--org-code", "410928", "--org-name", "城关镇党委", "--admin", "李委员")

	r := listRules(t, h)["pipeline.publicity_workdays"]
	if !strings.Contains(r.Name, "公示") || r.Default != "5" || r.Value != "5" || !r.Settable || r.Source == "" {
		t.Fatalf("rules list: %+v", r)
	}
	if out := h.ok("rules", "set", "pipeline.publicity_workdays", "7"); !strings.Contains(out, "7") {
		t.Errorf("rules set printed %q", out)
	}
	if r := listRules(t, h)["pipeline.publicity_workdays"]; r.Value != "7" || r.Default != "5" {
		t.Fatalf("after set: %+v", r)
	}
	if out := h.ok("rules", "list"); !strings.Contains(out, "pipeline.publicity_workdays\t7\t") {
		t.Errorf("plain list: %q", out)
	}

	// Bad values and fixed rules: exit 1 with a Chinese reason, nothing changed.
	before := h.ok("digest")
	for _, args := range [][]string{
		{"rules", "set", "pipeline.publicity_workdays", "七"},
		{"rules", "set", "pipeline.probation_months", "6"},
		{"rules", "set", "no.such", "1"},
	} {
		if code, _, errs := h.run(args...); code != 1 || !strings.Contains(errs, "(英文: ") {
			t.Errorf("zhibu %v: exit %d %q", args, code, errs)
		}
	}
	if code, _, _ := h.run("rules", "set", "pipeline.publicity_workdays"); code != 2 {
		t.Errorf("rules set without a value: exit %d, want 2", code)
	}
	if after := h.ok("digest"); after != before {
		t.Error("a refused rules set changed the data")
	}

	h.ok("rules", "reset", "pipeline.publicity_workdays")
	if r := listRules(t, h)["pipeline.publicity_workdays"]; r.Value != "5" {
		t.Fatalf("after reset: %+v", r)
	}
}

func TestRulesSetRefusedOnAVillage(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	code, _, errs := h.run("rules", "set", "points.per_star", "20")
	if code != 1 || !strings.Contains(errs, "乡镇") {
		t.Fatalf("village rules set: exit %d %q", code, errs)
	}
	if r := listRules(t, h)["points.per_star"]; r.Value != "10" {
		t.Fatalf("village value changed: %+v", r)
	}
	// Setting rules is administration: a recorder may not.
	h.env["ZHIBU_NEW_PASSWORD"] = "secret456"
	h.ok("user", "add", "小李", "--role", "recorder")
	h.env["ZHIBU_USER"], h.env["ZHIBU_PASSWORD"] = "小李", "secret456"
	if code, _, _ := h.run("rules", "reset", "points.per_star"); code == 0 {
		t.Fatal("a recorder reset a rule")
	}
}
