package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/sync/synctest"
)

// TestRunningMonthCannotBeApproved: on 29 November the township cannot approve November (the
// village may still record its meeting on the 30th); the message names the village, the
// month and its last day. On 1 December it can. (Issue 21: "A month can be approved only
// after it ends".)
func TestRunningMonthCannotBeApproved(t *testing.T) {
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	synctest.Sync(t, v, town)
	_, err := town.DB.ApproveMonth(town.Ctx, "410928001", "2026-11")
	if !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("the running month was approved: %v", err)
	}
	for _, want := range []string{"张庄村党支部", "2026年11月", "2026-11-30", "还没有结束"} {
		if !strings.Contains(assets.Chinese(err), want) {
			t.Errorf("the refusal %q does not say %q", assets.Chinese(err), want)
		}
	}
	town.Clock.Set(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	if a, err := town.DB.ApproveMonth(town.Ctx, "410928001", "2026-11"); err != nil || !a.Locked() {
		t.Fatalf("November could not be approved on 1 December: %+v %v", a, err)
	}
}
