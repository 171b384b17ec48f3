package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

// The home screen offers the guide until it is opened; the guide's steps each open their
// screen; the "?" in the top bar comes back to it; "do not show again" ends the offer.
func TestFirstUseGuide(t *testing.T) {
	f := orglifeVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	if !labelContains(w, "第一次使用支部台账") {
		t.Fatalf("the first login does not offer the guide: %q", texts(w))
	}
	capture(t, w, "guide-offer.png")
	test.Tap(button(w, "打开指南"))
	if u.shell.current != "guide" {
		t.Fatalf("\"open the guide\" went to %q", u.shell.current)
	}
	capture(t, w, "guide.png")
	steps := map[string]string{"members": "党员名册", "meetings": "会议记录", "theme-day": "主题党日", "notices": "公示栏", "sync": "同步"}
	for id := range steps {
		title := ""
		for _, sc := range Screens(u.role) {
			if sc.ID == id {
				title = assets.T(sc.Title)
			}
		}
		b := button(w, "打开“"+title+"”")
		if b == nil {
			t.Errorf("no button opens %s (%s): %q", id, title, texts(w))
			continue
		}
		test.Tap(b)
		if u.shell.current != id {
			t.Errorf("the guide's button for %s opened %q", id, u.shell.current)
		}
		test.Tap(button(w, "使用指南")) // the "?" in the top bar
		if u.shell.current != "guide" {
			t.Fatalf("the top bar's guide button opened %q", u.shell.current)
		}
	}
	// The real first week (issue 22): import, committee, theme day, notice, pairing, USB.
	for _, want := range []string{"第一步：导入党员名册", "第二步：标记书记和委员", "第三步", "第四步", "第五步：与乡镇配对", "第六步", "打印活动情况", "写入U盘", "导出配对文件"} {
		if !shows(w, want) && !labelContains(w, want) {
			t.Errorf("the guide lacks %q", want)
		}
	}
	test.Tap(button(w, assets.T("Log out")))
	login(t, u, f.Admin, storetest.Password)
	if labelContains(w, "第一次使用支部台账") {
		t.Error("the guide is offered again after it was opened")
	}
	// Another user is offered it, and can dismiss it without opening it.
	if _, err := f.DB.AddUser(f.Ctx, "记录员", store.RoleRecorder, storetest.Password); err != nil {
		t.Fatal(err)
	}
	test.Tap(button(w, assets.T("Log out")))
	login(t, u, "记录员", storetest.Password)
	if !labelContains(w, "第一次使用支部台账") {
		t.Fatal("a new user is not offered the guide")
	}
	test.Tap(button(w, "不再提示"))
	u.shell.show("home")
	if labelContains(w, "第一次使用支部台账") {
		t.Error("the offer is back after \"do not show again\"")
	}
	test.Tap(button(w, assets.T("Log out")))
	login(t, u, f.Admin, storetest.Password)
	fyne.CurrentApp().Preferences().SetInt(textSizePref(u.user.ID), 150)
	t.Cleanup(func() { setTextSize(100) })
	u.onLogin(u.user) // what the text size choice does: build the window again
	u.shell.show("guide")
	capture(t, w, "guide-150.png")
	if !strings.Contains(strings.Join(texts(w), "\n"), "第四步") {
		t.Error("the guide at 150% lost its steps")
	}
}
