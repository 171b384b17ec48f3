package demo

import (
	"context"
	"fmt"
	"time"

	"zhibu/store"
)

// The branch's own affairs of one village, so that every wall notice prints from demo data:
// two village matters under 四议两公开 (one through all six steps, both notices posted; one
// resolved and its resolution published, the works still under way) and last year's
// 民主评议 of every full member (mostly 合格, about a fifth 优秀, sometimes one 基本合格;
// probationary members take part but are not rated). Written inside Fill's transaction and
// valid by construction: votes meet rules.DecisionQuorum and rules.DecisionPass, 优秀 stays
// within rules.AppraisalExcellentMax.

// matter is a village matter: its title and a function making its content and result.
type matter struct {
	title string
	body  string
	text  func(g *gen) (content, result string)
}

var matters = []matter{
	{"村道硬化工程", store.BodyRepresentatives, func(g *gen) (string, string) {
		km, cost := 8+g.r.IntN(12), 40+g.r.IntN(60)
		return fmt.Sprintf("对本村%d组至%d组村道约%d.%d公里进行水泥硬化，路面宽4.5米，预算约%d万元，资金由上级以奖代补资金和村集体经济收入解决，工程公开招标。",
				1+g.r.IntN(3), 4+g.r.IntN(4), km/10, km%10, cost),
			fmt.Sprintf("村道硬化工程已完工，经镇村两级验收合格，实际支出%d.%d万元，收支明细已张榜公布。", cost-1-g.r.IntN(4), g.r.IntN(10))
	}},
	{"村集体土地流转", store.BodyVillagers, func(g *gen) (string, string) {
		mu, rent := 80+g.r.IntN(150), 600+50*g.r.IntN(8)
		return fmt.Sprintf("将村集体机动地%d亩以每亩每年%d元流转给本地种植专业合作社，流转期5年，流转收入归村集体所有，用于村内公益事业。", mu, rent),
			fmt.Sprintf("流转合同已签订并经镇农经站备案，首年流转费%d元已全额到账，纳入村集体账户管理。", mu*rent)
	}},
	{"安装太阳能路灯", store.BodyRepresentatives, func(g *gen) (string, string) {
		n, cost := 60+g.r.IntN(60), 15+g.r.IntN(15)
		return fmt.Sprintf("在村主干道和居民集中居住区安装太阳能路灯%d盏，预算约%d万元，采购经镇招标平台公开进行。", n, cost),
			fmt.Sprintf("路灯%d盏已全部安装亮灯，实际支出%d.%d万元，明细已张榜公布。", n, cost-1, g.r.IntN(10))
	}},
	{"修建灌溉机井", store.BodyRepresentatives, func(g *gen) (string, string) {
		n, mu := 4+g.r.IntN(6), 500+100*g.r.IntN(8)
		return fmt.Sprintf("新打灌溉机井%d眼并配套地埋管道，受益农田约%d亩，资金由高标准农田建设项目列支，村集体负责日常管护。", n, mu),
			fmt.Sprintf("机井%d眼已全部成井通电，经验收合格投入使用，管护责任已落实到组。", n)
	}},
}

// branchAffairs records one village's decisions and last year's appraisal.
func (g *gen) branchAffairs(ctx context.Context, tx *store.Tx, orgID string) error {
	if err := g.decisions(ctx, tx, orgID); err != nil {
		return err
	}
	ms, err := g.roll(ctx, tx, orgID)
	if err != nil {
		return err
	}
	return g.appraisal(ctx, tx, orgID, ms)
}

// decisions makes two matters: the first finished some months ago with both notices posted,
// the second resolved a few weeks ago with only the resolution published.
func (g *gen) decisions(ctx context.Context, tx *store.Tx, orgID string) error {
	today := time.Date(g.now.Year(), g.now.Month(), g.now.Day(), 0, 0, 0, 0, time.UTC)
	merged := g.r.IntN(4) == 0 // this village's secretary is also its head: steps 1 and 2 held together
	pick := g.r.Perm(len(matters))
	for i, start := range []time.Time{today.AddDate(0, -5, -g.r.IntN(20)), today.AddDate(0, 0, -40-g.r.IntN(15))} {
		mt := matters[pick[i]]
		content, result := mt.text(g)
		proposed := start
		discussed := proposed
		if !merged {
			discussed = proposed.AddDate(0, 0, 2+g.r.IntN(3))
		}
		reviewed := discussed.AddDate(0, 0, 5+g.r.IntN(4)) // members have the plan 3 days before
		resolved := reviewed.AddDate(0, 0, 3+g.r.IntN(4))
		published := resolved.AddDate(0, 0, 1+g.r.IntN(3)) // within rules.DecisionPublishDays
		due := int64(25 + g.r.IntN(20))
		if mt.body == store.BodyVillagers {
			due = int64(180 + g.r.IntN(220))
		}
		present := due - int64(g.r.IntN(int(due*3/10)+1)) // at least 70% present
		agreed := present - int64(g.r.IntN(4))            // well over half of those due
		d := store.Decision{OrgID: orgID, Title: mt.title, Content: content, ProposedOn: g.day(proposed),
			DiscussedOn: g.day(discussed), ReviewedOn: g.day(reviewed), ResolvedOn: g.day(resolved), ResolutionBody: mt.body,
			VotesDue: due, VotesPresent: present, VotesFor: agreed, PublishedOn: g.day(published), Merged: merged}
		if i == 0 {
			done := resolved.AddDate(0, 0, 75+g.r.IntN(30))
			if limit := today.AddDate(0, 0, -7); done.After(limit) {
				done = limit
			}
			d.Result, d.ResultPublishedOn = result, g.day(done)
		}
		if _, err := tx.PutDecision(ctx, d); err != nil {
			return fmt.Errorf("demo decision %s: %w", d.Title, err)
		}
	}
	return nil
}

// appraisal rates every member who was a full member at the end of last year (the year of
// the appraisal meeting): about a fifth 优秀 (never more than a third), in a larger branch
// sometimes one 基本合格, the rest 合格.
func (g *gen) appraisal(ctx context.Context, tx *store.Tx, orgID string, ms []demoMember) error {
	var full []string
	yearEnd := fmt.Sprintf("%d-12-31", g.today.Year()-1)
	for _, m := range ms {
		if m.status == "full" && m.confirmed != "" && m.confirmed <= yearEnd {
			full = append(full, m.id)
		}
	}
	n := len(full)
	excellent := min(max(n*(15+g.r.IntN(10))/100, 1), n/3)
	basic := 0
	if n >= 12 && g.r.IntN(2) == 0 {
		basic = 1
	}
	year := g.today.Year() - 1
	for i, k := range g.r.Perm(n) {
		rating, note := store.RatingQualified, ""
		switch {
		case i < excellent:
			rating = store.RatingExcellent
		case i < excellent+basic:
			rating, note = store.RatingBasic, "参加组织生活不够经常，已谈心谈话提醒"
		}
		if err := tx.PutAppraisal(ctx, orgID, year, full[k], rating, note); err != nil {
			return err
		}
	}
	return nil
}
