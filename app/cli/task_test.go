package cli

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTaskCommands drives the task list as a script would: on a township, items for every
// village (one ID a line), the JSON keys, a return with a reason, an overdue item in check
// and in --state overdue; on a village, an item for itself followed through progress,
// completion with a photo and acceptance; bad input is refused and changes nothing.
func TestTaskCommands(t *testing.T) {
	h := newHarness(t)
	h.env["ZHIBU_USER"] = "李委员"
	h.ok("init", "--role", "township", "--org-code", "410928", "--org-name", "城关镇党委", "--admin", "李委员")
	h.ok("demo", "--villages", "2")
	ids := strings.Fields(h.ok("task", "add", "--org", "all", "--title", "党费收缴不及时", "--due", "2020-01-31", "--kind", "problem", "--source", "督导", "--owner", "支部书记",
		"--evidence", "党费收缴台账照片"))
	if len(ids) != 2 {
		t.Fatalf("task add --org all printed %v", ids)
	}
	for _, bad := range [][]string{
		{"task", "add", "--org", "all", "--title", "x"},
		{"task", "list", "--state", "late"},
		{"task", "return", ids[0]},
		{"task", "accept"},
	} {
		if c, _, errs := h.run(bad...); c != 2 || !strings.Contains(errs, "(英文: ") {
			t.Errorf("zhibu %s: exit %d %q, want a usage error", strings.Join(bad, " "), c, errs)
		}
	}
	for _, bad := range [][]string{
		{"task", "add", "--org", "all", "--title", "x", "--due", "2026-13-01"},
		{"task", "add", "--org", "999", "--title", "x", "--due", "2026-12-01"},
		{"task", "accept", ids[0]}, // not done yet
		{"task", "add", "--org", "all", "--title", "x", "--due", "2026-12-01", "--evidence", strings.Repeat("照", 201)},
	} {
		if c, _, errs := h.run(bad...); c != 1 || errs == "" {
			t.Errorf("zhibu %s: exit %d %q, want a refusal", strings.Join(bad, " "), c, errs)
		}
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(h.ok("task", "list", "--json")), &rows); err != nil || len(rows) != 2 {
		t.Fatalf("task list: %v %v", rows, err)
	}
	for _, k := range []string{"id", "name", "title", "kind", "org_code", "due", "state", "owner", "source", "evidence"} {
		if _, ok := rows[0][k]; !ok {
			t.Errorf("task list --json has no %q: %v", k, rows[0])
		}
	}
	if rows[0]["name"] != "党费收缴不及时" || rows[0]["state"] != "open" || rows[0]["kind"] != "problem" || rows[0]["source"] != "督导" || rows[0]["evidence"] != "党费收缴台账照片" {
		t.Errorf("row %v", rows[0])
	}
	code := rows[0]["org_code"].(string)
	if one := h.ok("task", "list", "--org", code, "--json"); strings.Count(one, `"id"`) != 1 {
		t.Errorf("--org %s: %s", code, one)
	}
	h.ok("task", "return", ids[0], "--reason", "请尽快补缴")
	var overdue []map[string]any
	json.Unmarshal([]byte(h.ok("task", "list", "--state", "overdue", "--json")), &overdue)
	if len(overdue) != 2 || overdue[0]["overdue"] != true {
		t.Errorf("overdue %v", overdue)
	}
	if txt := h.ok("task", "list"); !strings.Contains(txt, "退回理由：请尽快补缴") || !strings.Contains(txt, "已逾期") || !strings.Contains(txt, "佐证要求：党费收缴台账照片") {
		t.Errorf("task list:\n%s", txt)
	}
	if chk := h.ok("check", "--json"); strings.Count(chk, `"kind": "task_overdue"`)+strings.Count(chk, `"kind":"task_overdue"`) != 2 {
		t.Errorf("check does not list both overdue items:\n%s", chk)
	}

	book := filepath.Join(t.TempDir(), "台账.xlsx")
	h.ok("task", "list", "--out", book)
	if st, err := os.Stat(book); err != nil || st.Size() < 1000 {
		t.Fatalf("ledger: %v", err)
	}
	if c, _, _ := h.run("task", "list", "--out", filepath.Join(t.TempDir(), "台账.xls")); c != 2 {
		t.Errorf("an .xls name: exit %d, want a usage error", c)
	}

	// A village follows an item of its own through to acceptance.
	v := newHarness(t)
	v.initVillage()
	id := strings.TrimSpace(v.ok("task", "add", "--org", "410928001", "--title", "活动室制度上墙", "--due", "2099-12-31", "--kind", "task"))
	if c, _, _ := v.run("task", "add", "--org", "410928002", "--title", "x", "--due", "2099-12-31"); c != 1 {
		t.Errorf("a village raised an item for another: exit %d", c)
	}
	v.ok("task", "progress", id, "--note", "已联系制作")
	photo := filepath.Join(t.TempDir(), "wall.png")
	var buf bytes.Buffer
	png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 20, 20)))
	os.WriteFile(photo, buf.Bytes(), 0o644)
	if c, _, errs := v.run("task", "done", id, "--date", "2026-11-20", "--note", "已上墙", "--photo", filepath.Join(t.TempDir(), "missing.png")); c != 1 || errs == "" {
		t.Errorf("a missing photo: exit %d %q", c, errs)
	}
	v.ok("task", "done", id, "--date", "2026-11-20", "--note", "已上墙", "--photo", photo)
	var done []map[string]any
	json.Unmarshal([]byte(v.ok("task", "list", "--state", "done", "--json")), &done)
	if len(done) != 1 || len(done[0]["events"].([]any)) != 2 {
		t.Fatalf("done %v", done)
	}
	v.ok("task", "accept", id)
	if got := v.ok("task", "list", "--state", "open", "--json"); strings.TrimSpace(got) != "[]" {
		t.Errorf("open after acceptance: %s", got)
	}
}
