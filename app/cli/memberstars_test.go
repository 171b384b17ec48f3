package cli

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"zhibu/store"
)

// TestMemberStarsCommands drives member stars and 党员中心户 on a demo village as a script
// would. Source 002: 「7组不同的农牧民党员设星模式…为部分优秀农牧民党员(党员中心户)制定了党员标识牌」:
// the demo has 党员中心户 with their households and last year's member stars assessed by the
// branch; a member is marked 中心户 with member set --center yes (the member file unchanged
// otherwise); targets and the 评定 are entered; the list is in roll order (no ranking); the
// 公示 and a plate print.
func TestMemberStarsCommands(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	h.ok("demo", "--seed", "7")
	last := strconv.Itoa(time.Now().Year() - 1)

	var centers []CenterRow
	if err := json.Unmarshal([]byte(h.ok("stars", "members", "plate", "--json")), &centers); err != nil || len(centers) == 0 {
		t.Fatalf("the demo has no 党员中心户: %v %+v", err, centers)
	}
	if len(centers[0].Households) < 3 {
		t.Errorf("%s leads %d households, want at least 3", centers[0].Name, len(centers[0].Households))
	}

	var rs []store.MemberStarResult
	if err := json.Unmarshal([]byte(h.ok("stars", "members", "list", "--year", last, "--json")), &rs); err != nil || len(rs) < 10 {
		t.Fatalf("stars members list: %v %d", err, len(rs))
	}
	assessed, center := 0, 0
	for _, r := range rs {
		if r.Stage == store.MemberStarsAssessed {
			assessed++
		}
		if r.Center {
			center++
			if r.Category != store.StarCatCenter {
				t.Errorf("%s is a 党员中心户 but follows the %s scheme", r.Name, r.Category)
			}
		}
	}
	if assessed == 0 || center != len(centers) {
		t.Errorf("%d assessed, %d centers in the list, %d marked", assessed, center, len(centers))
	}
	var raw []map[string]any
	json.Unmarshal([]byte(h.ok("stars", "members", "list", "--year", last, "--json")), &raw)
	for _, k := range []string{"id", "name", "category", "center", "stars", "colour", "stage", "lines", "attendance_rate", "dues_rate", "service_rate", "commitment_rate"} {
		if _, ok := raw[0][k]; !ok {
			t.Errorf("stars members list --json lacks %q", k)
		}
	}

	// A member not yet 中心户 is marked, and follows the 中心户 scheme from then on.
	var who string
	for _, r := range rs {
		if !r.Center {
			who = r.MemberID
			break
		}
	}
	h.fails(1, "党员中心户", "member", "set", who, "--center", "maybe")
	h.ok("member", "set", who, "--center", "yes")
	this := strconv.Itoa(time.Now().Year())
	h.ok("stars", "members", "declare", "--member", who, "--year", this, "--stars", "c1,c2,c3,c4,c5,d1,d2,d3,o1,o2")
	h.fails(1, "自选", "stars", "members", "declare", "--member", who, "--year", this, "--stars", "c1,o1,o2,o3")
	h.fails(1, "根据", "stars", "members", "assess", "--member", who, "--year", this, "--stars", "c1")
	h.ok("stars", "members", "assess", "--member", who, "--year", this, "--stars", "c5,d1", "--note", "联系农户勤")
	var one []store.MemberStarResult
	if err := json.Unmarshal([]byte(h.ok("stars", "members", "list", "--member", who, "--year", this, "--json")), &one); err != nil || len(one) != 1 {
		t.Fatal(err)
	}
	if one[0].Category != store.StarCatCenter || one[0].Stage != store.MemberStarsAssessed || one[0].Note != "联系农户勤" {
		t.Errorf("after marking: %s %s %q", one[0].Category, one[0].Stage, one[0].Note)
	}
	h.fails(1, "乡镇", "stars", "members", "review", "--org", "410928001", "--approve", "--year", last)

	// The 十星 seed shows for a category; a village may not set it.
	text := h.ok("stars", "members", "scheme", "--category", "center", "--year", last)
	if !strings.Contains(text, "联系群众星") || !strings.Contains(text, "党员中心户") {
		t.Errorf("scheme:\n%s", text)
	}
	h.fails(1, "乡镇", "stars", "members", "scheme", "--category", "center", "--variant", "ten")

	dir := t.TempDir()
	h.ok("notice", "print", "member-stars", "--period", last, "--out", filepath.Join(dir, "stars.pdf"))
	h.ok("stars", "members", "plate", "--member", centers[0].ID, "--out", filepath.Join(dir, "plate.pdf"))
	for _, r := range rs {
		if !r.Center && r.MemberID != who {
			h.fails(1, "党员中心户", "notice", "print", "center-plate", "--subject", r.MemberID, "--out", filepath.Join(dir, "no.pdf"))
			break
		}
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, _ := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(dir, "plate.pdf"), "-").Output()
		flat := strings.Join(strings.Fields(string(out)), "")
		if !strings.Contains(flat, "党员中心户") || !strings.Contains(flat, centers[0].Name) || !strings.Contains(flat, centers[0].Households[0]) {
			t.Errorf("plate:\n%s", out)
		}
		out, _ = exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(dir, "stars.pdf"), "-").Output()
		flat = strings.Join(strings.Fields(string(out)), "")
		if !strings.Contains(flat, "星级党员评定结果公示") || !strings.Contains(flat, "不排名次") {
			t.Errorf("公示:\n%s", out)
		}
	}
}

