package exchange_test

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/store/storetest"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

var (
	seed  = flag.Uint64("sync.seed", 1, "seed of the convergence test")
	steps = flag.Int("sync.steps", 400, "random steps of the convergence test (try 5000 for a long run)")
)

// version identifies one field change.
type version struct {
	hlc    replica.HLC
	device string
}

type fieldKey struct{ tbl, row, field string }

// world is a township and its villages, plus what the test knows about every write.
type world struct {
	t        *testing.T
	rng      *rand.Rand
	town     *synctest.Device
	villages []*synctest.Device
	// prev records, for every local change, the version of the field its author held when
	// writing it: a change replaced with knowledge is not a conflict.
	prev map[version]map[fieldKey]version
	mail []letter
}

type letter struct {
	from, to *synctest.Device
	data     []byte
}

func newWorld(t *testing.T, n int, seed uint64) *world {
	w := &world{t: t, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), town: synctest.Township(t), prev: map[version]map[fieldKey]version{}}
	for i := range n {
		v := synctest.Village(t, fmt.Sprintf("41092800%d", i+1), fmt.Sprintf("第%d村党支部", i+1))
		synctest.Pair(t, w.town, v)
		w.villages = append(w.villages, v)
	}
	return w
}

func (w *world) devices() []*synctest.Device {
	return append([]*synctest.Device{w.town}, w.villages...)
}

// put writes fields through the store as the app does, remembering the versions it replaced.
func (w *world) put(d *synctest.Device, tbl, id string, vals map[string]any) {
	ctx := d.Ctx
	err := d.DB.Replica().Write(ctx, func(tx *replica.Tx) error {
		prev := map[fieldKey]version{}
		for f := range vals {
			h, dev, err := tx.Version(ctx, tbl, id, f)
			if err != nil {
				return err
			}
			prev[fieldKey{tbl, id, f}] = version{h, dev}
		}
		if _, err := tx.Put(ctx, tbl, id, vals); err != nil {
			return err
		}
		for f := range vals {
			h, dev, err := tx.Version(ctx, tbl, id, f)
			if err != nil {
				return err
			}
			if p := prev[fieldKey{tbl, id, f}]; dev == d.DB.Device() && (p.hlc != h || p.device != dev) {
				if w.prev[version{h, dev}] == nil {
					w.prev[version{h, dev}] = map[fieldKey]version{}
				}
				w.prev[version{h, dev}][fieldKey{tbl, id, f}] = prev[fieldKey{tbl, id, f}]
			}
		}
		return nil
	})
	if err != nil {
		w.t.Fatal(err)
	}
}

// memberIDs lists the member rows a device holds of an organisation.
func memberIDs(t *testing.T, d *synctest.Device, org string) []string {
	rows, err := d.DB.SQL().Query("SELECT id FROM members WHERE org_id=? ORDER BY id", org)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	return ids
}

var names = []string{"张建国", "李秀英", "王德福", "赵桂兰", "刘志强", "陈淑珍", "杨海涛", "黄玉梅"}

func (w *world) edit(d *synctest.Device) {
	r := w.rng
	org := d.Org.ID
	if d == w.town && r.IntN(3) > 0 {
		org = w.villages[r.IntN(len(w.villages))].Org.ID
	}
	if d == w.town && r.IntN(5) == 0 {
		w.put(d, "settings", fmt.Sprintf("00000000-0000-7000-8000-%012d", r.IntN(3)), map[string]any{"org_id": d.Org.ID, "key": "theme", "value": fmt.Sprintf("主题%d", r.IntN(100))})
		return
	}
	ids := memberIDs(w.t, d, org)
	if len(ids) == 0 || r.IntN(4) == 0 {
		w.put(d, "members", store.NewID(), map[string]any{"org_id": org, "name": names[r.IntN(len(names))],
			"id_number": storetest.ValidID("1970-01-01", r.IntN(999)), "joined_date": "2001-07-01", "phone": ""})
		return
	}
	id := ids[r.IntN(len(ids))]
	switch r.IntN(6) {
	case 0:
		w.put(d, "members", id, map[string]any{"deleted": int64(r.IntN(2))})
	case 1, 2:
		w.put(d, "members", id, map[string]any{"name": names[r.IntN(len(names))]})
	case 3:
		w.put(d, "members", id, map[string]any{"phone": fmt.Sprintf("138%08d", r.IntN(100))})
	default:
		w.put(d, "members", id, map[string]any{"notes": fmt.Sprintf("第%d次修改", r.IntN(1000)), "phone": fmt.Sprintf("139%08d", r.IntN(100))})
	}
}

