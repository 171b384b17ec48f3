package notice

import (
	"context"
	"strconv"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

// Builders of the star-rating notices (评星定级): one branch's result for its board, and the
// township's list of every village's result.

func buildBranchStars(ctx context.Context, b *build) error {
	if b.org.Kind == store.KindTownship {
		return assets.Errorf("The township prints the list of all villages' ratings (star-list); a branch's own notice is printed for a village (--org).")
	}
	r, err := b.db.StarResultOf(ctx, b.org.ID, b.period.Year)
	if err != nil {
		return err
	}
	if r.Stage != store.StarsAssessed {
		return assets.Errorf("The township has not assessed %s's stars for %d yet; the result can be published after the assessment (考评).", b.org.Name, b.period.Year)
	}
	t := Table{Columns: []Column{{Header: assets.T("No."), Weight: 0.7}, {Header: assets.T("Star"), Weight: 2}, {Header: assets.T("Kind of star"), Weight: 1.3},
		{Header: assets.T("Standard"), Weight: 4.5, Align: "L"}, {Header: assets.T("Result"), Weight: 1.3}}}
	for _, l := range r.Lines {
		if !l.Target {
			continue
		}
		res := assets.T("Not earned")
		if l.Earned {
			res = "★ " + assets.T("Earned")
		}
		t.Rows = append(t.Rows, []string{seq(len(t.Rows)), l.Name, store.StarGroupLabel(l.Group), l.Standard, res})
	}
	b.data.Stars, b.data.Colour, b.data.Class, b.data.Count = r.Stars, store.ColourLabel(r.Colour), store.ClassLabel(r.Class), len(t.Rows)
	b.data.Steps = ratingSteps([]store.StarResult{r}, false)
	b.doc.Tables = []Table{t}
	return nil
}

func buildStarList(ctx context.Context, b *build) error {
	if b.org.Kind != store.KindTownship {
		return assets.Errorf("The list of all villages' star ratings is printed by the township.")
	}
	rs, err := b.db.StarResults(ctx, b.period.Year, nil)
	if err != nil {
		return err
	}
	t := Table{Columns: []Column{{Header: assets.T("No."), Weight: 0.7}, {Header: assets.T("Party organisation"), Weight: 2.4, Align: "L"},
		{Header: assets.T("Number of stars"), Weight: 0.9}, {Header: assets.T("Stars"), Weight: 2.9, Align: "L"}, {Header: assets.T("Star colour"), Weight: 1.2},
		{Header: assets.T("Class"), Weight: 0.9}, {Header: assets.T("Plaque awarded"), Weight: 1.5}}, Empty: assets.T("No village has been assessed for this year yet.")}
	var pending []string
	for _, r := range rs {
		if r.Stage != store.StarsAssessed {
			pending = append(pending, r.OrgName)
			continue
		}
		t.Rows = append(t.Rows, []string{seq(len(t.Rows)), r.OrgName, strconv.Itoa(r.Stars), strings.Repeat("★", min(r.Stars, 10)),
			store.ColourLabel(r.Colour), store.ClassLabel(r.Class), dayText(r.PlaqueOn)})
	}
	var assessed []store.StarResult
	for _, r := range rs {
		if r.Stage == store.StarsAssessed {
			assessed = append(assessed, r)
		}
	}
	b.data.Steps = ratingSteps(assessed, true)
	if len(pending) > 0 {
		b.doc.Footer = append(b.doc.Footer, assets.T("Not yet assessed: %s.", strings.Join(pending, "、")))
	}
	b.data.Count = len(t.Rows)
	b.doc.Tables = []Table{t}
	return nil
}

// ratingSteps says which steps of the rating were recorded for the results: 定标报星 (targets
// declared) and 自评 only if recorded — for every village (「各村党组织定标报星」) or for some
// (「3个村党组织定标报星」) — then the township's 考评, which every published result had.
func ratingSteps(rs []store.StarResult, list bool) string {
	declared, self := 0, 0
	for _, r := range rs {
		if r.Declared != "" {
			declared++
		}
		if r.SelfAt != "" {
			self++
		}
	}
	step := func(n int, all, some string) string {
		switch {
		case n == 0:
			return ""
		case !list:
			return assets.T(all)
		case n == len(rs):
			return assets.T("every village's %s", assets.T(all))
		}
		return assets.T(some, n)
	}
	var steps []string
	for _, s := range []string{step(declared, "target stars declared (定标报星)", "%d villages declared target stars (定标报星)"),
		step(self, "self-assessment (自评)", "%d villages' self-assessment (自评)")} {
		if s != "" {
			steps = append(steps, s)
		}
	}
	steps = append(steps, assets.T("the township party committee's assessment (考评)"))
	if len(steps) == 1 {
		return steps[0]
	}
	return strings.Join(steps[:len(steps)-1], "、") + assets.T(" and ") + steps[len(steps)-1]
}
