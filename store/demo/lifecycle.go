package demo

import (
	"context"
	"fmt"
	"time"

	"zhibu/store"
)

// The member lifecycle of one village: dues for this year with a few members 3–7 months
// behind, a farmer majority and some salaried and retired members; uses of dues; four
// candidates at different stages (one applicant whose talk is due soon, one activist, one
// development target whose 公示 is running, one probationary member whose probation ends
// soon); and points for the year. Written inside Fill's transaction through the domain's
// operations, which check every rule as they would for a record typed in.

var (
	duesUses   = []string{"慰问困难党员", "订阅党报党刊", "购买党员学习资料", "表彰优秀党员"}
	pointsWhy  = []string{"参加主题党日", "参加支部党员大会", "参加党小组会"}
	serviceWhy = []string{"清扫村道、整治人居环境", "帮助留守老人收秋", "河道巡查", "宣讲防诈骗知识"}
)

type lcMember struct {
	id, joined, status string
}

func (g *gen) lifecycle(ctx context.Context, tx *store.Tx, orgID string) error {
	ms, err := g.lcMembers(ctx, tx, orgID)
	if err != nil {
		return err
	}
	if err := g.candidates(ctx, tx, orgID, ms); err != nil {
		return err
	}
	if ms, err = g.lcMembers(ctx, tx, orgID); err != nil { // with the probationary member made above
		return err
	}
	if err := g.dues(ctx, tx, orgID, ms); err != nil {
		return err
	}
	return g.points(ctx, tx, orgID, ms)
}

func (g *gen) lcMembers(ctx context.Context, tx *store.Tx, orgID string) ([]lcMember, error) {
	all, err := tx.DB().Members(ctx, store.MemberFilter{OrgID: orgID, All: true})
	if err != nil {
		return nil, err
	}
	ms := make([]lcMember, len(all))
	for i, m := range all {
		ms[i] = lcMember{id: m.ID, joined: m.JoinedDate, status: m.Status}
	}
	return ms, nil
}

func (g *gen) day(t time.Time) string { return t.Format(time.DateOnly) }