func (w *world) deliver(l letter) exchange.Report {
	r := l.to.Node.Import(context.Background(), l.data)
	if r.Status == exchange.Rejected {
		w.t.Fatalf("%s → %s rejected: %s (%s)", l.from.Org.Name, l.to.Org.Name, r.Message, r.English)
	}
	return r
}

func (w *world) step() {
	r := w.rng
	devs := w.devices()
	switch k := r.IntN(10); {
	case k < 5:
		w.edit(devs[r.IntN(len(devs))])
	case k < 7: // write a bundle, into the mail
		v := w.villages[r.IntN(len(w.villages))]
		from, to := w.town, v
		if r.IntN(2) == 0 {
			from, to = v, w.town
		}
		w.mail = append(w.mail, letter{from, to, synctest.Send(w.t, from, to)})
	case k < 9 && len(w.mail) > 0: // deliver one at random; sometimes keep it to deliver again
		i := r.IntN(len(w.mail))
		l := w.mail[i]
		if r.IntN(3) > 0 {
			w.mail = append(w.mail[:i], w.mail[i+1:]...)
		}
		w.deliver(l)
	case k == 9 && len(w.mail) > 0: // lose one
		i := r.IntN(len(w.mail))
		w.mail = append(w.mail[:i], w.mail[i+1:]...)
	default: // clocks: drift, or a village PC with a dead CMOS battery
		d := devs[r.IntN(len(devs))]
		if r.IntN(4) == 0 && d != w.town {
			d.Clock.Set(storetest.DefaultTime.AddDate(-3, 0, 0))
		} else {
			d.Clock.Add(time.Duration(r.IntN(3600)) * time.Second)
		}
	}
}

func TestConvergence(t *testing.T) {
	w := newWorld(t, 3, *seed)
	for range *steps {
		w.step()
	}
	// Whatever is still in the mail arrives late, in random order.
	w.rng.Shuffle(len(w.mail), func(i, j int) { w.mail[i], w.mail[j] = w.mail[j], w.mail[i] })
	for _, l := range w.mail {
		w.deliver(l)
	}
	// Then everyone syncs until nothing moves: two rounds carry village edits to the others.
	for range 3 {
		for _, v := range w.villages {
			synctest.Sync(t, w.town, v)
		}
	}
	w.checkConverged()
}

