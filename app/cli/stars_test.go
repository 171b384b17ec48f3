package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhibu/store"
)

// TestStarsCommands drives the star rating and the 述职评议 on a township as a script would:
// the list of last year's results (the demo assessed it), an assessment changed and a bad
// one refused, both notices printed, a scheme set from the 十星 seed, and a rating whose item
// lands on the task list.
func TestStarsCommands(t *testing.T) {
	h := newHarness(t)
	h.env["ZHIBU_USER"] = "李委员"
	h.ok("init", "--role", "township", "--org-code", "410928", "--org-name", "城关镇党委", "--admin", "李委员")
	h.ok("demo", "--villages", "2")
	list := func() []map[string]any {
		t.Helper()
		var rows []map[string]any
		if err := json.Unmarshal([]byte(h.ok("stars", "list", "--year", "2025", "--json")), &rows); err != nil || len(rows) != 2 {
			t.Fatalf("stars list: %v %d", err, len(rows))
		}
		return rows
	}
	rows := list()
	for _, k := range []string{"id", "name", "org_code", "stars", "colour", "class", "stage", "plaque_on", "lines"} {
		if _, ok := rows[0][k]; !ok {
			t.Errorf("stars list --json lacks %q", k)
		}
	}
	if rows[0]["stage"] != store.StarsAssessed {
		t.Fatalf("the demo did not assess 2025: %v", rows[0]["stage"])
	}
	h.fails(1, "根据台账", "stars", "assess", "--org", "410928001", "--year", "2025", "--stars", "c1")
	h.fails(1, "今天之后", "stars", "assess", "--org", "410928001", "--year", "2025", "--stars", "c5", "--plaque", "2099-01-01")
	h.ok("stars", "assess", "--org", "410928001", "--year", "2025", "--stars", "c5", "--plaque", "2026-01-10", "--note", "党费收缴及时")
	r := list()[0]
	if r["plaque_on"] != "2026-01-10" || r["note"] != "党费收缴及时" {
		t.Errorf("the assessment did not change: %v %v", r["plaque_on"], r["note"])
	}
	text := h.ok("stars", "list", "--year", "2025")
	if !strings.Contains(text, "张庄村党支部") || !strings.Contains(text, "乡镇党委已考评") {
		t.Errorf("stars list:\n%s", text)
	}

	dir := t.TempDir()
	h.ok("notice", "print", "star-list", "--period", "2025", "--out", filepath.Join(dir, "list.pdf"))
	h.ok("notice", "print", "branch-stars", "--org", "410928001", "--period", "2025", "--out", filepath.Join(dir, "one.pdf"))
	h.fails(1, "尚未", "notice", "print", "branch-stars", "--org", "410928001", "--period", "2026", "--out", filepath.Join(dir, "no.pdf"))

	h.ok("stars", "scheme", "--year", "2027", "--variant", "ten")
	var s store.StarScheme
	if err := json.Unmarshal([]byte(h.ok("stars", "scheme", "--year", "2027", "--json")), &s); err != nil || s.Variant != store.SchemeTen || len(s.Stars) != 10 || s.Default {
		t.Fatalf("scheme: %+v %v", s, err)
	}
	h.fails(2, "532", "stars", "scheme", "--year", "2027", "--variant", "nine")

	h.fails(1, "好、较好、一般、差", "review", "rate", "--org", "410928001", "--year", "2025", "--rating", "优秀")
	h.fails(2, "@", "review", "rate", "--org", "410928001", "--year", "2025", "--rating", "较好", "--items", "没有日期")
	h.ok("review", "rate", "--org", "410928001", "--year", "2025", "--rating", "较好", "--comments", "工作扎实", "--items", "规范党员活动室@2027-03-31；建立台账@2027-02-28")
	var ts []TaskRow
	if err := json.Unmarshal([]byte(h.ok("task", "list", "--org", "410928001", "--json")), &ts); err != nil || len(ts) != 2 || ts[0].Source != store.ReviewSource {
		t.Fatalf("tasks: %v %+v", err, ts)
	}
	var rs []ReviewRow
	if err := json.Unmarshal([]byte(h.ok("review", "list", "--year", "2025", "--json")), &rs); err != nil || len(rs) != 2 || rs[0].Rating != "较好" || len(rs[0].Tasks) != 2 {
		t.Fatalf("review list: %v %+v", err, rs)
	}
}

// TestStarsVillageCommands: a village declares its targets (three self-chosen stars are
// refused), assesses itself, and writes the secretary's report from a file.
func TestStarsVillageCommands(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	h.ok("demo", "--seed", "7")
	h.fails(2, "--stars", "stars", "declare")
	h.fails(1, "自选星", "stars", "declare", "--stars", "c1,o1,o2,o3")
	h.fails(1, "c9", "stars", "declare", "--stars", "c1,c9")
	h.ok("stars", "declare", "--stars", "c1,c2,c3,c4,c5,d1,d2,d3,o1,o2")
	h.fails(1, "自动评定", "stars", "self", "--stars", "c1")
	h.ok("stars", "self", "--stars", "c5,d1,o1", "--note", "全年工作扎实")
	var rows []StarRow
	if err := json.Unmarshal([]byte(h.ok("stars", "list", "--json")), &rows); err != nil || len(rows) != 1 || rows[0].Stage != store.StarsSelf || rows[0].SelfNote != "全年工作扎实" {
		t.Fatalf("stars list: %v %+v", err, rows)
	}
	h.fails(1, "乡镇", "stars", "assess", "--org", "410928001", "--stars", "c5")
	file := filepath.Join(t.TempDir(), "述职.txt")
	if err := os.WriteFile(file, []byte("一年来，支部坚持三会一课制度。\n存在问题：党费收缴不及时。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.fails(1, "书记姓名", "review", "report", "--file", file)
	h.ok("review", "report", "--secretary", "王书记", "--file", file)
	var rs []ReviewRow
	if err := json.Unmarshal([]byte(h.ok("review", "list", "--json")), &rs); err != nil || len(rs) != 1 || !strings.Contains(rs[0].Report, "党费收缴不及时") {
		t.Fatalf("review list: %v %+v", err, rs)
	}
}
