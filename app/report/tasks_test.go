package report

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhibu/store"
)

// TestTaskLedgerXLSX: the workbook read back has one row per item with the Chinese state,
// and a summary counting each village's items by state, an overdue item counted as open too.
func TestTaskLedgerXLSX(t *testing.T) {
	items := []LedgerItem{
		{Village: "张庄村党支部", Task: store.Task{Kind: store.TaskRectify, Title: "三会一课记录不全", Source: "督导", Evidence: "补开会议记录照片", Due: "2026-12-10", State: store.TaskAccepted, DoneOn: "2026-11-29"}},
		{Village: "李寨村党支部", Task: store.Task{Kind: store.TaskProblem, Title: "党费收缴不及时", Source: "督导", Due: "2026-11-10", State: store.TaskOpen, Overdue: true, Returned: true, Reason: "未见整改措施"}},
		{Village: "李寨村党支部", Task: store.Task{Kind: store.TaskTask, Title: "制度上墙", Source: "自查", Due: "2026-12-31", State: store.TaskDone}},
	}
	var buf bytes.Buffer
	if err := TaskLedgerXLSX(&buf, "城关镇党委整改台账（2026-12-01）", items); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "事项清单" || got[1] != "汇总" {
		t.Fatalf("sheets %v", got)
	}
	rows, _ := f.GetRows("事项清单")
	if len(rows) != 5 || rows[1][0] != "村" || rows[3][2] != "党费收缴不及时" || rows[3][7] != "已逾期" || rows[3][9] != "未见整改措施" || rows[2][7] != "已验收" ||
		rows[1][10] != "佐证要求" || rows[2][10] != "补开会议记录照片" {
		t.Fatalf("items sheet %q", rows)
	}
	sum, _ := f.GetRows("汇总")
	want := [][]string{{"张庄村党支部", "督导", "1", "0", "0", "1", "0"}, {"李寨村党支部", "督导", "1", "1", "0", "0", "1"}, {"李寨村党支部", "自查", "1", "0", "1", "0", "0"}}
	for i, w := range want {
		if len(sum) < i+3 || len(sum[i+2]) != len(w) {
			t.Fatalf("summary %q", sum)
		}
		for c := range w {
			if sum[i+2][c] != w[c] {
				t.Errorf("summary row %d col %d = %q, want %q", i, c, sum[i+2][c], w[c])
			}
		}
	}
}
