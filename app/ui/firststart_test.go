package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// memberCount counts the members in the data file at path (opened and closed again).
func memberCount(t *testing.T, path string) (n int, setUp, isDemo bool) {
	t.Helper()
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, err := db.Members(context.Background(), store.MemberFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	isDemo, err = db.IsDemo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(ms), db.Device() != "", isDemo
}

// Issue 22: the demo mixed with the real roster (103 imported members 「已连续 23 个月未交党费」).
// The first start offers 「先看演示」 in a file of its own and 「开始使用」 on the clean one; an
// import into the demo says so and offers the clean start, which lands on the setup wizard
// of the untouched real file.
func TestFirstStartKeepsTheDemoApart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "zhibu.db")
	clock := storetest.NewClock(storetest.DefaultTime)
	db, err := store.Open(context.Background(), path, store.Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	w := newTestWindow(t)
	u := newAppUI(w, path, clock.Now)
	t.Cleanup(u.close)
	u.attach(db)
	if u.firstF == nil || !shows(w, "先看演示") || !shows(w, "开始使用") {
		t.Fatalf("the first start does not offer 先看演示 and 开始使用: %q", texts(w))
	}
	offer := fmt.Sprintf("%d 到%d名虚构的党员", demo.VillageMembersMin, demo.VillageMembersMax) // kept whole (keepTogether)
	if !labelContains(w, offer) {
		t.Errorf("the demo offer does not say %q", offer)
	}
	capture(t, w, "first-start.png")

	test.Tap(u.firstF.demo)
	settle()
	if want := demoPath(path, store.RoleVillage); u.dbPath != want {
		t.Fatalf("the demo opened %s, want its own file %s", u.dbPath, want)
	}
	if u.loginF == nil || u.loginF.name.Text != "演示书记" || !labelContains(w, "虚构") {
		t.Fatalf("the demo's login does not say it is the demo with its account: %q", texts(w))
	}
	test.Tap(u.loginF.submit)
	settle()
	if u.shell == nil {
		t.Fatalf("the demo account does not log in: %q", u.loginF.problem.Text)
	}
	if !labelContains(w, "演示文件：这里的党员和记录都是虚构的") || button(w, "结束演示，开始使用") == nil {
		t.Errorf("the demo's window does not say it is the demo")
	}
	capture(t, w, "demo-home.png")
	n, _, isDemo := memberCount(t, u.dbPath)
	if n < demo.VillageMembersMin || n > demo.VillageMembersMax || !isDemo {
		t.Errorf("the demo file has %d members (demo %v); the offer says %s", n, isDemo, offer)
	}
	if n, setUp, _ := memberCount(t, path); n != 0 || setUp {
		t.Errorf("the real file got %d members (set up: %v) from the demo", n, setUp)
	}

	// 导入名册 in the demo: it says so and offers the clean start.
	u.shell.show("members")
	settle()
	test.Tap(button(w, assets.T("Import roster")))
	if !shows(w, "这是演示文件") {
		t.Fatalf("importing into the demo does not say it is the demo: %q", texts(w))
	}
	capture(t, w, "demo-import.png")
	test.Tap(button(w, "开始使用空白台账"))
	settle()
	if u.dbPath != path || u.setupF == nil {
		t.Fatalf("the clean start did not open the setup of the real file (%s, setup %v)", u.dbPath, u.setupF != nil)
	}
	fillSetup(u.setupF, 0, "410928002", "李寨村党支部", "李书记", "secret123", "secret123")
	test.Tap(u.setupF.submit)
	login(t, u, "李书记", "secret123")
	if shows(w, "结束演示，开始使用") {
		t.Error("the real file shows the demo banner")
	}
	if n, setUp, isDemo := memberCount(t, path); n != 0 || !setUp || isDemo {
		t.Errorf("the real file: %d members, set up %v, demo %v; want an empty, set-up, real file", n, setUp, isDemo)
	}
}

// A real data file the command line filled with demo data (zhibu demo) says so too, and the
// clean start moves it into the demo folder and sets up an empty file in its place.
func TestADemoFilledFileOffersTheCleanStart(t *testing.T) {
	f := storetest.New(t, storetest.Params{Role: store.RoleVillage, OrgCode: "410928001", OrgName: "张庄村党支部"})
	if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: 3}); err != nil {
		t.Fatal(err)
	}
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("members")
	settle()
	test.Tap(button(w, assets.T("Import roster")))
	if !shows(w, "这是演示文件") {
		t.Fatalf("importing into a demo-filled file does not say so: %q", texts(w))
	}
	test.Tap(button(w, "开始使用空白台账"))
	test.Tap(button(w, "开始使用空白台账")) // the question what happens to the file
	settle()
	if u.setupF == nil || u.dbPath != f.Path {
		t.Fatalf("the clean start did not set up a new file in place (setup %v, %s)", u.setupF != nil, u.dbPath)
	}
	moved, _ := filepath.Glob(filepath.Join(filepath.Dir(f.Path), demoFolder, "zhibu-demo-*.db"))
	if len(moved) != 1 {
		t.Fatalf("the demo-filled file was not moved aside: %v", moved)
	}
	if n, _, isDemo := memberCount(t, moved[0]); n == 0 || !isDemo {
		t.Errorf("the moved file has %d members, demo %v", n, isDemo)
	}
	if _, err := os.Stat(f.Path); err != nil {
		t.Errorf("no new data file in place: %v", err)
	}
}
