package usb_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
	"zhibu/sync/usb"
)

// benchTownship40 measures a township reading one stick that carries a bundle from each of 40
// villages (120 members and edits edits each), end to end: find, read, decrypt, verify,
// decode and merge. It also reports the mean bundle size per village.
func benchTownship40(b *testing.B, edits int) {
	ctx := context.Background()
	var villages []*synctest.Device
	for i := range 40 {
		v := synctest.Village(b, "410928"+string(rune('0'+i/10))+string(rune('0'+i%10))+"1", "村党支部")
		v.VillageYear(b, 120, edits)
		villages = append(villages, v)
	}
	var bytes, files int
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		town := synctest.New(b, storetest.Params{Role: store.RoleTownship, OrgCode: "410928", OrgName: "城关镇党委"})
		stick := filepath.Join(b.TempDir(), usb.Folder)
		for _, v := range villages {
			synctest.Pair(b, town, v)
			ws, err := usb.Export(ctx, v.Node, stick, []string{town.Node.Self()})
			if err != nil {
				b.Fatal(err)
			}
			for _, w := range ws {
				bytes += w.Bytes
				files++
			}
		}
		b.StartTimer()
		rs, err := usb.Import(ctx, town.Node, []string{filepath.Dir(stick)})
		if err != nil || len(rs) != 40 {
			b.Fatalf("%d bundles: %v", len(rs), err)
		}
		for _, r := range rs {
			if r.Status != exchange.Applied {
				b.Fatal(r.English)
			}
		}
		b.StopTimer()
		os.RemoveAll(stick)
		b.StartTimer()
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/stick")
	b.ReportMetric(float64(bytes)/float64(files), "bytes/bundle")
}

// A quarter of 40 villages (members entered, 750 edits each): target < 2 s.
func BenchmarkTownship40Quarter(b *testing.B) { benchTownship40(b, 750) }

// A year of 40 villages (members entered, 3,000 edits each): target < 5 s.
func BenchmarkTownship40Year(b *testing.B) { benchTownship40(b, 3000) }
