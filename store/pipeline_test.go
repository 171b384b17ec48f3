package store_test

import (
	"errors"
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

// pipelineFixture is a village with six full members (entitled to vote) and one
// probationary member.
func pipelineFixture(t *testing.T) (*storetest.Fixture, string) {
	f := storetest.Village(t)
	for i, n := range []string{"王保国", "赵红梅", "刘长青", "陈建华", "杨振华", "黄春生"} {
		f.AddMember(t, n, "1960-01-0"+string(rune('1'+i)), "1990-07-01", 21+2*i)
	}
	if _, err := f.DB.AddMember(f.Ctx, store.Member{Name: "吴小龙", IDNumber: storetest.ValidID("1999-09-09", 41), JoinedDate: "2026-06-01", Status: "probationary"}); err != nil {
		t.Fatal(err)
	}
	home, _ := f.DB.Home(f.Ctx)
	return f, home.ID
}

func addCandidate(t *testing.T, f *storetest.Fixture, name, birth string, seq int) string {
	t.Helper()
	id, err := f.DB.AddCandidate(f.Ctx, store.CandidateInput{Name: name, IDNumber: storetest.ValidID(birth, seq)})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

type stepCase struct {
	step  store.StepInput
	err   error  // nil: accepted
	msg   string // part of the Chinese message
	label string
}

func runSteps(t *testing.T, f *storetest.Fixture, id string, cases []stepCase) {
	t.Helper()
	for _, c := range cases {
		c.step.CandidateID = id
		_, err := f.DB.RecordStep(f.Ctx, c.step)
		if c.err == nil {
			if err != nil {
				t.Fatalf("%s: step %d on %s refused: %s", c.label, c.step.Step, c.step.Date, assets.Chinese(err))
			}
			continue
		}
		if !errors.Is(err, c.err) || !strings.Contains(assets.Chinese(err), c.msg) {
			t.Fatalf("%s: step %d on %s: %v %q, want %v with %q", c.label, c.step.Step, c.step.Date, err, assets.Chinese(err), c.err, c.msg)
		}
	}
}

// From the application (on a leap day) to full membership, with every rule tried at its
// boundary on the way.
func TestPipelineApplicationToFullMembership(t *testing.T) {
	f, _ := pipelineFixture(t) // today: 2026-11-29
	id := addCandidate(t, f, "孙浩然", "2000-01-01", 51)
	S := func(n int, date string) store.StepInput { return store.StepInput{Step: n, Date: date} }
	runSteps(t, f, id, []stepCase{
		{S(2, "2024-03-01"), store.ErrInvalid, "请先登记第 1 步", "steps in order"},
		{S(1, "2026-12-01"), store.ErrInvalid, "今天之后", "future"},
		{S(1, "2024-02-29"), nil, "", "application on a leap day"},
		{S(1, "2024-03-01"), store.ErrDuplicateRow, "已于 2024-02-29 登记过", "twice"},
		{S(2, "2024-02-28"), store.ErrInvalid, "最早可在 2024-02-29", "talk before the application"},
		{S(2, "2024-03-20"), nil, "", "talk within a month"},
		{S(3, "2024-04-10"), nil, "", ""},
		{S(4, "2024-04-15"), nil, "", ""},
		{store.StepInput{Step: 5, Date: "2024-04-20", People: "王保国"}, store.ErrInvalid, "两名培养联系人", "one contact"},
		{store.StepInput{Step: 5, Date: "2024-04-20", People: "王保国，赵红梅"}, nil, "", "two contacts"},
		{S(7, "2025-04-10"), store.ErrInvalid, "请先登记第 6 步", "assessment first"},
		{S(6, "2024-10-10"), nil, "", "first assessment"},
		{S(6, "2025-04-09"), nil, "", "second assessment"},
		{S(7, "2025-04-09"), store.ErrInvalid, "最早可在 2025-04-10", "one year as an activist, a day short"},
		{S(7, "2025-04-10"), nil, "", "one year as an activist"},
		{S(8, "2025-04-15"), nil, "", ""},
		{store.StepInput{Step: 9, Date: "2025-04-20", People: "王保国,吴小龙"}, store.ErrInvalid, "预备党员", "probationary introducer"},
		{store.StepInput{Step: 9, Date: "2025-04-20", People: "王保国,王保国"}, store.ErrInvalid, "不同", "same introducer twice"},
		{store.StepInput{Step: 9, Date: "2025-04-20", People: "王保国,赵红梅"}, nil, "", "two full members"},
		{S(10, "2025-05-10"), nil, "", ""},
		{store.StepInput{Step: 11, Date: "2025-05-20", Days: 2, Hours: 16}, store.ErrInvalid, "3 天或 24 个学时", "short training"},
		{store.StepInput{Step: 11, Date: "2025-05-20", Hours: 24}, nil, "", "24 class hours"},
		{S(12, "2025-06-03"), nil, "", ""},
		{S(13, "2025-06-05"), store.ErrInvalid, "公示", "publicity first"},
		{S(store.StepPublicity, "2025-06-04"), nil, "", "publicity 4–10 June"},
		// Issue 23: the 发展对象公示 comes before the 预审 (step 13); a 预审 during it is refused.
		{S(13, "2025-06-10"), store.ErrInvalid, "2025-06-11", "预审 during the publicity"},
		{S(13, "2025-06-11"), nil, "", ""},
		{S(14, "2025-06-11"), nil, "", ""},
		{store.StepInput{Step: 15, Date: "2025-06-10", VotesFor: 6, Present: 5}, store.ErrInvalid, "2025-06-11", "meeting during the publicity"},
		{store.StepInput{Step: 15, Date: "2025-06-16", VotesFor: 3, Present: 5}, store.ErrInvalid, "未超过半数", "3 of 6 is not more than half"},
		{store.StepInput{Step: 15, Date: "2025-06-16", VotesFor: 4, Present: 5}, nil, "", "4 of 6"},
		{S(16, "2025-06-20"), nil, "", ""},
		{S(17, "2025-07-10"), nil, "", "approved: member file made"},
		{S(18, "2025-07-15"), nil, "", ""},
		{S(19, "2025-07-16"), nil, "", ""},
		{S(20, "2025-07-20"), nil, "", ""},
		{S(21, "2025-12-01"), nil, "", ""},
		{S(22, "2026-05-16"), store.ErrInvalid, "2026-05-17", "application too early"},
		{S(22, "2026-05-20"), nil, "", ""},
		{S(store.StepConfirmPublicity, "2026-05-25"), nil, "", "publicity 25–29 May"},
		{store.StepInput{Step: 23, Date: "2026-06-15", VotesFor: 5, Present: 5}, store.ErrInvalid, "2026-06-16", "before the probation ends"},
		{store.StepInput{Step: 23, Date: "2026-06-16", VotesFor: 5, Present: 5}, nil, "", "on the day the probation ends"},
		{S(24, "2026-07-01"), nil, "", ""},
		{S(25, "2026-07-10"), nil, "", ""},
	})
	c, err := f.DB.Candidate(f.Ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if c.State != "done" || c.MemberID == "" {
		t.Fatalf("candidate %s member %q", c.State, c.MemberID)
	}
	m, err := f.DB.Member(f.Ctx, c.MemberID)
	if err != nil {
		t.Fatal(err)
	}
	if m.JoinedDate != "2025-06-16" || m.Status != "full" || m.ConfirmedDate != "2026-06-16" {
		t.Fatalf("member file: joined %s status %s confirmed %s", m.JoinedDate, m.Status, m.ConfirmedDate)
	}
	if c.Steps[len(c.Steps)-1].Step != 25 {
		t.Fatal("steps not in date order")
	}
	var nine store.StepRecord
	for _, s := range c.Steps {
		if s.Step == 9 {
			nine = s
		}
	}
	if len(strings.Split(nine.People, ",")) != 2 || strings.Contains(nine.People, "王") {
		t.Errorf("introducers stored as %q, want two member IDs", nine.People)
	}
}

func TestPipelineAgeAndLeapBirthday(t *testing.T) {
	f, _ := pipelineFixture(t)
	for _, c := range []struct {
		birth, apply, msg string
	}{
		{"2008-02-29", "2026-02-28", "2026-03-01"}, // a leap-day birth turns 18 on 1 March
		{"2008-03-01", "2026-02-28", "2026-03-01"},
		{"2008-11-30", "2026-11-29", "2026-11-30"},
	} {
		id := addCandidate(t, f, "周思雨", c.birth, 62)
		_, err := f.DB.RecordStep(f.Ctx, store.StepInput{CandidateID: id, Step: 1, Date: c.apply})
		if !errors.Is(err, store.ErrInvalid) || !strings.Contains(assets.Chinese(err), "年满 18 周岁") || !strings.Contains(assets.Chinese(err), c.msg) {
			t.Errorf("born %s applying %s: %v", c.birth, c.apply, err)
		}
	}
	id := addCandidate(t, f, "周思雨", "2008-02-29", 64)
	if _, err := f.DB.RecordStep(f.Ctx, store.StepInput{CandidateID: id, Step: 1, Date: "2026-03-01"}); err != nil {
		t.Errorf("18 on 1 March: %v", err)
	}
}

// A 公示 over the National Day holiday: five working days from 28 September 2026 end on
// 9 October, so the branch meeting can be on 10 October (a Saturday worked in exchange).
func TestPipelinePublicityOverNationalDay(t *testing.T) {
	f, org := pipelineFixture(t)
	id := addCandidate(t, f, "郑宇航", "1995-05-05", 71)
	steps := []stepCase{}
	dates := map[int]string{1: "2024-05-06", 2: "2024-05-20", 3: "2024-06-03", 4: "2024-06-04", 5: "2024-06-05", 6: "2024-12-05",
		7: "2025-06-03", 8: "2025-06-04", 10: "2025-07-01", 11: "2025-07-10", 12: "2026-09-25", store.StepPublicity: "2026-09-28",
	}
	for _, s := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, store.StepPublicity} {
		in := store.StepInput{Step: s, Date: dates[s], People: "王保国,赵红梅", Days: 3}
		if s == 9 {
			in.Date = "2025-06-05"
		}
		steps = append(steps, stepCase{step: in})
	}
	runSteps(t, f, id, steps)
	f.Clock.Set(day("2026-10-08").Add(10 * 3600e9))
	fs, _ := f.DB.Check(f.Ctx, org, "2026-10")
	found := false
	for _, x := range fs {
		if x.Kind == "publicity_running" && x.Subject == id && x.Due == "2026-10-09" && strings.Contains(x.Action, "2026-10-10") {
			found = true
		}
	}
	if !found {
		t.Errorf("no running-publicity finding ending 2026-10-09: %+v", fs)
	}
	f.Clock.Set(day("2026-10-12").Add(10 * 3600e9))
	runSteps(t, f, id, []stepCase{
		{store.StepInput{Step: 13, Date: "2026-10-09"}, store.ErrInvalid, "最早可在 2026-10-10", "预审 on the last day of the publicity"},
		{store.StepInput{Step: 13, Date: "2026-10-10"}, nil, "", "预审 the day after"},
		{store.StepInput{Step: 14, Date: "2026-10-10"}, nil, "", ""},
		{store.StepInput{Step: 15, Date: "2026-10-09", VotesFor: 5, Present: 5}, store.ErrInvalid, "最早可在 2026-10-10", "last day of the publicity"},
		{store.StepInput{Step: 15, Date: "2026-10-10", VotesFor: 5, Present: 5}, nil, "", "the day after"},
	})
}

func TestPipelineFindings(t *testing.T) {
	f, org := pipelineFixture(t) // today 2026-11-29
	overdue := addCandidate(t, f, "冯晓燕", "1990-01-01", 82)
	soon := addCandidate(t, f, "邓志强", "1990-01-02", 83)
	probation := addCandidate(t, f, "曹立新", "1990-01-03", 85)
	runSteps(t, f, overdue, []stepCase{{step: store.StepInput{Step: 1, Date: "2026-10-15"}}})
	runSteps(t, f, soon, []stepCase{{step: store.StepInput{Step: 1, Date: "2026-11-05"}}})
	var steps []stepCase
	dates := map[int]string{1: "2024-01-08", 2: "2024-01-20", 3: "2024-02-05", 4: "2024-02-06", 5: "2024-02-07", 6: "2024-08-01",
		7: "2025-02-05", 8: "2025-02-06", 9: "2025-02-07", 10: "2025-02-10", 11: "2025-02-20", 12: "2025-11-20",
		store.StepPublicity: "2025-11-24", 13: "2025-12-01", 14: "2025-12-02", 15: "2025-12-08", 16: "2025-12-10", 17: "2026-01-10"}
	for _, s := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, store.StepPublicity, 13, 14, 15, 16, 17} {
		steps = append(steps, stepCase{step: store.StepInput{Step: s, Date: dates[s], People: "王保国,赵红梅", Days: 3, VotesFor: 5, Present: 5}})
	}
	runSteps(t, f, probation, steps)
	fs, err := f.DB.Check(f.Ctx, org, "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, x := range fs {
		got[x.Subject+x.Kind] = x.Severity + " " + x.Due
	}
	for key, want := range map[string]string{
		overdue + "pipeline_overdue":     "alarm 2026-11-15",
		soon + "pipeline_due":            "warning 2026-12-05",
		probation + "probation_ending":   "warning 2027-01-08", // the window: one month after 2026-12-08
		probation + "pipeline_overdue":   "",
		probation + "pipeline_too_early": "",
	} {
		if got[key] != want {
			t.Errorf("%s: %q, want %q", key, got[key], want)
		}
	}
	// Extending the probation once, when it has ended, moves the date on; a second extension
	// is refused.
	f.Clock.Set(day("2026-12-10").Add(10 * 3600e9))
	ext := store.ProbationExtension{Months: 6, DecidedOn: "2026-12-09", ApprovedOn: "2026-12-10"}
	if err := f.DB.ExtendProbation(f.Ctx, probation, ext); err != nil {
		t.Fatal(err)
	}
	if err := f.DB.ExtendProbation(f.Ctx, probation, ext); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("second extension: %v", err)
	}
	c, _ := f.DB.Candidate(f.Ctx, probation)
	fig, _ := f.DB.PipelineFigures(f.Ctx)
	if end := fig.ProbationEnd(&c).Format("2006-01-02"); end != "2027-06-08" {
		t.Errorf("probation end after extension %s", end)
	}
	if err := f.DB.ExtendProbation(f.Ctx, soon, ext); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("extended an applicant's probation: %v", err)
	}
}
