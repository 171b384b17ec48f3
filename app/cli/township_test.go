package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestTownshipCommands drives the township's commands as a script would: report quarterly
// (JSON keys of CLI.md, xlsx, pdf), period approve/unlock and announce.
func TestTownshipCommands(t *testing.T) {
	h := newHarness(t)
	h.env["ZHIBU_USER"] = "李委员"
	h.ok("init", "--role", "township", "--org-code", "410928", "--org-name", "城关镇党委", "--admin", "李委员")
	h.ok("demo", "--villages", "2")

	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(h.ok("report", "quarterly", "--quarter", "2026Q3", "--json")), &doc); err != nil {
		t.Fatal(err)
	}
	if got := keys(doc); got != "quarter,township,villages" {
		t.Fatalf("top-level keys %s", got)
	}
	var villages []map[string]json.RawMessage
	if err := json.Unmarshal(doc["villages"], &villages); err != nil || len(villages) != 2 {
		t.Fatalf("villages %v", err)
	}
	// CLI.md's keys, extended by issue 24: the development plan, the 整顿 and the secretary's
	// class hours (null where a village has none).
	want := "approved_months,arrears_3m,attendance_rate,candidates,dues_rate,last_sync,meetings,members,notices_posted,on_time_rate,org_code,org_name," +
		"plan,rectification,secretary_training"
	if got := keys(villages[0]); got != want {
		t.Fatalf("village keys\n %s\nwant\n %s", got, want)
	}
	var meetings []map[string]json.RawMessage
	json.Unmarshal(villages[0]["meetings"], &meetings)
	if len(meetings) == 0 || keys(meetings[0]) != "kind,late,missing,on_time,required" {
		t.Fatalf("meeting keys %v", meetings)
	}
	var rate float64
	json.Unmarshal(villages[0]["on_time_rate"], &rate)
	if rate <= 0 || rate > 1 {
		t.Fatalf("on_time_rate %v is not a fraction", rate)
	}
	code := string(villages[0]["org_code"])
	code = strings.Trim(code, `"`)

	dir := t.TempDir()
	for _, f := range []string{"q.xlsx", "q.pdf"} {
		h.ok("report", "quarterly", "--quarter", "2026Q3", "--out", filepath.Join(dir, f))
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() < 1000 {
			t.Fatalf("%s: %v", f, err)
		}
	}
	one := h.ok("report", "quarterly", "--quarter", "2026Q3", "--json", "--org", code)
	if !strings.Contains(one, code) || strings.Count(one, `"org_code"`) != 2 { // the township's and the one village's
		t.Fatalf("--org gave %s", one)
	}
	for _, bad := range [][]string{
		{"report", "quarterly", "--quarter", "2026-09", "--json"},
		{"report", "quarterly", "--quarter", "2026Q3", "--out", filepath.Join(dir, "q.doc")},
		{"period", "approve", "--org", code},
		{"period", "unlock", "--org", code, "--month", "2026-09"},
	} {
		if c, _, errs := h.run(bad...); c != 2 || !strings.Contains(errs, "(英文: ") {
			t.Errorf("zhibu %s: exit %d %q, want a usage error", strings.Join(bad, " "), c, errs)
		}
	}

	out := h.ok("period", "approve", "--org", code, "--month", "2026-09", "--json")
	var a ApprovalRow
	if err := json.Unmarshal([]byte(out), &a); err != nil || !a.Locked || a.Month != "2026-09" || a.OrgCode != code {
		t.Fatalf("approve: %s %v", out, err)
	}
	if c, _, errs := h.run("period", "approve", "--org", "999", "--month", "2026-09"); c != 1 || !strings.Contains(errs, "999") {
		t.Errorf("unknown village: %d %q", c, errs)
	}
	approved := h.ok("report", "quarterly", "--quarter", "2026Q3", "--json", "--org", code)
	if !strings.Contains(approved, `"2026-09"`) {
		t.Errorf("the report does not show the approved month: %s", approved)
	}
	h.ok("period", "unlock", "--org", code, "--month", "2026-09", "--reason", "补录会议记录")
	if list := h.ok("period", "list"); !strings.Contains(list, "已解锁") || !strings.Contains(list, "补录会议记录") {
		t.Errorf("period list: %q", list)
	}

	att := filepath.Join(dir, "安排.txt")
	os.WriteFile(att, []byte("培训安排"), 0o600)
	h.ok("announce", "send", "--title", "关于冬季培训的通知", "--text", "各村：……", "--files", att)
	if list := h.ok("announce", "list", "--json"); !strings.Contains(list, "关于冬季培训的通知") || !strings.Contains(list, "安排.txt") {
		t.Errorf("announce list: %s", list)
	}
	if st := h.ok("announce", "status"); !strings.Contains(st, "已收到 0/1") {
		t.Errorf("announce status: %q", st)
	}
}

func keys(m map[string]json.RawMessage) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ",")
}
