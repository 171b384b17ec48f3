package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/rules"
	"zhibu/store/storetest"
)

// formCase is a record form of a screen and the box typed into.
type formCase struct {
	screen string
	tab    string // catalog key of the tab holding the form ("": the first)
	field  string // the box's placeholder as shown ("": the screen's first one-line box)
}

// The record forms without a guard of their own before issue 22's last round (the meeting
// form, the member file, 四议两公开 and the 发展党员 step form have their own tests). Not here:
// 一张表 (its marks need an .xlsx form loaded), the member stars tab (its ticks need a member
// chosen), and the township's assessment and review rating (a village's result chosen).
var villageForms = []formCase{
	{screen: "appraisal", field: "Appraisal note"},
	{screen: "transfers", field: "Receiving organisation"},
	{screen: "memberpart", field: "What the member commits to"},
	{screen: "memberpart", tab: "Volunteer service", field: "The activity"},
	{screen: "points", field: "What the points are for"},
	{screen: "dues", field: "Amount, yuan"},
	{screen: "dues", tab: "Use of dues", field: "What the money was used for"},
	{screen: "dues", tab: "Amounts", field: "Monthly income or pension, yuan"},
	{screen: "stars", field: "Note on the self-assessment"},
	{screen: "stars", tab: "Secretary's report (述职)", field: "The report on the year's party work: what was done, the problems, and next year's plans."},
	{screen: "tasks", field: "What was done"},
	{screen: "theme-day", field: "The month's theme"},
	{screen: "training", tab: "Record a training", field: "e.g. 春季党员集中轮训"},
	{screen: "settings", field: "e.g. 0371-12345678"},
}

var townshipForms = []formCase{
	{screen: "settings"}, // a rule's figure
	{screen: "tasks", tab: "New item", field: "督导, 述职评议, 上级通报, 自查 …"},
	{screen: "visits", tab: "Record a visit", field: "e.g. 李委员、赵干事"},
	{screen: "calendar", field: "Name of the holiday"},
	{screen: "devplan", field: "e.g. 2"},
	{screen: "rectify", tab: "Name a village", field: "Reasons in words (optional)"},
	{screen: "stars", tab: "Star scheme (科学设星)"}, // a star's name
	{screen: "theme-day", field: "The month's theme"},
}

// placeholder is the box's placeholder as drawn (the keys above are catalog keys, except the
// telephone example, which is formatted).
func placeholder(key string) string {
	if key == "e.g. 0371-12345678" {
		return assets.T("e.g. %s", "0371-12345678")
	}
	return assets.T(key)
}

// openFormBox shows the case's screen and tab and returns the box to type into.
func openFormBox(t *testing.T, u *appUI, c formCase) fyne.Focusable {
	t.Helper()
	if c.tab != "" {
		if !chooseTab(u.shell.body, assets.T(c.tab)) {
			t.Fatalf("%s: no tab %s", c.screen, assets.T(c.tab))
		}
		settle()
	}
	if c.field == "" {
		if e := firstOneLineBox(u.shell.body); e != nil {
			return e
		}
		t.Fatalf("%s: no one-line box", c.screen)
	}
	ph := placeholder(c.field)
	for _, o := range test.LaidOutObjects(u.shell.body) {
		switch x := o.(type) {
		case *widget.Entry:
			if x.PlaceHolder == ph && x.Visible() {
				return x
			}
		case *keyEntry:
			if x.PlaceHolder == ph && x.Visible() {
				return x
			}
		}
	}
	t.Fatalf("%s: no box %q", c.screen, ph)
	return nil
}

// chooseTab selects the tab with the title in the first tabs under root that have it.
func chooseTab(root fyne.CanvasObject, title string) bool {
	for _, o := range test.LaidOutObjects(root) {
		if tabs, ok := o.(*container.AppTabs); ok {
			for i, it := range tabs.Items {
				if it.Text == title {
					tabs.SelectIndex(i)
					return true
				}
			}
		}
	}
	return false
}

// firstOneLineBox is the first visible, enabled one-line box under root.
func firstOneLineBox(root fyne.CanvasObject) fyne.Focusable {
	for _, o := range test.LaidOutObjects(root) {
		switch x := o.(type) {
		case *widget.Entry:
			if !x.MultiLine && !x.Disabled() && x.Visible() {
				return x
			}
		case *keyEntry:
			if !x.MultiLine && !x.Disabled() && x.Visible() {
				return x
			}
		}
	}
	return nil
}

