package backup

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zhibu/store/storetest"
	"zhibu/sync/device"
)

// Daily automatic backups rotate: after 40 days, the newest 7 daily and 4 weekly remain,
// and all are listed.
func TestAutoBackupRotation(t *testing.T) {
	d := storetest.Village(t)
	if _, err := device.Create(d.Path); err != nil {
		t.Fatal(err)
	}
	d.AddMember(t, "张建国", "1965-03-01", "1990-07-01", 11)
	day := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	for i := range 40 {
		if _, err := Auto(d.Ctx, d.DB, day.AddDate(0, 0, i)); err != nil {
			t.Fatal(err)
		}
	}
	dir := AutoFolder(d.DB.Path())
	daily, _ := filepath.Glob(filepath.Join(dir, "daily-*"))
	weekly, _ := filepath.Glob(filepath.Join(dir, "weekly-*"))
	if len(daily) != KeepDaily || len(weekly) != KeepWeekly {
		t.Fatalf("%d daily, %d weekly: %v %v", len(daily), len(weekly), daily, weekly)
	}
	if !strings.HasSuffix(daily[len(daily)-1], "daily-2026-11-09.zbak") {
		t.Errorf("newest daily %s", daily[len(daily)-1])
	}
	if bs := AutoBackups(d.DB.Path()); len(bs) != KeepDaily+KeepWeekly {
		t.Errorf("listed %d backups", len(bs))
	}
}
