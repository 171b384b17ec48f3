package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"zhibu/app/notice"
	"zhibu/store"
	"zhibu/sync/exchange"
	"zhibu/sync/synctest"
	"zhibu/sync/usb"
)

// Issue 22: the guide covers a village's real first week. Each step's button opens its
// screen (step 6 the sync page's U盘 tab; step 2 the committee dialog itself), and each step
// says whether it is done, read off the database: roster imported, committee marked, this
// month's theme day recorded and its 活动情况 printed, a notice posted, paired, a first bundle
// written.
func TestGuideStepsOpenTheirScreensAndSayWhenDone(t *testing.T) {
	town := synctest.Township(t)
	village := synctest.Village(t, "410928001", "张庄村党支部")
	openSyncNode = func(*store.DB) (*exchange.Node, error) { return village.Node, nil }
	t.Cleanup(func() {
		openSyncNode = func(db *store.DB) (*exchange.Node, error) { return exchange.Open(db.Replica()) }
		pendingSyncTab = ""
	})
	w := newTestWindow(t)
	shown := ""
	s := &Session{Ctx: village.Ctx, DB: village.DB, Home: village.Org, Role: store.RoleVillage, Window: w,
		User: store.User{Name: village.Admin, Role: store.RoleSecretary}}
	s.Show = func(id string) { shown = id }
	guide := func() {
		t.Helper()
		w.SetContent(makeGuide(s))
		settle()
	}
	says := func(want ...string) {
		t.Helper()
		for _, x := range want {
			if !labelContains(w, x) {
				t.Errorf("the guide does not say %q", x)
			}
		}
	}
	month := store.MonthOf(village.DB.Now()).String()

	// An empty PC: nothing done, and each step says what is missing.
	guide()
	says("还没做：党员名册还是空的。", "还没做：请先导入党员名册（第一步）。", "还没做："+month+"还没有主题党日的记录。",
		"还没做：还没有登记张贴过公示。", "还没做：本机还没有与乡镇配对。", "还没做：请先与乡镇配对（第五步）。")
	if labelContains(w, "✓ 已完成") {
		t.Error("an empty PC has a step done")
	}
	capture(t, w, "guide-steps-empty.png")
	for label, want := range map[string]string{"打开“党员名册”": "members", "打开“主题党日”": "theme-day", "打开“公示栏”": "notices",
		"打开“同步”": "sync", "打开“同步”的“U盘”页": "sync", "打开“会议记录”": "meetings"} {
		shown, pendingSyncTab = "", ""
		b := button(w, label)
		if b == nil {
			t.Errorf("no button %q", label)
			continue
		}
		test.Tap(b)
		if shown != want {
			t.Errorf("%q opened %q, want %q", label, shown, want)
		}
		usbTab := pendingSyncTab == syncTabUSB
		if want == "sync" {
			if tabs := findTabs(t, makeSync(s)); (tabs.SelectedIndex() == 1) != strings.Contains(label, "U盘") {
				t.Errorf("%q opened the sync page on tab %d", label, tabs.SelectedIndex())
			}
		} else if usbTab {
			t.Errorf("%q asked for the U盘 tab", label)
		}
	}
	// Step 2 with an empty roster says to import first; with members it opens the dialog.
	test.Tap(button(w, "标记书记和委员"))
	if !labelContains(w, "党员名册还是空的") {
		t.Errorf("marking the committee of an empty roster: %q", texts(w))
	}
	if b := button(w, "关闭"); b != nil {
		test.Tap(b)
	} else {
		t.Errorf("the message has no 关闭 button: %q", texts(w))
	}

	// The week done: 3 members, a 书记, the theme day recorded and printed, a notice posted,
	// paired, one bundle written.
	sec := village.AddMember(t, "张建国", "1965-03-01", "1990-07-01", 11)
	village.AddMember(t, "李秀英", "1970-05-01", "1995-07-01", 12)
	village.AddMember(t, "王军", "1980-05-01", "2005-07-01", 13)
	guide()
	says("✓ 已完成：名册里有3名党员。", "还没做：还没有人标记为书记或委员。")
	test.Tap(button(w, "标记书记和委员"))
	if !shows(w, "标记支部委员会") && !labelContains(w, "书记") {
		t.Errorf("the committee dialog did not open: %q", texts(w))
	}
	test.Tap(button(w, "取消"))
	if err := village.DB.SetCommittee(village.Ctx, village.Org.ID, map[string]string{sec: store.PositionSecretary}, ""); err != nil {
		t.Fatal(err)
	}
	m, err := village.DB.NewThemeDay(village.Ctx, village.Org.ID, month)
	if err != nil {
		t.Fatal(err)
	}
	m.Topic = "学习党章"
	held, err := village.DB.SaveMeeting(village.Ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	guide()
	says("✓ 已完成：书记和委员已标记。", "已记录；活动情况还没有打印。")
	// Steps 1 and 2 done: the guide opens scrolled to step 3, its title at the top.
	var scroll *container.Scroll
	var step3 fyne.CanvasObject
	for _, o := range objects(w) {
		if sc, ok := o.(*container.Scroll); ok && scroll == nil {
			scroll = sc
		}
		if l, ok := o.(*canvas.Text); ok && l.Text == "第三步：记录主题党日和出席情况" && step3 == nil {
			step3 = l
		}
	}
	if scroll == nil || step3 == nil {
		t.Fatal("no scroll or no step 3 in the guide")
	}
	if y := fyne.CurrentApp().Driver().AbsolutePositionForObject(step3).Y - fyne.CurrentApp().Driver().AbsolutePositionForObject(scroll).Y; scroll.Offset.Y <= 0 || y < 0 || y > 60 {
		t.Errorf("the guide with steps 1–2 done: scrolled %v, step 3's title %v below the top", scroll.Offset.Y, y)
	}
	id, err := village.DB.RecordNoticePrinted(village.Ctx, village.Org.ID, notice.ThemeDayReport, month, held.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := village.DB.MarkNoticePosted(village.Ctx, id, village.DB.Now().Format("2006-01-02"), nil); err != nil {
		t.Fatal(err)
	}
	synctest.Pair(t, town, village)
	guide()
	says("✓ 已完成："+month+"的主题党日已记录，活动情况已打印。", "✓ 已完成：已有公示登记为已张贴。",
		"✓ 已完成：已与城关镇党委配对。", "还没做：还没有给城关镇党委写过同步包。")
	if _, err := usb.Export(village.Ctx, village.Node, filepath.Join(t.TempDir(), usb.Folder), nil); err != nil {
		t.Fatal(err)
	}
	guide()
	says("给城关镇党委写过同步包。")
	if labelContains(w, "还没做") {
		t.Errorf("a step is still not done: %q", texts(w))
	}
	capture(t, w, "guide-steps-done.png")
	w.Resize(fyne.NewSize(1366, 700))
}
