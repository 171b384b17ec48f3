package demo

import (
	"context"
	"fmt"

	"zhibu/store"
)

// memberStars gives the demo village a few 党员中心户, each leading three to five households,
// and last year's member stars: every member on the roll since before that year has targets
// (the common and duty stars and the first two self-chosen ones) and the branch's 评定 of the
// judged stars, awaiting the township's review. Its own random stream, so the rest of the
// demo is unchanged.
func memberStars(ctx context.Context, tx *store.Tx, seed uint64, home store.Org) error {
	db := tx.DB()
	g := newGen(seed, home.Code+"-member-stars", db.Now(), nil)
	year := db.Now().Year() - 1
	ms, err := db.Members(ctx, store.MemberFilter{OrgID: home.ID})
	if err != nil {
		return err
	}
	first := fmt.Sprintf("%d-01-01", year)
	centers := 0
	for i := range ms {
		m := ms[i]
		if centers == 3 || m.JoinedDate >= first || (m.Category != "working" && m.Category != "no_post") || g.r.IntN(100) >= 40 {
			continue
		}
		if m.More == nil {
			m.More = map[string]string{}
		}
		m.More["center"] = "yes"
		if err := db.UpdateMember(ctx, m); err != nil {
			return fmt.Errorf("demo 党员中心户 %s: %w", m.Name, err)
		}
		ms[i] = m
		centers++
		for j := 0; j < 3+g.r.IntN(3); j++ {
			head := string(surnames[g.r.IntN(len(surnames))]) + g.givenName(1945+g.r.IntN(40), g.r.IntN(2) == 0)
			if _, err := db.AddHousehold(ctx, store.Household{MemberID: m.ID, Name: head, Address: fmt.Sprintf("本村%d组%d号", 1+g.r.IntN(9), 1+g.r.IntN(60)),
				Needs: g.pick(needs), From: first}); err != nil {
				return fmt.Errorf("demo household of %s: %w", m.Name, err)
			}
		}
	}
	schemes, err := db.MemberSchemes(ctx, year)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.JoinedDate >= first {
			continue
		}
		s := schemes[store.StarCategoryOf(m)]
		var targets, judged []string
		chosen := 0
		for _, x := range s.Stars {
			if x.Group == store.StarChosen {
				if chosen == s.Grades.Chosen {
					continue
				}
				chosen++
			}
			targets = append(targets, x.Code)
			if x.Measure == "" && g.r.IntN(100) < 80 {
				judged = append(judged, x.Code)
			}
		}
		if err := db.DeclareMemberStars(ctx, m.ID, year, targets); err != nil {
			return fmt.Errorf("demo targets of %s: %w", m.Name, err)
		}
		if err := db.AssessMemberStars(ctx, m.ID, year, judged, ""); err != nil {
			return fmt.Errorf("demo assessment of %s: %w", m.Name, err)
		}
	}
	return nil
}

// townshipMemberStars gives each of a township's demo villages what the village demo has — a
// few 党员中心户 and last year's targets and 评定 of its members, as the village would have sent
// them — and approves the first village's results (审核, with the day of 挂牌授星), so the
// township's 审核 screen shows one village approved and the others awaiting review.
func townshipMemberStars(ctx context.Context, tx *store.Tx, seed uint64, villages []store.Org) error {
	db := tx.DB()
	vctx, err := db.AsDemoVillage(ctx)
	if err != nil {
		return err
	}
	for _, v := range villages {
		if err := memberStars(vctx, tx, seed, v); err != nil {
			return err
		}
	}
	if len(villages) == 0 {
		return nil
	}
	year := db.Now().Year() - 1
	return db.ReviewMemberStars(ctx, villages[0].Code, year, store.MemberStarReview{State: store.ReviewApproved,
		PlaqueOn: fmt.Sprintf("%d-01-18", year+1)})
}
