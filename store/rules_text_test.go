package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/rules"
	"zhibu/store/storetest"
)

// The rules as the texts give them (issue 10), each tried at its boundary.

// toProbation takes a new candidate through step 17 (a 预备党员 accepted on 2025-12-08).
func toProbation(t *testing.T, f *storetest.Fixture, name string, seq int) string {
	t.Helper()
	id := addCandidate(t, f, name, "1990-01-03", seq)
	dates := map[int]string{1: "2024-01-08", 2: "2024-01-20", 3: "2024-02-05", 4: "2024-02-06", 5: "2024-02-07", 6: "2024-08-01",
		7: "2025-02-05", 8: "2025-02-06", 9: "2025-02-07", 10: "2025-02-10", 11: "2025-02-20", 12: "2025-11-20",
		store.StepPublicity: "2025-11-24", 13: "2025-12-01", 14: "2025-12-02", 15: "2025-12-08", 16: "2025-12-10", 17: "2026-01-10"}
	var steps []stepCase
	for _, s := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, store.StepPublicity, 13, 14, 15, 16, 17} {
		steps = append(steps, stepCase{step: store.StepInput{Step: s, Date: dates[s], People: "王保国,赵红梅", Days: 3, VotesFor: 5, Present: 5}})
	}
	runSteps(t, f, id, steps)
	return id
}

// 细则 第三十二条: "可以延长一次预备期，延长时间不能少于半年，最长不超过一年".
func TestProbationExtensionSixToTwelveMonthsOnce(t *testing.T) {
	f, _ := pipelineFixture(t)
	for _, c := range []struct {
		months int
		ok     bool
	}{{1, false}, {3, false}, {5, false}, {13, false}, {24, false}, {6, true}, {12, true}, {9, true}} {
		names := map[int]string{1: "甲", 3: "乙", 5: "丙", 13: "丁", 24: "戊", 6: "己", 12: "庚", 9: "辛"}
		f.Clock.Set(storetest.DefaultTime)
		id := toProbation(t, f, "延长"+names[c.months], 100+c.months)
		f.Clock.Set(time.Date(2026, 12, 10, 9, 0, 0, 0, time.UTC)) // the probation ended on 2026-12-08
		err := f.DB.ExtendProbation(f.Ctx, id, store.ProbationExtension{Months: c.months, DecidedOn: "2026-12-09", ApprovedOn: "2026-12-10"})
		if c.ok != (err == nil) {
			t.Errorf("extend by %d months: %v", c.months, err)
			continue
		}
		if err != nil {
			msg := assets.Chinese(err)
			if !errors.Is(err, store.ErrInvalid) || !strings.Contains(msg, "不能少于 6 个月") || !strings.Contains(msg, "不超过 12 个月") ||
				!strings.Contains(msg, "第三十二条") {
				t.Errorf("extend by %d months: %q", c.months, msg)
			}
			if cand, _ := f.DB.Candidate(f.Ctx, id); cand.Extension != 0 {
				t.Errorf("a refused extension changed the probation: %d", cand.Extension)
			}
			continue
		}
		if err := f.DB.ExtendProbation(f.Ctx, id, store.ProbationExtension{Months: 6, DecidedOn: "2026-12-09"}); !errors.Is(err, store.ErrInvalid) || !strings.Contains(assets.Chinese(err), "只能延长一次") {
			t.Errorf("second extension after %d months: %v", c.months, err)
		}
	}
}

