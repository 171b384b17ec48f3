package exchange_test

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

func county(t testing.TB) *synctest.Device {
	return synctest.New(t, storetest.Params{Role: store.RoleCounty, OrgCode: "4109", OrgName: "范县县委", Admin: "县管理员"})
}

func township(t testing.TB, code, name string) *synctest.Device {
	return synctest.New(t, storetest.Params{Role: store.RoleTownship, OrgCode: code, OrgName: name, Admin: "李委员"})
}

func apply(t testing.TB, from, to *synctest.Device) exchange.Report {
	t.Helper()
	r := to.Node.Import(context.Background(), synctest.Send(t, from, to))
	if r.Status != exchange.Applied {
		t.Fatalf("%s → %s: %s %s", from.Org.Name, to.Org.Name, r.Status, r.English)
	}
	return r
}

// Villages → townships → county: the county holds every village's data as the village
// does; a township never receives another township's villages, nor do villages receive the
// county's own rows; the county sends a township only its own rows.
func TestCountyRollupConverges(t *testing.T) {
	ctx := context.Background()
	c := county(t)
	t1, t2 := township(t, "410928", "城关镇党委"), township(t, "410929", "王庄镇党委")
	v1 := synctest.Village(t, "410928001", "张庄村党支部")
	v2 := synctest.Village(t, "410929001", "李寨村党支部")
	synctest.Pair(t, t1, v1)
	synctest.Pair(t, t2, v2)
	synctest.Pair(t, c, t1)
	synctest.Pair(t, c, t2)
	for i := range 20 {
		v1.AddMember(t, "张建国", "1960-03-01", "1990-07-01", i)
		v2.AddMember(t, "李秀英", "1962-05-01", "1991-07-01", 100+i)
	}
	if err := c.DB.SetSetting(c.Ctx, c.Org.ID, "theme", "县里的主题"); err != nil {
		t.Fatal(err)
	}
	for range 2 { // twice: the second round carries what the first one taught
		apply(t, v1, t1)
		apply(t, v2, t2)
		apply(t, t1, c)
		apply(t, t2, c)
		apply(t, c, t1)
		apply(t, c, t2)
		apply(t, t1, v1)
		apply(t, t2, v2)
	}
	for _, v := range []*synctest.Device{v1, v2} {
		a, _ := c.DB.Digest(ctx, v.Org.Code)
		b, _ := v.DB.Digest(ctx, v.Org.Code)
		if a != b {
			t.Errorf("county and %s disagree on its data", v.Org.Name)
		}
	}
	blank := township(t, "410999", "空白镇党委")
	empty1, _ := blank.DB.Digest(ctx, v1.Org.Code)
	if d, _ := t2.DB.Digest(ctx, v1.Org.Code); d != empty1 {
		t.Error("the county sent one township's village down to another township")
	}
	if got, _ := t1.DB.Setting(ctx, c.Org.ID, "theme", ""); got != "县里的主题" {
		t.Errorf("the county's own rows did not reach the township: %q", got)
	}
	if got, _ := v1.DB.Setting(ctx, c.Org.ID, "theme", ""); got != "" {
		t.Errorf("a village received the county's rows: %q", got)
	}
	n, err := c.DB.Members(ctx, store.MemberFilter{All: true})
	if err != nil || len(n) != 40 {
		t.Errorf("county holds %d members (%v), want 40", len(n), err)
	}
	st, _ := exchange.Status(ctx, c.Node.DB)
	for _, s := range st {
		if s.PendingOut != 0 {
			t.Errorf("county pending to %s: %d", s.Name, s.PendingOut)
		}
	}
}

