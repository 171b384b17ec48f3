package store_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
	"zhibu/sync/synctest"
)

var (
	cst     = time.FixedZone("CST", 8*3600)
	yearEnd = time.Date(2027, 1, 10, 10, 0, 0, 0, cst)
)

// starYear fills a village's 2026 (meetings from December on entered on their day; the clock left at 2027-01-10) under the default rules (6 full members joined 2020, so no
// committee and no party groups). Required meetings in 2026, 23: 支部党员大会 4 (one a
// quarter), 党课 4, 主题党日 12, 组织生活会 1, 民主评议 1, 谈心谈话 1. Held on time: the
// twelve theme days, four general meetings, four lectures, the life meeting and the
// appraisal; no talk: 22 of 23.
// Attendance (general, lecture, theme day): theme days 12×6 expected, all present (72/72);
// general meetings Mar/Jun/Sep one on leave (3×5/6), Dec two on leave (4/6); lectures one
// absent each (4×5/6): Σ present 72+19+20 = 111 of Σ expected 120.
// Dues: months due Jan–Dec for 6 members = 72; one member paid Jan–Jul (7), five Jan–Oct
// (50): 57 of 72.
// Tasks due in 2026: five, four done by their deadline (one on the very day), one done a
// week late: 4 of 5; one due in 2027 does not count.
func starYear(t *testing.T, v *synctest.Device) {
	t.Helper()
	ctx := v.Ctx
	for i := 0; i < 6; i++ {
		v.AddMember(t, fmt.Sprintf("党员%c", '甲'+rune(i)), fmt.Sprintf("19%d0-03-0%d", 6+i%3, i+1), "2020-07-01", 11+2*i)
	}
	v.YearOfRecords(t)
	ms, err := v.DB.Members(ctx, store.MemberFilter{OrgID: v.Org.ID})
	if err != nil || len(ms) != 6 {
		t.Fatalf("members: %d %v", len(ms), err)
	}
	meet := func(kind, date string, away ...int) {
		t.Helper()
		d, _ := time.ParseInLocation(time.DateOnly, date, cst)
		v.Clock.Set(d.Add(20 * time.Hour)) // recorded the evening of the day
		m := store.Meeting{OrgID: v.Org.ID, Kind: kind, Date: date, Topic: kind + " " + date}
		for i, x := range ms {
			st := store.AttendPresent
			for _, a := range away {
				if a == i {
					st = store.AttendLeave
				}
			}
			m.Attendance = append(m.Attendance, store.Attendee{MemberID: x.ID, Status: st})
		}
		if _, err := v.DB.SaveMeeting(ctx, m); err != nil {
			t.Fatalf("%s %s: %v", kind, date, err)
		}
	}
	v.Clock.Set(time.Date(2026, 12, 10, 20, 0, 0, 0, cst))
	day, err := v.DB.NewThemeDay(ctx, v.Org.ID, "2026-12")
	if err != nil {
		t.Fatal(err)
	}
	day.Topic = "主题党日 2026-12"
	if _, err := v.DB.SaveMeeting(ctx, day); err != nil {
		t.Fatal(err)
	}
	meet(store.MeetingGeneral, "2026-12-05", 0, 1)
	for _, d := range []string{"2026-02-20", "2026-05-20", "2026-08-20", "2026-11-20"} {
		meet(store.MeetingLecture, d, 2)
	}
	meet(store.MeetingLife, "2026-12-20")
	meet(store.MeetingAppraisal, "2026-12-21")
	v.Clock.Set(yearEnd)
	for i, due := range []string{"2026-03-31", "2026-06-30", "2026-09-30", "2026-10-31", "2026-11-30", "2027-02-01"} {
		ids, err := v.DB.AddTask(ctx, []string{v.Org.Code}, store.NewTask{Title: fmt.Sprintf("事项%d", i+1), Due: due})
		if err != nil {
			t.Fatal(err)
		}
		done := map[int]string{0: "2026-03-20", 1: "2026-06-30", 2: "2026-09-01", 3: "2026-10-15", 4: "2026-12-07"}[i]
		if done != "" {
			if err := v.DB.TaskDone(ctx, ids[0], done, "已完成", "", nil); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestStarYear: the township sets the 532 scheme for 2026, which goes down; the village
// declares its ten targets (5 common, 3 duty, self-chosen o1 and o2), which go up; its
// records earn the measured stars; it assesses itself; the township assesses it, which goes
// down; both PCs compute the same result.
//
// By hand (see starYear): 按时召开率 22/23 = 95.7% ≥ 90% earns c1; 参会率 111/120 = 92.5% ≥
// 85% earns c2; 党费收缴率 57/72 = 79.2% < 95% does not earn c3; items 4/5 = 80% ≥ 80% earns
// c4 (the threshold itself earns it).
//   - During the year: c1 c2 c4 = 30 points = 3 stars: fewer than 5, no colour; 三类.
//   - Self-assessed c5 d1 d2 d3 o1 o2: 3 + 6 = 9 stars: gold (≥ 9), 一类 (≥ 8).
//   - The township awards c5 d1 d3 o1 (not d2, o2): 3 + 4 = 7 stars: silver (7–8), 二类 (5–7).
func TestStarYear(t *testing.T) {
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	synctest.Sync(t, v, town)
	starYear(t, v)
	town.Clock.Set(yearEnd)

	s := store.DefaultStarScheme(store.Scheme532, 2026)
	if err := v.DB.SetStarScheme(v.Ctx, s); !errors.Is(err, store.ErrDenied) {
		t.Errorf("a village set the scheme: %v", err)
	}
	bad := s
	bad.Grades.Silver = 10 // above gold
	if err := town.DB.SetStarScheme(town.Ctx, bad); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("silver above gold: %v", err)
	}
	if err := town.DB.SetStarScheme(town.Ctx, s); err != nil {
		t.Fatal(err)
	}
	received := func() bool {
		t.Helper()
		items, rs, err := town.DB.SentDown(town.Ctx, "2026-12")
		if err != nil || len(rs) != 1 {
			t.Fatalf("sent down: %v %v", rs, err)
		}
		for _, it := range items {
			if it.Kind == "scheme" {
				return rs[0].Received[it.ID]
			}
		}
		t.Fatalf("the scheme is not among what was sent down: %+v", items)
		return false
	}
	if received() {
		t.Error("the scheme counts as received before the sync")
	}
	synctest.Sync(t, town, v)
	synctest.Sync(t, v, town) // the village's bundle says what it holds
	if !received() {
		t.Error("the township does not see the scheme received")
	}
	got, err := v.DB.StarSchemeFor(v.Ctx, 2026)
	if err != nil || got.Default || len(got.Stars) != 12 || got.Grades != store.DefaultStarGrades {
		t.Fatalf("the village did not receive the scheme: %+v %v", got, err)
	}

	if err := v.DB.DeclareStars(v.Ctx, 2026, []string{"c1", "o1", "o2", "o3"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("three self-chosen stars: %v", err)
	}
	if err := v.DB.DeclareStars(v.Ctx, 2026, []string{"c1", "x9"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("unknown star: %v", err)
	}
	if err := v.DB.SelfAssess(v.Ctx, 2026, []string{"c5"}, ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("self-assessed before declaring: %v", err)
	}
	if err := v.DB.DeclareStars(v.Ctx, 2026, []string{"o2", "c1", "c2", "c3", "c4", "c5", "d1", "d2", "d3", "o1"}); err != nil {
		t.Fatal(err)
	}

	r, err := v.DB.StarResultOf(v.Ctx, v.Org.ID, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if r.OnTimeRate != 22.0/23 || r.AttendanceRate != 111.0/120 || r.DuesRate != 57.0/72 || r.TasksDue != 5 || r.TasksOnTime != 4 {
		t.Fatalf("figures: on time %v, attendance %v, dues %v, items %d/%d", r.OnTimeRate, r.AttendanceRate, r.DuesRate, r.TasksOnTime, r.TasksDue)
	}
	want := func(who string, r store.StarResult, stage string, stars int, colour, class string, earned string) {
		t.Helper()
		var e string
		for _, l := range r.Lines {
			if l.Earned {
				e += l.Code + " "
			}
		}
		if r.Stage != stage || r.Stars != stars || r.Points != 10*stars || r.Colour != colour || r.Class != class || e != earned {
			t.Errorf("%s: stage %s, %d stars (%d points), %q %s, earned %q; want %s, %d, %q %s, %q", who, r.Stage, r.Stars, r.Points, r.Colour, r.Class, e,
				stage, stars, colour, class, earned)
		}
	}
	want("during the year", r, store.StarsDynamic, 3, "", store.Class3, "c1 c2 c4 ")

	if err := v.DB.SelfAssess(v.Ctx, 2026, []string{"c3"}, ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("claimed a measured star: %v", err)
	}
	if err := v.DB.SelfAssess(v.Ctx, 2026, []string{"c5", "d1", "d2", "d3", "o1", "o2"}, "全年工作扎实"); err != nil {
		t.Fatal(err)
	}
	r, _ = v.DB.StarResultOf(v.Ctx, v.Org.ID, 2026)
	want("self-assessed", r, store.StarsSelf, 9, store.ColourGold, store.Class1, "c1 c2 c4 c5 d1 d2 d3 o1 o2 ")

	synctest.Sync(t, v, town)
	tr, err := town.DB.StarResults(town.Ctx, 2026, nil)
	if err != nil || len(tr) != 1 {
		t.Fatalf("township results: %+v %v", tr, err)
	}
	want("the township before its assessment", tr[0], store.StarsSelf, 9, store.ColourGold, store.Class1, "c1 c2 c4 c5 d1 d2 d3 o1 o2 ")

	for name, a := range map[string]store.StarAssessment{
		"not a target":    {Awarded: []string{"o3"}},
		"a measured star": {Awarded: []string{"c3"}},
		"plaque tomorrow": {Awarded: []string{"c5"}, PlaqueOn: "2027-01-11"},
		"plaque not date": {Awarded: []string{"c5"}, PlaqueOn: "1月8日"},
	} {
		if err := town.DB.AssessStars(town.Ctx, "410928001", 2026, a); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := v.DB.AssessStars(v.Ctx, "410928001", 2026, store.StarAssessment{}); !errors.Is(err, store.ErrDenied) {
		t.Errorf("the village assessed itself: %v", err)
	}
	if err := town.DB.AssessStars(town.Ctx, "410928001", 2026, store.StarAssessment{Awarded: []string{"o1", "c5", "d1", "d3"},
		Note: "党费收缴需加强", PlaqueOn: "2027-01-08"}); err != nil {
		t.Fatal(err)
	}
	synctest.Sync(t, town, v)
	if err := v.DB.SelfAssess(v.Ctx, 2026, []string{"c5"}, ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("self-assessed after the township's assessment: %v", err)
	}
	tr, _ = town.DB.StarResults(town.Ctx, 2026, nil)
	r, _ = v.DB.StarResultOf(v.Ctx, v.Org.ID, 2026)
	for who, x := range map[string]store.StarResult{"township": tr[0], "village": r} {
		want(who, x, store.StarsAssessed, 7, store.ColourSilver, store.Class2, "c1 c2 c4 c5 d1 d3 o1 ")
		if x.PlaqueOn != "2027-01-08" || x.Note != "党费收缴需加强" || x.SelfNote != "全年工作扎实" {
			t.Errorf("%s: plaque %q note %q self note %q", who, x.PlaqueOn, x.Note, x.SelfNote)
		}
	}
}

// BenchmarkStarResults40Villages: the year's ratings of a 40-village township, beside the
// year's KPIs they are computed from (the baseline: the rest is one task list and two small
// queries).
func BenchmarkStarResults40Villages(b *testing.B) {
	f := storetest.Township(b)
	if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: 1, Villages: 40}); err != nil {
		b.Fatal(err)
	}
	year := f.DB.Now().Year() - 1
	b.Run("kpis", func(b *testing.B) {
		for b.Loop() {
			if ks, err := f.DB.KPIs(f.Ctx, store.Period{Kind: store.PeriodYear, Year: year}, nil); err != nil || len(ks) != 40 {
				b.Fatal(len(ks), err)
			}
		}
	})
	b.Run("stars", func(b *testing.B) {
		for b.Loop() {
			if rs, err := f.DB.StarResults(f.Ctx, year, nil); err != nil || len(rs) != 40 {
				b.Fatal(len(rs), err)
			}
		}
	})
}
