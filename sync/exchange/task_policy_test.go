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

// TestVillageWritesOnlyItsOwnTasks: the township refuses a bundle in which a village records
// progress on another village's item or raises an item for another village; the village's
// note on its own item arrives.
func TestVillageWritesOnlyItsOwnTasks(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	synctest.Sync(t, v, town)
	home, _ := town.DB.Home(town.Ctx)
	other, err := town.DB.AddOrg(town.Ctx, store.Org{Code: "410928002", Name: "李寨村党支部", Kind: store.KindVillage, ParentID: home.ID})
	if err != nil {
		t.Fatal(err)
	}
	ids, err := town.DB.AddTask(town.Ctx, []string{"410928001", "410928002"}, store.NewTask{Title: "制度上墙", Due: "2026-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	dev := v.Node.Self()
	next := func() replica.HLC { return v.DB.Replica().Clock() + 1 }
	row := func(table, id, field string, value any) replica.Change {
		return replica.Change{Table: table, RowID: id, OrgID: v.Org.ID, Field: field, Value: value, HLC: next(), Device: dev}
	}
	ev, task := store.NewID(), store.NewID()
	cases := map[string][]replica.Change{
		"progress on the other village's item": {row("task_events", ev, "org_id", v.Org.ID), row("task_events", ev, "task_id", ids[1]),
			row("task_events", ev, "kind", "done"), row("task_events", ev, "note", "已完成")},
		"an item for the other village": {row("tasks", task, "org_id", v.Org.ID), row("tasks", task, "village_id", other),
			row("tasks", task, "title", "x")},
	}
	seq := int64(100)
	for name, cs := range cases {
		t.Run(name, func(t *testing.T) {
			before := snapshot(t, town)
			seq++
			r := town.Node.Import(ctx, forge(t, v, town, seq, cs))
			if r.Status != exchange.Rejected || !errors.Is(r.Err, replica.ErrOutOfScope) || !strings.Contains(r.Message, "清单事项") {
				t.Fatalf("status %s, error %v, message %q", r.Status, r.Err, r.Message)
			}
			if after := snapshot(t, town); after != before {
				t.Errorf("database changed")
			}
		})
	}
	seq++
	r := town.Node.Import(ctx, forge(t, v, town, seq, []replica.Change{row("task_events", ev, "org_id", v.Org.ID),
		row("task_events", ev, "task_id", ids[0]), row("task_events", ev, "kind", "progress"), row("task_events", ev, "note", "正在制作")}))
	if r.Status != exchange.Applied {
		t.Fatalf("own progress: %s %s", r.Status, r.English)
	}
	if got, _ := town.DB.Task(town.Ctx, ids[0]); len(got.Events) != 1 || got.Events[0].Note != "正在制作" {
		t.Errorf("own progress arrived as %+v", got.Events)
	}
}
