package ui

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
	"zhibu/sync/synctest"
)

var (
	town40     *storetest.Fixture
	town40Once sync.Once
)

// township40 is a township with 40 demo villages (made once: it takes a while).
func township40(t *testing.T) *storetest.Fixture {
	town40Once.Do(func() {
		f := storetest.New(&onceTB{T: t}, storetest.Params{Role: store.RoleTownship, OrgCode: "410928", OrgName: "城关镇党委", Admin: "李委员"})
		if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: 1, Villages: 40}); err != nil {
			t.Fatal(err)
		}
		town40 = f
	})
	if town40 == nil {
		t.Fatal("no township fixture")
	}
	return town40
}

// onceTB keeps a fixture made in one test open for the tests after it (no cleanup).
type onceTB struct{ *testing.T }

func (o *onceTB) Cleanup(func()) {}
func (o *onceTB) TempDir() string {
	return o.T.TempDir()
}

// TestOverview40Villages: the township's home on a 40-village township, at 1366×768: one
// row per village, totals, sorting, the reasons of a light on hover, the findings grouped
// by village and kind, and a village's meetings one click away.
func TestOverview40Villages(t *testing.T) {
	f := township40(t)
	u, w := newTestUI(t, f)
	login(t, u, "李委员", storetest.Password)
	if u.shell.current != "overview" {
		t.Fatalf("the township opens on %q, not the overview", u.shell.current)
	}
	capture(t, w, "overview-40.png")
	// The same screen, built on the shell's session to drive it.
	o := newOverview(u.shell.sess)
	w.SetContent(o.root)
	if len(o.rows) != 40 {
		t.Fatalf("%d rows, want 40", len(o.rows))
	}
	for _, want := range []string{"各村概览", "按时召开率", "党员平均参会率", "党费收缴率", "2026年第四季度"} {
		if !strings.Contains(strings.Join(texts(w), " "), want) {
			t.Errorf("the overview does not show %q", want)
		}
	}
	// 2026Q3, all of it over: sort by the on-time rate (column 5), lowest first; a second
	// click reverses it.
	o.period.SetSelectedIndex(13)
	if o.current.String() != "2026Q3" {
		t.Fatalf("period %s", o.current)
	}
	o.sortBy(5)
	if o.desc || o.rows[0].OnTimeRate > o.rows[len(o.rows)-1].OnTimeRate {
		t.Fatalf("not sorted by on-time rate ascending: %v … %v", o.rows[0].OnTimeRate, o.rows[39].OnTimeRate)
	}
	o.sortBy(5)
	if h := o.headers[5]; h == nil || h.Text != "按时召开率▼" {
		t.Errorf("the sorted column's header does not show the order")
	}
	if !o.desc || o.rows[0].OnTimeRate < o.rows[len(o.rows)-1].OnTimeRate {
		t.Fatalf("a second click does not reverse the order: %v … %v", o.rows[0].OnTimeRate, o.rows[39].OnTimeRate)
	}
	capture(t, w, "overview-40-q3.png")
	// Issue 21: the row itself names the meetings not held (not only the hover line).
	var cellTexts []string
	for r := range o.rows {
		for c := range o.cols {
			cell := o.table.CreateCell()
			o.table.UpdateCell(widget.TableCellID{Row: r, Col: c}, cell)
			cellTexts = append(cellTexts, cell.(*hoverCell).label.Text)
		}
	}
	cells := strings.Join(cellTexts, "|")
	named := 0
	for _, k := range o.rows {
		if k.Missing > 0 {
			if m := k.MissingMeetings(); m == "" || !strings.Contains(cells, m) {
				t.Errorf("%s misses %d meetings; its row does not name them (%q)", k.OrgName, k.Missing, m)
			}
			named++
		}
	}
	if named == 0 {
		t.Error("no demo village misses a meeting in 2026Q3: the check shows nothing")
	}
	// Hovering a row explains its light.
	o.explain(0)
	if k := o.rows[0]; !strings.HasPrefix(o.status.Text, k.OrgName) || (len(k.Reasons) > 0 && !strings.Contains(o.status.Text, k.Reasons[0])) {
		t.Errorf("hover text %q for %s %v", o.status.Text, k.OrgName, k.Reasons)
	}
	// The findings tab: one line per village with findings, grouped by kind with counts.
	o.tabs.SelectIndex(1)
	if n := len(o.found.Objects); n == 0 || n > 40 {
		t.Fatalf("%d finding lines, want one per village (≤ 40)", n)
	}
	capture(t, w, "overview-40-findings.png")
	// The sent-down tab: one receipt row per village (none paired here: nothing received).
	o.tabs.SelectIndex(2)
	if len(o.send.rs) != 40 {
		t.Errorf("%d receipt rows, want 40", len(o.send.rs))
	}
	capture(t, w, "overview-40-sent.png")
	// A village opens on its meetings, read-only.
	o.tabs.SelectIndex(0)
	o.open(o.rows[0], store.AreaMeetings)
	capture(t, w, "overview-village.png")
	if o.list.Visible() || len(o.detail.Objects) != 1 {
		t.Fatal("the village's records did not open")
	}
	if b := button(w, "审核锁定"); b == nil {
		t.Error("no approve button for the period's months")
	}
	if b := button(w, "录入会议"); b != nil {
		t.Error("the township's drill-down offers to record a meeting")
	}
}

