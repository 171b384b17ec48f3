package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBranchworkCorrections: what was recorded by mistake is corrected or deleted from the
// command line by whoever wrote it (DESIGN.md: "a village: its own rows; a township: its
// subtree"): `plan delete`, `weak set|visit-set|visit-delete|delete` on the township (source
// 003: 发展党员指导性计划, 软弱涣散党组织整顿), `training set|delete` on the village (党员教育管理工作
// 条例 2019: class hours); the township cannot change a village's training.
func TestBranchworkCorrections(t *testing.T) {
	h := newHarness(t)
	h.env["ZHIBU_USER"] = "李委员"
	h.ok("init", "--role", "township", "--org-code", "410928", "--org-name", "城关镇党委", "--admin", "李委员")
	h.ok("demo", "--villages", "2")
	today := time.Now().Format("2006-01-02")

	h.ok("plan", "set", "--org", "410928001", "--quota", "5")
	h.ok("plan", "delete", "--org", "410928001")
	h.fails(1, "没有", "plan", "delete", "--org", "410928001")
	var plans []struct {
		OrgCode string `json:"org_code"`
		HasPlan bool   `json:"has_plan"`
	}
	if err := json.Unmarshal([]byte(h.ok("plan", "list", "--json")), &plans); err != nil || len(plans) != 2 || plans[0].HasPlan {
		t.Fatalf("plan list after the delete %+v %v", plans, err)
	}

	items := filepath.Join(t.TempDir(), "items.txt")
	due := time.Now().AddDate(0, 0, 20).Format("2006-01-02")
	if err := os.WriteFile(items, []byte("召开专题组织生活会|"+due+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSpace(strings.Split(h.ok("weak", "add", "--org", "410928002", "--leader", "张副书记", "--items", items,
		"--reasons", "disunity"), "\n")[0])
	h.fails(1, "包联", "weak", "set", id, "--leader", " ")
	h.ok("weak", "set", id, "--leader", "王委员", "--text", "换届后班子不团结")
	h.ok("weak", "visit", id, "--kind", "talk", "--date", today, "--by", "张副书记", "--note", "约谈支部书记")
	type weakRow struct {
		Leader     string   `json:"leader"`
		ReasonText string   `json:"reason_text"`
		Reasons    []string `json:"reasons"`
		Events     []struct {
			ID   string `json:"id"`
			Kind string `json:"kind"`
			Note string `json:"note"`
		} `json:"events"`
	}
	list := func() []weakRow {
		var w []weakRow
		if err := json.Unmarshal([]byte(h.ok("weak", "list", "--json")), &w); err != nil {
			t.Fatal(err)
		}
		return w
	}
	w := list()
	if len(w) != 1 || w[0].Leader != "王委员" || w[0].ReasonText != "换届后班子不团结" || len(w[0].Reasons) != 1 || len(w[0].Events) != 1 {
		t.Fatalf("weak list after set %+v", w)
	}
	ev := w[0].Events[0].ID
	if !strings.Contains(h.ok("weak", "list"), ev) {
		t.Errorf("weak list does not show the visit's ID %s", ev)
	}
	h.ok("weak", "visit-set", ev, "--kind", "attend", "--note", "列席专题组织生活会")
	if w = list(); w[0].Events[0].Kind != "attend" || w[0].Events[0].Note != "列席专题组织生活会" {
		t.Errorf("visit after visit-set %+v", w[0].Events)
	}
	h.ok("weak", "visit-delete", ev)
	if w = list(); len(w[0].Events) != 0 {
		t.Errorf("visits after visit-delete %+v", w[0].Events)
	}
	pdf := filepath.Join(t.TempDir(), "plan.pdf")
	h.fails(2, "--out", "notice", "print", "rectify-plan", "--subject", id)
	if out := h.ok("notice", "print", "rectify-plan", "--subject", id, "--out", pdf); !strings.Contains(out, "整顿工作方案") {
		t.Errorf("notice print rectify-plan: %s", out)
	}
	if b, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Errorf("the plan's PDF: %d bytes, %v", len(b), err)
	}
	h.ok("weak", "delete", id)
	if w = list(); len(w) != 0 {
		t.Errorf("weak list after delete %+v", w)
	}

	var ts []struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal([]byte(h.ok("training", "list", "--org", "410928001", "--json")), &ts); err != nil || len(ts) == 0 {
		t.Fatalf("the demo village's trainings %v %v", ts, err)
	}
	h.fails(1, "村", "training", "set", ts[0].ID, "--hours", "1")
	h.fails(1, "村", "training", "delete", ts[0].ID)

	v := newHarness(t)
	v.initVillage()
	ids := v.members(3)
	tid := strings.TrimSpace(v.ok("training", "add", "--title", "集中轮训", "--date", today, "--hours", "3", "--members", strings.Join(ids, ",")))
	v.fails(1, "学时", "training", "set", tid, "--hours", "0")
	v.ok("training", "set", tid, "--hours", "4", "--members", ids[0])
	var hours []struct {
		ID    string  `json:"id"`
		Hours float64 `json:"hours"`
	}
	if err := json.Unmarshal([]byte(v.ok("training", "hours", "--json")), &hours); err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, x := range hours {
		got[x.ID] = x.Hours
	}
	if got[ids[0]] != 4 || got[ids[1]] != 0 {
		t.Errorf("hours after training set: %v", got)
	}
	v.ok("training", "delete", tid)
	if out := strings.TrimSpace(v.ok("training", "list", "--json")); out != "[]" {
		t.Errorf("training list after delete: %s", out)
	}
}
