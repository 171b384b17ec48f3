package notice

import (
	"context"
	"strconv"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

// Builders of the notices that list members and candidates.

func buildBirthdays(ctx context.Context, b *build) error {
	bs, err := b.db.Birthdays(ctx, b.org.ID, b.period.String())
	if err != nil {
		return err
	}
	t := Table{Columns: []Column{{Header: assets.T("No."), Weight: 0.7}, {Header: assets.T("Name"), Weight: 1.6},
		{Header: assets.T("Joined the party"), Weight: 2}, {Header: assets.T("Political birthday"), Weight: 2}, {Header: assets.T("Years in the party"), Weight: 1.2}},
		Empty: assets.T("No member has a political birthday in this period.")}
	for i, x := range bs {
		t.Rows = append(t.Rows, []string{seq(i), x.Name, dayText(x.JoinedDate), dayText(x.Date), x.Standing()})
		b.doc.Subjects = append(b.doc.Subjects, x.Name)
	}
	b.data.Count = len(bs)
	b.doc.Tables = []Table{t}
	return nil
}

// candidates returns the candidates a pipeline notice lists: the one named by the request,
// or every active candidate for whom want is true.
func (b *build) candidates(ctx context.Context, want func(c *store.Candidate) bool, notFit string) ([]store.Candidate, error) {
	if b.req.Subject != "" {
		c, err := b.db.Candidate(ctx, b.req.Subject)
		if err != nil {
			return nil, err
		}
		if c.OrgID != b.org.ID || !want(&c) {
			return nil, assets.Errorf(notFit, c.Name)
		}
		return []store.Candidate{c}, nil
	}
	all, err := b.db.Candidates(ctx, b.org.ID, false)
	if err != nil {
		return nil, err
	}
	var out []store.Candidate
	for i := range all {
		if want(&all[i]) {
			out = append(out, all[i])
		}
	}
	return out, nil
}

func stepDay(c *store.Candidate, step int) string {
	if t := c.DateOf(step); !t.IsZero() {
		return t.Format("2006.01.02")
	}
	return ""
}

// introducers names the two introducers of step 9 (recorded as member IDs).
func (b *build) introducers(ctx context.Context, c *store.Candidate) []string {
	for i := len(c.Steps) - 1; i >= 0; i-- {
		if c.Steps[i].Step != 9 {
			continue
		}
		var names []string
		for _, p := range strings.FieldsFunc(c.Steps[i].People, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
			if m, err := b.db.Member(ctx, strings.TrimSpace(p)); err == nil {
				p = m.Name
			}
			names = append(names, strings.TrimSpace(p))
		}
		return names
	}
	return nil
}

func buildDevelopment(ctx context.Context, b *build) error {
	cs, err := b.candidates(ctx, func(c *store.Candidate) bool { return c.Has(7) && !c.Has(15) },
		"%s is not a development target waiting for the branch meeting, so this notice cannot list them.")
	if err != nil {
		return err
	}
	t := Table{Columns: []Column{{Header: assets.T("No."), Weight: 0.6}, {Header: assets.T("Name"), Weight: 1.3}, {Header: assets.T("Gender"), Weight: 0.7},
		{Header: assets.T("Born"), Weight: 1.4}, {Header: assets.T("Applied to join"), Weight: 1.7}, {Header: assets.T("Activist since"), Weight: 1.7},
		{Header: assets.T("Introducers"), Weight: 1.8}},
		Empty: assets.T("There is no development target to publish.")}
	for i := range cs {
		c := &cs[i]
		intro := b.introducers(ctx, c)
		t.Rows = append(t.Rows, []string{seq(i), c.Name, store.Gender.Label(c.Gender), monthText(c.BirthDate), stepDay(c, 1), stepDay(c, 3), strings.Join(intro, "\n")})
		b.doc.Subjects = append(append(b.doc.Subjects, c.Name), intro...)
	}
	b.data.Count = len(cs)
	b.doc.Tables = []Table{t}
	return nil
}

func buildProbation(ctx context.Context, b *build) error {
	f, err := b.db.PipelineFigures(ctx)
	if err != nil {
		return err
	}
	cs, err := b.candidates(ctx, func(c *store.Candidate) bool { return c.Has(15) && !c.Has(23) },
		"%s is not a probationary member waiting for full membership, so this notice cannot list them.")
	if err != nil {
		return err
	}
	t := Table{Columns: []Column{{Header: assets.T("No."), Weight: 0.6}, {Header: assets.T("Name"), Weight: 1.3}, {Header: assets.T("Gender"), Weight: 0.7},
		{Header: assets.T("Born"), Weight: 1.4}, {Header: assets.T("Accepted as probationary member"), Weight: 1.9}, {Header: assets.T("Probation ends"), Weight: 1.8},
		{Header: assets.T("Introducers"), Weight: 1.8}},
		Empty: assets.T("There is no probationary member to publish.")}
	for i := range cs {
		c := &cs[i]
		end := ""
		if e := f.ProbationEnd(c); !e.IsZero() {
			end = e.Format("2006.01.02")
		}
		intro := b.introducers(ctx, c)
		t.Rows = append(t.Rows, []string{seq(i), c.Name, store.Gender.Label(c.Gender), monthText(c.BirthDate), stepDay(c, 15), end, strings.Join(intro, "\n")})
		b.doc.Subjects = append(append(b.doc.Subjects, c.Name), intro...)
	}
	b.data.Count = len(cs)
	b.doc.Tables = []Table{t}
	return nil
}

func buildAppraisal(ctx context.Context, b *build) error {
	as, err := b.db.Appraisals(ctx, b.org.ID, b.period.Year)
	if err != nil {
		return err
	}
	t := Table{Columns: []Column{{Header: assets.T("No."), Weight: 0.7}, {Header: assets.T("Name"), Weight: 1.6}, {Header: assets.T("Rating"), Weight: 2.4}},
		Empty: assets.T("No member is on the roll.")}
	var unrated []string
	for i, a := range as {
		rating := store.Rating.Label(a.Rating)
		if a.Status == "probationary" {
			rating = assets.T("Probationary member (takes part, not rated)")
		} else if a.Rating == "" {
			unrated = append(unrated, a.Name)
		}
		t.Rows = append(t.Rows, []string{seq(i), a.Name, rating})
		b.doc.Subjects = append(b.doc.Subjects, a.Name)
	}
	if len(unrated) > 0 {
		return assets.Errorf("%d members have no rating for %d yet (%s). Enter every rating before printing the result.",
			len(unrated), b.period.Year, strings.Join(unrated[:min(3, len(unrated))], "、"))
	}
	b.data.Count = len(as)
	b.doc.Tables = []Table{t}
	return nil
}

func buildStars(ctx context.Context, b *build) error {
	rs, err := b.db.PointsResults(ctx, b.org.ID, b.period.String())
	if err != nil {
		return err
	}
	t := Table{Columns: []Column{{Header: assets.T("No."), Weight: 0.7}, {Header: assets.T("Name"), Weight: 1.6}, {Header: assets.T("Points"), Weight: 1.2},
		{Header: assets.T("Stars"), Weight: 3}},
		Empty: assets.T("No member is on the roll.")}
	for i, r := range rs {
		t.Rows = append(t.Rows, []string{seq(i), r.Name, strconv.Itoa(r.Points), starsText(r)})
		b.doc.Subjects = append(b.doc.Subjects, r.Name)
	}
	b.data.Count = len(rs)
	b.doc.Tables = []Table{t}
	return nil
}

// starsText shows a member's stars as ★ marks with the number beside them.
func starsText(r store.PointsResult) string {
	if r.Stars == 0 {
		return "0"
	}
	s := strings.Repeat("★", min(r.Stars, 10)) + " " + strconv.Itoa(r.Stars)
	if r.Layout == "532" && len(r.Groups) > 0 {
		s += assets.T(" (common %d, duty %d, own %d)", r.Groups["common"], r.Groups["duty"], r.Groups["self"])
	}
	return s
}
