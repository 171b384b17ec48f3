package exchange_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

// TestVillageCannotAssessItself: the township refuses a bundle in which a village writes the
// township's side of the star rating or the 述职评议 (an assessment awarding itself stars, a
// rating of its own report, a scheme); the village's own declaration arrives.
func TestVillageCannotAssessItself(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	synctest.Sync(t, v, town)
	dev := v.Node.Self()
	next := func() replica.HLC { return v.DB.Replica().Clock() + 1 }
	row := func(table, id, field string, value any) replica.Change {
		return replica.Change{Table: table, RowID: id, OrgID: v.Org.ID, Field: field, Value: value, HLC: next(), Device: dev}
	}
	id := store.NewID()
	cases := map[string][]replica.Change{
		"an assessment of itself": {row("star_assessments", id, "org_id", v.Org.ID), row("star_assessments", id, "village_id", v.Org.ID),
			row("star_assessments", id, "year", int64(2026)), row("star_assessments", id, "awarded", "c5,d1,d2,d3")},
		"a rating of its report": {row("review_ratings", id, "org_id", v.Org.ID), row("review_ratings", id, "village_id", v.Org.ID),
			row("review_ratings", id, "rating", "好")},
		"a scheme": {row("star_schemes", id, "org_id", v.Org.ID), row("star_schemes", id, "year", int64(2026))},
	}
	seq := int64(100)
	for name, cs := range cases {
		t.Run(name, func(t *testing.T) {
			before := snapshot(t, town)
			seq++
			r := town.Node.Import(ctx, forge(t, v, town, seq, cs))
			if r.Status != exchange.Rejected || !errors.Is(r.Err, replica.ErrOutOfScope) || !strings.Contains(r.Message, "评星") {
				t.Fatalf("status %s, error %v, message %q", r.Status, r.Err, r.Message)
			}
			if after := snapshot(t, town); after != before {
				t.Errorf("database changed")
			}
		})
	}
	if err := v.DB.DeclareStars(v.Ctx, 2026, []string{"c1", "c2", "o1"}); err != nil {
		t.Fatal(err)
	}
	synctest.Sync(t, v, town)
	rs, err := town.DB.StarResults(town.Ctx, 2026, nil)
	if err != nil || len(rs) != 1 || rs[0].Declared == "" {
		t.Fatalf("the declaration did not arrive: %+v %v", rs, err)
	}
}
