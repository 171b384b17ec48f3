package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"zhibu/store"
)

// The member lifecycle of one village: dues since the branch began keeping them in the app
// (1 January of last year), by each member's position and age (village cadres on their
// allowance, members with a job on their salary, retired workers on their pension, farmers on
// the provincial amount), most paying at the theme day, some quarterly in advance; the
// members of the village's plan behind (chosen at random; planted findings); uses of dues; four candidates
// at different stages, each admission keeping the 细则's rules (an applicant at least 18, a
// year or more as an activist, two full members as contacts and as introducers); and this
// year's attendance points from the meetings' attendance. Written inside Fill's transaction
// through the domain's operations, which check every rule as for a record typed in.

var duesUses = []string{"慰问困难党员", "订阅党报党刊", "购买党员学习资料", "表彰优秀党员"}

func (g *gen) day(t time.Time) string { return t.Format(time.DateOnly) }

// admission is a branch meeting that accepted a probationary member (step 15).
type admission struct{ name, date string }

func (g *gen) lifecycle(ctx context.Context, tx *store.Tx, orgID string) error {
	ms, err := g.roll(ctx, tx, orgID)
	if err != nil {
		return err
	}
	if err := g.dues(ctx, tx, orgID, ms); err != nil {
		return err
	}
	return g.points(ctx, tx, orgID)
}

// duesProfile is a member's dues basis from their position, category and age.
func (g *gen) duesProfile(m demoMember, age int) *store.DuesProfile {
	p := &store.DuesProfile{MemberID: m.id, Kind: "salaried"}
	switch {
	case m.position == "secretary":
		p.Income = int64(3600+100*g.r.IntN(15)) * 100 // 村干部 allowance
	case m.position == "deputy":
		p.Income = int64(3100+100*g.r.IntN(10)) * 100
	case m.position == "committee":
		p.Income = int64(2400+100*g.r.IntN(8)) * 100
	case m.category == "working":
		p.Income = int64(2600+150*g.r.IntN(20)) * 100
	case age >= 60 && g.r.IntN(100) < 30:
		p.Kind, p.Income = "retired", int64(1800+100*g.r.IntN(28))*100 // a retired teacher or worker
	default:
		return nil // a farmer member: the provincial amount, nothing to set
	}
	return p
}