func boxText(o fyne.Focusable) string {
	switch x := o.(type) {
	case *widget.Entry:
		return x.Text
	case *keyEntry:
		return x.Text
	}
	return ""
}

func hasDialog(w fyne.Window) bool { return w.Canvas().Overlays().Top() != nil }

// Every record form asks 保存 / 不保存 / 取消 when something typed in it would be lost to the
// sidebar (issue 22: only the meeting form, the member file, 四议两公开 and the 发展党员 step
// asked; the others lost the work without a word). Looking at a screen without typing never
// asks; 取消 keeps the text; 不保存 goes where he clicked.
func TestEveryRecordFormAsksBeforeLeaving(t *testing.T) {
	for _, role := range []string{store.RoleVillage, store.RoleTownship} {
		var f *storetest.Fixture
		cases := villageForms
		if role == store.RoleVillage {
			f = orglifeVillage(t)
		} else {
			f, cases = storetest.Township(t), townshipForms
		}
		u, w := newTestUI(t, f)
		w.Resize(fyne.NewSize(1366, 700))
		login(t, u, f.Admin, storetest.Password)
		elsewhere := u.shell.screens[0].ID
		for _, c := range cases {
			name := role + "/" + c.screen + "/" + c.tab
			u.shell.show(c.screen)
			settle()
			if u.shell.current != c.screen {
				t.Fatalf("%s: not shown", name)
			}
			// Only looking (a tab chosen, the form filled from the store) does not ask.
			openFormBox(t, u, c)
			u.shell.show(elsewhere)
			settle()
			if hasDialog(w) || u.shell.current != elsewhere {
				t.Fatalf("%s: leaving an untouched form asked (or stayed on %s): %q", name, u.shell.current, texts(w))
			}
			u.shell.show(c.screen)
			settle()
			box := openFormBox(t, u, c)
			w.Canvas().Focus(box)
			test.Type(box, "测试12")
			typed := boxText(box)

			u.shell.show(elsewhere)
			if !shows(w, "保存修改吗？") || u.shell.current != c.screen {
				t.Errorf("%s: the sidebar left a typed form without asking (now on %s)", name, u.shell.current)
				continue
			}
			capture(t, w, "guard-"+strings.ReplaceAll(name, "/", "-")+".png")
			tapDialogButton(t, w, "取消")
			if u.shell.current != c.screen || boxText(box) != typed {
				t.Errorf("%s: 取消 did not keep the form (on %s, box %q)", name, u.shell.current, boxText(box))
			}
			u.shell.show(elsewhere)
			tapDialogButton(t, w, "不保存")
			settle()
			if u.shell.current != elsewhere || hasDialog(w) {
				t.Errorf("%s: 不保存 stayed on %s", name, u.shell.current)
			}
		}
	}
}

// Enter in a one-line box of a form moves to the next box and saves nothing: only Ctrl+S and
// the button save (issue 22: Enter saved a half-typed record; a pinyin IME commits with Enter
// too). On the township a rule's figure was saved by Enter.
func TestEnterInAFormNeverSaves(t *testing.T) {
	f := storetest.Township(t)
	u, w := newTestUI(t, f)
	w.Resize(fyne.NewSize(1366, 700))
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("settings")
	settle()
	var rule *keyEntry
	for _, o := range test.LaidOutObjects(u.shell.body) {
		if e, ok := o.(*keyEntry); ok && e.Text == "5" && rule == nil {
			rule = e // the 公示 period (5 working days), the first figure of 发展党员
		}
	}
	if rule == nil {
		t.Fatal("no rule figure of 5 on the settings screen")
	}
	before, _ := f.DB.RuleValue(f.Ctx, rules.PipelinePublicity.Key)
	w.Canvas().Focus(rule)
	rule.SetText("7")
	rule.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	settle()
	if got, _ := f.DB.RuleValue(f.Ctx, rules.PipelinePublicity.Key); got != before {
		t.Fatalf("Enter saved the figure: %s → %s", before, got)
	}
	if w.Canvas().Focused() == fyne.Focusable(rule) {
		t.Error("Enter did not move on to the next box")
	}
	if !u.shell.sess.unsaved() {
		t.Error("the typed figure is not counted as unsaved")
	}
	// Ctrl+S in the box saves it (a plain Fyne box kept Ctrl+S to itself: nothing happened in
	// the real window).
	w.Canvas().Focus(rule)
	rule.TypedShortcut(ctrlS)
	if got, _ := f.DB.RuleValue(f.Ctx, rules.PipelinePublicity.Key); got != "7" || u.shell.sess.unsaved() {
		t.Errorf("Ctrl+S: the figure in force is %s, unsaved %v", got, u.shell.sess.unsaved())
	}

	// In every village form: Enter after typing leaves the form unsaved and moves on.
	v := orglifeVillage(t)
	u, w = newTestUI(t, v)
	w.Resize(fyne.NewSize(1366, 700))
	login(t, u, v.Admin, storetest.Password)
	for _, c := range villageForms {
		u.shell.show(c.screen)
		settle()
		box := openFormBox(t, u, c)
		if e, ok := box.(*widget.Entry); ok && e.MultiLine {
			continue
		}
		if e, ok := box.(*keyEntry); ok && e.MultiLine {
			continue
		}
		w.Canvas().Focus(box)
		test.Type(box, "测试")
		before, _ := v.DB.Digest(v.Ctx, "")
		box.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		settle()
		if after, _ := v.DB.Digest(v.Ctx, ""); after != before || !u.shell.sess.unsaved() {
			t.Errorf("%s/%s: Enter saved (data changed %v, unsaved %v)", c.screen, c.tab, after != before, u.shell.sess.unsaved())
		}
		if w.Canvas().Focused() == box {
			t.Errorf("%s/%s: Enter did not move to the next box", c.screen, c.tab)
		}
		u.shell.show("home")
		if hasDialog(w) {
			tapDialogButton(t, w, "不保存")
		}
	}
}

