package exchange_test

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/store/storetest"
	"zhibu/sync/bundle"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

// newer is the schema of a simulated newer version of Zhibu: a column added to members and
// a new table. The names are test-only, so that no real migration ever makes them known.
var newer = &store.Future{
	Migrations: []string{`
ALTER TABLE members ADD COLUMN future_note TEXT NOT NULL DEFAULT '';
CREATE TABLE future_visits (
    id        TEXT PRIMARY KEY,
    org_id    TEXT NOT NULL,
    deleted   INTEGER NOT NULL DEFAULT 0,
    member_id TEXT NOT NULL DEFAULT '',
    day       TEXT NOT NULL DEFAULT '',
    note      TEXT NOT NULL DEFAULT ''
) STRICT;`},
	Tables: []replica.Table{
		{Name: "members", Fields: []string{"future_note"}},
		{Name: "future_visits", Fields: []string{"member_id", "day", "note"}},
	},
}

// put writes fields of a row straight through the engine, as the newer version's domain
// code would on its PC (this build's domain does not know those fields).
func put(t *testing.T, d *synctest.Device, tbl, id string, vals map[string]any) {
	t.Helper()
	err := d.DB.Replica().Write(d.Ctx, func(tx *replica.Tx) error {
		_, err := tx.Put(d.Ctx, tbl, id, vals)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func held(t *testing.T, d *synctest.Device) int {
	t.Helper()
	n, err := d.DB.Replica().FutureCount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func digest(t *testing.T, d *synctest.Device, code string) string {
	t.Helper()
	s, err := d.DB.Digest(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// stampOf is the (HLC, device) stamp of a field as this device holds it: its clock once the
// field is known, else the held change's.
func stampOf(t *testing.T, d *synctest.Device, tbl, id, field string) (int64, string) {
	t.Helper()
	var h int64
	var dev string
	err := d.DB.SQL().QueryRow(`SELECT c.hlc, d.name FROM crr_clock c JOIN crr_rows r ON r.id=c.row JOIN crr_names t ON t.id=r.tbl
		JOIN crr_names f ON f.id=c.field JOIN crr_names d ON d.id=c.dev WHERE t.name=? AND r.row_id=? AND f.name=?
		UNION ALL SELECT hlc, device FROM future_changes WHERE tbl=? AND row_id=? AND field=?`, tbl, id, field, tbl, id, field).Scan(&h, &dev)
	if err != nil {
		t.Fatalf("%s: version of %s.%s: %v", d.Org.Name, tbl, field, err)
	}
	return h, dev
}

// noPending checks that each device has nothing waiting for any of its peers: neither the
// bundle it would make (Pending) nor its own unconfirmed changes (Unsent).
func noPending(t *testing.T, devs ...*synctest.Device) {
	t.Helper()
	for _, d := range devs {
		st, err := exchange.Status(context.Background(), d.Node.DB)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range st {
			if s.PendingOut != 0 {
				t.Errorf("%s has %d changes pending for %s", d.Org.Name, s.PendingOut, s.Name)
			}
		}
		peers, err := d.DB.Replica().Peers(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		unsent, err := d.DB.Replica().Unsent(context.Background(), peers)
		if err != nil {
			t.Fatal(err)
		}
		for id, n := range unsent {
			if n != 0 {
				t.Errorf("%s counts %d own changes unsent to %s", d.Org.Name, n, id)
			}
		}
	}
}

// A village that has upgraded syncs through a township and a county that have not: the
// older PCs accept its bundles, apply what they know, hold the rest as received and relay
// it; everyone agrees on the digest and that nothing is pending; once the township and then
// the county upgrade, the held values appear, with the versions the village made, identical
// everywhere.
func TestNewerVillageThroughOlderTownshipAndCounty(t *testing.T) {
	ctx := context.Background()
	v := synctest.New(t, storetest.Params{Role: store.RoleVillage, OrgCode: "410928001", OrgName: "张庄村党支部", Future: newer})
	w := synctest.Village(t, "410928002", "李寨村党支部")
	tw := township(t, "410928", "城关镇党委")
	c := county(t)
	c2 := synctest.New(t, storetest.Params{Role: store.RoleCounty, OrgCode: "4109", OrgName: "范县县委（新版）", Admin: "县管理员", Future: newer})
	synctest.Pair(t, tw, v)
	synctest.Pair(t, tw, w)
	synctest.Pair(t, c, tw)
	synctest.Pair(t, c2, tw)

	m := v.AddMember(t, "张建国", "1960-03-01", "1990-07-01", 11)
	put(t, v, "members", m, map[string]any{"future_note": "退役军人"})
	const visit = "01937a00-0000-7000-8000-000000000001"
	put(t, v, "future_visits", visit, map[string]any{"org_id": v.Org.ID, "member_id": m, "day": "2026-11-30", "note": "走访慰问"})
	w.AddMember(t, "李秀英", "1962-05-01", "1991-07-01", 12)

	r := apply(t, v, tw)
	if r.Held != 5 || r.Message == "" {
		t.Errorf("township: held %d changes (want 5: the member's note, the visit's four fields), message %q", r.Held, r.Message)
	}
	if got, err := tw.DB.Member(ctx, m); err != nil || got.Name != "张建国" {
		t.Fatalf("township: the member's known fields were not applied: %+v %v", got, err)
	}
	for range 2 { // the second round carries what the first one taught
		apply(t, v, tw)
		apply(t, tw, v)
		apply(t, w, tw)
		apply(t, tw, w)
		apply(t, tw, c)
		apply(t, c, tw)
		apply(t, tw, c2)
		apply(t, c2, tw)
	}
	// The newer county got the held changes through the older township as ordinary ones.
	var note2 string
	c2.DB.SQL().QueryRow("SELECT future_note FROM members WHERE id=?", m).Scan(&note2)
	if note2 != "退役军人" || held(t, c2) != 0 {
		t.Errorf("the newer county, through the older township: note %q, %d held", note2, held(t, c2))
	}
	if held(t, tw) != 5 || held(t, c) != 5 {
		t.Errorf("held: township %d, county %d; want 5 each (relayed as received)", held(t, tw), held(t, c))
	}
	if held(t, w) != 0 {
		t.Errorf("another village received %d of the village's held changes: unknown tables must route by owner", held(t, w))
	}
	want := digest(t, v, v.Org.Code)
	for _, d := range []*synctest.Device{tw, c, c2} {
		if got := digest(t, d, v.Org.Code); got != want {
			t.Errorf("%s and the newer village disagree on the village's digest", d.Org.Name)
		}
	}
	if digest(t, tw, w.Org.Code) != digest(t, w, w.Org.Code) {
		t.Error("township and the older village disagree on its digest")
	}
	noPending(t, v, tw, c, w, c2)
	own, _ := v.DB.Replica().KnownVV(ctx)
	for _, d := range []*synctest.Device{tw, c, c2} {
		if vv, _ := d.DB.Replica().KnownVV(ctx); vv[v.Node.Self()] != own[v.Node.Self()] {
			t.Errorf("%s's version vector holds the village up to %d, the village is at %d", d.Org.Name, vv[v.Node.Self()], own[v.Node.Self()])
		}
	}
	noteVer, noteDev := stampOf(t, v, "members", m, "future_note")
	for _, d := range []*synctest.Device{tw, c, c2} {
		if h, dev := stampOf(t, d, "members", m, "future_note"); h != noteVer || dev != noteDev {
			t.Errorf("%s holds the note as (%d, %s), the village made it (%d, %s)", d.Org.Name, h, dev, noteVer, noteDev)
		}
	}

	// The township upgrades: the held changes are merged, and nothing new needs sending.
	tw.Reopen(t, newer)
	if held(t, tw) != 0 {
		t.Errorf("township still holds %d changes after the upgrade", held(t, tw))
	}
	noPending(t, tw)
	var note, day string
	tw.DB.SQL().QueryRow("SELECT future_note FROM members WHERE id=?", m).Scan(&note)
	tw.DB.SQL().QueryRow("SELECT day FROM future_visits WHERE id=?", visit).Scan(&day)
	if note != "退役军人" || day != "2026-11-30" {
		t.Errorf("after the upgrade the township has note %q, visit day %q", note, day)
	}
	if h, dev := stampOf(t, tw, "members", m, "future_note"); h != noteVer || dev != noteDev {
		t.Errorf("the upgrade minted a new version (%d, %s) of the village's (%d, %s)", h, dev, noteVer, noteDev)
	}
	var stillHeld int
	tw.DB.SQL().QueryRow("SELECT count(*) FROM future_changes WHERE tbl='members' AND row_id=? AND field='future_note'", m).Scan(&stillHeld)
	if stillHeld != 0 {
		t.Errorf("the note is still held %d times after the upgrade applied it", stillHeld)
	}
	if digest(t, tw, v.Org.Code) != want || digest(t, c, v.Org.Code) != want {
		t.Error("after the township's upgrade the digests of the village's data differ")
	}

	// The village edits the note again: the upgraded township passes it to the older county.
	put(t, v, "members", m, map[string]any{"future_note": "退役军人，党龄 36 年"})
	apply(t, v, tw)
	apply(t, tw, c)
	c.Reopen(t, newer)
	c.DB.SQL().QueryRow("SELECT future_note FROM members WHERE id=?", m).Scan(&note)
	if note != "退役军人，党龄 36 年" || held(t, c) != 0 {
		t.Errorf("after its upgrade the county has note %q and holds %d changes", note, held(t, c))
	}
	want = digest(t, v, v.Org.Code)
	for _, d := range []*synctest.Device{tw, c} {
		if digest(t, d, v.Org.Code) != want {
			t.Errorf("%s disagrees with the village after the upgrades", d.Org.Name)
		}
	}
	apply(t, tw, v)
	apply(t, c, tw)
	apply(t, tw, c2)
	apply(t, c2, tw)
	noPending(t, v, tw, c, c2)
	if digest(t, c2, v.Org.Code) != want {
		t.Error("the newer county disagrees with the village at the end")
	}
}

// An older village's bundles merge into a township that has upgraded: the new fields keep
// their defaults, and both agree on the village's digest.
func TestOlderVillageIntoNewerTownship(t *testing.T) {
	ctx := context.Background()
	w := synctest.Village(t, "410928002", "李寨村党支部")
	tw := synctest.New(t, storetest.Params{Role: store.RoleTownship, OrgCode: "410928", OrgName: "城关镇党委", Admin: "李委员", Future: newer})
	synctest.Pair(t, tw, w)
	m := w.AddMember(t, "李秀英", "1962-05-01", "1991-07-01", 12)
	for range 2 {
		apply(t, w, tw)
		apply(t, tw, w)
	}
	got, err := tw.DB.Member(ctx, m)
	if err != nil || got.Name != "李秀英" {
		t.Fatalf("the newer township lacks the older village's member: %+v %v", got, err)
	}
	note := "unset"
	tw.DB.SQL().QueryRow("SELECT future_note FROM members WHERE id=?", m).Scan(&note)
	if note != "" {
		t.Errorf("the new field is %q, want its default ''", note)
	}
	if digest(t, tw, w.Org.Code) != digest(t, w, w.Org.Code) {
		t.Error("the newer township and the older village disagree on the village's digest")
	}
	noPending(t, w, tw)
}

// newerFormat rewrites a bundle as a later format would start: the magic, a format byte
// this build does not read, and the envelope naming the version that wrote it.
func newerFormat(t *testing.T, data []byte, app string) []byte {
	t.Helper()
	env, _, err := bundle.Peek(data)
	if err != nil {
		t.Fatal(err)
	}
	env.App = app
	eb, _ := json.Marshal(env)
	out := append([]byte("ZHIBUBDL"), bundle.Format+1)
	out = binary.BigEndian.AppendUint32(out, uint32(len(eb)))
	out = append(out, eb...)
	return append(out, "a body this build cannot parse"...)
}

// A bundle in a format this build cannot read is refused whole, saying which version to
// upgrade to, and nothing changes; one whose envelope does not even read says to upgrade.
func TestNewerBundleFormatRefused(t *testing.T) {
	ctx := context.Background()
	tw := township(t, "410928", "城关镇党委")
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, tw, v)
	v.AddMember(t, "张建国", "1960-03-01", "1990-07-01", 11)
	data := newerFormat(t, synctest.Send(t, v, tw), "0.9.0")
	before := snapshot(t, tw)
	r := tw.Node.Import(ctx, data)
	if r.Status != exchange.Rejected || !errors.Is(r.Err, bundle.ErrNewerFormat) {
		t.Fatalf("newer format: %s %v", r.Status, r.Err)
	}
	if !strings.Contains(r.Message, "请升级到 0.9.0 或更新版本") || !strings.Contains(r.Message, "数据没有改动") {
		t.Errorf("message: %q", r.Message)
	}
	if snapshot(t, tw) != before {
		t.Error("the refused bundle changed the database")
	}
	if !tw.Node.ForMe(data) || v.Node.ForMe(data) {
		t.Error("a newer format's envelope no longer says whom the bundle is for")
	}
	garbled := append([]byte("ZHIBUBDL"), bundle.Format+1, 0xff, 0xff)
	if r := tw.Node.Import(ctx, garbled); !errors.Is(r.Err, bundle.ErrNewerFormat) || !strings.Contains(r.Message, "升级") {
		t.Errorf("newer format without a readable envelope: %v %q", r.Err, r.Message)
	}
	if snapshot(t, tw) != before {
		t.Error("the refused bundle changed the database")
	}
}

// A held change is scope-checked like any: a village's change of an unknown table for a row
// of another organisation rejects the whole bundle, its known changes included; in scope,
// the newest version of a held field wins whatever order the bundles arrive in.
func TestHeldChangesScopeAndOrder(t *testing.T) {
	ctx := context.Background()
	tw := township(t, "410928", "城关镇党委")
	v1 := synctest.Village(t, "410928001", "张庄村党支部")
	v2 := synctest.Village(t, "410928002", "李寨村党支部")
	synctest.Pair(t, tw, v1)
	synctest.Pair(t, tw, v2)
	apply(t, v2, tw)
	apply(t, tw, v1)
	h := v1.DB.Replica().Clock()
	row := store.NewID()
	change := func(org, field string, v any, n int) replica.Change {
		return replica.Change{Table: "future_visits", RowID: row, OrgID: org, Field: field, Value: v, HLC: h + replica.HLC(n), Device: v1.Node.Self()}
	}
	before := snapshot(t, tw)
	bad := forge(t, v1, tw, 1, []replica.Change{
		{Table: "orgs", RowID: v1.Org.ID, OrgID: v1.Org.ID, Field: "name", Value: "张庄村党支部（新）", HLC: h + 1, Device: v1.Node.Self()},
		change(v2.Org.ID, "note", "冒名", 2),
	})
	if r := tw.Node.Import(ctx, bad); r.Status != exchange.Rejected || !errors.Is(r.Err, replica.ErrOutOfScope) {
		t.Fatalf("unknown table, another village's row: %s %v", r.Status, r.Err)
	}
	if snapshot(t, tw) != before || held(t, tw) != 0 {
		t.Fatal("the refused bundle left something behind")
	}
	newest := forge(t, v1, tw, 3, []replica.Change{change(v1.Org.ID, "org_id", v1.Org.ID, 3), change(v1.Org.ID, "note", "新", 5)})
	older := forge(t, v1, tw, 4, []replica.Change{change(v1.Org.ID, "note", "旧", 4)})
	for _, b := range [][]byte{newest, older} {
		if r := tw.Node.Import(ctx, b); r.Status != exchange.Applied {
			t.Fatalf("%s %s", r.Status, r.English)
		}
	}
	var note string
	tw.DB.SQL().QueryRow("SELECT value FROM future_changes WHERE row_id=? AND field='note'", row).Scan(&note)
	if note != "新" || held(t, tw) != 2 {
		t.Errorf("held note %q (%d held), want the newest 新", note, held(t, tw))
	}
	// Another township PC's concurrent edit of the held field wins (a later stamp) and the
	// replaced value is kept as a conflict, as for a known field.
	tw2 := township(t, "410928", "城关镇党委")
	synctest.PairOverride(t, tw, tw2)
	edit := change(v1.Org.ID, "note", "别的", 7)
	edit.Device = tw2.Node.Self()
	if r := tw.Node.Import(ctx, forge(t, tw2, tw, 1, []replica.Change{edit})); r.Status != exchange.Applied || r.Held != 1 || r.Conflicts != 1 {
		t.Fatalf("concurrent held edit: %s, %d held, %d conflicts, %s", r.Status, r.Held, r.Conflicts, r.English)
	}
	tw.DB.SQL().QueryRow("SELECT value FROM future_changes WHERE row_id=? AND field='note'", row).Scan(&note)
	cs, err := tw.DB.Replica().Conflicts(ctx, "", false)
	if err != nil || len(cs) != 1 || cs[0].Table != "future_visits" || cs[0].LoserValue != "新" || cs[0].WinnerValue != "别的" || note != "别的" {
		t.Fatalf("held %q; conflicts %+v %v; want 别的 held and 新 kept as the loser", note, cs, err)
	}
	// Its loser cannot be written back before this PC knows the field; the winner can stay.
	if err := tw.DB.ResolveConflict(tw.Ctx, cs[0].ID, true); !errors.Is(err, replica.ErrInvalid) || !strings.Contains(assets.Chinese(err), "升级") {
		t.Errorf("restore a held field's loser: %v", err)
	}
	if err := tw.DB.ResolveConflict(tw.Ctx, cs[0].ID, false); err != nil {
		t.Errorf("keep a held field's winner: %v", err)
	}
	// A later change of another village to the held row is left out by the row's owner; the
	// rest of its bundle is imported (one village claiming a row first must not block its
	// neighbour's bundles: issue 20 item 5).
	intruder := forge(t, v2, tw, 10, []replica.Change{{Table: "future_visits", RowID: row, OrgID: v2.Org.ID, Field: "note", Value: "冒名", HLC: h + 9, Device: v2.Node.Self()}})
	r := tw.Node.Import(ctx, intruder)
	tw.DB.SQL().QueryRow("SELECT value FROM future_changes WHERE row_id=? AND field='note'", row).Scan(&note)
	if r.Status != exchange.Applied || note != "别的" || !strings.Contains(r.Message, "没有导入") {
		t.Errorf("another village changing a held row: %s %v %q; held note %q, want 别的", r.Status, r.Err, r.Message, note)
	}
}
