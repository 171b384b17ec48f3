package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/synctest"
)

// TestTasksScreenLoop: on the 整改台账 screen the township raises an item for every village;
// after the sync village A marks it done with a photo; the township accepts A's and returns
// B's with a reason; B sees it returned. The screens are captured at 1366×768.
func TestTasksScreenLoop(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	b := synctest.Village(t, "410928002", "李寨村党支部")
	for _, v := range []*synctest.Device{a, b} {
		synctest.Pair(t, town, v)
		synctest.Sync(t, v, town)
	}
	session := func(d *synctest.Device, role, userRole string) (*tasksView, func(string)) {
		w := newTestWindow(t)
		s := &Session{Ctx: d.Ctx, DB: d.DB, User: store.User{Name: d.Admin, Role: userRole}, Home: d.Org, Role: role, Window: w}
		v := newTasksView(s)
		w.SetContent(v.content())
		return v, func(name string) {
			v.table.Refresh()
			w.Content().Refresh()
			capture(t, w, name)
		}
	}
	tv, _ := session(town, store.RoleTownship, store.RoleTownshipAdmin)
	tv.newTitle.SetText("三会一课记录不全")
	tv.add() // no deadline: refused
	if ts, _ := town.DB.Tasks(town.Ctx, store.TaskFilter{}); len(ts) != 0 || tv.problem.Label.Text == "" {
		t.Fatalf("raised without a deadline: %d, %q", len(ts), tv.problem.Label.Text)
	}
	tv.newOwner.SetText("支部书记")
	tv.newSrc.SetText("督导")
	tv.newEvidence.SetText("补开支委会的会议记录照片")
	tv.newDue.SetDate("2026-12-10")
	tv.add()
	if len(tv.list) != 2 || tv.problem.Label.Text != "" {
		t.Fatalf("raised %d items: %q", len(tv.list), tv.problem.Label.Text)
	}
	for _, v := range []*synctest.Device{a, b} {
		synctest.Sync(t, town, v)
	}

	av, shotA := session(a, store.RoleVillage, store.RoleSecretary)
	if len(av.list) != 1 || av.cell(0, 3) != "未完成" || av.cell(0, 4) != "11" {
		t.Fatalf("village A lists %d items: %q %q", len(av.list), av.cell(0, 3), av.cell(0, 4))
	}
	av.open(0)
	if av.cell(0, 5) != "补开支委会的会议记录照片" || av.required.Text != "补开支委会的会议记录照片" || !shows(av.s.Window, "佐证要求") {
		t.Errorf("village A does not see the evidence required: %q %q", av.cell(0, 5), av.required.Text)
	}
	av.markDone() // no note: refused
	if av.problem.Label.Text == "" {
		t.Error("marked done without a note")
	}
	var buf bytes.Buffer
	png.Encode(&buf, redPhoto(80, 60))
	av.photoName, av.photo = "记录.png", buf.Bytes()
	av.note.SetText("已补齐10月支委会记录")
	av.markDone()
	if av.problem.Label.Text != "" || av.list[0].State != store.TaskDone {
		t.Fatalf("mark done: %q %+v", av.problem.Label.Text, av.list[0])
	}
	shotA("tasks-village.png")
	for _, v := range []*synctest.Device{a, b} {
		synctest.Sync(t, v, town)
	}

	tv, shotT := session(town, store.RoleTownship, store.RoleTownshipAdmin)
	for i, task := range tv.list {
		tv.open(i)
		if task.VillageID == a.Org.ID {
			if task.State != store.TaskDone || !shows(tv.s.Window, "记录.png") || !shows(tv.s.Window, "已补齐10月支委会记录") {
				t.Errorf("A's item on the township: %+v", task)
			}
			tv.s.Window.Content().Refresh()
			if n := redPixels(tv.s.Window.Canvas().Capture()); n < 5000 {
				t.Errorf("the township does not see A's photo on screen: %d red pixels", n)
			}
			capture(t, tv.s.Window, "tasks-township-review.png")
			test.Tap(button(tv.s.Window, "查看大图"))
			if n := redPixels(tv.s.Window.Canvas().Capture()); n < 200000 {
				t.Errorf("the full-size photo shows %d red pixels", n)
			}
			capture(t, tv.s.Window, "tasks-township-photo.png")
			tv.s.Window.Canvas().Overlays().Top().Hide()
			tv.s.Window.Canvas().Overlays().Remove(tv.s.Window.Canvas().Overlays().Top())
			tv.accept()
		} else {
			if n := redPixels(tv.s.Window.Canvas().Capture()); n != 0 {
				t.Errorf("B's item (no photo) shows %d red pixels", n)
			}
			tv.ret() // no reason: refused
			if tv.problem.Label.Text == "" {
				t.Error("returned without a reason")
			}
			tv.reason.SetText("未见整改措施")
			tv.ret()
		}
		if tv.problem.Label.Text != "" {
			t.Fatalf("review: %s", tv.problem.Label.Text)
		}
	}
	tv.state.SetSelectedIndex(3) // accepted
	if len(tv.list) != 1 || tv.list[0].VillageID != a.Org.ID {
		t.Errorf("accepted filter: %+v", tv.list)
	}
	tv.state.SetSelectedIndex(0)
	tv.open(0)
	shotT("tasks-township.png")
	book := filepath.Join(t.TempDir(), "台账.xlsx")
	tv.export(book)
	if st, err := os.Stat(book); err != nil || st.Size() < 1000 || !strings.Contains(tv.done.Text, "台账已保存到") {
		t.Errorf("export: %v %q %q", err, tv.done.Text, tv.problem.Label.Text)
	}
	for _, v := range []*synctest.Device{a, b} {
		synctest.Sync(t, town, v)
	}
	bv, shotB := session(b, store.RoleVillage, store.RoleSecretary)
	bv.open(0)
	if !shows(bv.s.Window, "退回理由：未见整改措施") || bv.cell(0, 3) != "已退回" {
		t.Errorf("B does not see the return: %q", texts(bv.s.Window))
	}
	shotB("tasks-village-returned.png")

	// B's home screen lists the item with its days left and the reason.
	u, w := newTestUI(t, b.Fixture)
	login(t, u, b.Admin, storetest.Password)
	capture(t, w, "tasks-village-home.png")
	if all := strings.Join(texts(w), " "); !strings.Contains(all, "三会一课记录不全（还剩 11 天）") || !strings.Contains(all, "退回理由：未见整改措施") ||
		!strings.Contains(all, "佐证要求：补开支委会的会议记录照片") {
		t.Errorf("B's home does not show the item: %s", all)
	}
}

// redPhoto is a pure red picture, easy to find on a captured screen.
func redPhoto(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: 230, A: 255})
		}
	}
	return img
}

// redPixels counts the pixels of a capture that are the red of redPhoto.
func redPixels(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 > 200 && g>>8 < 40 && bl>>8 < 40 {
				n++
			}
		}
	}
	return n
}
