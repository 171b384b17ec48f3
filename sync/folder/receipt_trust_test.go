package folder_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhibu/sync/folder"
	"zhibu/sync/synctest"
)

// TestReceiptMustMatchTheBundle (issue 20, failure 9): a village signs, with its own key, a
// receipt naming the township's bundle in the folder but for other bytes; the township
// keeps its bundle (the receipt's SHA-256 is compared) and says so.
func TestReceiptMustMatchTheBundle(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	v.AddMember(t, "张建国", "1965-03-01", "1990-07-01", 11)
	dir := t.TempDir()
	pass(t, town, dir) // the township's bundle for the village is now in the folder
	var own string
	for _, n := range names(t, dir) {
		if nm, ok := folder.ParseName(n); ok && !nm.Receipt && nm.From == folder.Short(town.Node.Self()) {
			own = n
		}
	}
	if own == "" {
		t.Fatalf("no bundle of the township in %v", names(t, dir))
	}
	data, _ := os.ReadFile(filepath.Join(dir, own))
	other := synctest.Send(t, town, v) // a genuine bundle, but not this file
	_ = data
	rc, err := folder.MakeReceipt(ctx, v.Node, own, other, "applied")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, folder.ReceiptName(own)), rc, 0o600)
	res, err := folder.Sync(ctx, town.Node, dir, folder.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, own)); err != nil {
		t.Fatalf("a receipt for other bytes removed the township's bundle: %v", err)
	}
	if !strings.Contains(strings.Join(res.Problems, "\n"), "不符") {
		t.Errorf("problems: %v", res.Problems)
	}
}
