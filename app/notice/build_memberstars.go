package notice

import (
	"context"
	"fmt"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

// Builders of the member-star notices (农牧民党员 星级管理, seed 002): the branch's 星级党员
// 公示 of the year (in roll order, never ranked) and the plate of a 党员中心户.

func buildMemberStars(ctx context.Context, b *build) error {
	if b.org.Kind == store.KindTownship {
		return assets.Errorf("The member stars are published by a village; give the village with --org.")
	}
	rs, err := b.db.MemberStarResults(ctx, b.org.ID, b.period.Year)
	if err != nil {
		return err
	}
	t := Table{Columns: []Column{{Header: assets.T("No."), Weight: 0.7}, {Header: assets.T("Name"), Weight: 1.4}, {Header: assets.T("Member category"), Weight: 1.6},
		{Header: assets.T("Number of stars"), Weight: 0.9}, {Header: assets.T("Stars"), Weight: 2.6, Align: "L"}, {Header: assets.T("Star colour"), Weight: 1.1}}}
	reviewed := false
	for _, r := range rs {
		if r.Stage != store.MemberStarsAssessed && r.Stage != store.MemberStarsApproved {
			continue
		}
		reviewed = reviewed || r.Stage == store.MemberStarsApproved
		t.Rows = append(t.Rows, []string{seq(len(t.Rows)), r.Name, r.CategoryLabel, fmt.Sprint(r.Stars), strings.Repeat("★", min(r.Stars, 10)),
			store.ColourLabel(r.Colour)})
		b.doc.Subjects = append(b.doc.Subjects, r.Name)
	}
	if len(t.Rows) == 0 {
		return assets.Errorf("The branch has not assessed any member's stars for %d (评定); the result can be published after it.", b.period.Year)
	}
	b.data.Count, b.data.Reviewed = len(t.Rows), reviewed
	b.doc.Tables = []Table{t}
	return nil
}

func buildCenterPlate(ctx context.Context, b *build) error {
	if strings.TrimSpace(b.req.Subject) == "" {
		return assets.Errorf("Say whose plate to print: the member ID of the party member central household (--subject).")
	}
	m, err := b.db.Member(ctx, b.req.Subject)
	if err != nil {
		return err
	}
	if m.More["center"] != "yes" {
		return assets.Errorf("%s is not marked as a party member central household (党员中心户); mark the member first.", m.Name)
	}
	if b.org, err = b.db.Org(ctx, m.OrgID); err != nil {
		return err
	}
	b.data.Org, b.data.Subject = b.org.Name, m.Name
	part, err := b.db.MemberPartOf(ctx, m.ID, b.date.Year())
	if err != nil {
		return err
	}
	t := Table{Columns: []Column{{Header: assets.T("No."), Weight: 0.7}, {Header: assets.T("Head of household"), Weight: 2}, {Header: assets.T("Address"), Weight: 4, Align: "L"}},
		Empty: assets.T("No household is linked with this member yet.")}
	for _, h := range part.Households {
		t.Rows = append(t.Rows, []string{seq(len(t.Rows)), h.Name, h.Address})
	}
	r, err := b.db.MemberStarResultOf(ctx, m.ID, b.date.Year()-1)
	if err != nil {
		return err
	}
	if r.Stage == store.MemberStarsApproved || r.Stage == store.MemberStarsAssessed {
		b.data.StarText = strings.Repeat("★", min(r.Stars, 10)) + assets.T("(%d stars)", r.Stars)
	}
	b.data.Count = len(t.Rows)
	b.doc.Subjects = []string{m.Name}
	b.doc.Tables = []Table{t}
	return nil
}