// 细则 第二十条 (more than half of the voting members present) and 第二十一条 (more than half
// of them in favour), both strict; 第三十三条 applies them to 转正 (step 23).
func TestAdmissionMeetingAttendanceAndVotes(t *testing.T) {
	f, _ := pipelineFixture(t) // six full members entitled to vote
	for _, c := range []struct {
		present, votes int
		msg            string // "" accepted
	}{
		{0, 5, "到会的有表决权正式党员人数"},
		{3, 3, "到会 3 人，未超过半数"}, // exactly half present is not enough (第二十条)
		{2, 6, "到会 2 人"},
		{7, 6, "最多 6 人"},
		{4, 3, "未超过半数：支部大会未通过"}, // exactly half in favour fails (第二十一条)
		{4, 4, ""},
		{6, 6, ""},
	} {
		id := addCandidate(t, f, "表决"+string(rune('甲'+10*c.present+c.votes)), "1990-02-02", 200+10*c.present+c.votes)
		dates := map[int]string{1: "2024-01-08", 2: "2024-01-20", 3: "2024-02-05", 4: "2024-02-06", 5: "2024-02-07", 6: "2024-08-01",
			7: "2025-02-05", 8: "2025-02-06", 9: "2025-02-07", 10: "2025-02-10", 11: "2025-02-20", 12: "2025-11-20",
			store.StepPublicity: "2025-11-24", 13: "2025-12-01", 14: "2025-12-02"}
		var steps []stepCase
		for _, s := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, store.StepPublicity, 13, 14} {
			steps = append(steps, stepCase{step: store.StepInput{Step: s, Date: dates[s], People: "王保国,赵红梅", Days: 3}})
		}
		runSteps(t, f, id, steps)
		_, err := f.DB.RecordStep(f.Ctx, store.StepInput{CandidateID: id, Step: 15, Date: "2025-12-08", VotesFor: c.votes, Present: c.present})
		if c.msg == "" {
			if err != nil {
				t.Errorf("%d present, %d in favour: %s", c.present, c.votes, assets.Chinese(err))
			}
			continue
		}
		if !errors.Is(err, store.ErrInvalid) || !strings.Contains(assets.Chinese(err), c.msg) {
			t.Errorf("%d present, %d in favour: %v %q, want %q", c.present, c.votes, err, assets.Chinese(err), c.msg)
		}
	}
	// The 转正 meeting: the same figures.
	id := toProbation(t, f, "转正表决", 300)
	f.Clock.Set(time.Date(2026, 12, 20, 10, 0, 0, 0, time.UTC))
	for _, s := range []store.StepInput{{Step: 18, Date: "2026-01-15"}, {Step: 19, Date: "2026-01-16"}, {Step: 20, Date: "2026-01-17"},
		{Step: 21, Date: "2026-06-01"}, {Step: 22, Date: "2026-11-20"}, {Step: store.StepConfirmPublicity, Date: "2026-11-23"}} {
		s.CandidateID = id
		if _, err := f.DB.RecordStep(f.Ctx, s); err != nil {
			t.Fatalf("step %d: %s", s.Step, assets.Chinese(err))
		}
	}
	if _, err := f.DB.RecordStep(f.Ctx, store.StepInput{CandidateID: id, Step: 23, Date: "2026-12-09", VotesFor: 6, Present: 3}); err == nil ||
		!strings.Contains(assets.Chinese(err), "未超过半数") {
		t.Errorf("转正 with half present: %v", err)
	}
	if _, err := f.DB.RecordStep(f.Ctx, store.StepInput{CandidateID: id, Step: 23, Date: "2026-12-09", VotesFor: 4, Present: 4}); err != nil {
		t.Errorf("转正 with 4 of 6: %s", assets.Chinese(err))
	}
}

