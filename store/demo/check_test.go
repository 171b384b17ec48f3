package demo_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// "zhibu check" on a fresh demo finds exactly what the demo planted, in every village of a
// township and for any seed: three meeting gaps (a committee meeting three months ago, a
// party group two months ago, last quarter's party lecture), three members behind with dues
// (3 and 4 months: warnings; 7: an alarm), an applicant whose talk is due, a 公示 running, a
// probation ending, at most one floating and one elderly member without this quarter's
// record, and the reminders of what this month and this year still need.
func TestCheckOnTheDemoFindsOnlyWhatWasPlanted(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func(testing.TB) *storetest.Fixture
		seed uint64
	}{{"village", storetest.Village, 7}, {"village seed 99", storetest.Village, 99}, {"township", storetest.Township, 3}} {
		t.Run(c.name, func(t *testing.T) {
			f := c.f(t)
			if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: c.seed, Villages: 3}); err != nil {
				t.Fatal(err)
			}
			orgs, _ := f.DB.Orgs(f.Ctx, store.KindVillage)
			year := fmt.Sprint(f.Clock.Now().Year())
			month := f.Clock.Now().Format("2006-01")
			patterns := map[string]bool{}
			for _, o := range orgs {
				fs, err := f.DB.Check(f.Ctx, o.ID, year)
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]int{}
				var dues []string
				for _, x := range fs {
					key := x.Kind + "/" + x.Severity
					switch x.Kind {
					case "meeting_due":
						if x.Due < month {
							t.Errorf("%s: a reminder for a past period: %s", o.Name, x.Title)
						}
						continue
					case "member_mode_missing":
						m, _ := f.DB.Member(f.Ctx, x.Subject)
						key += "/" + m.Category
					case "dues_overdue":
						dues = append(dues, fmt.Sprint(strings.Count(x.Title, "、")+1))
					}
					got[key]++
				}
				sort.Strings(dues)
				patterns[strings.Join(dues, ",")+" "+strings.Join(duesNames(fs), ",")] = true
				want := map[string]int{"meeting_missing/alarm": 3, "dues_overdue/warning": 2, "dues_overdue/alarm": 1,
					"pipeline_due/warning": 1, "publicity_running/info": 1, "probation_ending/warning": 1}
				for k, n := range got {
					if strings.HasPrefix(k, "member_mode_missing/info/floating") || strings.HasPrefix(k, "member_mode_missing/info/elderly") {
						if n > 1 {
							t.Errorf("%s: %d %s findings, at most one planted", o.Name, n, k)
						}
						continue
					}
					if want[k] != n {
						t.Errorf("%s: %d %s findings, want %d", o.Name, n, k, want[k])
					}
				}
				for k, n := range want {
					if got[k] == 0 {
						t.Errorf("%s: no %s finding, want %d", o.Name, k, n)
					}
				}
				if t.Failed() || testing.Verbose() {
					for _, x := range fs {
						t.Logf("%s %s %s %s", x.Kind, x.Severity, x.Due, x.Title)
					}
				}
				if t.Failed() {
					t.FailNow()
				}
			}
			// Each village is different: not the same members behind with dues.
			if len(orgs) > 1 && len(patterns) != len(orgs) {
				t.Errorf("villages share their arrears: %v", patterns)
			}
		})
	}
}

func duesNames(fs []store.Finding) []string {
	var out []string
	for _, x := range fs {
		if x.Kind == "dues_overdue" {
			out = append(out, x.Subject)
		}
	}
	sort.Strings(out)
	return out
}