// checkConverged compares every device with the content the writes imply (per field, the
// highest (HLC, device) of every local write anywhere), and checks that every value that
// lost without its author's successor having seen it is kept as a conflict.
func (w *world) checkConverged() {
	t := w.t
	ctx := context.Background()
	type win struct {
		v     version
		value any
		org   string
	}
	want := map[fieldKey]win{}
	var all []replica.Change
	for _, d := range w.devices() {
		cs, err := d.DB.Replica().Changes(ctx, 0, "local", 0)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, cs...)
		for _, c := range cs {
			k := fieldKey{c.Table, c.RowID, c.Field}
			if cur, ok := want[k]; !ok || replica.Newer(c.HLC, c.Device, cur.v.hlc, cur.v.device) {
				want[k] = win{version{c.HLC, c.Device}, c.Value, c.OrgID}
			}
		}
	}
	for _, d := range w.devices() {
		inScope := func(org string) bool { return d == w.town || org == d.Org.ID || org == w.town.Org.ID }
		n := 0
		for k, v := range want {
			if !inScope(v.org) {
				continue
			}
			n++
			var got any
			if err := d.DB.SQL().QueryRow("SELECT "+k.field+" FROM "+k.tbl+" WHERE id=?", k.row).Scan(&got); err != nil {
				t.Fatalf("%s: %s %s: %v", d.Org.Name, k.tbl, k.row, err)
			}
			if fmt.Sprint(got) != fmt.Sprint(v.value) {
				t.Errorf("%s: %s.%s of %s = %v, want %v", d.Org.Name, k.tbl, k.field, k.row, got, v.value)
			}
		}
		if d != w.town {
			var foreign int
			d.DB.SQL().QueryRow("SELECT count(*) FROM members WHERE org_id NOT IN (?,?)", d.Org.ID, w.town.Org.ID).Scan(&foreign)
			if foreign != 0 {
				t.Errorf("%s holds %d members of other villages", d.Org.Name, foreign)
			}
		}
		t.Logf("%s: %d fields checked", d.Org.Name, n)
	}
	for _, v := range w.villages {
		for _, code := range []string{v.Org.Code, w.town.Org.Code} {
			a, err := w.town.DB.Digest(ctx, code)
			if err != nil {
				t.Fatal(err)
			}
			b, err := v.DB.Digest(ctx, code)
			if err != nil {
				t.Fatal(err)
			}
			if a != b {
				t.Errorf("digest --org %s: township %s, %s %s", code, a[:12], v.Org.Name, b[:12])
			}
		}
	}
	// Nothing silently lost.
	recorded := map[version]bool{}
	conflicts, err := w.town.DB.Conflicts(ctx, "", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range conflicts {
		recorded[version{c.LoserAt, c.LoserDevice}] = true
	}
	superseded := map[version]bool{} // replaced by a write whose author held it
	// Values a writer held when it overwrote them: a concurrent write of the same value was
	// seen in content (two PCs typed the same thing), so losing it later loses nothing.
	valueAt := map[fieldKey]map[version]string{}
	for _, c := range all {
		k := fieldKey{c.Table, c.RowID, c.Field}
		if valueAt[k] == nil {
			valueAt[k] = map[version]string{}
		}
		valueAt[k][version{c.HLC, c.Device}] = fmt.Sprint(c.Value)
	}
	supersededValue := map[fieldKey]map[string]bool{}
	lastOwn := map[fieldKey]map[string]replica.HLC{}
	for _, c := range all {
		k := fieldKey{c.Table, c.RowID, c.Field}
		if p, ok := w.prev[version{c.HLC, c.Device}][k]; ok {
			superseded[p] = true
			if supersededValue[k] == nil {
				supersededValue[k] = map[string]bool{}
			}
			supersededValue[k][valueAt[k][p]] = true
		}
		if lastOwn[k] == nil {
			lastOwn[k] = map[string]replica.HLC{}
		}
		lastOwn[k][c.Device] = max(lastOwn[k][c.Device], c.HLC)
	}
	lost := 0
	for _, c := range all {
		k := fieldKey{c.Table, c.RowID, c.Field}
		v := version{c.HLC, c.Device}
		if c.Table == "conflicts" || want[k].v == v || fmt.Sprint(want[k].value) == fmt.Sprint(c.Value) {
			continue
		}
		if superseded[v] || supersededValue[k][fmt.Sprint(c.Value)] || lastOwn[k][c.Device] > c.HLC || recorded[v] {
			continue
		}
		lost++
		t.Errorf("lost without a conflict record: %s.%s of %s = %v by %s at %s (winner %v by %s at %s)", c.Table, c.Field, c.RowID, c.Value, c.Device[:7], c.HLC, want[k].value, want[k].v.device[:7], want[k].v.hlc)
		for _, x := range all {
			if x.Table == c.Table && x.RowID == c.RowID && x.Field == c.Field {
				t.Logf("  write %v by %s at %s prev %+v", x.Value, x.Device[:7], x.HLC, w.prev[version{x.HLC, x.Device}][k])
			}
		}
	}
	t.Logf("%d local changes, %d conflicts recorded", len(all), len(conflicts))
}