func (g *gen) dues(ctx context.Context, tx *store.Tx, orgID string, ms []lcMember) error {
	d := tx.DB()
	y := g.now.Year()
	thisMonth := time.Date(y, g.now.Month(), 1, 0, 0, 0, 0, time.UTC)
	for i, m := range ms {
		// Dues basis: the committee works (salaried), a few are retired, most are farmers.
		switch {
		case i < 3:
			if err := d.SetDuesProfile(ctx, store.DuesProfile{MemberID: m.id, Kind: "salaried", Income: int64(250000 + g.r.IntN(5)*100000)}); err != nil {
				return err
			}
		case i%9 == 4:
			if err := d.SetDuesProfile(ctx, store.DuesProfile{MemberID: m.id, Kind: "retired", Income: int64(300000 + g.r.IntN(4)*50000)}); err != nil {
				return err
			}
		}
		behind := 0
		switch i {
		case 6:
			behind = 3
		case 11:
			behind = 4
		case 17:
			behind = 7
		}
		joined, _ := time.Parse(time.DateOnly, m.joined)
		start := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		if j := time.Date(joined.Year(), joined.Month(), 1, 0, 0, 0, 0, time.UTC); j.After(start) {
			start = j
		}
		last := thisMonth.AddDate(0, -1-behind, 0)
		for mo := start; !mo.After(last); mo = mo.AddDate(0, 1, 0) {
			paid := mo.AddDate(0, 0, 9+g.r.IntN(10)) // within the month, at the theme party day
			if paid.After(g.now) {
				paid = g.now
			}
			if _, err := d.PayDues(ctx, store.PayRequest{MemberID: m.id, Months: []string{mo.Format("2006-01")}, PaidDate: g.day(paid)}); err != nil {
				return err
			}
		}
	}
	for i, p := range duesUses[:2+g.r.IntN(3)] {
		at := time.Date(y, time.Month(2+3*i), 1+g.r.IntN(25), 0, 0, 0, 0, time.UTC)
		if at.After(g.now) {
			break
		}
		if _, err := d.AddDuesUse(ctx, store.DuesUse{OrgID: orgID, Date: g.day(at), Amount: int64(10000 + g.r.IntN(40)*1000), Purpose: p}); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) points(ctx context.Context, tx *store.Tx, orgID string, ms []lcMember) error {
	y := g.now.Year()
	put := func(m lcMember, d time.Time, kind string, pts int, why string) error {
		_, err := tx.DB().AddPoints(ctx, store.PointsEntry{MemberID: m.id, Date: g.day(d), Kind: kind, Points: pts, Reason: why})
		return err
	}
	for _, m := range ms {
		for mo := 1; mo < int(g.now.Month()); mo++ {
			d := time.Date(y, time.Month(mo), 10+g.r.IntN(10), 0, 0, 0, 0, time.UTC)
			switch n := g.r.IntN(10); {
			case n < 8:
				if err := put(m, d, "attendance", 2, g.pick(pointsWhy)); err != nil {
					return err
				}
			case n == 9:
				if err := put(m, d, "deduction", -2, "无故缺席主题党日"); err != nil {
					return err
				}
			}
			if g.r.IntN(5) == 0 {
				if err := put(m, d.AddDate(0, 0, 3), "service", 5, g.pick(serviceWhy)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// candidates adds four candidates whose steps keep every rule of the pipeline.
func (g *gen) candidates(ctx context.Context, tx *store.Tx, orgID string, ms []lcMember) error {
	var full []string
	for _, m := range ms {
		if m.status == "full" {
			full = append(full, m.id)
		}
	}
	introducers := ""
	if len(full) >= 2 {
		introducers = full[0] + "," + full[1]
	}
	now := time.Date(g.now.Year(), g.now.Month(), g.now.Day(), 0, 0, 0, 0, time.UTC)
	type step struct {
		n int
		d time.Time
	}
	// activistSteps are steps 1–6 ending with step 3 on s3 (an assessment at +6 months if it has passed).
	activist := func(s3 time.Time) []step {
		s2 := s3.AddDate(0, 0, -40)
		out := []step{{1, s2.AddDate(0, 0, -20)}, {2, s2}, {3, s3}, {4, s3.AddDate(0, 0, 5)}, {5, s3.AddDate(0, 0, 10)}}
		if a := s3.AddDate(0, 6, -3); !a.After(now) {
			out = append(out, step{6, a})
		}
		return out
	}
	target := func(s7 time.Time) []step {
		out := activist(s7.AddDate(-1, 0, -10))
		return append(out, step{7, s7}, step{8, s7.AddDate(0, 0, 3)}, step{9, s7.AddDate(0, 0, 5)}, step{10, s7.AddDate(0, 0, 15)},
			step{11, s7.AddDate(0, 0, 25)})
	}
	pubRunning := now.AddDate(0, 0, -2)
	s15 := now.AddDate(0, 0, -356) // probation ends in about ten days
	s91 := s15.AddDate(0, 0, -21)
	plans := []struct {
		name  string
		male  bool
		birth string
		steps []step
	}{
		{"赵子豪", true, "2001-04-12", []step{{1, now.AddDate(0, 0, -20)}}},
		{"孙梦瑶", false, "1998-09-03", activist(now.AddDate(0, -5, 0))},
		{"李浩然", true, "1995-12-20", append(target(pubRunning.AddDate(0, 0, -40)), step{12, pubRunning.AddDate(0, 0, -3)}, step{store.StepPublicity, pubRunning})},
		{"王佳怡", false, "1993-06-18", append(target(s91.AddDate(0, 0, -40)), step{12, s91.AddDate(0, 0, -3)}, step{store.StepPublicity, s91},
			step{13, s91.AddDate(0, 0, 1)}, step{14, s91.AddDate(0, 0, 2)}, step{15, s15}, step{16, s15.AddDate(0, 0, 10)},
			step{17, s15.AddDate(0, 0, 40)}, step{18, s15.AddDate(0, 0, 45)}, step{19, s15.AddDate(0, 0, 46)}, step{20, s15.AddDate(0, 0, 50)},
			step{21, s15.AddDate(0, 6, 0)})},
	}
	d := tx.DB()
	for _, p := range plans {
		birth, _ := time.Parse(time.DateOnly, p.birth)
		gender := "female"
		if p.male {
			gender = "male"
		}
		c, err := d.AddCandidate(ctx, store.CandidateInput{OrgID: orgID, Name: p.name, Gender: gender, BirthDate: p.birth, IDNumber: g.idNumber(birth, p.male)})
		if err != nil {
			return fmt.Errorf("demo candidate %s: %w", p.name, err)
		}
		for _, s := range p.steps {
			in := store.StepInput{CandidateID: c, Step: s.n, Date: g.day(s.d), By: "组织委员"}
			switch s.n {
			case 5:
				in.People = "王建华,李桂英"
			case 9:
				in.People = introducers
			case 11:
				in.Days, in.Hours = 3, 24
			case 15:
				in.VotesFor, in.Voters = len(full)-1, len(full)
			}
			if _, err := d.RecordStep(ctx, in); err != nil {
				return fmt.Errorf("demo candidate %s step %d: %w", p.name, s.n, err)
			}
		}
	}
	return nil
}