// TestMemberSchemeStarCommands: the township changes a member category's scheme star by star
// from the command line, as in the window's scheme editor (DOMAIN.md: 「the township sets member
// schemes per category」; 科学设星), and the same options work on the branch scheme; a wrong
// option is refused with a message and changes nothing. The township demo's villages have
// member stars to review.
func TestMemberSchemeStarCommands(t *testing.T) {
	h := newHarness(t)
	h.env["ZHIBU_USER"] = "李委员"
	h.ok("init", "--role", "township", "--org-code", "410928", "--org-name", "城关镇党委", "--admin", "李委员")
	y := strconv.Itoa(time.Now().Year())
	scheme := func() store.StarScheme {
		t.Helper()
		var rows []struct {
			Category string `json:"category"`
			store.StarScheme
		}
		if err := json.Unmarshal([]byte(h.ok("stars", "members", "scheme", "--category", "center", "--year", y, "--json")), &rows); err != nil || len(rows) != 1 {
			t.Fatalf("scheme --json: %v %d", err, len(rows))
		}
		return rows[0].StarScheme
	}
	h.ok("stars", "members", "scheme", "--category", "center", "--year", y, "--star", "d2", "--name", "政策宣讲星")
	h.ok("stars", "members", "scheme", "--category", "center", "--year", y, "--remove", "o4")
	h.ok("stars", "members", "scheme", "--category", "center", "--year", y, "--star", "s1", "--name", "常态服务星", "--group", "chosen",
		"--measure", "member_service", "--threshold", "30")
	s := scheme()
	d2, _ := s.Star("d2")
	s1, ok := s.Star("s1")
	if _, gone := s.Star("o4"); s.Default || d2.Name != "政策宣讲星" || gone || !ok || s1.Measure != store.MeasureMemberService || s1.Threshold != 0.3 || s1.Group != store.StarChosen {
		t.Fatalf("after the changes: %+v", s)
	}
	for _, bad := range [][]string{
		{"--star", "s1", "--measure", "attendance"}, // a branch measure
		{"--star", "s2"}, // a new star without a name
		{"--star", "s1", "--remove", "d1"},
		{"--remove", "x9"},
		{"--star", "c5", "--threshold", "50"}, // a judged star
	} {
		args := append([]string{"stars", "members", "scheme", "--category", "center", "--year", y}, bad...)
		if code, _, errs := h.run(args...); code == 0 || !strings.Contains(errs, "（英文") && !strings.Contains(errs, "(英文") {
			t.Errorf("%v: exit %d %q", bad, code, errs)
		}
	}
	if after := scheme(); len(after.Stars) != len(s.Stars) {
		t.Errorf("a refused change changed the scheme: %d stars, was %d", len(after.Stars), len(s.Stars))
	}
	// The branch scheme takes the same options.
	h.ok("stars", "scheme", "--year", y, "--star", "c1", "--measure", "attendance", "--threshold", "85")
	var bs store.StarScheme
	json.Unmarshal([]byte(h.ok("stars", "scheme", "--year", y, "--json")), &bs)
	if c1, _ := bs.Star("c1"); c1.Measure != store.MeasureAttendance || c1.Threshold != 0.85 {
		t.Errorf("branch scheme c1: %+v", c1)
	}

	// The township demo: its villages' members have last year's targets and 评定, the first
	// village's approved (审核, 挂牌授星), the second's awaiting the review.
	h.ok("demo", "--villages", "2")
	last := strconv.Itoa(time.Now().Year() - 1)
	for i, want := range []string{store.MemberStarsApproved, store.MemberStarsAssessed} {
		var rs []store.MemberStarResult
		json.Unmarshal([]byte(h.ok("stars", "members", "list", "--org", "41092800"+strconv.Itoa(i+1), "--year", last, "--json")), &rs)
		n := 0
		for _, r := range rs {
			if r.Stage == want {
				n++
			}
		}
		if n < 5 {
			t.Errorf("village %d: %d of %d members %s", i+1, n, len(rs), want)
		}
	}
}
