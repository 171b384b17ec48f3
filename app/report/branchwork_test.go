package report_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhibu/app/report"
)

// TestPlanTotalIsNetOfOverruns: source 003 (发展党员指导性计划, reviewed each quarter) and the
// issue 24 follow-up ("the totals row sums quotas while a village over its quota is not
// netted"). The demo's second village admits more than its quota; the township's total counts
// each village's admissions within its own quota, shows the excess apart, and the sheet's
// total row says so: its completion is within ÷ quota, never admitted ÷ quota.
func TestPlanTotalIsNetOfOverruns(t *testing.T) {
	r := demoReport(t, 3)
	over, within, quota := 0, 0, 0
	for _, v := range r.Villages {
		if p := v.Plan; p != nil {
			over += max(0, p.Admitted-p.Quota)
			within += min(p.Admitted, p.Quota)
			quota += p.Quota
		}
	}
	tp := r.Township.Plan
	if over == 0 {
		t.Fatal("the demo has no village over its quota: the test would prove nothing")
	}
	if tp == nil || tp.Over != over || tp.Within != within || tp.Quota != quota || tp.Rate.Or(-1) != float64(within)/float64(quota) {
		t.Fatalf("township total %+v; want over %d, within %d of %d", tp, over, within, quota)
	}
	var buf bytes.Buffer
	if err := report.XLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows("发展党员指导性计划")
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Join(rows[1], "|")
	if !strings.Contains(head, "其中超出计划") || !strings.Contains(head, "完成率（计划内）") || !strings.Contains(rows[0][0], "不抵其他村的不足") {
		t.Errorf("header %q, caption %q", head, rows[0][0])
	}
	total := rows[len(rows)-1]
	if !strings.Contains(total[0], "合计") || total[3] != strconv.Itoa(over) || !strings.Contains(total[6], "超出计划") {
		t.Errorf("total row %q", total)
	}
}
