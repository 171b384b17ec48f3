package exchange

import (
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/sync/bundle"
)

// A bundle over a limit is refused with a Chinese message naming the limit.
func TestLimitMessageNamesTheLimit(t *testing.T) {
	err := limitMessage(&bundle.LimitError{What: "changes", Limit: bundle.MaxChanges}, replica.Peer{OrgName: "张庄村党支部"})
	msg := assets.Chinese(err)
	if !strings.Contains(msg, "2000000 条修改") || !strings.Contains(msg, "张庄村党支部") || !strings.Contains(msg, "没有导入") {
		t.Errorf("message: %s", msg)
	}
}

// TestRejectionNamesTheSender (issue 20, failure 9): a rejection never reads 「来自的同步包」:
// a sender not known as a paired device is named by its device ID or as an unknown PC.
func TestRejectionNamesTheSender(t *testing.T) {
	n := &Node{}
	for _, env := range []bundle.Envelope{{From: "ABCDEFG-HIJ"}, {}} {
		msg := assets.Chinese(n.explain(bundle.ErrDamaged, env, replica.Peer{}))
		if strings.Contains(msg, "来自的") || !strings.Contains(msg, "来自") {
			t.Errorf("message %q", msg)
		}
		t.Log(msg)
	}
	if msg := assets.Chinese(limitMessage(&bundle.LimitError{What: "rows", Limit: 1}, replica.Peer{})); strings.Contains(msg, "来自的") {
		t.Errorf("message %q", msg)
	}
}