// TestVillageHomeShowsKPIsAndLocks: the village's home shows its quarter's figures and the
// months the township locked.
func TestVillageHomeShowsKPIsAndLocks(t *testing.T) {
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	synctest.Sync(t, v, town)
	if _, err := town.DB.ApproveMonth(town.Ctx, "410928001", "2026-10"); err != nil {
		t.Fatal(err)
	}
	synctest.Sync(t, town, v)
	u, w := newTestUI(t, v.Fixture)
	login(t, u, v.Admin, storetest.Password)
	capture(t, w, "village-home.png")
	all := strings.Join(texts(w), " ")
	for _, want := range []string{"按时召开率", "党员平均参会率", "乡镇已审核锁定", "2026年10月"} {
		if !strings.Contains(all, want) {
			t.Errorf("the village's home does not show %q", want)
		}
	}
}

// The overview works its figures out off the UI thread: it shows a busy bar and no rows
// until they are ready, then the villages with the store's figures and the township totals.
func TestOverviewFillsInAfterItsBusyBar(t *testing.T) {
	f := storetest.Township(t)
	if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: 2, Villages: 4}); err != nil {
		t.Fatal(err)
	}
	u, w := newTestUI(t, f)
	login(t, u, "李委员", storetest.Password)
	inlineWork = false
	t.Cleanup(func() { inlineWork = true })
	uiMu.Lock() // the figures cannot be shown until the test lets the UI thread run
	o := newOverview(u.shell.sess)
	w.SetContent(o.root)
	saysWorking := false // shows() would wait for the work: look at the widgets as they are
	for _, obj := range test.LaidOutObjects(w.Content()) {
		if l, ok := obj.(*widget.Label); ok && l.Visible() && strings.Contains(l.Text, "正在统计各村数据") {
			saysWorking = true
		}
	}
	if !o.loading.Visible() || len(o.rows) != 0 || len(o.totals.Objects) != 0 || !saysWorking {
		uiMu.Unlock()
		t.Fatalf("while working: busy bar %v, %d rows, %d totals", o.loading.Visible(), len(o.rows), len(o.totals.Objects))
	}
	capture(t, w, "overview-working.png")
	uiMu.Unlock()
	settle()
	ks, err := f.DB.KPIs(f.Ctx, store.QuarterOf(f.Clock.Now()), nil)
	if err != nil {
		t.Fatal(err)
	}
	tot := store.Totals(ks, store.QuarterOf(f.Clock.Now()))
	if o.loading.Visible() || len(o.rows) != 4 {
		t.Fatalf("after: busy bar %v, %d rows", o.loading.Visible(), len(o.rows))
	}
	all := strings.Join(texts(w), " ")
	for _, want := range []string{fmt.Sprint(tot.Members), store.Percent(tot.OnTimeRate), store.Percent(tot.DuesRate)} {
		if !strings.Contains(all, want) {
			t.Errorf("the totals do not show %q: %s", want, all)
		}
	}
	lights := map[string]string{}
	for _, k := range ks {
		lights[k.OrgID] = k.Light + " " + store.Percent(k.OnTimeRate)
	}
	for _, r := range o.rows {
		if got := r.Light + " " + store.Percent(r.OnTimeRate); got != lights[r.OrgID] {
			t.Errorf("%s: %s, the store says %s", r.OrgName, got, lights[r.OrgID])
		}
	}
	capture(t, w, "overview-filled.png")
}
