package replica_test

// The engine's own conformance test, on a toy table: whatever the order, duplication or
// grouping of the bundles, PCs with the same changes hold the same data (digests agree);
// concurrent edits keep the losing value and its author; changes to tables this version does
// not know are held, forwarded by a relay and applied after the upgrade; a relay in the middle
// carries one end's edits to the other. It was written against the first engine, so that any
// rewrite of the storage under it is held to the same behaviour.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"zhibu/store/replica"
)

// engineSchema is the engine's part of the schema as release 0.2.0 made it (the store's
// migrations hold the same); engineV2 (the store's migration to compact clocks) follows it.
const engineSchema = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE field_versions (
    tbl TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL, hlc INTEGER NOT NULL, device TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id, field)) STRICT, WITHOUT ROWID;
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, row_id TEXT NOT NULL, org_id TEXT NOT NULL,
    field TEXT NOT NULL, old_value ANY, new_value ANY, hlc INTEGER NOT NULL, device TEXT NOT NULL,
    user_name TEXT NOT NULL, applied_at INTEGER NOT NULL, origin TEXT NOT NULL) STRICT;
CREATE INDEX changes_row ON changes(tbl, row_id);
CREATE INDEX changes_device ON changes(device, hlc);
CREATE TABLE peers (
    device_id TEXT PRIMARY KEY, role TEXT NOT NULL, org_id TEXT NOT NULL, org_code TEXT NOT NULL DEFAULT '',
    org_name TEXT NOT NULL DEFAULT '', cert BLOB NOT NULL, age_recipient TEXT NOT NULL, addr TEXT NOT NULL DEFAULT '',
    paired_at INTEGER NOT NULL, in_seq INTEGER NOT NULL DEFAULT 0, out_seq INTEGER NOT NULL DEFAULT 0,
    acked TEXT NOT NULL DEFAULT '{}', last_sync INTEGER NOT NULL DEFAULT 0, last_sent INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '', clock_skew_ms INTEGER NOT NULL DEFAULT 0) STRICT;
CREATE TABLE sync_vv (device TEXT PRIMARY KEY, hlc INTEGER NOT NULL) STRICT, WITHOUT ROWID;
CREATE TABLE conflicts (
    id TEXT PRIMARY KEY, org_id TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, tbl TEXT NOT NULL DEFAULT '',
    row_id TEXT NOT NULL DEFAULT '', field TEXT NOT NULL DEFAULT '', loser_value ANY, loser_hlc INTEGER NOT NULL DEFAULT 0,
    loser_device TEXT NOT NULL DEFAULT '', loser_user TEXT NOT NULL DEFAULT '', winner_value ANY,
    winner_hlc INTEGER NOT NULL DEFAULT 0, winner_device TEXT NOT NULL DEFAULT '', winner_user TEXT NOT NULL DEFAULT '',
    resolved INTEGER NOT NULL DEFAULT 0, resolved_by TEXT NOT NULL DEFAULT '', resolution TEXT NOT NULL DEFAULT '') STRICT;
`

// toySchema is the toy application: one table of notes.
const toySchema = `CREATE TABLE notes (
    id TEXT PRIMARY KEY, org_id TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '', n INTEGER NOT NULL DEFAULT 0) STRICT;`

// gadgetSchema is what a newer version of the toy adds: a table the older one does not know.
const gadgetSchema = `CREATE TABLE gadgets (
    id TEXT PRIMARY KEY, org_id TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
    label TEXT NOT NULL DEFAULT '') STRICT;
