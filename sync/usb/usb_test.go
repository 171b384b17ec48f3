package usb_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"zhibu/store/atomicfile"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
	"zhibu/sync/usb"
)

// A township writes bundles for two villages on one stick; each village reads the whole
// stick and takes only its own. A write cut short leaves a temporary file that is never read,
// and a bundle cut short is refused as incomplete.
func TestStickForSeveralVillages(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v1 := synctest.Village(t, "410928001", "张庄村党支部")
	v2 := synctest.Village(t, "410928002", "李寨村党支部")
	synctest.Pair(t, town, v1)
	synctest.Pair(t, town, v2)
	if err := town.DB.SetSetting(town.Ctx, town.Org.ID, "theme", "学习贯彻党的二十届四中全会精神"); err != nil {
		t.Fatal(err)
	}
	stick := filepath.Join(t.TempDir(), usb.Folder)
	ws, err := usb.Export(ctx, town.Node, stick, nil)
	if err != nil || len(ws) != 2 {
		t.Fatalf("export: %v %+v", err, ws)
	}
	// A half-written bundle from a pulled stick: the temporary file and a cut-off copy.
	os.WriteFile(filepath.Join(stick, atomicfile.TempPrefix+"x"), []byte("ZHIBUBDL"), 0o644)
	data, _ := os.ReadFile(ws[0].File)
	cut := filepath.Join(t.TempDir(), "cut.zbundle")
	os.WriteFile(cut, data[:len(data)/2], 0o644)

	for _, v := range []*synctest.Device{v1, v2} {
		rs, err := usb.Import(ctx, v.Node, []string{filepath.Dir(stick)})
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 1 || rs[0].Status != exchange.Applied {
			t.Fatalf("%s imported %+v", v.Org.Name, rs)
		}
		if got, _ := v.DB.Setting(ctx, town.Org.ID, "theme", ""); got != "学习贯彻党的二十届四中全会精神" {
			t.Errorf("%s: theme %q", v.Org.Name, got)
		}
	}
	rs, _ := usb.Import(ctx, v1.Node, []string{cut})
	if len(rs) != 1 || rs[0].Status != exchange.Rejected {
		t.Fatalf("cut bundle: %+v", rs)
	}
	t.Log(rs[0].Message)
}

// Importing a stick's root finds bundles in folders people made on it (one per village),
// but not in hidden folders.
func TestImportFindsBundlesInSubfolders(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	town.DB.SetSetting(town.Ctx, town.Org.ID, "theme", "学党史")
	stick := t.TempDir()
	if _, err := usb.Export(ctx, town.Node, filepath.Join(stick, "给各村", "张庄村", usb.Folder), nil); err != nil {
		t.Fatal(err)
	}
	hidden := filepath.Join(stick, ".Trash-1000")
	os.MkdirAll(hidden, 0o755)
	os.WriteFile(filepath.Join(hidden, "zhibu-AAAAAAA-to-BBBBBBB-000001.zbundle"), []byte("junk"), 0o644)
	rs, err := usb.Import(ctx, v.Node, []string{stick})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Status != exchange.Applied {
		t.Fatalf("import of the stick's root: %+v", rs)
	}
}
