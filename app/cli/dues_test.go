package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"zhibu/store/storetest"
)

// month returns the month n months from now as YYYY-MM (the CLI runs on the real clock).
func month(n int) string {
	t := time.Now()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0).Format("2006-01")
}

func (h *harness) fails(code int, want string, args ...string) {
	h.t.Helper()
	c, _, errs := h.run(args...)
	if c != code || !strings.Contains(errs, want) {
		h.t.Fatalf("zhibu %s: exit %d, want %d with %q:\n%s", strings.Join(args, " "), c, code, want, errs)
	}
}

func TestDuesCommands(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	a := strings.TrimSpace(h.ok("member add", "--name", "张建国", "--id-number", storetest.ValidID("1970-05-06", 11), "--joined", "2000-07-01"))
	b := strings.TrimSpace(h.ok("member", "add", "--name", "李秀英", "--id-number", storetest.ValidID("1972-03-02", 12), "--joined", "2001-07-01"))
	if out := h.ok("dues", "set", "--member", a, "--kind", "salaried", "--income", "4200"); !strings.Contains(out, "42.00") {
		t.Fatalf("dues set: %s", out)
	}
	h.ok("dues", "pay", "--member", "张建国", "--month", month(0)) // by exact name, computed amount
	h.fails(1, "已登记过", "dues", "pay", "--member", a, "--month", month(0), "--amount", "42")
	h.fails(2, "月份", "dues", "pay", "--member", a, "--month", "2026-13", "--amount", "42")
	h.fails(2, "--month", "dues", "pay", "--member", a)
	h.fails(1, "超期补交", "dues", "pay", "--member", a, "--month", month(-8))
	h.ok("dues", "pay", "--member", a, "--month", month(-8), "--late")
	h.ok("dues", "pay", "--member", a, "--months", month(-3)+","+month(-2)+","+month(-1), "--amount", "126")
	h.ok("dues", "pay", "--member", b, "--month", month(-4), "--amount", "0.2")

	var rows []DuesRow
	if err := json.Unmarshal([]byte(h.ok("dues", "list", "--month", month(-2), "--json")), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Name == "" || rows[0].ID == "" {
		t.Fatalf("dues list: %+v", rows)
	}
	for _, r := range rows {
		if (r.ID == a) != r.Paid || (r.ID == a && r.Amount != "42.00") {
			t.Errorf("dues list row %+v", r)
		}
	}
	var arrears []ArrearsRow
	json.Unmarshal([]byte(h.ok("dues", "arrears", "--json")), &arrears)
	got := map[string]int{}
	for _, r := range arrears {
		got[r.ID] = r.Months
	}
	// Counted from the branch's first payment (8 months ago): 张建国 owes months −7…−4.
	// 李秀英 was entered today: her own dues start with her first payment recorded (−4), so
	// she owes −3…−1, not the months before (DOMAIN.md 党费, issue 23).
	if got[a] != 4 || got[b] != 3 {
		t.Fatalf("arrears %v (a=%s b=%s)", got, a, b)
	}
	h.ok("dues", "use", "add", "--date", time.Now().Format("2006-01-02"), "--amount", "300", "--purpose", "慰问困难党员")
	var uses []DuesUseRow
	json.Unmarshal([]byte(h.ok("dues", "use", "list", "--json")), &uses)
	if len(uses) != 1 || uses[0].Amount != "300.00" || uses[0].Name != "慰问困难党员" {
		t.Fatalf("uses %+v", uses)
	}
	h.ok("dues", "cancel", "--member", a, "--month", month(0))
	h.ok("dues", "pay", "--member", a, "--month", month(0))
}

func TestCandidateCommands(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	for i, n := range []string{"王保国", "赵红梅", "刘长青"} {
		h.ok("member", "add", "--name", n, "--id-number", storetest.ValidID("1960-01-0"+string(rune('1'+i)), 21+2*i), "--joined", "1990-07-01")
	}
	// An applicant who is not 18 on the day of the application: refused, nothing stored.
	h.fails(1, "年满 18 周岁", "candidate", "add", "--name", "周思雨", "--birth", "2008-02-29", "--applied", "2026-02-28")
	var list []CandidateRow
	json.Unmarshal([]byte(h.ok("candidate", "list", "--all", "--json")), &list)
	if len(list) != 0 {
		t.Fatalf("a refused candidate was stored: %+v", list)
	}
	id := strings.TrimSpace(h.ok("candidate", "add", "--name", "孙浩然", "--id-number", storetest.ValidID("2000-01-01", 51), "--applied", "2024-02-29"))
	h.fails(1, "请先登记第 2 步", "candidate", "step", id, "--step", "3", "--date", "2024-04-01")
	h.fails(2, "--step", "candidate", "step", id, "--date", "2024-04-01")
	h.fails(2, "没有第 30 步", "candidate", "step", id, "--step", "30", "--date", "2024-04-01")
	out := h.ok("candidate", "step", id, "--step", "2", "--date", "2024-03-20", "--by", "王保国", "--note", "谈话记录已存档")
	if !strings.Contains(out, "下一步") || !strings.Contains(out, "第 3 步") {
		t.Errorf("step output: %s", out)
	}
	for _, s := range [][]string{{"3", "2024-04-10"}, {"4", "2024-04-15"}, {"5", "2024-04-20", "--people", "王保国,赵红梅"}, {"6", "2024-10-10"}} {
		h.ok(append([]string{"candidate", "step", id, "--step", s[0], "--date", s[1]}, s[2:]...)...)
	}
	h.fails(1, "最早可在 2025-04-10", "candidate", "step", id, "--step", "7", "--date", "2025-04-09")
	json.Unmarshal([]byte(h.ok("candidate", "list", "--json")), &list)
	if len(list) != 1 || list[0].Stage != 2 || list[0].Next.Step != 7 || list[0].Next.Earliest != "2025-04-10" {
		t.Fatalf("list %+v", list)
	}
	if out := h.ok("candidate", "show", id); !strings.Contains(out, "2024-02-29") || !strings.Contains(out, "确定发展对象") {
		t.Errorf("show: %s", out)
	}
}

func TestCalendarPointsBirthdaysTransferCommands(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	var days []map[string]any
	json.Unmarshal([]byte(h.ok("calendar", "list", "--year", "2026", "--json")), &days)
	found := false
	for _, d := range days {
		found = found || (d["date"] == "2026-10-10" && d["kind"] == "workday")
	}
	if !found {
		t.Errorf("2026-10-10 (Saturday worked) missing: %v", days)
	}
	if out := h.ok("calendar", "workdays", "--from", "2026-09-28"); !strings.Contains(out, "2026-10-09") {
		t.Errorf("workdays: %s", out)
	}
	h.fails(1, "乡镇", "calendar", "add", "holiday", "--date", "2027-10-01", "--name", "国庆节")

	a := strings.TrimSpace(h.ok("member", "add", "--name", "何丽华", "--id-number", storetest.ValidID("1970-01-01", 44), "--joined", "2000-10-15", "--confirmed", "2001-10-15"))
	h.ok("member", "service", "add", "--member", a, "--date", "2026-03-05", "--activity", "志愿服务", "--hours", "2")
	h.fails(1, "自动计算", "points", "add", "--member", a, "--kind", "service", "--date", "2026-03-05", "--reason", "志愿服务")
	h.fails(1, "事由", "points", "add", "--member", a, "--kind", "study", "--points", "2", "--date", "2026-03-05", "--reason", " ")
	var pr map[string]any
	json.Unmarshal([]byte(h.ok("points", "show", "--member", a, "--period", "2026", "--json")), &pr)
	if pr["points"] != float64(5) {
		t.Errorf("points: %v", pr)
	}
	var bs []map[string]any
	json.Unmarshal([]byte(h.ok("birthdays", "--period", "2026Q4", "--json")), &bs)
	if len(bs) != 1 || bs[0]["date"] != "2026-10-15" || bs[0]["anniversary"] != float64(26) || bs[0]["party_years"] != float64(25) {
		t.Errorf("birthdays %v", bs)
	}
	h.fails(2, "--to", "transfer", "out", "--member", a, "--date", "2026-11-01")
	h.ok("transfer", "out", "--member", a, "--date", "2026-11-01", "--to", "郑州市某社区党支部")
	var ms []MemberRow
	json.Unmarshal([]byte(h.ok("member", "list", "--json")), &ms)
	if len(ms) != 0 {
		t.Errorf("a transferred member is still on the roll: %+v", ms)
	}
	var ts []TransferRow
	json.Unmarshal([]byte(h.ok("transfer", "list", "--json")), &ts)
	if len(ts) != 1 || ts[0].Kind != "out" || ts[0].To != "郑州市某社区党支部" || ts[0].Name != "何丽华" {
		t.Errorf("transfers %+v", ts)
	}
	id := strings.TrimSpace(h.ok("transfer", "in", "--from", "外县某村党支部", "--date", "2026-11-02", "--name", "江建华",
		"--id-number", storetest.ValidID("1979-12-31", 35), "--joined", "2001-07-01"))
	if id == "" {
		t.Fatal("no ID printed")
	}
}
