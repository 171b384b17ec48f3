package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"zhibu/store/storetest"
)

// rules list shows each rule's default, source and whether it was checked (issue 10).
func TestRulesListShowsDefaultAndSource(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	out := h.ok("rules", "list")
	for _, want := range []string{
		"pipeline.publicity_workdays\t5\t",
		"默认值 5 · 依据：发展党员公示（地方做法） · 地方做法",
		"默认值 18 · 依据：中国共产党发展党员工作细则（2014） 第五条 · 已对照原文核实",
		"dues.backpay_months\t6\t",
		"第十二条 · 已对照原文核实",
		// Issue 23: the talk within a month is 细则 第七条, marked unverified; 四议两公开 step 4
		// cites 村民委员会组织法.
		"细则（2014） 第七条 · 条文出处尚未核实",
		"依据：中华人民共和国村民委员会组织法 第二十六条 · 已对照原文核实",
		"依据：中华人民共和国村民委员会组织法 第二十二条 · 已对照原文核实",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("rules list lacks %q", want)
		}
	}
	if strings.Contains(out, "%!") {
		t.Errorf("broken format in rules list")
	}
}

// candidate extend --months 3 is refused (细则 第三十二条: at least six months), check prints
// no broken format.
func TestExtendRefusedAndCheckFormats(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	h.ok("demo")
	var list []CandidateRow
	json.Unmarshal([]byte(h.ok("candidate", "list", "--json")), &list)
	probation := ""
	for _, c := range list {
		if c.Stage == 5 && c.MemberID != "" {
			probation = c.ID
		}
	}
	if probation == "" {
		t.Fatalf("the demo has no probationary member: %+v", list)
	}
	h.fails(1, "不能少于 6 个月", "candidate", "extend", probation, "--months", "3")
	h.fails(1, "不超过 12 个月", "candidate", "extend", probation, "--months", "13")
	for _, p := range []string{"", "2026", "2026Q4", "2026Q3"} {
		args := []string{"check"}
		if p != "" {
			args = append(args, "--period", p)
		}
		if out := h.ok(args...); strings.Contains(out, "%!") {
			t.Errorf("check %s: broken format:\n%s", p, out)
		}
	}
}

func TestMemberPartCommands(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	a := strings.TrimSpace(h.ok("member", "add", "--name", "刘在职", "--id-number", storetest.ValidID("1970-05-06", 11), "--joined", "2000-07-01",
		"--category", "在职"))
	fl := strings.TrimSpace(h.ok("member", "add", "--name", "陈流动", "--id-number", storetest.ValidID("1975-05-06", 13), "--joined", "2001-07-01",
		"--category", "流动"))
	if out := h.ok("member", "modes"); !strings.Contains(out, "刘在职") || !strings.Contains(out, "陈流动") || !strings.Contains(out, "跟踪式") {
		t.Errorf("modes before: %s", out)
	}
	c := strings.TrimSpace(h.ok("member", "commit", "add", "--member", a, "--content", "帮三户群众办实事", "--date", "2026-02-20"))
	h.ok("member", "commit", "done", c, "--date", "2026-06-20", "--evidence", "群众签字确认")
	h.fails(1, "践诺佐证", "member", "commit", "done", c, "--date", "2026-06-20", "--evidence", " ")
	hh := strings.TrimSpace(h.ok("member", "household", "add", "--member", a, "--name", "周大娘", "--address", "二组5号", "--needs", "微心愿：老花镜", "--paired", "--from", "2026-01-10"))
	h.ok("member", "visit", "add", "--member", a, "--household", hh, "--date", "2026-03-02", "--how", "上门", "--done", "送老花镜")
	h.fails(2, "--care", "member", "visit", "add", "--member", a, "--date", "2026-03-02", "--how", "上门", "--done", "x")
	h.ok("member", "duty", "add", "--member", a, "--kind", "先锋岗", "--name", "环境整治先锋岗", "--duties", "带头清理房前屋后", "--from", "2026-03-01")
	h.fails(1, "不是流动党员", "member", "contact", "add", "--member", a, "--date", "2026-11-02", "--how", "电话", "--done", "x")
	h.ok("member", "contact", "add", "--member", fl, "--date", "2026-11-02", "--how", "微信", "--done", "发送学习材料")
	h.ok("member", "service", "add", "--member", a, "--date", "2026-05-04", "--activity", "清理河道", "--hours", "1.5")
	h.fails(2, "数字", "member", "service", "add", "--member", a, "--date", "2026-05-04", "--activity", "清理河道", "--hours", "两")
	out := h.ok("member", "part", "--member", a, "--year", "2026")
	for _, want := range []string{"承诺式", "帮三户群众办实事", "群众签字确认", "环境整治先锋岗", "周大娘", "结对帮扶", "送老花镜", "1.5 小时"} {
		if !strings.Contains(out, want) {
			t.Errorf("member part lacks %q:\n%s", want, out)
		}
	}
	var pr map[string]any
	json.Unmarshal([]byte(h.ok("points", "show", "--member", a, "--period", "2026", "--json")), &pr)
	if pr["points"] != float64(3+1+5) {
		t.Errorf("points from the records: %v", pr["points"])
	}
	if out := h.ok("member", "talks"); !strings.Contains(out, "每名支委") {
		t.Errorf("talks with no committee: %s", out)
	}
}
