package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/store"
	"zhibu/store/storetest"
)

// TestOverviewTaskColumnsAndBulletin: on the 40-village township the overview shows each
// village's open and overdue items; a click on those cells opens the 整改台账 on that village's
// items alone. The 通报 form previews the 40 rows and saves the PDF with the good practice
// typed (read back with pdftotext).
func TestOverviewTaskColumnsAndBulletin(t *testing.T) {
	f := township40(t)
	vs, err := f.DB.Orgs(f.Ctx, store.KindVillage)
	if err != nil || len(vs) != 40 {
		t.Fatalf("villages: %d %v", len(vs), err)
	}
	late, soon := vs[1], vs[2]
	if _, err := f.DB.AddTask(f.Ctx, []string{late.Code}, store.NewTask{Title: "党费公示未更新", Due: "2026-11-01"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.DB.AddTask(f.Ctx, []string{late.Code, soon.Code}, store.NewTask{Title: "活动室制度上墙", Due: "2026-12-20"}); err != nil {
		t.Fatal(err)
	}
	u, w := newTestUI(t, f)
	login(t, u, "李委员", storetest.Password)
	// The shell's own overview, in place in the window (its cells are driven through the
	// table's callbacks).
	o := newOverview(u.shell.sess)
	u.shell.body.Objects = []fyne.CanvasObject{o.root}
	u.shell.body.Refresh()
	openCol, lateCol := -1, -1
	for i, c := range o.cols {
		switch c.header {
		case "未销号":
			openCol = i
		case "整改逾期":
			lateCol = i
		}
	}
	if openCol < 0 || lateCol < 0 {
		t.Fatalf("no task columns in %v", o.cols)
	}
	if min := w.Content().MinSize(); min.Width > 1366 {
		t.Errorf("the overview needs %.0f units of width", min.Width)
	}
	cells := map[string][2]string{}
	row := -1
	for i, k := range o.rows {
		cells[k.OrgID] = [2]string{o.cols[openCol].text(k), o.cols[lateCol].text(k)}
		if k.OrgID == late.ID {
			row = i
		}
	}
	want := map[string][2]string{late.ID: {"2", "1"}, soon.ID: {"1", "0"}, vs[0].ID: {"0", "0"}}
	for id, c := range want {
		if cells[id] != c {
			t.Errorf("village %s shows open/overdue %v, want %v", id, cells[id], c)
		}
	}
	capture(t, w, "overview-40-tasks.png")

	o.table.OnSelected(widget.TableCellID{Row: row, Col: lateCol})
	settle()
	if u.shell.current != "tasks" {
		t.Fatalf("a click on the overdue cell opened %q", u.shell.current)
	}
	all := strings.Join(texts(w), "\n")
	if !strings.Contains(all, late.Name) || strings.Count(all, "活动室制度上墙") != 1 || !strings.Contains(all, "党费公示未更新") {
		t.Errorf("the ledger does not show %s's items alone:\n%s", late.Name, all)
	}
	capture(t, w, "overview-40-tasks-ledger.png")

	// The overdue item in the findings tab opens the ledger too.
	u.shell.show("overview")
	o = newOverview(u.shell.sess)
	u.shell.body.Objects = []fyne.CanvasObject{o.root}
	u.shell.body.Refresh()
	o.tabs.SelectIndex(1)
	b := button(w, "清单事项逾期 × 1")
	if b == nil {
		t.Fatalf("no overdue-item button in the findings tab: %q", texts(w))
	}
	test.Tap(b)
	if u.shell.current != "tasks" || !shows(w, "党费公示未更新") {
		t.Errorf("the findings button opened %q", u.shell.current)
	}

	// The bulletin of the overview's period.
	bf := newBulletinForm(u.shell.sess, o.periods, o.current)
	w.SetContent(bf.root)
	if len(bf.doc) != 40 || bf.doc[0][1] != o.rows[0].OrgName && bf.doc[0][1] != vs[0].Name {
		t.Fatalf("the preview has %d rows", len(bf.doc))
	}
	bf.good.SetText("张庄村坚持每月为留守老人开展志愿服务。")
	capture(t, w, "bulletin-form.png")
	path := filepath.Join(t.TempDir(), "通报.pdf")
	bf.save(path)
	if bf.problem.Label.Text != "" || !strings.Contains(bf.note.Text, "40") {
		t.Fatalf("save: %q %q", bf.problem.Label.Text, bf.note.Text)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(out)), "")
	for _, s := range []string{"村级党组织党建工作情况的通报", "张庄村坚持每月为留守老人开展志愿服务。", "中共城关镇委员会", late.Name} {
		if !strings.Contains(flat, s) {
			t.Errorf("the saved bulletin does not say %q", s)
		}
	}
	if dir := os.Getenv("ZHIBU_SHOTS"); dir != "" {
		data, _ := os.ReadFile(path)
		os.WriteFile(filepath.Join(dir, "bulletin-40.pdf"), data, 0o644)
	}
}
