package store_test

import (
	"fmt"
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
)

// A long roster import reports its progress as it goes, ending with every row.
func TestImportReportsProgress(t *testing.T) {
	f := storetest.Village(t)
	var csv strings.Builder
	csv.WriteString("姓名,性别,身份证号码,入党时间\n")
	for i := range 1200 {
		fmt.Fprintf(&csv, "张%d,男,%s,2001-07-01\n", i, storetest.ValidID("1970-01-01", i%999))
	}
	var calls [][2]int
	ctx := store.WithProgress(f.Ctx, func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if _, err := f.DB.ImportRoster(ctx, "r.csv", strings.NewReader(csv.String()), true); err != nil {
		t.Logf("import: %v", err)
	}
	if len(calls) < 3 || calls[len(calls)-1] != [2]int{1200, 1200} || calls[1][0] <= calls[0][0] {
		t.Fatalf("progress calls %v", calls)
	}
}
