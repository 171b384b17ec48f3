package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"zhibu/store"
)

// members adds n members through the CLI and returns their IDs; the first three are the
// committee, the last is probationary.
func (h *harness) members(n int) []string {
	h.t.Helper()
	var ids []string
	for i := 0; i < n; i++ {
		args := []string{"member", "add", "--name", "党员" + string(rune('甲'+i)), "--id-number", validID(i), "--joined", "2001-07-01"}
		switch {
		case i == 0:
			args = append(args, "--position", "secretary")
		case i < 3:
			args = append(args, "--position", "committee")
		case i == n-1:
			args = []string{"member", "add", "--name", "预备党员", "--id-number", validID(i), "--joined", time.Now().AddDate(0, -2, 0).Format(time.DateOnly), "--status", "probationary"}
		}
		ids = append(ids, strings.TrimSpace(h.ok(args...)))
	}
	return ids
}

func validID(i int) string {
	body := "410928197001" + []string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"}[i%12] + "0" + string(rune('1'+i/12)) + "1"
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for k, w := range weights {
		sum += int(body[k]-'0') * w
	}
	return body + string("10X98765432"[sum%11])
}

func TestMeetingAddListShow(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	ids := h.members(6) // 5 full (3 committee) + 1 probationary
	// A general meeting with 3 of 5 full members: a quorum.
	id := strings.TrimSpace(h.ok("meeting", "add", "--kind", "支部党员大会", "--date", "2026-11-20", "--topic", "讨论接收预备党员",
		"--host", ids[0], "--absent", ids[3]+":请假,"+ids[4]+":floating:微信送学", "--time", "09:30", "--place", "村委会"))
	if len(id) != 36 {
		t.Fatalf("meeting add printed %q", id)
	}
	// A committee meeting with only the secretary: stored, with a warning and no quorum.
	code, out, errs := h.run("meeting", "add", "--kind", "committee", "--date", "2026-11-05", "--topic", "研究发展党员", "--present", ids[0])
	if code != 0 || !strings.Contains(errs, "人数不足") {
		t.Fatalf("committee without quorum: exit %d, %q %q", code, out, errs)
	}
	var list []store.MeetingSummary
	if err := json.Unmarshal([]byte(h.ok("meeting", "list", "--period", "2026-11", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("list %+v", list)
	}
	byKind := map[string]store.MeetingSummary{}
	for _, s := range list {
		byKind[s.Kind] = s
	}
	g, c := byKind["general"], byKind["committee"]
	if g.ID != id || g.Expected != 6 || g.Present != 4 || g.Absent != 2 || g.Floating != 1 || !g.Quorum || g.Topic != "讨论接收预备党员" {
		t.Errorf("general %+v", g)
	}
	if c.Expected != 3 || c.Present != 1 || c.Absent != 2 || c.Quorum || !c.QuorumRequired {
		t.Errorf("committee %+v", c)
	}
	show := h.ok("meeting", "show", id)
	for _, want := range []string{"讨论接收预备党员", "支部党员大会", "2026-11-20 09:30", "流动在外", "微信送学", "应到 6 人，实到 4 人"} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
	if got := h.ok("meeting", "list", "--period", "2026Q3", "--json"); strings.TrimSpace(got) != "[]" {
		t.Errorf("empty period lists %s", got)
	}
}

func TestMeetingUsageAndRefusals(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	ids := h.members(4)
	cases := []struct {
		args []string
		code int
		want string // part of stderr
	}{
		{[]string{"meeting", "add", "--date", "2026-11-05", "--topic", "x"}, 2, "--kind"},
		{[]string{"meeting", "add", "--kind", "座谈会", "--date", "2026-11-05", "--topic", "x"}, 2, "会议类型"},
		{[]string{"meeting", "add", "--kind", "lecture", "--date", "2026-11-31", "--topic", "x"}, 1, "日期"},
		{[]string{"meeting", "add", "--kind", "lecture", "--date", "2026-11-05", "--topic", "x", "--absent", ids[1] + ":迟到"}, 2, "缺席原因"},
		{[]string{"meeting", "add", "--kind", "lecture", "--date", "2026-11-05", "--topic", "x", "--absent", "nobody:请假"}, 1, "列席"},
		{[]string{"meeting", "add", "--kind", "group", "--date", "2026-11-05", "--topic", "x"}, 1, "党小组"},
		{[]string{"meeting", "list", "--period", "2026-13"}, 2, "期间"},
		{[]string{"meeting", "show"}, 2, "会议编号"},
		{[]string{"meeting", "show", "nope"}, 1, "没有编号"},
		{[]string{"check", "--period", "2026Q5"}, 2, "期间"},
	}
	for _, c := range cases {
		code, _, errs := h.run(c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %q, want %d with %q", c.args, code, errs, c.code, c.want)
		}
	}
	if out := h.ok("meeting", "list", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("refused commands left meetings: %s", out)
	}
}

// TestCheckOnDemoYear fills a demo village and checks that the deliberate gaps are found:
// no committee meeting three months ago, no party lecture last quarter.
func TestCheckOnDemoYear(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	h.ok("demo", "--seed", "7")
	now := time.Now()
	thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	gapMonth := thisMonth.AddDate(0, -3, 0).Format("2006-01")
	lastQuarter := store.QuarterOf(store.QuarterOf(thisMonth).Start().AddDate(0, -1, 0))
	check := func(period string) []FindingRow {
		var rows []FindingRow
		out := h.ok("check", "--period", period, "--json")
		if err := json.Unmarshal([]byte(out), &rows); err != nil {
			t.Fatalf("check --json: %v\n%s", err, out)
		}
		return rows
	}
	has := func(rows []FindingRow, kind, rule string) bool {
		for _, r := range rows {
			if r.Kind == kind && r.Rule == rule && r.ID != "" && r.Name != "" && r.OrgCode == "410928001" {
				return true
			}
		}
		return false
	}
	rows := check(gapMonth)
	if !has(rows, "meeting_missing", "meeting.committee.per_month") {
		t.Errorf("%s: missing committee meeting not found: %+v", gapMonth, rows)
	}
	if has(rows, "meeting_missing", "meeting.theme_day.day_of_month") || has(rows, "meeting_missing", "theme_day.day_of_month") {
		t.Errorf("%s: theme day reported missing though held", gapMonth)
	}
	rows = check(lastQuarter.String())
	if !has(rows, "meeting_missing", "meeting.lecture.per_quarter") {
		t.Errorf("%s: missing lecture not found: %+v", lastQuarter, rows)
	}
	if has(rows, "meeting_missing", "meeting.general.per_quarter") {
		t.Errorf("%s: general meeting reported missing though held", lastQuarter)
	}
	// The text form says the same in Chinese, and exit 0 even with findings.
	out := h.ok("check", "--period", gapMonth)
	if !strings.Contains(out, "没有支委会的记录") {
		t.Errorf("text check:\n%s", out)
	}
	// The default period is this month.
	var def []FindingRow
	json.Unmarshal([]byte(h.ok("check", "--json")), &def)
	for _, r := range def {
		if r.Period != thisMonth.Format("2006-01") {
			t.Fatalf("default period %s", r.Period)
		}
	}
}

func TestThemeDayAndAppraisalCommands(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	ids := h.members(5)
	h.ok("theme-day", "set", "--month", "2026-11", "--theme", "学习贯彻党的二十届四中全会精神", "--items", "集中学习；交纳党费；通报支部工作")
	show := h.ok("theme-day", "show", "--month", "2026-11")
	if !strings.Contains(show, "本支部自定") || !strings.Contains(show, "交纳党费") || !strings.Contains(show, "还没有记录") {
		t.Fatalf("show:\n%s", show)
	}
	id := strings.TrimSpace(h.ok("theme-day", "record", "--month", "2026-11", "--done", "学习全会公报；全部交纳；书记通报",
		"--own", "清扫村道:清理垃圾两车", "--absent", ids[2]+":病"))
	m := h.ok("meeting", "show", id)
	for _, want := range []string{"规定动作", "全部交纳", "自选动作", "清扫村道", "2026-11-10"} {
		if !strings.Contains(m, want) {
			t.Errorf("theme day record lacks %q:\n%s", want, m)
		}
	}
	// Appraisal: the probationary member is refused; 2 of 4 excellent gives a warning.
	code, _, errs := h.run("appraisal", "set", "--year", "2026", "--rating", ids[4]+":合格")
	if code != 1 || !strings.Contains(errs, "预备党员") {
		t.Fatalf("probationary rated: %d %s", code, errs)
	}
	code, _, errs = h.run("appraisal", "set", "--year", "2026", "--rating", ids[0]+":优秀,"+ids[1]+":优秀,"+ids[2]+":合格,"+ids[3]+":基本合格")
	if code != 0 || !strings.Contains(errs, "优秀") {
		t.Fatalf("excellent share: %d %q", code, errs)
	}
	list := h.ok("appraisal", "list", "--year", "2026")
	if !strings.Contains(list, "不评定等次") || !strings.Contains(list, "基本合格") {
		t.Fatalf("appraisal list:\n%s", list)
	}
}

func TestCheckOnTownshipCoversEveryVillage(t *testing.T) {
	h := newHarness(t)
	h.env["ZHIBU_USER"] = "李委员"
	h.ok("init", "--role", "township", "--org-code", "410928", "--org-name", "城关镇党委", "--admin", "李委员")
	h.ok("demo", "--villages", "2", "--seed", "5")
	// Every village has candidates on their way (a talk due soon, a 公示 running); the second
	// one of a township's demo held no committee meeting in the last two months.
	codes, gaps := map[string]bool{}, map[string]int{}
	now := time.Now()
	thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	for back := 1; back <= 2; back++ {
		var rows []FindingRow
		month := thisMonth.AddDate(0, -back, 0).Format("2006-01")
		if err := json.Unmarshal([]byte(h.ok("check", "--period", month, "--json")), &rows); err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			codes[r.OrgCode] = true
			if r.Kind == "meeting_missing" && r.Rule == "meeting.committee.per_month" {
				gaps[r.OrgCode]++
			}
		}
	}
	if !codes["410928001"] || !codes["410928002"] || len(codes) != 2 {
		t.Fatalf("findings found in %v", codes)
	}
	if gaps["410928002"] != 2 || len(gaps) != 1 {
		t.Fatalf("committee gaps found in %v, want two in 410928002", gaps)
	}
	gap := thisMonth.AddDate(0, -1, 0).Format("2006-01")
	var one []FindingRow
	json.Unmarshal([]byte(h.ok("check", "--period", gap, "--org", "410928002", "--json")), &one)
	for _, r := range one {
		if r.OrgCode != "410928002" {
			t.Fatalf("--org: finding of %s", r.OrgCode)
		}
	}
}