func (g *gen) dues(ctx context.Context, tx *store.Tx, orgID string, ms []demoMember) error {
	d := tx.DB()
	thisMonth := time.Date(g.today.Year(), g.today.Month(), 1, 0, 0, 0, 0, time.UTC)
	// Members who joined before the history fall behind (the planted arrears).
	var long []int
	for i, m := range ms {
		if m.position == "member" && m.joined < g.day(g.history) {
			long = append(long, i)
		}
	}
	behind := map[int]int{}
	for k, n := range g.plan.behind {
		if k < len(long) {
			j := g.r.IntN(len(long))
			behind[long[j]] = n
			long = slices.Delete(long, j, j+1)
		}
	}
	for i, m := range ms {
		birth := m.birthYear()
		if p := g.duesProfile(m, g.today.Year()-birth); p != nil {
			if err := d.SetDuesProfile(ctx, *p); err != nil {
				return err
			}
		}
		joined, _ := time.Parse(time.DateOnly, m.joined)
		start := g.history
		if j := time.Date(joined.Year(), joined.Month(), 1, 0, 0, 0, 0, time.UTC); j.After(start) {
			start = j
		}
		last := thisMonth // this month's dues are paid at its theme day, once that is past
		if behind[i] > 0 {
			last = thisMonth.AddDate(0, -1-behind[i], 0)
		}
		quarterly := behind[i] == 0 && (m.category == "floating" || g.r.IntN(100) < 15)
		for mo := start; !mo.After(last); mo = mo.AddDate(0, 1, 0) {
			months := []string{mo.Format("2006-01")}
			if quarterly && int(mo.Month())%3 == 1 {
				// Paid for the quarter at its first theme day (规定 第十二条, with the branch's consent).
				months = append(months, mo.AddDate(0, 1, 0).Format("2006-01"), mo.AddDate(0, 2, 0).Format("2006-01"))
			} else if quarterly && !mo.Equal(start) {
				continue // covered by the quarter's payment
			}
			paid := mo.AddDate(0, 0, 9+g.r.IntN(10)) // within the month, at the theme party day
			if paid.After(g.today) {
				if mo.Equal(thisMonth) {
					break // not yet: this month's theme day is still to come
				}
				paid = g.today
			}
			if _, err := d.PayDues(ctx, store.PayRequest{MemberID: m.id, Months: months, PaidDate: g.day(paid)}); err != nil {
				return fmt.Errorf("demo dues of %s: %w", m.name, err)
			}
			if len(months) == 3 {
				mo = mo.AddDate(0, 2, 0)
			}
		}
	}
	for _, y := range []int{g.today.Year() - 1, g.today.Year()} {
		for i, p := range duesUses[:2+g.r.IntN(3)] {
			at := time.Date(y, time.Month(2+3*i), 1+g.r.IntN(25), 0, 0, 0, 0, time.UTC)
			if at.After(g.today) {
				break
			}
			if _, err := d.AddDuesUse(ctx, store.DuesUse{OrgID: orgID, Date: g.day(at), Amount: int64(10000 + g.r.IntN(40)*1000), Purpose: p}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m demoMember) birthYear() int { return m.birth.Year() }

// points gives this year's attendance points from the theme days' attendance: present +2,
// absent without reason −2 (the dues and service points are computed by the store).
func (g *gen) points(ctx context.Context, tx *store.Tx, orgID string) error {
	p := store.YearOf(g.today)
	ms, err := tx.DB().Meetings(ctx, store.MeetingFilter{OrgID: orgID, Kind: store.MeetingThemeDay, Period: &p})
	if err != nil {
		return err
	}
	for _, s := range ms {
		m, err := tx.DB().Meeting(ctx, s.ID)
		if err != nil {
			return err
		}
		for _, a := range m.Attendance {
			e := store.PointsEntry{MemberID: a.MemberID, Date: m.Date, Kind: "attendance", Points: 2, Reason: "参加主题党日：" + m.Topic}
			switch a.Status {
			case store.AttendPresent:
			case store.AttendUnexcused:
				e.Kind, e.Points, e.Reason = "deduction", -2, "无故缺席主题党日"
			default:
				continue
			}
			if _, err := tx.DB().AddPoints(ctx, e); err != nil {
				return err
			}
		}
	}
	return nil
}

// candidates adds four candidates whose steps keep every rule of the pipeline: an applicant
// whose talk is due soon (overdue in a village whose plan says so), an activist, a development target whose 公示 is running and a
// probationary member whose probation ends in about ten days (planted findings).
func (g *gen) candidates(ctx context.Context, tx *store.Tx, orgID string) error {
	ms, err := g.roll(ctx, tx, orgID)
	if err != nil {
		return err
	}
	var full []demoMember
	for _, m := range ms {
		if m.status == "full" && m.joined < g.day(g.history.AddDate(-1, 0, 0)) {
			full = append(full, m)
		}
	}
	if len(full) < 4 {
		return nil
	}
	pickTwo := func() string {
		i := g.r.Perm(len(full))
		return full[i[0]].name + "," + full[i[1]].name
	}
	now := g.today
	type step struct {
		n int
		d time.Time
	}
	// activist: steps 1–6 ending with step 3 on s3 (an assessment at +6 months if it has passed).
	activist := func(s3 time.Time) []step {
		s2 := s3.AddDate(0, 0, -40)
		out := []step{{1, s2.AddDate(0, 0, -20)}, {2, s2}, {3, s3}, {4, s3.AddDate(0, 0, 5)}, {5, s3.AddDate(0, 0, 10)}}
		for a := s3.AddDate(0, 6, -3); !a.After(now); a = a.AddDate(0, 6, -3) {
			out = append(out, step{6, a})
		}
		return out
	}
	target := func(s7 time.Time) []step {
		out := activist(s7.AddDate(-1, 0, -10))
		out = slices.DeleteFunc(out, func(s step) bool { return s.n == 6 && s.d.After(s7) })
		return append(out, step{7, s7}, step{8, s7.AddDate(0, 0, 3)}, step{9, s7.AddDate(0, 0, 5)}, step{10, s7.AddDate(0, 0, 15)},
			step{11, s7.AddDate(0, 0, 25)})
	}
	pubRunning := now.AddDate(0, 0, -2)
	s15 := now.AddDate(0, 0, -356) // probation ends in about ten days
	s91 := s15.AddDate(0, 0, -21)
	young := func(minAge, maxAge int) (string, bool, time.Time) {
		male := g.r.IntN(100) < 55
		birth := g.date(now.AddDate(-maxAge, 0, 0), now.AddDate(-minAge, 0, 0))
		return string(surnames[g.r.IntN(len(surnames))]) + g.givenName(birth.Year(), male), male, birth
	}
	applied := now.AddDate(0, 0, -20-g.r.IntN(5)) // the talk is due within a month
	if g.plan.talkOverdue {
		applied = now.AddDate(0, 0, -45-g.r.IntN(10))
	}
	plans := []struct {
		min, max int
		steps    []step
	}{
		{19, 35, []step{{1, applied}}},
		{21, 40, activist(now.AddDate(0, -4, -g.r.IntN(20)))},
		{23, 45, append(target(pubRunning.AddDate(0, 0, -40)), step{12, pubRunning.AddDate(0, 0, -3)}, step{store.StepPublicity, pubRunning})},
		{24, 45, append(target(s91.AddDate(0, 0, -40)), step{12, s91.AddDate(0, 0, -3)}, step{store.StepPublicity, s91},
			step{13, s91.AddDate(0, 0, 18)}, step{14, s91.AddDate(0, 0, 19)}, step{15, s15}, step{16, s15.AddDate(0, 0, 10)},
			step{17, s15.AddDate(0, 0, 40)}, step{18, s15.AddDate(0, 0, 45)}, step{19, s15.AddDate(0, 0, 46)}, step{20, s15.AddDate(0, 0, 50)},
			step{21, s15.AddDate(0, 6, 0)})},
	}
	voters := 0
	for _, m := range ms {
		if m.status == "full" {
			voters++
		}
	}
	d := tx.DB()
	for _, p := range plans {
		name, male, birth := young(p.min, p.max)
		if adult := birth.AddDate(18, 0, 0); adult.After(p.steps[0].d) {
			birth = p.steps[0].d.AddDate(-18-g.r.IntN(10), 0, -1) // at least 18 on the day of the application
		}
		gender := "female"
		if male {
			gender = "male"
		}
		c, err := d.AddCandidate(ctx, store.CandidateInput{OrgID: orgID, Name: name, Gender: gender, BirthDate: g.day(birth), IDNumber: g.idNumber(birth, male),
			Phone: fmt.Sprintf("1%d%09d", 3+g.r.IntN(7), g.r.IntN(1e9))})
		if err != nil {
			return fmt.Errorf("demo candidate %s: %w", name, err)
		}
		for _, s := range p.steps {
			in := store.StepInput{CandidateID: c, Step: s.n, Date: g.day(s.d), By: full[0].name}
			switch s.n {
			case 5:
				in.People = pickTwo() // 培养联系人: full members (细则 第九条)
			case 9:
				in.People = pickTwo() // 入党介绍人
			case 11:
				in.Days, in.Hours = 3, 24
			case 15:
				in.Present = voters - voters/8
				in.VotesFor, in.Voters = in.Present, voters
				g.admissions = append(g.admissions, admission{name: name, date: in.Date})
			}
			if _, err := d.RecordStep(ctx, in); err != nil {
				return fmt.Errorf("demo candidate %s step %d: %w", name, s.n, err)
			}
		}
	}
	return nil
}