ALTER TABLE notes ADD COLUMN extra TEXT NOT NULL DEFAULT '';`

var (
	notes   = replica.Table{Name: "notes", Fields: []string{"title", "body", "n"}}
	gadgets = replica.Table{Name: "gadgets", Fields: []string{"label"}}
)

// openPolicy lets every row travel; a peer with role "hub" relays what it holds of others.
type openPolicy struct{}

func (openPolicy) Outbound(ctx context.Context, tx *replica.Tx, p replica.Peer) (map[string]bool, bool, error) {
	role, err := replica.GetMeta(ctx, tx, "role")
	return nil, role == "hub", err
}
func (openPolicy) Inbound(_ context.Context, _ *replica.Tx, p replica.Peer) (map[string]bool, error) {
	if p.Role == "scoped" {
		return map[string]bool{p.OrgID: true}, nil // it may write only its own organisation's rows
	}
	return nil, nil
}
func (openPolicy) Relays(p replica.Peer) bool { return p.Role == "hub" }
func (openPolicy) CheckInbound(context.Context, *replica.Tx, replica.Peer, []replica.Change) error {
	return nil
}
func (openPolicy) OrgLabel(context.Context, *replica.Tx, string) string { return "org" }
func (openPolicy) Guard(context.Context, *replica.Tx, replica.Peer) (replica.Guard, error) {
	return nil, nil
}

// node is one PC of the toy.
type node struct {
	t    *testing.T
	name string
	role string
	path string
	db   *replica.DB
	now  *time.Time
}

func schemaFS(newer bool) fstest.MapFS {
	// The store's migration to compact clocks, whatever number the store's schema gives it.
	files, err := filepath.Glob(filepath.Join("..", "sql", "*_engine.sql"))
	if err != nil || len(files) != 1 {
		panic(fmt.Sprintf("the engine's migration in store/sql: %v %v", files, err))
	}
	v2, err := os.ReadFile(files[0])
	if err != nil {
		panic(err)
	}
	fs := fstest.MapFS{
		"0001_engine.sql": {Data: []byte(engineSchema)},
		"0002_engine.sql": {Data: v2},
		"0003_notes.sql":  {Data: []byte(toySchema)},
	}
	if newer {
		fs["0004_gadgets.sql"] = &fstest.MapFile{Data: []byte(gadgetSchema)}
	}
	return fs
}

func openNode(t *testing.T, dir, name, role string, newer bool, now *time.Time) *node {
	t.Helper()
	n := &node{t: t, name: name, role: role, path: filepath.Join(dir, name+".db"), now: now}
	n.open(newer)
	if n.db.Device() == "" {
		n.write(func(ctx context.Context, tx *replica.Tx) error {
			if err := replica.SetMeta(ctx, tx, "role", role); err != nil {
				return err
			}
			return tx.SetDevice(ctx, "dev-"+name, "org")
		})
	}
	return n
}

func (n *node) open(newer bool) {
	n.t.Helper()
	tables := []replica.Table{notes}
	if newer {
		tables = []replica.Table{{Name: "notes", Fields: append(slices.Clone(notes.Fields), "extra")}, gadgets}
	}
	db, err := replica.Open(context.Background(), n.path, replica.Options{
		Now: func() time.Time { return *n.now }, Schema: schemaFS(newer), Tables: tables, Policy: openPolicy{}})
	if err != nil {
		n.t.Fatalf("%s: open: %v", n.name, err)
	}
	n.db = db
	n.t.Cleanup(func() { db.Close() })
}

func (n *node) write(fn func(ctx context.Context, tx *replica.Tx) error) {
	n.t.Helper()
	ctx := replica.WithUser(context.Background(), "user-of-"+n.name)
	if err := n.db.Write(ctx, func(tx *replica.Tx) error { return fn(ctx, tx) }); err != nil {
		n.t.Fatalf("%s: write: %v", n.name, err)
	}
}

func (n *node) put(id string, vals map[string]any) {
	n.t.Helper()
	n.write(func(ctx context.Context, tx *replica.Tx) error {
		if _, err := tx.Put(ctx, "notes", id, vals); err != nil {
			return err
		}
		return nil
	})
}

func pair(a, b *node) {
	a.t.Helper()
	ctx := context.Background()
	for _, x := range [][2]*node{{a, b}, {b, a}} {
		p := replica.Peer{DeviceID: x[1].db.Device(), Role: x[1].role, OrgID: "org", OrgName: x[1].name, Cert: []byte{1}, AgeRecipient: "age"}
		if err := x[0].db.AddPeer(ctx, p); err != nil {
			a.t.Fatal(err)
		}
	}
}

// bundle is what from would send to to now (numbered and counted as sent).
func bundle(from, to *node) replica.Incoming {
	from.t.Helper()
	out, err := from.db.PrepareExport(context.Background(), to.db.Device())
	if err != nil {
		from.t.Fatalf("%s→%s: export: %v", from.name, to.name, err)
	}
	return replica.Incoming{From: out.From, Seq: out.Seq, Created: *from.now, Base: out.Base, Known: out.Known, Changes: out.Changes}
}

func (n *node) apply(in replica.Incoming) replica.ImportResult {
	n.t.Helper()
	res, err := n.db.ImportChanges(context.Background(), in)
	if err != nil {
		n.t.Fatalf("%s: import from %s: %v", n.name, in.From, err)
	}
	return res
}

func sync2(a, b *node) {
	a.t.Helper()
	b.apply(bundle(a, b))
	a.apply(bundle(b, a))
}

func (n *node) digest() string {
	n.t.Helper()
	d, err := n.db.Digest(context.Background(), "")
	if err != nil {
		n.t.Fatal(err)
	}
	return d
}

func (n *node) title(id string) string {
	var s string
	if err := n.db.SQL().QueryRow("SELECT title FROM notes WHERE id=?", id).Scan(&s); err != nil {
		n.t.Fatalf("%s: note %s: %v", n.name, id, err)
	}
	return s
}

// randomEdits makes k edits on n: new notes, changed fields, deletions.
func randomEdits(r *rand.Rand, n *node, ids []string, k int) {
	for i := 0; i < k; i++ {
		*n.now = n.now.Add(time.Duration(r.Intn(3)) * time.Millisecond)
		id := ids[r.Intn(len(ids))]
		vals := map[string]any{"org_id": "org"}
		switch r.Intn(4) {
		case 0:
			vals["title"] = fmt.Sprintf("%s-t%d", n.name, r.Intn(1000))
		case 1:
			vals["body"] = fmt.Sprintf("%s-b%d", n.name, r.Intn(1000))
		case 2:
			vals["n"] = int64(r.Intn(100))
		case 3:
			vals["deleted"] = int64(r.Intn(2))
		}
		n.put(id, vals)
	}
}

func TestConvergeShuffledDuplicatedSplit(t *testing.T) {
	for seed := int64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			r := rand.New(rand.NewSource(seed))
			dir := t.TempDir()
			clock := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
			a := openNode(t, dir, "a", "peer", false, &clock)
			b := openNode(t, dir, "b", "peer", false, &clock)
			cs := []*node{openNode(t, dir, "c1", "peer", false, &clock), openNode(t, dir, "c2", "peer", false, &clock), openNode(t, dir, "c3", "peer", false, &clock)}
			pair(a, b)
			all := append([]*node{a, b}, cs...)
			for i := range all {
				for _, y := range all[i+1:] {
					if all[i] != a || y != b {
						pair(all[i], y)
					}
				}
			}
			ids := []string{"n1", "n2", "n3", "n4", "n5"}
			for round := 0; round < 3; round++ {
				// c3 gets the same edits in small bundles made along the way, interleaved.
				for k := 0; k < 3; k++ {
					randomEdits(r, a, ids, 5)
					cs[2].apply(bundle(a, cs[2]))
					randomEdits(r, b, ids, 5)
					cs[2].apply(bundle(b, cs[2]))
				}
				fromA, fromB := bundle(a, cs[0]), bundle(b, cs[0])
				// c1: A's bundle then B's, as made.
				cs[0].apply(fromA)
				cs[0].apply(fromB)
				// c2: B's then A's, each with its changes shuffled and some of them twice.
				for _, in := range []replica.Incoming{bundle(b, cs[1]), bundle(a, cs[1])} {
					dup := slices.Clone(in.Changes)
					for i := 0; i < len(in.Changes)/3; i++ {
						dup = append(dup, in.Changes[r.Intn(len(in.Changes))])
					}
					r.Shuffle(len(dup), func(i, j int) { dup[i], dup[j] = dup[j], dup[i] })
					in.Changes = dup
					cs[1].apply(in)
					// The same bundle again is refused whole and changes nothing.
					if _, err := cs[1].db.ImportChanges(context.Background(), in); !errors.Is(err, replica.ErrOldBundle) {
						t.Fatalf("re-import: %v", err)
					}
				}
				// The records agree at once, whatever each PC saw on the way.
				sync2(a, b)
				for _, c := range cs {
					if got, want := notesOf(c), notesOf(a); got != want {
						t.Fatalf("round %d: %s holds other notes than a:\n%s\n%s", round, c.name, got, want)
					}
				}
				// After everyone has synced with everyone, the whole content agrees (conflict
				// records are each PC's own and are not part of it).
				for k := 0; k < 2; k++ {
					for i := range all {
						for _, y := range all[i+1:] {
							sync2(all[i], y)
						}
					}
				}
				want := a.digest()
				for _, n := range append([]*node{b}, cs...) {
					if got := n.digest(); got != want {
						t.Fatalf("round %d: %s differs from a after a full sync:\n%s\n%s", round, n.name, dump(n), dump(a))
					}
				}
			}
		})
	}
}

func TestConflictKeepsLoserAndAuthor(t *testing.T) {
	dir := t.TempDir()
	clock := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	a := openNode(t, dir, "a", "peer", false, &clock)
	b := openNode(t, dir, "b", "peer", false, &clock)
	pair(a, b)
	a.put("n1", map[string]any{"org_id": "org", "title": "原标题"})
	sync2(a, b)
	clock = clock.Add(time.Second)
	a.put("n1", map[string]any{"title": "甲改"})
	clock = clock.Add(time.Second)
	b.put("n1", map[string]any{"title": "乙改"}) // later: wins everywhere
	sync2(a, b)
	sync2(a, b)
	for _, n := range []*node{a, b} {
		if got := n.title("n1"); got != "乙改" {
			t.Fatalf("%s: title %q, want the later edit 乙改", n.name, got)
		}
		cs, err := n.db.Conflicts(context.Background(), "", false)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) != 1 {
			t.Fatalf("%s: %d conflicts, want 1", n.name, len(cs))
		}
		c := cs[0]
		if c.Table != "notes" || c.RowID != "n1" || c.Field != "title" || c.LoserValue != "甲改" || c.LoserUser != "user-of-a" ||
			c.LoserDevice != "dev-a" || c.WinnerValue != "乙改" || c.WinnerUser != "user-of-b" {
			t.Fatalf("%s: conflict %+v", n.name, c)
		}
	}
	if a.digest() != b.digest() {
		t.Fatal("digests differ")
	}
	// Keeping the loser is a new edit that reaches the other side and closes the conflict there too.
	a.write(func(ctx context.Context, tx *replica.Tx) error {
		cs, err := a.db.Conflicts(ctx, "", false)
		if err != nil {
			return err
		}
		return tx.ResolveConflict(ctx, cs[0], true)
	})
	sync2(a, b)
	for _, n := range []*node{a, b} {
		if got := n.title("n1"); got != "甲改" {
			t.Fatalf("%s: title %q after keeping the loser", n.name, got)
		}
		if cs, _ := n.db.Conflicts(context.Background(), "", false); len(cs) != 0 {
			t.Fatalf("%s: %d open conflicts after resolving", n.name, len(cs))
		}
	}
	if a.digest() != b.digest() {
		t.Fatal("digests differ after resolving")
	}
	// A peer cannot write a conflict record (nor any of the engine's own tables): a forged
	// one is dropped, not applied nor held.
	clock = clock.Add(time.Second)
	in := bundle(b, a)
	in.Changes = append(in.Changes, replica.Change{Table: "conflicts", RowID: "forged", OrgID: "org", Field: "loser_value", Value: "伪造", HLC: replica.MakeHLC(clock, 0), Device: "dev-b"},
		replica.Change{Table: "sync_vv", RowID: "x", OrgID: "org", Field: "hlc", Value: int64(1), HLC: replica.MakeHLC(clock, 0), Device: "dev-b"})
	a.apply(in)
	var forged int
	a.db.SQL().QueryRow("SELECT count(*) FROM conflicts WHERE id='forged'").Scan(&forged)
	if held, _ := a.db.FutureCount(context.Background()); forged != 0 || held != 0 {
		t.Fatalf("a peer's write to the engine's tables: %d conflict rows, %d held", forged, held)
	}
	// The audit of this PC's own edits: who changed which field, when, from what.
	h, err := a.db.RowHistory(context.Background(), "notes", "n1")
	if err != nil {
		t.Fatal(err)
	}
	var own []string
	for _, c := range h {
		if c.Origin == "local" && c.Field == "title" {
			own = append(own, fmt.Sprintf("%s:%v→%v", c.User, c.Old, c.Value))
		}
	}
	want := []string{"user-of-a:→原标题", "user-of-a:原标题→甲改", "user-of-a:乙改→甲改"}
	if !slices.Equal(own, want) {
		t.Fatalf("own history %q, want %q", own, want)
	}
}

func TestRelayThroughHub(t *testing.T) {
	dir := t.TempDir()
	clock := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	a := openNode(t, dir, "a", "peer", false, &clock)
	h := openNode(t, dir, "h", "hub", false, &clock)
	b := openNode(t, dir, "b", "peer", false, &clock)
	pair(a, h)
	pair(b, h)
	a.put("n1", map[string]any{"org_id": "org", "title": "村甲"})
	b.put("n2", map[string]any{"org_id": "org", "title": "村乙"})
	h.apply(bundle(a, h))
	h.apply(bundle(b, h))
	b.apply(bundle(h, b))
	a.apply(bundle(h, a))
	if a.title("n2") != "村乙" || b.title("n1") != "村甲" {
		t.Fatal("edits did not cross the hub")
	}
	if a.digest() != h.digest() || b.digest() != h.digest() {
		t.Fatal("digests differ after relaying")
	}
	// Once each side's bundle says what it holds, nothing is pending any more.
	h.apply(bundle(a, h))
	h.apply(bundle(b, h))
	for _, x := range []*node{a, b} {
		p, err := h.db.Peer(context.Background(), x.db.Device())
		if err != nil {
			t.Fatal(err)
		}
		if n, err := h.db.Pending(context.Background(), p); err != nil || n != 0 {
			t.Fatalf("pending for %s: %d, %v", x.name, n, err)
		}
	}
}

func TestHeldChangesForwardedAndApplied(t *testing.T) {
	dir := t.TempDir()
	clock := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	a := openNode(t, dir, "a", "peer", true, &clock) // the newer version: knows gadgets
	h := openNode(t, dir, "h", "hub", false, &clock)
	b := openNode(t, dir, "b", "peer", false, &clock)
	pair(a, h)
	pair(b, h)
	a.write(func(ctx context.Context, tx *replica.Tx) error {
		_, err := tx.Put(ctx, "gadgets", "g1", map[string]any{"org_id": "org", "label": "新表的数据"})
		return err
	})
	a.put("n1", map[string]any{"org_id": "org", "title": "旧表"})
	res := h.apply(bundle(a, h))
	if res.Held == 0 {
		t.Fatalf("hub held nothing: %+v", res)
	}
	if n, _ := h.db.FutureCount(context.Background()); n == 0 {
		t.Fatal("hub keeps no held change")
	}
	if a.digest() != h.digest() {
		t.Fatal("an older and a newer PC with the same data disagree on the digest")
	}
	res = b.apply(bundle(h, b))
	if res.Held == 0 {
		t.Fatalf("the hub did not forward the held change: %+v", res)
	}
	// b upgrades: the held change is applied to the table it now knows.
	b.db.Close()
	b.open(true)
	var label string
	if err := b.db.SQL().QueryRow("SELECT label FROM gadgets WHERE id='g1'").Scan(&label); err != nil || label != "新表的数据" {
		t.Fatalf("after upgrade: %q, %v", label, err)
	}
	if n, _ := b.db.FutureCount(context.Background()); n != 0 {
		t.Fatalf("%d changes still held after upgrade", n)
	}
	if b.digest() != a.digest() {
		t.Fatal("digests differ after upgrade")
	}
}

func dump(n *node) string {
	rows, _ := n.db.SQL().Query("SELECT id, title, body, n, deleted FROM notes ORDER BY id")
	out := ""
	for rows.Next() {
		var id, t, b string
		var k, d int
		rows.Scan(&id, &t, &b, &k, &d)
		out += fmt.Sprintln(id, t, b, k, d)
	}
	rows.Close()
	cs, _ := n.db.Conflicts(context.Background(), "", true)
	for _, c := range cs {
		out += fmt.Sprintln(c.RowID, c.Field, c.LoserValue, c.LoserDevice, c.WinnerValue, c.WinnerDevice)
	}
	return out
}

func notesOf(n *node) string {
	rows, err := n.db.SQL().Query("SELECT id, org_id, title, body, n, deleted FROM notes ORDER BY id")
	if err != nil {
		n.t.Fatal(err)
	}
	defer rows.Close()
	out := ""
	for rows.Next() {
		var id, o, t, b string
		var k, d int
		if err := rows.Scan(&id, &o, &t, &b, &k, &d); err != nil {
			n.t.Fatal(err)
		}
		out += fmt.Sprintln(id, o, t, b, k, d)
	}
	return out
}

// TestHeldChangesCheckedBoundedDroppable: held changes meet the sender's owner check again
// when they are applied after the upgrade (a row created since by its real owner is not
// theirs to change); a bundle that would pass the bound on held changes is refused whole;
// an administrator can list and drop what is held.
func TestHeldChangesCheckedBoundedDroppable(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	clock := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	h := openNode(t, dir, "h", "hub", false, &clock)
	s := openNode(t, dir, "s", "peer", false, &clock)
	for _, x := range [][2]*node{{h, s}, {s, h}} {
		role, org := "peer", "org"
		if x[1] == s {
			role, org = "scoped", "org-s"
		}
		if err := x[0].db.AddPeer(ctx, replica.Peer{DeviceID: x[1].db.Device(), Role: role, OrgID: org, OrgName: x[1].name, Cert: []byte{1}, AgeRecipient: "age"}); err != nil {
			t.Fatal(err)
		}
	}
	stamp := func() replica.HLC { clock = clock.Add(time.Millisecond); return replica.MakeHLC(clock, 0) }
	// s claims a field of a note that does not exist yet (its ID is predictable), as its own.
	in := replica.Incoming{From: "dev-s", Seq: 1, Created: clock, Known: replica.VV{}, Changes: []replica.Change{
		{Table: "notes", RowID: "n-future", OrgID: "org-s", Field: "extra", Value: "抢先写入", HLC: stamp(), Device: "dev-s"},
		{Table: "gadgets", RowID: "g-s", OrgID: "org-s", Field: "label", Value: "自己的", HLC: stamp(), Device: "dev-s"},
	}}
	if res := h.apply(in); res.Held != 2 {
		t.Fatalf("held %d, want 2", res.Held)
	}
	// The note's real owner creates it; then h upgrades.
	h.put("n-future", map[string]any{"org_id": "org", "title": "真正的主人"})
	h.db.Close()
	h.open(true)
	var extra string
	h.db.SQL().QueryRow("SELECT extra FROM notes WHERE id='n-future'").Scan(&extra)
	if extra != "" {
		t.Fatalf("a held change to another owner's row was applied at upgrade: %q", extra)
	}
	var label string
	h.db.SQL().QueryRow("SELECT label FROM gadgets WHERE id='g-s'").Scan(&label)
	// The refused change stays held (nothing is lost), and the administrator sees and drops it.
	gs, err := h.db.HeldChanges(ctx)
	if err != nil || len(gs) != 1 || gs[0].Table != "notes" || gs[0].Field != "extra" || gs[0].Peer != "dev-s" {
		t.Fatalf("held after upgrade: %+v %v (gadget label %q)", gs, err, label)
	}
	if n, err := h.db.DropHeld(ctx, "dev-s", ""); err != nil || n != 1 {
		t.Fatalf("dropped %d, %v", n, err)
	}
	if n, _ := h.db.FutureCount(ctx); n != 0 {
		t.Fatalf("%d still held", n)
	}
	// A bundle with more held changes than a peer may leave here is refused whole.
	in = replica.Incoming{From: "dev-s", Seq: 2, Created: clock, Known: replica.VV{}}
	for i := 0; i <= replica.MaxHeldPerPeer; i++ {
		in.Changes = append(in.Changes, replica.Change{Table: "huge", RowID: fmt.Sprint("r", i), OrgID: "org-s", Field: "x", Value: int64(i), HLC: stamp(), Device: "dev-s"})
	}
	if _, err := h.db.ImportChanges(ctx, in); !errors.Is(err, replica.ErrInvalid) {
		t.Fatalf("an oversized bundle of held changes: %v", err)
	}
	if n, _ := h.db.FutureCount(ctx); n != 0 {
		t.Fatalf("%d held after the refusal", n)
	}
}

// TestHeldRowClaimedFirstDoesNotBlockNeighbour: a PC that claims a row of a table this
// version does not know, before its neighbour sends the same row, cannot make the
// neighbour's bundles be refused whole (issue 20 item 5): the neighbour's changes to that
// row are left out, the rest of its bundle is imported; after the upgrade the first claim
// is applied as its sender's, and the neighbour's own rows are its.
func TestHeldRowClaimedFirstDoesNotBlockNeighbour(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	clock := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	h := openNode(t, dir, "h", "hub", false, &clock)
	for _, p := range []struct{ dev, org string }{{"dev-a", "org-a"}, {"dev-b", "org-b"}} {
		if err := h.db.AddPeer(ctx, replica.Peer{DeviceID: p.dev, Role: "scoped", OrgID: p.org, OrgName: p.org, Cert: []byte{1}, AgeRecipient: "age"}); err != nil {
			t.Fatal(err)
		}
	}
	stamp := func() replica.HLC { clock = clock.Add(time.Millisecond); return replica.MakeHLC(clock, 0) }
	a := replica.Incoming{From: "dev-a", Seq: 1, Created: clock, Known: replica.VV{}, Changes: []replica.Change{
		{Table: "gadgets", RowID: "g-b", OrgID: "org-a", Field: "label", Value: "抢先", HLC: stamp(), Device: "dev-a"},
	}}
	if res := h.apply(a); res.Held != 1 {
		t.Fatalf("a: held %d, want 1", res.Held)
	}
	b := replica.Incoming{From: "dev-b", Seq: 1, Created: clock, Known: replica.VV{}, Changes: []replica.Change{
		{Table: "gadgets", RowID: "g-b", OrgID: "org-b", Field: "label", Value: "乙村的", HLC: stamp(), Device: "dev-b"},
		{Table: "gadgets", RowID: "g-b2", OrgID: "org-b", Field: "label", Value: "乙村另一件", HLC: stamp(), Device: "dev-b"},
		{Table: "notes", RowID: "n-b", OrgID: "org-b", Field: "title", Value: "乙村笔记", HLC: stamp(), Device: "dev-b"},
	}}
	res, err := h.db.ImportChanges(ctx, b)
	if err != nil {
		t.Fatalf("b's bundle refused because a claimed one row first: %v", err)
	}
	if res.Held != 1 || res.Claimed != 1 || res.Applied != 1 {
		t.Fatalf("b: applied %d, held %d, left out %d; want 1, 1, 1", res.Applied, res.Held, res.Claimed)
	}
	if got := h.title("n-b"); got != "乙村笔记" {
		t.Fatalf("b's note: %q", got)
	}
	h.db.Close()
	h.open(true)
	var owner, label string
	h.db.SQL().QueryRow("SELECT org_id, label FROM gadgets WHERE id='g-b'").Scan(&owner, &label)
	if owner != "org-a" || label != "抢先" {
		t.Fatalf("after the upgrade g-b is %q %q, want a's claim", owner, label)
	}
	h.db.SQL().QueryRow("SELECT org_id, label FROM gadgets WHERE id='g-b2'").Scan(&owner, &label)
	if owner != "org-b" || label != "乙村另一件" {
		t.Fatalf("after the upgrade g-b2 is %q %q, want b's", owner, label)
	}
	if n, _ := h.db.FutureCount(ctx); n != 0 {
		t.Fatalf("%d still held after the upgrade", n)
	}
}

// TestEngineUpgradeIsOneTransaction: a file of the first engine (change log and
// field_versions) whose upgrade fails part-way is left as it was, readable by the old
// version; the upgrade that succeeds turns its versions into clocks with their authors, and
// its audit trail keeps who changed what from what to what.
func TestEngineUpgradeIsOneTransaction(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	h1 := replica.MakeHLC(time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC), 0)
	h2 := h1 + 1<<16
	for _, q := range []string{engineSchema, toySchema,
		fmt.Sprintf("PRAGMA application_id=%d", replica.ApplicationID), "PRAGMA user_version=2",
		`INSERT INTO meta(key,value) VALUES('device_id','dev-a'),('org_id','org')`,
		`INSERT INTO notes(id,org_id,title) VALUES('n1','org','甲改')`,
		fmt.Sprintf(`INSERT INTO field_versions VALUES('notes','n1','org_id',%d,'dev-a'),('notes','n1','title',%d,'dev-a')`, h1, h2),
		fmt.Sprintf(`INSERT INTO changes(tbl,row_id,org_id,field,old_value,new_value,hlc,device,user_name,applied_at,origin) VALUES
			('notes','n1','org','org_id',NULL,'org',%[1]d,'dev-a','user-a',0,'local'),
			('notes','n1','org','title','','原标题',%[1]d,'dev-a','user-a',0,'local'),
			('notes','n1','org','title','原标题','甲改',%[2]d,'dev-a','user-b',0,'local')`, h1, h2),
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	v2 := schemaFS(false)["0002_engine.sql"]
	old := fstest.MapFS{"0001_engine.sql": {Data: []byte(engineSchema)}, "0002_notes.sql": {Data: []byte(toySchema)}, "0003_engine.sql": v2}
	broken := maps.Clone(old)
	broken["0004_broken.sql"] = &fstest.MapFile{Data: []byte("INSERT INTO no_such_table VALUES(1);")}
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	opts := replica.Options{Now: func() time.Time { return now }, Tables: []replica.Table{notes}, Policy: openPolicy{}}
	opts.Schema = broken
	if db, err := replica.Open(ctx, path, opts); err == nil {
		db.Close()
		t.Fatal("a failing upgrade opened")
	}
	raw, _ = sql.Open("sqlite", path)
	var version, logged, clocks int
	raw.QueryRow("PRAGMA user_version").Scan(&version)
	raw.QueryRow("SELECT count(*) FROM changes").Scan(&logged)
	clockErr := raw.QueryRow("SELECT count(*) FROM crr_clock").Scan(&clocks)
	raw.Close()
	if version != 2 || logged != 3 || clockErr == nil {
		t.Fatalf("after a failed upgrade: schema %d, %d changes logged, clocks table: %v", version, logged, clockErr)
	}
	opts.Schema = old
	db, err := replica.Open(ctx, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Write(ctx, func(tx *replica.Tx) error {
		h, dev, err := tx.Version(ctx, "notes", "n1", "title")
		if err == nil && (h != h2 || dev != "dev-a") {
			err = fmt.Errorf("title's version %v %s, want %v dev-a", h, dev, h2)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	hist, err := db.RowHistory(ctx, "notes", "n1")
	if err != nil {
		t.Fatal(err)
	}
	var own []string
	for _, c := range hist {
		if c.Field == "title" {
			own = append(own, fmt.Sprintf("%s:%v→%v", c.User, c.Old, c.Value))
		}
	}
	if want := []string{"user-a:→原标题", "user-b:原标题→甲改"}; !slices.Equal(own, want) {
		t.Fatalf("history after the upgrade %q, want %q", own, want)
	}
}
