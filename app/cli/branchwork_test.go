package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBranchworkCommands drives issue 24's commands on a township with two demo villages:
// `plan set|list` (source 003: 发展党员指导性计划), `weak add|list|visit|close` (source 003: 软弱
// 涣散党组织整顿, 约谈提醒、列席组织生活会) and `training hours` (党员教育管理工作条例 2019: 32 / 56
// class hours), and `training add` on a village from a 党课 meeting.
func TestBranchworkCommands(t *testing.T) {
	h := newHarness(t)
	h.env["ZHIBU_USER"] = "李委员"
	h.ok("init", "--role", "township", "--org-code", "410928", "--org-name", "城关镇党委", "--admin", "李委员")
	h.ok("demo", "--villages", "2")
	year := time.Now().Format("2006")

	h.fails(2, "整数", "plan", "set", "--org", "410928001", "--quota", "三")
	h.fails(1, "0 到 999", "plan", "set", "--org", "410928001", "--quota", "-1")
	h.ok("plan", "set", "--org", "410928001", "--quota", "5", "--note", "县委下达")
	var plans []struct {
		OrgCode string `json:"org_code"`
		Quota   int    `json:"quota"`
		HasPlan bool   `json:"has_plan"`
		Note    string `json:"note"`
	}
	if err := json.Unmarshal([]byte(h.ok("plan", "list", "--json")), &plans); err != nil || len(plans) != 2 ||
		plans[0].OrgCode != "410928001" || plans[0].Quota != 5 || plans[0].Note != "县委下达" {
		t.Fatalf("plan list %+v %v", plans, err)
	}

	items := filepath.Join(t.TempDir(), "items.txt")
	due := time.Now().AddDate(0, 0, 20).Format("2006-01-02")
	if err := os.WriteFile(items, []byte("召开专题组织生活会|"+due+"|会议记录\n健全三会一课制度|"+due+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.fails(1, "包联", "weak", "add", "--org", "410928002", "--leader", " ", "--items", items, "--reasons", "disunity")
	id := strings.TrimSpace(strings.Split(h.ok("weak", "add", "--org", "410928002", "--leader", "张副书记", "--items", items,
		"--reasons", "disunity,orglife", "--text", "换届后班子不团结"), "\n")[0])
	h.ok("weak", "visit", id, "--kind", "talk", "--date", time.Now().Format("2006-01-02"), "--by", "张副书记", "--note", "约谈支部书记")
	h.fails(1, "未验收", "weak", "close", id, "--date", time.Now().Format("2006-01-02"), "--review", "班子团结")
	var weak []struct {
		ID      string `json:"id"`
		Name    string `json:"name"`
		OrgCode string `json:"org_code"`
		Reasons []string
		Items   []struct {
			Source string `json:"source"`
		} `json:"items"`
		Events []struct {
			Kind string `json:"kind"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(h.ok("weak", "list", "--json")), &weak); err != nil || len(weak) != 1 || weak[0].ID != id ||
		weak[0].OrgCode != "410928002" || len(weak[0].Items) != 2 || weak[0].Items[0].Source != "整顿" || len(weak[0].Events) != 1 ||
		!strings.Contains(weak[0].Name, year) {
		t.Fatalf("weak list %+v %v", weak, err)
	}

	var hours []struct {
		Name     string  `json:"name"`
		Hours    float64 `json:"hours"`
		Required int     `json:"required"`
		Position string  `json:"position"`
	}
	if err := json.Unmarshal([]byte(h.ok("training", "hours", "--org", "410928001", "--json")), &hours); err != nil || len(hours) == 0 {
		t.Fatalf("training hours %v", err)
	}
	for _, x := range hours {
		want := 32
		if x.Position == "secretary" || x.Position == "deputy" || x.Position == "committee" {
			want = 56
		}
		if x.Required != want || x.Hours < 24 {
			t.Errorf("%s: %v of %d hours", x.Name, x.Hours, x.Required)
		}
	}

	v := newHarness(t)
	v.initVillage()
	ids := v.members(3) // a secretary and two committee members: 56 class hours each
	m := strings.TrimSpace(v.ok("meeting", "add", "--kind", "lecture", "--date", time.Now().Format("2006-01-02"), "--topic", "学习党章",
		"--present", strings.Join(ids[:2], ",")))
	v.fails(1, "学时", "training", "add", "--meeting", m, "--hours", "0")
	v.ok("training", "add", "--meeting", m, "--hours", "2.5")
	out := v.ok("training", "hours", "--short")
	if !strings.Contains(out, "2.5 / 56") || !strings.Contains(out, "0 / 56") {
		t.Errorf("training hours:\n%s", out)
	}
}
