package exchange_test

import (
	"context"
	"errors"
	"testing"

	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

// TestCountyAcceptsOnlyTheTownshipsSubtree (issue 20, failure 2): one township's bundle,
// signed with its own key, renames and deletes another township's village member, renames
// the other township and the county, moves the other township's village under itself and
// creates a member there. The county refuses each and keeps its data; the township's own
// village data is still accepted.
func TestCountyAcceptsOnlyTheTownshipsSubtree(t *testing.T) {
	ctx := context.Background()
	c := county(t)
	t1, t2 := township(t, "410928", "城关镇党委"), township(t, "410929", "王庄镇党委")
	v1 := synctest.Village(t, "410928001", "张庄村党支部")
	v2 := synctest.Village(t, "410929001", "李寨村党支部")
	synctest.Pair(t, t1, v1)
	synctest.Pair(t, t2, v2)
	synctest.Pair(t, c, t1)
	synctest.Pair(t, c, t2)
	v1.AddMember(t, "张建国", "1960-03-01", "1990-07-01", 1)
	v2.AddMember(t, "李秀英", "1962-05-01", "1991-07-01", 2)
	for range 2 {
		apply(t, v1, t1)
		apply(t, v2, t2)
		apply(t, t1, c)
		apply(t, t2, c)
		apply(t, c, t1)
	}
	victim := memberIDs(t, c, v2.Org.ID)[0]
	at := func() replica.HLC { return c.DB.Replica().Clock() + 1_000_000 }
	ch := func(tbl, row, owner, field string, v any) []replica.Change {
		return []replica.Change{{Table: tbl, RowID: row, OrgID: owner, Field: field, Value: v, HLC: at(), Device: t1.Node.Self()}}
	}
	newMember := store.NewID()
	cases := []struct {
		name string
		cs   []replica.Change
	}{
		{"rename another township's village member", ch("members", victim, v2.Org.ID, "name", "冒名")},
		{"the same, claiming the member as its own", ch("members", victim, t1.Org.ID, "name", "冒名")},
		{"delete another township's village member", ch("members", victim, v2.Org.ID, "deleted", int64(1))},
		{"rename the other township", ch("orgs", t2.Org.ID, t2.Org.ID, "name", "被改名镇")},
		{"rename the county", ch("orgs", c.Org.ID, c.Org.ID, "name", "被改名县")},
		{"move the other township's village under itself", ch("orgs", v2.Org.ID, v2.Org.ID, "parent_id", t1.Org.ID)},
		{"take over the other township's village", ch("orgs", v2.Org.ID, v2.Org.ID, "org_id", t1.Org.ID)},
		{"give its own village a code of the other township", ch("orgs", v1.Org.ID, v1.Org.ID, "code", "410929009")},
		{"create a member in the other township's village", append(ch("members", newMember, v2.Org.ID, "name", "插入者"),
			ch("members", newMember, v2.Org.ID, "id_number", "410928196001010011")...)},
	}
	seq := int64(1000)
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			seq++
			before := snapshot(t, c)
			r := c.Node.Import(ctx, forge(t, t1, c, seq, k.cs))
			if r.Status != exchange.Rejected || !errors.Is(r.Err, replica.ErrOutOfScope) {
				t.Fatalf("status %s (%v): the county accepted it", r.Status, r.Err)
			}
			if after := snapshot(t, c); after != before {
				t.Errorf("database changed: %s → %s", before, after)
			}
			t.Log(r.Message)
		})
	}
	// The township's own villages still come through.
	v1.AddMember(t, "王德福", "1972-08-09", "2001-07-01", 3)
	apply(t, v1, t1)
	apply(t, t1, c)
	if n := len(memberIDs(t, c, v1.Org.ID)); n != 2 {
		t.Errorf("the county holds %d of the township's village members, want 2", n)
	}
}
