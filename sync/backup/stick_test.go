package backup

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"zhibu/store/atomicfile"
	"zhibu/store/storetest"
)

// TestKilledBackupLeavesNoTempOnTheStick (issue 20, failure 9): the empty temporary file a
// killed backup left on the stick is removed by the next backup to that stick; a fresh one
// (a backup running now) is left alone.
func TestKilledBackupLeavesNoTempOnTheStick(t *testing.T) {
	f := storetest.Village(t)
	stick := t.TempDir()
	old := filepath.Join(stick, atomicfile.TempPrefix+"zhibu-410928001-20261101-0900.zbak-123456")
	fresh := filepath.Join(stick, atomicfile.TempPrefix+"zhibu-410928001-20261129-1000.zbak-654321")
	for _, p := range []string{old, fresh} {
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, past, past)
	if err := Write(f.Ctx, f.DB, backupPassword, filepath.Join(stick, "zhibu.zbak")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); err == nil {
		t.Error("the killed backup's empty temporary file is still on the stick")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a running backup's temporary file was removed")
	}
}