// 党章 第七条: "党员的党龄，从预备期满转为正式党员之日算起". The political birthday stays the
// joining anniversary.
func TestPartyStandingCountsFromFullMembership(t *testing.T) {
	f := storetest.Village(t)
	home, _ := f.DB.Home(f.Ctx)
	for _, m := range []store.Member{
		{Name: "郭建国", IDNumber: storetest.ValidID("1975-03-03", 11), JoinedDate: "2007-10-02", ConfirmedDate: "2008-10-02", Status: "full"},
		{Name: "何晓梅", IDNumber: storetest.ValidID("1998-04-04", 12), JoinedDate: "2025-11-10", Status: "probationary"},
		{Name: "罗志强", IDNumber: storetest.ValidID("1980-05-05", 13), JoinedDate: "2000-12-20", ConfirmedDate: "2002-06-20", Status: "full"}, // extended probation
		{Name: "梁玉兰", IDNumber: storetest.ValidID("1950-06-06", 14), JoinedDate: "1976-11-01", Status: "full"},                              // 转正 date never entered
	} {
		if _, err := f.DB.AddMember(f.Ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	bs, err := f.DB.Birthdays(f.Ctx, home.ID, "2026Q4")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, b := range bs {
		got[b.Name] = fmt.Sprintf("%s %d %s", b.Date, b.Anniversary, b.Standing())
	}
	for name, want := range map[string]string{
		"郭建国": "2026-10-02 19 18",
		"何晓梅": "2026-11-10 1 预备党员",
		"罗志强": "2026-12-20 26 24",
		"梁玉兰": "2026-11-01 50 未填转正时间",
	} {
		if got[name] != want {
			t.Errorf("%s: %q, want %q", name, got[name], want)
		}
	}
	m := store.Member{Status: "full", ConfirmedDate: "2008-10-02"}
	for day, want := range map[string]int{"2026-10-01": 17, "2026-10-02": 18, "2026-11-29": 18} {
		d, _ := time.Parse(time.DateOnly, day)
		if n, ok := store.PartyYears(m, d); !ok || n != want {
			t.Errorf("党龄 on %s: %d %v, want %d", day, n, ok, want)
		}
	}
}

// Dues are owed only from the later of the branch's dues start month and the member's own
// start (joined, transferred in, paid up to). Today is 2026-11-29: October is the last month
// that can be overdue. The members were entered in January (the branch's records began then).
func TestDuesOwedFromTheStartMonth(t *testing.T) {
	f := storetest.New(t, storetest.Params{Now: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)})
	home, _ := f.DB.Home(f.Ctx)
	old := f.AddMember(t, "王老党员", "1950-01-01", "1975-07-01", 21)
	paidUp := f.AddMember(t, "赵已交", "1960-01-01", "1990-07-01", 25)
	f.Clock.Set(time.Date(2026, 6, 20, 9, 0, 0, 0, time.UTC))
	joined := f.AddMember(t, "李新党员", "1990-01-01", "2026-06-15", 23)
	f.Clock.Set(time.Date(2026, 9, 10, 9, 0, 0, 0, time.UTC))
	moved, err := f.DB.TransferInFrom(f.Ctx, store.Member{Name: "钱转入", IDNumber: storetest.ValidID("1970-01-01", 27), JoinedDate: "1995-07-01"},
		"外县某村党支部", "2026-09-10")
	if err != nil {
		t.Fatal(err)
	}
	f.Clock.Set(storetest.DefaultTime)
	owed := func() map[string]int {
		as, err := f.DB.DuesArrears(f.Ctx, home.ID, f.DB.Now())
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, a := range as {
			out[a.MemberID] = len(a.Unpaid)
		}
		return out
	}
	if n := len(owed()); n != 0 {
		t.Fatalf("%d members owe dues before the branch said when it began keeping them", n)
	}
	if err := f.DB.SetDuesStartMonth(f.Ctx, home.ID, "2027-01"); err == nil {
		t.Error("accepted a dues start month in the future")
	}
	if err := f.DB.SetDuesStartMonth(f.Ctx, home.ID, "2026-01"); err != nil {
		t.Fatal(err)
	}
	if err := f.DB.SetDuesPaidTo(f.Ctx, paidUp, "2026.8"); err != nil {
		t.Fatal(err)
	}
	if err := f.DB.SetDuesPaidTo(f.Ctx, paidUp, "八月"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("paid up to 八月: %v", err)
	}
	got := owed()
	for id, want := range map[string]int{old: 10, joined: 5, paidUp: 2, moved: 2} {
		if got[id] != want {
			t.Errorf("member %s owes %d months, want %d", id, got[id], want)
		}
	}
}

// A first roster import of 100 members raises no arrears finding, and the 党费交至 column
// records each member's "paid up to".
func TestRosterImportRaisesNoArrears(t *testing.T) {
	f := storetest.Village(t)
	home, _ := f.DB.Home(f.Ctx)
	var b bytes.Buffer
	b.WriteString("姓名,身份证号码,入党时间,转正时间,党费交至\n")
	for i := 0; i < 100; i++ {
		birth := fmt.Sprintf("19%02d-%02d-%02d", 40+i%50, 1+i%12, 1+i%28)
		joined := fmt.Sprintf("%d-07-01", 1970+i%50)
		confirmed := fmt.Sprintf("%d-07-01", 1971+i%50)
		paid := ""
		if i%3 == 0 {
			paid = "2026-09"
		}
		fmt.Fprintf(&b, "党员%s,%s,%s,%s,%s\n", string(rune('甲'+i)), storetest.ValidID(birth, 2*i+1), joined, confirmed, paid)
	}
	rep, err := f.DB.ImportRoster(f.Ctx, "名单.csv", bytes.NewReader(b.Bytes()), false)
	if err != nil || rep.Added != 100 {
		t.Fatalf("import: %v %+v", err, rep.Problems)
	}
	if s, set, _ := f.DB.DuesStartMonth(f.Ctx, home.ID); !set || s != "2026-11" {
		t.Errorf("dues start after the first import: %q %v", s, set)
	}
	// A month later nothing is overdue either: November is not over until December.
	for _, now := range []time.Time{storetest.DefaultTime, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)} {
		f.Clock.Set(now)
		fs, err := f.DB.Check(f.Ctx, home.ID, store.MonthOf(f.DB.Now()).String())
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range fs {
			if strings.HasPrefix(x.Kind, "dues") {
				t.Errorf("%s: %s", now.Format(time.DateOnly), x.Title)
			}
		}
	}
	ms, _ := f.DB.Members(f.Ctx, store.MemberFilter{OrgID: home.ID, Query: "党员甲"})
	if p, _ := f.DB.DuesProfile(f.Ctx, ms[0].ID); p.PaidTo != "2026-09" {
		t.Errorf("paid up to: %q", p.PaidTo)
	}
	// A bad 党费交至 is a problem of its row; nothing is imported.
	g := storetest.Village(t)
	bad := "姓名,身份证号码,入党时间,党费交至\n张三," + storetest.ValidID("1970-01-01", 3) + ",1990-07-01,2030-01\n"
	rep, err = g.DB.ImportRoster(g.Ctx, "名单.csv", strings.NewReader(bad), false)
	if err == nil || len(rep.Problems) != 1 || rep.Problems[0].Column != "党费交至" || rep.Problems[0].Row != 2 {
		t.Errorf("bad paid-up-to: %v %+v", err, rep.Problems)
	}
	if n, _ := g.DB.Members(g.Ctx, store.MemberFilter{}); len(n) != 0 {
		t.Errorf("%d members written by a failed import", len(n))
	}
}

