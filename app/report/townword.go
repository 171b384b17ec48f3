package report

import "strings"

// TownWord is 乡 or 镇 as the township's own name has it (二塘乡党委 → 乡, 城关镇党委 → 镇), for
// the words on paper that name it (全乡合计, 乡党委); 乡镇 when the name says neither.
func TownWord(name string) string {
	x, z := strings.LastIndex(name, "乡"), strings.LastIndex(name, "镇")
	switch {
	case z > x:
		return "镇"
	case x > z:
		return "乡"
	}
	return "乡镇"
}
