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
