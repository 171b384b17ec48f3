package report

import "testing"

// TestTownWord: 乡 or 镇 from the township's own name (issue 21: 「镇党委 / 全镇合计」 was printed
// for a 乡).
func TestTownWord(t *testing.T) {
	for name, want := range map[string]string{"二塘乡党委": "乡", "城关镇党委": "镇", "乡城镇党委": "镇", "镇南乡党委": "乡", "某街道党工委": "乡镇"} {
		if got := TownWord(name); got != want {
			t.Errorf("TownWord(%q) = %q, want %q", name, got, want)
		}
	}
}
