package form_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"zhibu/app/report/form"
	"zhibu/store"
)

// TestFillTime40 times a fill on a real township database (a copy of ZHIBU_FORM_DB, e.g. a
// paired 40-village township after its first import), split into the KPIs and the rest.
// Skipped without it.
func TestFillTime40(t *testing.T) {
	src := os.Getenv("ZHIBU_FORM_DB")
	if src == "" {
		t.Skip("set ZHIBU_FORM_DB to a township database")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, src, store.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q, _ := store.ParsePeriod("2026Q3")
	for _, name := range []string{"summary", "cards"} {
		var data []byte
		if name == "summary" {
			data = bytesOf(t, summaryForm(t))
		} else {
			data = bytesOf(t, villageCards(t))
		}
		began := time.Now()
		ks, err := db.KPIs(ctx, q, nil)
		if err != nil {
			t.Fatal(err)
		}
		kpi := time.Since(began)
		out, res, err := form.Fill(ctx, db, data, nil, q)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d villages, %d cells; KPIs alone %v, whole fill %v", name, len(ks), res.Cells, kpi.Round(time.Millisecond), res.Took.Round(time.Millisecond))
		if dir := os.Getenv("ZHIBU_FORM_OUT"); dir != "" {
			os.WriteFile(filepath.Join(dir, name+"-40.xlsx"), out, 0o644)
		}
	}
}
