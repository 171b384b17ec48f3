package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSupervisionCommands: on a township a visit with a findings file raises one 督导 item per
// line, listed with the visit; a file with a bad line is refused naming the line's finding
// and writes nothing; a village cannot record a visit; the bulletin of the quarter prints.
func TestSupervisionCommands(t *testing.T) {
	h := newHarness(t)
	h.env["ZHIBU_USER"] = "李委员"
	h.ok("init", "--role", "township", "--org-code", "410928", "--org-name", "城关镇党委", "--admin", "李委员")
	h.ok("demo", "--villages", "2")
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("10月支委会无会议记录|2026-12-10|补开会议记录照片\n公示栏未更新|12月底\n"), 0o644)
	args := []string{"supervision", "add", "--org", "410928001", "--date", "2026-11-27", "--by", "李委员、赵干事", "--checked", "三会一课记录"}
	if c, _, errs := h.run(append(args, "--findings", bad)...); c != 1 || !strings.Contains(errs, "第2条问题") {
		t.Errorf("a bad finding: exit %d %q", c, errs)
	}
	if c, _, errs := h.run("supervision", "add", "--org", "410928001", "--date", "2026-11-27"); c != 2 || !strings.Contains(errs, "--by") {
		t.Errorf("no visitors: exit %d %q", c, errs)
	}
	if got := strings.TrimSpace(h.ok("supervision", "list", "--json")); got != "[]" {
		t.Fatalf("refusals wrote visits: %s", got)
	}
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("\ufeff10月支委会无会议记录|2026-12-10|补开会议记录照片\n\n公示栏未更新｜2026-12-31\n"), 0o644)
	out := strings.Fields(h.ok(append(args, "--findings", good)...))
	if len(out) != 3 {
		t.Fatalf("supervision add printed %v", out)
	}
	var visits []map[string]any
	if err := json.Unmarshal([]byte(h.ok("supervision", "list", "--org", "410928001", "--json")), &visits); err != nil || len(visits) != 1 {
		t.Fatalf("supervision list: %v %v", visits, err)
	}
	v := visits[0]
	fs, _ := v["findings"].([]any)
	if v["id"] != out[0] || v["visitors"] != "李委员、赵干事" || v["org_code"] != "410928001" || !strings.Contains(v["name"].(string), "督导") || len(fs) != 2 {
		t.Errorf("visit %v", v)
	}
	var tasks []map[string]any
	json.Unmarshal([]byte(h.ok("task", "list", "--json")), &tasks)
	if len(tasks) != 2 || tasks[0]["source"] != "督导" || tasks[0]["visit_id"] != out[0] || tasks[0]["evidence"] != "补开会议记录照片" {
		t.Errorf("items %v", tasks)
	}
	pdf := filepath.Join(dir, "通报.pdf")
	if msg := h.ok("report", "bulletin", "--period", "2026Q4", "--out", pdf, "--good-practice", "张庄村坚持每月志愿服务。"); !strings.Contains(msg, pdf) {
		t.Errorf("report bulletin: %q", msg)
	}
	if st, err := os.Stat(pdf); err != nil || st.Size() < 5000 {
		t.Errorf("bulletin: %v", err)
	}
	if c, _, _ := h.run("report", "bulletin", "--period", "2026Q4", "--out", filepath.Join(dir, "x.xlsx")); c != 2 {
		t.Errorf("a bulletin as .xlsx: exit %d", c)
	}

	vh := newHarness(t)
	vh.initVillage()
	if c, _, errs := vh.run("supervision", "add", "--org", "410928001", "--date", "2026-11-27", "--by", "自己", "--checked", "x"); c != 1 || !strings.Contains(errs, "乡镇党委") {
		t.Errorf("a village recorded a visit: exit %d %q", c, errs)
	}
}