// BenchmarkCountyRollup: a county of 10 townships × 30 villages of generated data. Each
// township's bundle for the county is made and imported into a new county; reported: the
// county's members and field changes, the bundles' size, the time to make them and to import
// them, and the county's database size.
func BenchmarkCountyRollup(b *testing.B) {
	ctx := context.Background()
	const townships, villages = 10, 30
	var towns []*synctest.Device
	start := time.Now()
	for i := range townships {
		t := township(b, fmt.Sprintf("4109%02d", i+1), fmt.Sprintf("第%d镇党委", i+1))
		if err := demo.Fill(t.Ctx, t.DB, demo.Options{Villages: villages, Seed: uint64(i + 1)}); err != nil {
			b.Fatal(err)
		}
		towns = append(towns, t)
	}
	b.Logf("generated %d townships × %d villages in %v", townships, villages, time.Since(start).Round(time.Millisecond))
	var makeTime, importTime time.Duration
	var bytes, changes, members int
	var dbSize int64
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		c := county(b)
		var data [][]byte
		t0 := time.Now()
		for _, t := range towns {
			synctest.Pair(b, c, t)
			data = append(data, synctest.Send(b, t, c))
		}
		makeTime += time.Since(t0)
		b.StartTimer()
		t1 := time.Now()
		for _, d := range data {
			r := c.Node.Import(ctx, d)
			if r.Status != exchange.Applied {
				b.Fatal(r.English)
			}
			changes += r.Changes
			bytes += len(d)
		}
		importTime += time.Since(t1)
		b.StopTimer()
		ms, err := c.DB.Members(ctx, store.MemberFilter{All: true})
		if err != nil {
			b.Fatal(err)
		}
		members = len(ms)
		if st, err := os.Stat(c.DB.Path()); err == nil {
			dbSize = st.Size()
		}
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(float64(members), "members")
	b.ReportMetric(float64(changes)/n, "changes")
	b.ReportMetric(float64(bytes)/n/1e6, "bundle-MB")
	b.ReportMetric(makeTime.Seconds()/n, "make-s")
	b.ReportMetric(importTime.Seconds()/n, "import-s")
	b.ReportMetric(float64(changes)/importTime.Seconds(), "changes/s")
	b.ReportMetric(float64(dbSize)/1e6, "county-db-MB")
}

// TestCountyPlanReachesOnlyItsTownship: the county's 发展党员指导性计划 for one township (source
// 003: 「制定并印发《全县xxxx年发展党员指导性计划》」) reaches that township's PC and not another
// township's, nor a village (DESIGN.md: a row travels only to PCs in its audience); the other
// township's database file, searched byte by byte, holds none of it. The county's settings
// still reach every township.
func TestCountyPlanReachesOnlyItsTownship(t *testing.T) {
	c := county(t)
	t1, t2 := township(t, "410928", "城关镇党委"), township(t, "410929", "王庄镇党委")
	v1 := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, t1, v1)
	synctest.Pair(t, c, t1)
	synctest.Pair(t, c, t2)
	apply(t, t1, c)
	apply(t, t2, c)
	if err := c.DB.SetPlan(c.Ctx, "410928", 2026, 12, "城关镇计划机密"); err != nil {
		t.Fatal(err)
	}
	if err := c.DB.SetSetting(c.Ctx, c.Org.ID, "theme", "县里的主题"); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		apply(t, c, t1)
		apply(t, c, t2)
		apply(t, t1, v1)
	}
	count := func(d *synctest.Device) int {
		var n int
		if err := d.DB.SQL().QueryRow("SELECT count(*) FROM dev_plans").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if count(t1) != 1 || count(t2) != 0 || count(v1) != 0 {
		t.Errorf("the county's plan for 城关镇 is held by 城关镇 %d, 王庄镇 %d, 张庄村 %d times; want 1, 0, 0", count(t1), count(t2), count(v1))
	}
	if got, _ := t2.DB.Setting(context.Background(), c.Org.ID, "theme", ""); got != "县里的主题" {
		t.Errorf("the county's settings no longer reach 王庄镇: %q", got)
	}
	if err := t2.DB.Close(); err != nil {
		t.Fatal(err)
	}
	if fileHolds(t, t2.Path, "城关镇计划机密") {
		t.Error("王庄镇's database file holds the county's plan for 城关镇")
	}
	t2.Reopen(t, nil)
}
