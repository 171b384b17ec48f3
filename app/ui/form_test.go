package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"zhibu/store"
	"zhibu/sync/synctest"
)

// TestFormsMapperAndSync: the township clerk opens a form the county sent (no placeholders
// in it), clicks the cell under 党员数, picks the indicator, sees its value for the period,
// puts it in, marks the row to repeat per village, saves the marks and fills the form; the
// template with its marks reaches the village with the sync, which cannot store forms itself.
func TestFormsMapperAndSync(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, a)
	synctest.Sync(t, a, town)
	x := excelize.NewFile()
	x.SetCellValue("Sheet1", "A1", "村名")
	x.SetCellValue("Sheet1", "B1", "党员总数")
	x.SetCellValue("Sheet1", "A3", "合计")
	x.SetCellFormula("Sheet1", "B3", "SUM(B2:B2)")
	buf, _ := x.WriteToBuffer()
	id, err := town.DB.AddFormTemplate(town.Ctx, "县委组织部季度表", "季度表.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	w := newTestWindow(t)
	s := &Session{Ctx: town.Ctx, DB: town.DB, User: store.User{Name: town.Admin, Role: store.RoleTownshipAdmin}, Home: town.Org, Role: store.RoleTownship, Window: w}
	v := newFormsView(s)
	content := v.root
	w.SetContent(content)
	v.tpl.SetSelected("县委组织部季度表")
	if got := v.text(0, 1); got != "党员总数" {
		t.Fatalf("grid B1 %q", got)
	}
	v.grid.Select(widget.TableCellID{Row: 1, Col: 1}) // B2
	v.search.SetText("党员数")
	for i, in := range v.shown {
		if in.Label == "党员数" {
			v.list.Select(i)
		}
	}
	if !strings.Contains(v.value.Text, "张庄村党支部") {
		t.Errorf("value beside the indicator: %q", v.value.Text)
	}
	v.putIndicator()
	v.grid.Select(widget.TableCellID{Row: 1, Col: 0}) // A2
	v.search.SetText("村名")
	v.list.Select(0)
	v.putIndicator()
	v.markRow()
	v.saveMapping()
	got, _ := town.DB.FormTemplate(town.Ctx, id)
	if got.Mapping["Sheet1!A2"] != "{{#各村}}{{村名}}" || got.Mapping["Sheet1!B2"] != "{{党员数}}{{/各村}}" {
		t.Fatalf("mapping %v", got.Mapping)
	}
	capture(t, w, "forms-mapper.png")
	if sz := content.MinSize(); sz.Width > 1366 || sz.Height > 768 {
		t.Errorf("the screen needs %v, more than 1366×768", sz)
	}
	// Fill through the screen's own path (the save dialog is the shared picker).
	out := filepath.Join(t.TempDir(), "out.xlsx")
	v.fillTo(out)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if name, _ := f.GetCellValue("Sheet1", "A2"); name != "张庄村党支部" {
		t.Errorf("filled A2 %q (%s)", name, v.problem.Label.Text)
	}
	if fm, _ := f.GetCellFormula("Sheet1", "B3"); fm != "SUM(B2:B2)" {
		t.Errorf("total %q", fm)
	}
	os.Remove(out)
	// To the village with the sync, marks and all; the village cannot store forms.
	synctest.Sync(t, town, a)
	vt, err := a.DB.FormTemplates(a.Ctx)
	if err != nil || len(vt) != 1 || vt[0].Mapping["Sheet1!B2"] != "{{党员数}}{{/各村}}" {
		t.Fatalf("village templates %+v %v", vt, err)
	}
	if _, err := a.DB.AddFormTemplate(a.Ctx, "村里的表", "x.xlsx", buf.Bytes()); !errors.Is(err, store.ErrDenied) {
		t.Errorf("a village stored a form: %v", err)
	}
}