// A payment below the computed monthly amount is flagged with the amount short.
func TestDuesUnderpaymentIsFlagged(t *testing.T) {
	f := storetest.Village(t)
	home, _ := f.DB.Home(f.Ctx)
	id := f.AddMember(t, "孙在职", "1980-01-01", "2005-07-01", 31)
	if err := f.DB.SetDuesProfile(f.Ctx, store.DuesProfile{MemberID: id, Kind: "salaried", Income: 400000}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []store.PayRequest{{MemberID: id, Months: []string{"2026-09"}, Total: 4000}, {MemberID: id, Months: []string{"2026-10"}, Total: 2000}} {
		if _, err := f.DB.PayDues(f.Ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	fs, err := f.DB.Check(f.Ctx, home.ID, store.MonthOf(f.DB.Now()).String())
	if err != nil {
		t.Fatal(err)
	}
	var short []string
	for _, x := range fs {
		if x.Kind == "dues_short" {
			short = append(short, x.Title)
		}
	}
	if len(short) != 1 || !strings.Contains(short[0], "2026-10 交 20.00 元（应交 40.00 元）") || !strings.Contains(short[0], "少交 20.00 元") ||
		strings.Contains(short[0], "2026-09") {
		t.Errorf("underpayment findings: %q", short)
	}
}

// The calendar knows 2025 and 2026; in 2027 it keeps the fixed-date holidays and warns.
func TestCalendarBeyondItsLastYearWarns(t *testing.T) {
	f := storetest.Township(t)
	cal, err := f.DB.Calendar(f.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, c := range []struct {
		date    string
		workday bool
	}{{"2027-01-01", false}, {"2027-05-03", true}, {"2027-10-01", false}, {"2027-10-04", true}, {"2026-10-10", true}, {"2026-10-09", true}} {
		if got := cal.IsWorkday(day(c.date)); got != c.workday {
			t.Errorf("%s: workday %v", c.date, got)
		}
	}
	if end := cal.WorkdaysEnd(day("2026-12-28"), 5); end.Format(time.DateOnly) != "2027-01-04" {
		t.Errorf("five working days from 2026-12-28 end %s", end.Format(time.DateOnly))
	}
	w := cal.UnknownYearWarning(day("2026-12-28"), day("2027-01-04"))
	if !strings.Contains(w, "2027 年") || !strings.Contains(w, "请乡镇") {
		t.Errorf("warning %q", w)
	}
	if w := cal.UnknownYearWarning(day("2026-09-28"), day("2026-10-09")); w != "" {
		t.Errorf("a 2026 period warns: %q", w)
	}
	// Once the township enters 2027's holidays, the warning goes.
	if err := f.DB.SetCalendarDay(f.Ctx, "2027-02-06", store.DayHoliday, "春节"); err != nil {
		t.Fatal(err)
	}
	cal, _ = f.DB.Calendar(f.Ctx)
	if !cal.Known(2027) || cal.UnknownYearWarning(day("2026-12-28"), day("2027-01-04")) != "" {
		t.Error("2027 still unknown after the township entered it")
	}
}

// DOMAIN.md 党费: "Dues are owed only from when the branch began keeping dues in the app, or
// the member's own start (joining, transfer in, first entered in the app — unless the roster
// says 党费交至), whichever is later". A roster imported into a village that has kept dues
// since January raises no arrears for the members it brings (103 false alarms on 504aede);
// a member whose row says 党费交至 2026-06 owes July to October.
func TestDuesOwedFromWhenTheMemberWasEntered(t *testing.T) {
	f := storetest.New(t, storetest.Params{Now: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)})
	home, _ := f.DB.Home(f.Ctx)
	if err := f.DB.SetDuesStartMonth(f.Ctx, home.ID, "2026-01"); err != nil {
		t.Fatal(err)
	}
	early := f.AddMember(t, "王早登记", "1950-01-01", "1975-07-01", 21)
	f.Clock.Set(storetest.DefaultTime)
	var b bytes.Buffer
	b.WriteString("姓名,身份证号码,入党时间,党费交至\n")
	for i := 0; i < 103; i++ {
		paid := ""
		if i == 0 {
			paid = "2026-06"
		}
		fmt.Fprintf(&b, "党员%s,%s,%d-07-01,%s\n", string(rune('甲'+i)), storetest.ValidID(fmt.Sprintf("19%02d-03-01", 40+i%50), 2*i+1), 1970+i%50, paid)
	}
	if rep, err := f.DB.ImportRoster(f.Ctx, "名单.csv", bytes.NewReader(b.Bytes()), false); err != nil || rep.Added != 103 {
		t.Fatalf("import: %v %+v", err, rep.Problems)
	}
	as, err := f.DB.DuesArrears(f.Ctx, home.ID, f.DB.Now())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, a := range as {
		got[a.Name] = len(a.Unpaid)
	}
	if len(got) != 2 || got["王早登记"] != 10 || got["党员甲"] != 4 {
		t.Errorf("owing after the import: %v, want 王早登记 10 months (entered in January), 党员甲 4 (党费交至 2026-06)", got)
	}
	_ = early
	ks, err := f.DB.KPIs(f.Ctx, store.MonthOf(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)), []string{home.ID})
	if err != nil {
		t.Fatal(err)
	}
	if ks[0].DuesDue != 2 || ks[0].Arrears3m != 2 {
		t.Errorf("KPI October: %d member-months due, %d members in arrears; want 2 and 2", ks[0].DuesDue, ks[0].Arrears3m)
	}
}

// Issue 23 items 4, 5, 10, 12.
//   - 细则 第七条 "党组织收到入党申请书后，应当在一个月内派人同入党申请人谈话": a 谈话 36 days
//     after the application is accepted with a warning, and `check` lists it for its period,
//     citing the step's own rule (504aede: silent; its findings cited 发展党员公示).
//   - "党委对党支部上报的接收预备党员的决议，应当在三个月内审批": an approval four months after
//     the branch meeting, likewise.
//   - 第三十二条 "预备党员预备期满，党支部应当及时讨论": the 转正 meeting has a window (local,
//     one month): the day after the probation ends is a warning, not an alarm; after the window
//     an alarm.
//   - 党章 第七条 "延长预备期…应当经支部大会讨论通过和上级党组织批准": an extension needs the
//     branch meeting's date, and is decided when the probation ends, not nine months into it.
func TestLateStepsConfirmWindowAndExtension(t *testing.T) {
	f, org := pipelineFixture(t) // today 2026-11-29
	late := addCandidate(t, f, "迟谈话", "1995-01-01", 91)
	rec, err := f.DB.RecordStep(f.Ctx, store.StepInput{CandidateID: late, Step: 1, Date: "2026-09-01"})
	if err != nil || rec.Warning != "" {
		t.Fatalf("step 1: %v %q", err, rec.Warning)
	}
	rec, err = f.DB.RecordStep(f.Ctx, store.StepInput{CandidateID: late, Step: 2, Date: "2026-10-07"})
	if err != nil || !strings.Contains(rec.Warning, "2026-10-01") || !strings.Contains(rec.Warning, "第七条") {
		t.Fatalf("a talk 36 days after the application: %v, warning %q", err, rec.Warning)
	}
	find := func(period, subject, kind string) *store.Finding {
		fs, err := f.DB.Check(f.Ctx, org, period)
		if err != nil {
			t.Fatal(err)
		}
		for i := range fs {
			if fs[i].Subject == subject && fs[i].Kind == kind {
				return &fs[i]
			}
		}
		return nil
	}
	if x := find("2026-10", late, "pipeline_late"); x == nil || x.Rule != rules.PipelineInterview.Key || !strings.Contains(x.Source, "第七条") {
		t.Errorf("October's check: late talk finding %+v", x)
	}
	if x := find("2026-11", late, "pipeline_late"); x != nil {
		t.Errorf("November's check lists October's late talk: %+v", x)
	}
	// An approval (step 17) four months after the branch meeting.
	slow := addCandidate(t, f, "迟审批", "1990-01-03", 92)
	dates := map[int]string{1: "2024-01-08", 2: "2024-01-20", 3: "2024-02-05", 4: "2024-02-06", 5: "2024-02-07", 6: "2024-08-01",
		7: "2025-02-05", 8: "2025-02-06", 9: "2025-02-07", 10: "2025-02-10", 11: "2025-02-20", 12: "2025-11-20",
		store.StepPublicity: "2025-11-24", 13: "2025-12-01", 14: "2025-12-02", 15: "2025-12-08", 16: "2025-12-10", 17: "2026-04-10"}
	for _, s := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, store.StepPublicity, 13, 14, 15, 16, 17} {
		rec, err = f.DB.RecordStep(f.Ctx, store.StepInput{CandidateID: slow, Step: s, Date: dates[s], People: "王保国,赵红梅", Days: 3, VotesFor: 5, Present: 5})
		if err != nil {
			t.Fatalf("step %d: %v", s, err)
		}
	}
	if !strings.Contains(rec.Warning, "2026-03-08") {
		t.Errorf("approval after three months: warning %q", rec.Warning)
	}
	if x := find("2026Q2", slow, "pipeline_late"); x == nil || x.Rule != rules.PipelineApproval.Key {
		t.Errorf("Q2's check: late approval finding %+v", x)
	}
	// Nine months into the probation: no extension, with or without a meeting date.
	f.Clock.Set(time.Date(2026, 9, 10, 9, 0, 0, 0, time.UTC))
	for _, x := range []store.ProbationExtension{{Months: 6}, {Months: 6, DecidedOn: "2026-09-08"}} {
		if err := f.DB.ExtendProbation(f.Ctx, slow, x); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("extension %+v nine months into the probation: %v", x, err)
		}
	}
	// The probation ends 2026-12-08: the next day a warning, after the month's window an alarm.
	for day, want := range map[string]string{"2026-12-09": "warning", "2027-01-08": "warning", "2027-01-09": "alarm"} {
		d, _ := time.Parse(time.DateOnly, day)
		f.Clock.Set(d.Add(9 * time.Hour))
		if x := find(day[:7], slow, "probation_ending"); x == nil || x.Severity != want || x.Due != "2027-01-08" || x.Rule != rules.PipelineConfirmWindow.Key {
			t.Errorf("%s: probation finding %+v, want %s due 2027-01-08", day, x, want)
		}
	}
	// Decided by the branch meeting when the probation ended, approval recorded later. (The
	// loop above leaves the clock on whichever day it visited last: set it.)
	f.Clock.Set(time.Date(2027, 1, 9, 9, 0, 0, 0, time.UTC))
	if err := f.DB.ExtendProbation(f.Ctx, slow, store.ProbationExtension{Months: 6, DecidedOn: "2026-12-15"}); err != nil {
		t.Fatal(err)
	}
	// Until the approval is recorded, the check says the extension waits for it (党章 第七条).
	if x := find("2027-01", slow, "extension_unapproved"); x == nil || x.Severity != "warning" ||
		!strings.Contains(x.Title, "2026-12-15") || !strings.Contains(x.Source, "第七条") {
		t.Errorf("an extension waiting for approval: finding %+v", x)
	}
	if err := f.DB.ExtendProbation(f.Ctx, slow, store.ProbationExtension{Months: 6, DecidedOn: "2026-12-15", ApprovedOn: "2027-01-05"}); err != nil {
		t.Fatal(err)
	}
	c, _ := f.DB.Candidate(f.Ctx, slow)
	if c.Extension != 6 || c.ExtensionDecidedOn != "2026-12-15" || c.ExtensionApprovedOn != "2027-01-05" {
		t.Errorf("extension recorded as %d %q %q", c.Extension, c.ExtensionDecidedOn, c.ExtensionApprovedOn)
	}
	if x := find("2027-01", slow, "extension_unapproved"); x != nil {
		t.Errorf("the approved extension is still reported: %+v", x)
	}
}
