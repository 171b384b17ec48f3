package notice

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// demoVillage is a village with demo data, a decision taken through the four 议 steps, every
// member rated for 2025 and the objection contact set.
func demoVillage(t testing.TB) (*storetest.Fixture, store.Org, string) {
	t.Helper()
	f := storetest.Village(t)
	ctx := f.Ctx
	if err := demo.Fill(ctx, f.DB, demo.Options{Seed: 7}); err != nil {
		t.Fatal(err)
	}
	home, err := f.DB.Home(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.DB.SetNoticeContact(ctx, home.ID, store.NoticeContact{Person: "王书记", Phone: "0394-8123456"}); err != nil {
		t.Fatal(err)
	}
	id, err := f.DB.SaveDecision(ctx, store.Decision{Title: "村内主干道硬化", Content: "硬化村内主干道1.2公里，宽4.5米，预算36万元，由县交通局项目资金和村集体经济共同承担。",
		ProposedOn: "2026-10-08", Merged: true, ReviewedOn: "2026-10-15", ResolvedOn: "2026-10-20", ResolutionBody: store.BodyRepresentatives,
		VotesDue: 31, VotesPresent: 28, VotesFor: 27})
	if err != nil {
		t.Fatal(err)
	}
	as, err := f.DB.Appraisals(ctx, home.ID, 2025)
	if err != nil {
		t.Fatal(err)
	}
	for i := range as {
		if as[i].Status != "probationary" {
			as[i].Rating = store.RatingQualified
			if i%5 == 0 {
				as[i].Rating = store.RatingExcellent
			}
		}
	}
	if _, err := f.DB.SaveAppraisals(ctx, home.ID, 2025, as); err != nil {
		t.Fatal(err)
	}
	return f, home, id
}

func writeTemp(t testing.TB, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "n.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

func TestEveryKindPrintsFromDemoData(t *testing.T) {
	f, home, dec := demoVillage(t)
	ms, err := f.DB.Members(f.Ctx, store.MemberFilter{OrgID: home.ID, All: true})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := f.DB.Candidates(f.Ctx, home.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	var secrets []string // nothing personal beyond what a notice needs
	for _, m := range ms {
		secrets = append(secrets, m.IDNumber, m.Phone, m.IDNumber[len(m.IDNumber)-8:])
	}
	for _, c := range cs {
		secrets = append(secrets, c.IDNumber, c.Phone)
	}
	keep := os.Getenv("NOTICE_KEEP")
	for _, k := range Kinds() {
		t.Run(k.Kind, func(t *testing.T) {
			req := Request{Kind: k.Kind}
			switch k.Kind {
			case BranchStars, StarList:
				t.Skip("the star ratings need the township's assessment: TestStarNotices")
			case RectifyPlan:
				t.Skip("the township's 整顿 of a village: TestRectifyPlanNotice")
			case Decision:
				req.Subject = dec
			case Appraisal, MemberStars:
				req.Period = "2025"
			case CenterPlate:
				for _, m := range ms {
					if m.More["center"] == "yes" {
						req.Subject = m.ID
						break
					}
				}
			case ThemeDayReport:
				days, err := f.DB.Meetings(f.Ctx, store.MeetingFilter{OrgID: home.ID, Kind: store.MeetingThemeDay})
				if err != nil || len(days) == 0 {
					t.Fatalf("no theme day in the demo: %v", err)
				}
				req.Subject = days[len(days)-1].ID
			}
			var buf bytes.Buffer
			doc, err := Print(context.Background(), f.DB, req, &buf)
			if err != nil {
				t.Fatal(err)
			}
			if keep != "" {
				os.WriteFile(filepath.Join(keep, k.Kind+".pdf"), buf.Bytes(), 0o644)
			}
			text := squeeze(pdftotext(t, writeTemp(t, buf.Bytes())))
			day, period := "二〇二六年十一月二十九日", "2026年11月30日至2026年12月4日（5个工作日）"
			if k.Kind == Development { // the demo records its 公示 as started on 2026-11-27
				day, period = "二〇二六年十一月二十七日", "2026年11月27日至2026年12月3日（5个工作日）"
			}
			want := []string{squeeze(doc.Title), "中共张庄村支部委员会", day}
			if k.Publicity {
				want = append(want, period, "监督电话：0394-8123456", "联系人：王书记")
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q:\n%s", w, text)
				}
			}
			rows := 0
			for _, tb := range doc.Tables {
				rows += len(tb.Rows)
				for _, r := range tb.Rows {
					if !strings.Contains(text, squeeze(r[1])) {
						t.Errorf("row %v missing from the PDF", r)
					}
				}
			}
			if rows == 0 {
				t.Errorf("%s: the demo data gives an empty notice", k.Kind)
			}
			for _, s := range secrets {
				if s != "" && strings.Contains(text, s) {
					t.Errorf("personal data %s printed", s)
				}
			}
		})
	}
}

func TestDevelopmentNoticeListsTheCandidate(t *testing.T) {
	f, home, _ := demoVillage(t)
	cs, _ := f.DB.Candidates(f.Ctx, home.ID, false)
	var target, other store.Candidate
	for _, c := range cs {
		if c.Has(7) && !c.Has(15) {
			target = c
		} else {
			other = c
		}
	}
	if target.ID == "" || other.ID == "" {
		t.Fatal("demo data has no development target and other candidate")
	}
	doc, err := Build(f.Ctx, f.DB, Request{Kind: Development, Subject: target.ID})
	if err != nil {
		t.Fatal(err)
	}
	r := doc.Tables[0].Rows
	if len(r) != 1 || r[0][1] != target.Name || strings.Contains(r[0][6], "-") || r[0][6] == "" {
		t.Fatalf("rows = %v (introducers must be names, not IDs)", r)
	}
	if _, err := Build(f.Ctx, f.DB, Request{Kind: Development, Subject: other.ID}); err == nil || !strings.Contains(err.Error(), other.Name) {
		t.Fatalf("a candidate who is no development target: %v", err)
	}
}

func TestRequestErrors(t *testing.T) {
	f, _, _ := demoVillage(t)
	for _, c := range []struct {
		req  Request
		want string
	}{
		{Request{Kind: "poster"}, "Unknown kind"},
		{Request{Kind: Birthdays, Period: "2026-11"}, "one quarter"},
		{Request{Kind: Appraisal, Period: "2026Q4"}, "one year"},
		{Request{Kind: Development, Period: "2026Q4"}, "no period"},
		{Request{Kind: Decision}, "--subject"},
		{Request{Kind: Appraisal, Period: "2024"}, "no rating for 2024"},
		{Request{Kind: ThemeDay, Period: "2030-01"}, "no theme-day programme"},
	} {
		_, err := Build(f.Ctx, f.DB, c.req)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: err = %v, want %q", c.req, err, c.want)
		}
	}
}

func TestIssuerOf(t *testing.T) {
	for in, want := range map[string]string{
		"张庄村党支部": "中共张庄村支部委员会", "李寨村党总支": "中共李寨村总支部委员会", "中共王楼村党支部": "中共王楼村支部委员会", "刘店村": "中共刘店村支部委员会",
	} {
		if got := IssuerOf(in); got != want {
			t.Errorf("IssuerOf(%s) = %s, want %s", in, got, want)
		}
	}
}

// Issue 23 item 11: a 发展对象公示 whose start is recorded in the candidate's file (the 公示
// step, from which the branch meeting's earliest day is counted: 细则 第十三条 "列为发展对象
// 前应当公示，公示期不少于五个工作日" as DOMAIN.md places it) is dated that day and shows the
// period from it, whatever day it is printed; without a recorded start, the day printed.
func TestDevelopmentNoticeDatedFromRecordedPublicity(t *testing.T) {
	f, home, _ := demoVillage(t)
	cs, _ := f.DB.Candidates(f.Ctx, home.ID, false)
	var target store.Candidate
	for _, c := range cs {
		if c.Has(7) && !c.Has(15) {
			target = c
		}
	}
	if target.ID == "" {
		t.Fatal("demo data has no development target")
	}
	doc, err := Build(f.Ctx, f.DB, Request{Kind: Development, Subject: target.ID})
	if err != nil {
		t.Fatal(err)
	}
	started := target.DateOf(store.StepPublicity)
	if started.IsZero() {
		if !sameDay(doc.Date, f.DB.Now()) {
			t.Errorf("no 公示 recorded: dated %s, want the day printed", doc.Date.Format(time.DateOnly))
		}
		if _, err := f.DB.RecordStep(f.Ctx, store.StepInput{CandidateID: target.ID, Step: store.StepPublicity, Date: f.DB.Now().AddDate(0, 0, -3).Format(time.DateOnly)}); err != nil {
			t.Fatal(err)
		}
		target, _ = f.DB.Candidate(f.Ctx, target.ID)
		started = target.DateOf(store.StepPublicity)
		if doc, err = Build(f.Ctx, f.DB, Request{Kind: Development, Subject: target.ID}); err != nil {
			t.Fatal(err)
		}
	}
	if sameDay(started, f.DB.Now()) {
		t.Fatalf("the fixture's 公示 starts today (%s): the test could not tell the days apart", started.Format(time.DateOnly))
	}
	if !sameDay(doc.Date, started) {
		t.Errorf("a 公示 recorded from %s is dated %s", started.Format(time.DateOnly), doc.Date.Format(time.DateOnly))
	}
	// An explicit start still wins.
	later := f.DB.Now().AddDate(0, 0, 14)
	for later.Weekday() == time.Saturday || later.Weekday() == time.Sunday {
		later = later.AddDate(0, 0, 1)
	}
	if doc, err = Build(f.Ctx, f.DB, Request{Kind: Development, Subject: target.ID, Start: later}); err != nil || !sameDay(doc.Date, later) {
		t.Errorf("--start %s: dated %s (%v)", later.Format(time.DateOnly), doc.Date.Format(time.DateOnly), err)
	}
}

func sameDay(a, b time.Time) bool { return a.Format(time.DateOnly) == b.Format(time.DateOnly) }
