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
