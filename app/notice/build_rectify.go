package notice

import (
	"context"
	"strconv"
	"strings"

	"zhibu/assets"
	"zhibu/store"
)

// The township's 整顿工作方案 of a weak branch (source 003: 「软弱涣散党组织整顿」, 「开展后进党
// 支部整改工作…约谈提醒、列席组织生活会」), printed for the office wall and the village's board:
// the branch, the year, the reasons, the 包联 leader, the plan's items with their deadlines and
// state, and the talks and visits so far.

func buildRectifyPlan(ctx context.Context, b *build) error {
	id := strings.TrimSpace(b.req.Subject)
	if id == "" {
		return assets.Errorf("Say which rectification to print: its ID (--subject), as `weak list` shows it.")
	}
	rs, err := b.db.Rectifications(ctx, "", 0)
	if err != nil {
		return err
	}
	var r *store.Rectification
	for i := range rs {
		if rs[i].ID == id {
			r = &rs[i]
		}
	}
	if r == nil {
		return assets.Errorf("There is no rectification with ID %s.", id)
	}
	v, err := b.db.Org(ctx, r.VillageID)
	if err != nil {
		return err
	}
	var reasons []string
	for _, s := range r.Reasons {
		reasons = append(reasons, store.RectifyReasonLabel(s))
	}
	if r.ReasonText != "" {
		reasons = append(reasons, r.ReasonText)
	}
	b.data.Org, b.data.Period = v.Name, strconv.Itoa(r.Year)+"年"
	b.data.Subject, b.data.Leader, b.data.Content = strings.Join(reasons, "；"), r.Leader, r.Plan
	b.data.Count = len(r.Items)
	if !r.Open() {
		b.data.Result = assets.T("Closed (销号) on %s. Review: %s", dayText(r.ClosedOn), r.Review)
	}
	items := Table{Caption: assets.T("Items of the plan (%d of %d accepted)", r.Done(), len(r.Items)),
		Columns: []Column{{Header: assets.T("No."), Weight: 0.6}, {Header: assets.T("Item"), Weight: 3.6, Align: "L"},
			{Header: assets.T("Deadline (完成时限)"), Weight: 1.3}, {Header: assets.T("Evidence required"), Weight: 1.8, Align: "L"}, {Header: assets.T("State"), Weight: 1.3}},
		Empty: assets.T("The plan has no items.")}
	for i, t := range r.Items {
		state := store.TaskStateLabel(t)
		if t.State == store.TaskAccepted && len(t.Reviewed) >= 10 {
			state += "\n" + dayText(t.Reviewed[:10])
		}
		items.Rows = append(items.Rows, []string{seq(i), t.Title, dayText(t.Due), t.Evidence, state})
	}
	visits := Table{Caption: assets.T("Talks, attendance and progress so far"),
		Columns: []Column{{Header: assets.T("Date"), Weight: 1.3}, {Header: assets.T("Kind of visit"), Weight: 1.8},
			{Header: assets.T("Who went"), Weight: 1.3, Names: true}, {Header: assets.T("What was said or done"), Weight: 4.2, Align: "L"}},
		Empty: assets.T("No talk, attendance or progress note is recorded yet.")}
	for _, e := range r.Events {
		visits.Rows = append(visits.Rows, []string{dayText(e.Day), store.RectifyEventLabel(e.Kind), e.By, e.Note})
	}
	b.doc.Tables = []Table{items, visits}
	b.doc.Subjects = append([]string{r.Leader}, eventPeople(r.Events)...)
	return nil
}

// eventPeople lists the people named as having gone on the visits.
func eventPeople(es []store.RectifyEvent) []string {
	var out []string
	for _, e := range es {
		for _, p := range strings.FieldsFunc(e.By, func(r rune) bool { return r == '、' || r == ',' || r == '，' || r == ' ' }) {
			out = append(out, p)
		}
	}
	return out
}
