package usb_test

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhibu/sync/bundle"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
	"zhibu/sync/usb"
)

// A stick carrying a bundle in a newer format for one village: the other village reads the
// stick without a word about it (the envelope still says whom it is for); the village it is
// for is told which version to upgrade to.
func TestStickWithNewerFormatForAnotherVillage(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v1 := synctest.Village(t, "410928001", "张庄村党支部")
	v2 := synctest.Village(t, "410928002", "李寨村党支部")
	synctest.Pair(t, town, v1)
	synctest.Pair(t, town, v2)
	stick := filepath.Join(t.TempDir(), usb.Folder)
	ws, err := usb.Export(ctx, town.Node, stick, nil)
	if err != nil || len(ws) != 2 {
		t.Fatalf("export: %v %+v", err, ws)
	}
	for _, w := range ws {
		data, _ := os.ReadFile(w.File)
		env, _, err := bundle.Peek(data)
		if err != nil {
			t.Fatal(err)
		}
		if env.To[0] != v2.Node.Self() {
			continue
		}
		env.App = "0.9.0"
		eb, _ := json.Marshal(env)
		out := binary.BigEndian.AppendUint32(append([]byte("ZHIBUBDL"), bundle.Format+1), uint32(len(eb)))
		os.WriteFile(w.File, append(append(out, eb...), "later format"...), 0o644)
	}
	rs, err := usb.Import(ctx, v1.Node, []string{stick})
	if err != nil || len(rs) != 1 || rs[0].Status != exchange.Applied {
		t.Fatalf("the other village: %v %+v", err, rs)
	}
	rs, err = usb.Import(ctx, v2.Node, []string{stick})
	if err != nil || len(rs) != 1 || rs[0].Status != exchange.Rejected || !strings.Contains(rs[0].Message, "请升级到 0.9.0 或更新版本") {
		t.Fatalf("the village it is for: %v %+v", err, rs)
	}
}