// A dialog with typed text is not lost or left open to others: the idle lock takes it off
// the window (it stayed over the login screen, where anyone could read it or press its
// buttons) and gives it back as left to the same user; closing the window asks first; 取消 on
// a typed announcement asks.
func TestTypedDialogsSurviveTheLockAndAsk(t *testing.T) {
	f := orglifeVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("users")
	test.Tap(button(w, assets.T("Add user")))
	name := firstOneLineBox(w.Canvas().Overlays().Top())
	if name == nil {
		t.Fatal("no box in the 添加用户 dialog")
	}
	test.Type(name, "王会计")

	u.lock()
	if hasDialog(w) {
		t.Fatal("the dialog stayed over the login screen")
	}
	login(t, u, f.Admin, storetest.Password)
	if !hasDialog(w) || boxText(name) != "王会计" || firstOneLineBox(w.Canvas().Overlays().Top()) != name {
		t.Fatal("the dialog did not come back with the name after the same user's login")
	}

	// Closing the window asks; 继续填写 keeps the dialog.
	u.requestClose()
	if !shows(w, "放弃输入的内容吗？") {
		t.Fatal("closing the window with a typed dialog did not ask")
	}
	capture(t, w, "guard-dialog-close.png")
	tapDialogButton(t, w, assets.T("Keep editing"))
	if !hasDialog(w) || boxText(name) != "王会计" {
		t.Fatal("继续填写 lost the dialog")
	}

	// Another user logging in after the lock does not get it.
	u.lock()
	if _, err := f.DB.AddUser(f.Ctx, "王会计", store.RoleRecorder, "Zhibu-2026-test"); err != nil {
		t.Fatal(err)
	}
	login(t, u, "王会计", "Zhibu-2026-test")
	if hasDialog(w) {
		t.Fatalf("another user found the dialog left open: %q", texts(w))
	}
}

// The township's announcement: 取消 with a typed text asks before it is thrown away.
func TestCancellingATypedAnnouncementAsks(t *testing.T) {
	f := storetest.Township(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("announcements")
	test.Tap(button(w, assets.T("Send an announcement…")))
	title := firstOneLineBox(w.Canvas().Overlays().Top())
	if title == nil {
		t.Fatal("no title box")
	}
	test.Type(title, "关于开展冬季党员冬训的通知")
	tapDialogButton(t, w, assets.T("Cancel"))
	if !shows(w, "放弃输入的内容吗？") {
		t.Fatal("取消 dropped a typed announcement without asking")
	}
	tapDialogButton(t, w, assets.T("Keep editing"))
	if boxText(title) != "关于开展冬季党员冬训的通知" || !hasDialog(w) {
		t.Fatal("继续填写 lost the announcement")
	}
	tapDialogButton(t, w, assets.T("Cancel"))
	tapDialogButton(t, w, assets.T("Discard"))
	if hasDialog(w) {
		t.Fatal("放弃 left the dialog open")
	}
}
