package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"zhibu/app/notice"
	"zhibu/store"
)

// TestDemoPrintsEveryNotice fills a demo village and prints every kind of wall notice from
// the demo data alone, with the periods and subjects each kind needs.
func TestDemoPrintsEveryNotice(t *testing.T) {
	h := newHarness(t)
	h.initVillage()
	h.ok("demo", "--seed", "7")
	var ds []DecisionRow
	if err := json.Unmarshal([]byte(h.ok("decision", "list", "--json")), &ds); err != nil || len(ds) != 2 {
		t.Fatalf("demo decisions: %v %+v", err, ds)
	}
	lastYear := strconv.Itoa(time.Now().Year() - 1)
	type job struct{ kind, period, subject, want string }
	var jobs []job
	for _, k := range notice.Kinds() {
		switch k.Kind {
		case notice.BranchStars, notice.StarList:
			continue // printed after the township's assessment: TestStarsCommands
		case notice.RectifyPlan:
			continue // the township's 整顿 of a village: TestBranchworkCorrections
		case notice.Decision:
			for _, d := range ds {
				jobs = append(jobs, job{kind: k.Kind, subject: d.ID, want: d.Title})
			}
		case notice.Appraisal:
			jobs = append(jobs, job{kind: k.Kind, period: lastYear})
		case notice.MemberStars:
			jobs = append(jobs, job{kind: k.Kind, period: lastYear, want: "星级党员"})
		case notice.CenterPlate:
			var cs []CenterRow
			if err := json.Unmarshal([]byte(h.ok("stars", "members", "plate", "--json")), &cs); err != nil || len(cs) == 0 {
				t.Fatalf("demo 党员中心户: %v %+v", err, cs)
			}
			jobs = append(jobs, job{kind: k.Kind, subject: cs[0].ID, want: cs[0].Name})
		case notice.ThemeDayReport: // the latest theme day recorded
			var days []store.MeetingSummary
			if err := json.Unmarshal([]byte(h.ok("meeting", "list", "--kind", "theme-day", "--json")), &days); err != nil || len(days) == 0 {
				t.Fatalf("demo theme days: %v %+v", err, days)
			}
			jobs = append(jobs, job{kind: k.Kind, subject: days[len(days)-1].ID, want: "主题党日活动情况"})
		default:
			jobs = append(jobs, job{kind: k.Kind})
		}
	}
	_, noPdftotext := exec.LookPath("pdftotext")
	dir := t.TempDir()
	for i, j := range jobs {
		out := filepath.Join(dir, strconv.Itoa(i)+"-"+j.kind+".pdf")
		args := []string{"notice", "print", j.kind, "--out", out}
		if j.period != "" {
			args = append(args, "--period", j.period)
		}
		if j.subject != "" {
			args = append(args, "--subject", j.subject)
		}
		code, _, errs := h.run(args...)
		if code != 0 {
			t.Errorf("zhibu %s: exit %d\n%s", strings.Join(args, " "), code, errs)
			continue
		}
		b, err := os.ReadFile(out)
		if err != nil || len(b) == 0 || !strings.HasPrefix(string(b), "%PDF") {
			t.Errorf("%s: %d bytes, %v", j.kind, len(b), err)
			continue
		}
		if noPdftotext != nil { // only the PDF header can be checked
			continue
		}
		text, err := exec.Command("pdftotext", "-enc", "UTF-8", out, "-").Output()
		// pdftotext may break a line anywhere; compare without white space.
		flat := strings.Join(strings.Fields(string(text)), "")
		if err != nil || !strings.Contains(flat, "张庄村") || !strings.Contains(flat, j.want) {
			t.Errorf("%s: pdftotext %v, want 张庄村 and %q in:\n%s", j.kind, err, j.want, text)
		}
	}
}
