package exchange_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/sync/bundle"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
)

// TestMeasureLargestBundle imports the largest bundle the limits allow (bundle.MaxChanges
// changes: 200,000 member rows of 10 fields, the village's own) and logs the peak resident
// memory of the import alone. Run by hand: ZHIBU_MEASURE=1 go test -run TestMeasureLargestBundle.
func TestMeasureLargestBundle(t *testing.T) {
	if os.Getenv("ZHIBU_MEASURE") == "" {
		t.Skip("set ZHIBU_MEASURE=1 to measure")
	}
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	fields := []string{"name", "gender", "ethnicity", "birth_date", "education", "phone", "address", "joined_date", "status", "notes"}
	rows := bundle.MaxChanges / len(fields)
	cs := make([]replica.Change, 0, bundle.MaxChanges)
	h := v.DB.Replica().Clock() + 1
	for i := range rows {
		id := store.NewID()
		for _, f := range fields {
			h++
			cs = append(cs, replica.Change{Table: "members", RowID: id, OrgID: v.Org.ID, Field: f, Value: fmt.Sprintf("%s-%d", f, i), HLC: h, Device: v.Node.Self(), User: "王书记"})
		}
	}
	data := forge(t, v, town, 1, cs)
	cs = nil
	runtime.GC()
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // reset the peak (VmHWM)
	r := town.Node.Import(ctx, data)
	st, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(st), "\n") {
		if strings.HasPrefix(l, "VmHWM") || strings.HasPrefix(l, "VmRSS") {
			t.Log(l)
		}
	}
	t.Logf("bundle %d KB, %d changes: %s (applied %d) %s", len(data)>>10, bundle.MaxChanges, r.Status, r.Applied, r.English)
	if r.Status != exchange.Applied {
		t.Errorf("the largest allowed bundle was not applied: %s", r.English)
	}
}
