package demo

import (
	"context"
	"fmt"
	"time"

	"zhibu/store"
)

// The members' part in village life, by management mode (分类管理): members with a job make a
// commitment each year and most keep it (承诺式); members without a post hold one (定岗式);
// floating members are contacted every quarter (跟踪式) and elderly members visited (关爱式).
// Some members are linked with a household they visit, many do volunteer service. In a
// village whose plan says so, one floating and one elderly member have no record yet this
// quarter (planted findings).

var (
	commitments = []string{"帮助两户困难群众解决实际困难", "带头参与人居环境整治，门前三包", "带动三户群众发展特色种植",
		"每月参加一次志愿服务", "调解邻里纠纷，做群众的贴心人", "帮助留守老人和儿童办实事"}
	evidence  = []string{"群众签字确认", "现场照片和活动记录", "村务公开栏公示", "党小组评议认可"}
	duties    = map[string][]string{"pioneer": {"环境整治先锋岗", "带头清理房前屋后，督促落实门前三包"}, "area": {"村东片责任区", "联系片区群众，收集反映诉求"}, "grid": {"%d组网格", "每周巡查网格，排查安全隐患和矛盾纠纷"}, "volunteer": {"文明实践志愿服务岗", "参加每月集中志愿服务，组织群众参与"}}
	dutyKinds = []string{"pioneer", "area", "grid", "volunteer"}
	needs     = []string{"微心愿：一台收音机", "家中老人行动不便，需要帮忙代购药品", "孩子上学需要辅导", "微心愿：修好院墙", "希望学习种植技术", ""}
	visitDone = []string{"帮助打扫院落", "代购生活用品和药品", "宣传惠民政策", "了解生产生活困难并登记", "帮助联系农技员"}
	trackDone = []string{"传达主题党日学习内容", "了解务工情况，提醒按时交纳党费", "发送学习材料并交流心得", "通报村里重点工作"}
	careDone  = []string{"上门看望，送去米面油", "重阳节慰问", "春节走访慰问", "陪同就医并了解身体情况", "听取对村里工作的意见"}
	services  = []string{"清扫村道、整治人居环境", "帮助留守老人收秋", "河道巡查", "宣讲防诈骗知识", "义务植树", "疫苗接种秩序维护"}
	contactBy = []string{"上门", "电话", "微信", "视频", "送学上门"}
)

// memberPart records the member part of one village (inside Fill's transaction).
func (g *gen) memberPart(ctx context.Context, tx *store.Tx, orgID string) error {
	ms, err := g.roll(ctx, tx, orgID)
	if err != nil {
		return err
	}
	d := tx.DB()
	var cadres []string
	for _, m := range ms {
		if m.position != "member" {
			cadres = append(cadres, m.name)
		}
	}
	thisQ := store.QuarterOf(g.today)
	skip := map[string]bool{} // the planted gaps: one floating, one elderly member
	for _, m := range ms {
		if g.plan.modeGaps && (m.category == "floating" || m.category == "elderly") && !skip[m.category] {
			skip[m.category], skip[m.id] = true, true
		}
	}
	for _, m := range ms {
		joined, _ := time.Parse(time.DateOnly, m.joined)
		from := g.history
		if joined.After(from) {
			from = joined
		}
		for q := store.QuarterOf(from); !q.Start().After(g.today); q = store.QuarterOf(q.Last().AddDate(0, 0, 1)) {
			if q == thisQ && skip[m.id] {
				continue
			}
			start := q.Start()
			if start.Before(from) {
				start = from
			}
			end := q.Last()
			if end.After(g.today) {
				end = g.today
			}
			on := g.day(g.date(start, end))
			var err error
			switch m.category {
			case "floating":
				_, err = d.AddContact(ctx, store.Contact{MemberID: m.id, Kind: "track", Date: on, How: g.pick(contactBy[1:]), Done: g.pick(trackDone), By: g.pick(cadres)})
			case "elderly":
				_, err = d.AddContact(ctx, store.Contact{MemberID: m.id, Kind: "care", Date: on, How: "上门", Done: g.pick(careDone), By: g.pick(cadres)})
			}
			if err != nil {
				return fmt.Errorf("demo contact of %s: %w", m.name, err)
			}
		}
		switch m.category {
		case "working":
			if err := g.commitments(ctx, d, m, from); err != nil {
				return err
			}
		case "no_post":
			kind := g.pick(dutyKinds)
			name := duties[kind][0]
			if kind == "grid" {
				name = fmt.Sprintf(name, 1+g.r.IntN(9))
			}
			if _, err := d.AddDuty(ctx, store.Duty{MemberID: m.id, Kind: kind, Name: name, Duties: duties[kind][1], From: g.day(from)}); err != nil {
				return fmt.Errorf("demo post of %s: %w", m.name, err)
			}
		}
		if m.category != "elderly" && m.category != "floating" && g.r.IntN(100) < 30 {
			if err := g.household(ctx, d, m, from); err != nil {
				return err
			}
		}
		if m.category != "elderly" && g.r.IntN(100) < 45 {
			for i := 0; i < 1+g.r.IntN(4); i++ {
				on := g.date(from, g.today)
				if _, err := d.AddService(ctx, store.Service{MemberID: m.id, Date: g.day(on), Activity: g.pick(services), Hours: float64(2+g.r.IntN(7)) / 2}); err != nil {
					return fmt.Errorf("demo service of %s: %w", m.name, err)
				}
			}
		}
	}
	return nil
}

// commitments: one a year, made in February (or on joining), most kept by the year's end.
func (g *gen) commitments(ctx context.Context, d *store.DB, m demoMember, from time.Time) error {
	for y := from.Year(); y <= g.today.Year(); y++ {
		made := time.Date(y, 2, 10+g.r.IntN(15), 0, 0, 0, 0, time.UTC)
		if made.Before(from) {
			made = from
		}
		if made.After(g.today) {
			made = g.today
		}
		id, err := d.AddCommitment(ctx, store.Commitment{MemberID: m.id, Year: y, Content: g.pick(commitments), MadeDate: g.day(made)})
		if err != nil {
			return fmt.Errorf("demo commitment of %s: %w", m.name, err)
		}
		done := g.date(made.AddDate(0, 3, 0), time.Date(y, 12, 20, 0, 0, 0, 0, time.UTC))
		if !done.After(g.today) && g.r.IntN(100) < 80 {
			if err := d.FulfilCommitment(ctx, id, g.day(done), g.pick(evidence)); err != nil {
				return err
			}
		}
	}
	return nil
}

// household links a member with a household and records a few visits.
func (g *gen) household(ctx context.Context, d *store.DB, m demoMember, from time.Time) error {
	male := g.r.IntN(2) == 0
	head := string(surnames[g.r.IntN(len(surnames))]) + g.givenName(1940+g.r.IntN(30), male)
	id, err := d.AddHousehold(ctx, store.Household{MemberID: m.id, Name: head, Address: fmt.Sprintf("本村%d组%d号", 1+g.r.IntN(9), 1+g.r.IntN(60)),
		Needs: g.pick(needs), Paired: g.r.IntN(3) == 0, From: g.day(from)})
	if err != nil {
		return fmt.Errorf("demo household of %s: %w", m.name, err)
	}
	for i := 0; i < 1+g.r.IntN(4); i++ {
		if _, err := d.AddContact(ctx, store.Contact{MemberID: m.id, Kind: "household", HouseholdID: id, Date: g.day(g.date(from, g.today)),
			How: "上门", Done: g.pick(visitDone)}); err != nil {
			return fmt.Errorf("demo visit of %s: %w", m.name, err)
		}
	}
	return nil
}
