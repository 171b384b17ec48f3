package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

// Tests of the desktop experience (issue 11): dates, keyboard, attendance, busy work, text
// size, the import report. Set ZHIBU_SHOTS=DIR to save the screens as PNGs to look at.

func TestNormalizeDate(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"2026-11-29", "2026-11-29", true},
		{"2026.11.29", "2026-11-29", true},
		{"20261129", "2026-11-29", true},
		{"2007-7-1", "2007-07-01", true},
		{"2026/11/29", "2026-11-29", true},
		{"2026年11月29日", "2026-11-29", true},
		{"2026年1月2号", "2026-01-02", true},
		{" 2026 11 29 ", "2026-11-29", true},
		{"２０２６．１１．２９", "2026-11-29", true}, // full-width, typed with a Chinese IME
		{"2024-02-29", "2024-02-29", true},
		{"2026-02-29", "", false}, // not a leap year
		{"2026-13-01", "", false},
		{"2026-11-00", "", false},
		{"26-11-29", "", false},
		{"2026-11", "", false},
		{"1899-12-31", "", false},
		{"2026-11-29-1", "", false},
		{"abc", "", false},
		{"", "", false},
	} {
		got, ok := normalizeDate(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("normalizeDate(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestDateFieldNormalisesOnLeavingAndExplains(t *testing.T) {
	w := newTestWindow(t)
	f := newDateField(w)
	other := widget.NewEntry()
	w.SetContent(widget.NewForm(widget.NewFormItem("日期", f), widget.NewFormItem("其他", other)))
	w.Canvas().Focus(f.entry)
	test.Type(f.entry, "2026.11.29")
	w.Canvas().Focus(other) // leaving the field
	if f.entry.Text != "2026-11-29" || f.Problem() != "" {
		t.Errorf("after leaving: %q, problem %q", f.entry.Text, f.Problem())
	}
	f.SetDate("")
	test.Type(f.entry, "2026-02-30")
	msg := f.Problem()
	if msg == "" || strings.Contains(msg, "2006") || !strings.Contains(msg, "2026-02-30") || !strings.Contains(msg, "日历") {
		t.Errorf("message for a bad date: %q", msg)
	}
	if err := f.Validate(); err == nil || err.Error() != msg {
		t.Errorf("form hint %v, want %q", err, msg)
	}
	f.SetDate("20260228") // fixed: the message goes at once
	if f.Problem() != "" || f.Date() != "2026-02-28" {
		t.Errorf("fixed date: %q, problem %q", f.Date(), f.Problem())
	}
	test.Tap(f.pick)
	capture(t, w, "date-calendar.png")
	if !shows(w, "2026年2月") || !shows(w, "今天") {
		t.Errorf("the calendar is not in Chinese: %q", texts(w))
	}
	test.Tap(button(w, "14"))
	if f.Date() != "2026-02-14" {
		t.Errorf("picked %q, want 2026-02-14", f.Date())
	}
}

// meetingsWithKeys is the meetings screen of a demo village with the window's keys bound,
// as the shell binds them.
func meetingsWithKeys(t *testing.T) (*storetest.Fixture, *meetingsView, fyne.Window) {
	t.Helper()
	f := orglifeVillage(t)
	w := newTestWindow(t)
	s := orglifeSession(t, f, w)
	s.Keys = &keyMap{}
	bindKeys(w, func() *keyMap { return s.Keys })
	v := newMeetingsView(s)
	w.SetContent(v.root)
	return f, v, w
}

func TestEscAsksBeforeDiscardingATypedMeeting(t *testing.T) {
	_, v, w := meetingsWithKeys(t)
	esc := &fyne.KeyEvent{Name: fyne.KeyEscape}

	// Nothing typed: Esc goes straight back.
	test.Tap(button(w, "记录会议"))
	v.form.topic.TypedKey(esc)
	if v.form != nil {
		t.Fatal("Esc on an untouched form did not go back")
	}

	test.Tap(button(w, "记录会议"))
	form := v.form
	test.Type(form.topic, "研究冬季防火")
	form.topic.TypedKey(esc)
	if !shows(w, "放弃修改？") {
		t.Fatalf("Esc with a typed topic did not ask: %q", texts(w))
	}
	capture(t, w, "meeting-discard.png")
	test.Tap(button(w, "继续填写"))
	if v.form != form || form.topic.Text != "研究冬季防火" {
		t.Fatal("keep editing lost the form")
	}
	test.Tap(button(w, "返回会议列表"))
	if !shows(w, "放弃修改？") {
		t.Fatal("the back button discards a typed meeting without asking")
	}
	test.Tap(button(w, "放弃"))
	if v.form != nil {
		t.Fatal("discard did not go back")
	}
}

func TestEnterMovesOnAndOnlyCtrlSSaves(t *testing.T) {
	_, v, w := meetingsWithKeys(t)
	before := len(v.rows)
	test.Tap(button(w, "记录会议"))
	v.form.date.SetDate(v.s.DB.Now().Format("2006-01-02"))
	w.Canvas().Focus(v.form.topic)
	test.Type(v.form.topic, "研究冬季防火")
	// Enter (also what a pinyin IME commits with) moves to the next box and saves nothing
	// (issue 22: it saved a half-filled 支委会).
	v.form.topic.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if v.form == nil || len(v.rows) != before {
		t.Fatalf("Enter saved the record: form %v, rows %d → %d", v.form != nil, before, len(v.rows))
	}
	if w.Canvas().Focused() == fyne.Focusable(v.form.topic) {
		t.Error("Enter did not move to the next box")
	}
	w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(ctrlS)
	if v.form != nil || len(v.rows) != before+1 {
		t.Fatalf("Ctrl+S did not save: form %v, rows %d → %d", v.form != nil, before, len(v.rows))
	}
}

func TestAttendanceTickBoxes(t *testing.T) {
	f, v, w := meetingsWithKeys(t)
	// A floating member starts as 流动在外.
	id := f.AddMember(t, "孙流动", "1990-03-04", "2015-07-01", 77)
	m, err := f.DB.Member(f.Ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	m.Category = "floating"
	if err := f.DB.UpdateMember(f.Ctx, m); err != nil {
		t.Fatal(err)
	}
	test.Tap(button(w, "记录会议"))
	form := v.form
	form.kind.SetSelected(store.MeetingKind.Label(store.MeetingGeneral))
	form.date.SetDate("2026-11-27")
	test.Type(form.topic, "学习党章")
	form.tabs.SelectIndex(1)
	var floating *attendRow
	for _, r := range form.attend {
		if r.a.MemberID == id {
			floating = r
		}
	}
	if floating == nil || floating.present.Checked || floating.status() != store.AttendFloating {
		t.Fatalf("the floating member is not pre-marked 流动在外: %+v", floating)
	}
	n := len(form.attend)
	test.Tap(button(w, "全部未到"))
	if !strings.Contains(form.attendSum.Text, fmt.Sprintf("实到 %d", 0)) {
		t.Errorf("none present: %q", form.attendSum.Text)
	}
	test.Tap(button(w, "反选"))
	if !strings.Contains(form.attendSum.Text, fmt.Sprintf("实到 %d", n)) {
		t.Errorf("inverted: %q", form.attendSum.Text)
	}
	first := form.attend[0].present
	test.TapAt(first, fyne.NewPos(5, first.Size().Height/2)) // untick the first: a reason appears
	if form.attend[0].reason.Disabled() || form.attend[0].status() != store.AttendLeave {
		t.Errorf("unticked member: reason disabled %v, status %s", form.attend[0].reason.Disabled(), form.attend[0].status())
	}
	form.attend[0].reason.SetSelected(store.Attendance.Label(store.AttendSick))
	floating.present.SetChecked(false)
	floating.reason.SetSelected(store.Attendance.Label(store.AttendFloating))
	capture(t, w, "meeting-attendance.png")
	test.Tap(button(w, "保存"))
	if v.form != nil {
		t.Fatalf("not saved: %q", form.problem.Text)
	}
	var saved store.Meeting
	for _, r := range v.rows {
		if r.Topic == "学习党章" {
			saved, _ = f.DB.Meeting(f.Ctx, r.ID)
		}
	}
	got := map[string]string{}
	for _, a := range saved.Attendance {
		got[a.MemberID] = a.Status
	}
	if got[id] != store.AttendFloating || got[form.attend[0].a.MemberID] != store.AttendSick || len(got) != n {
		t.Errorf("saved attendance %v", got)
	}
	if !shows(w, "学习党章") {
		t.Error("the list does not show the new meeting")
	}
}

func TestCtrlFFocusesTheSearch(t *testing.T) {
	f := storetest.Village(t)
	f.AddMember(t, "张三", "1965-01-01", "1990-07-01", 11)
	f.AddMember(t, "李四", "1978-05-05", "2000-07-01", 13)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("members")
	w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(ctrlF)
	search := focusableWithPlaceholder(w, assets.T("Search: name, pinyin initials (zs), pinyin, or the last digits of the ID number"))
	if w.Canvas().Focused() != search {
		t.Fatalf("Ctrl+F focused %T", w.Canvas().Focused())
	}
	test.Type(search, "zs")
	if !shows(w, "张三") || shows(w, "李四") {
		t.Errorf("search zs: %q", texts(w))
	}
	// Ctrl+F typed inside a box reaches the window too.
	search.(*keyEntry).TypedShortcut(ctrlF)
	search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) // Esc clears the search
	if !shows(w, "李四") {
		t.Errorf("Esc did not clear the search: %q", texts(w))
	}
}

func TestBusyDialogShowsProgressAndCancels(t *testing.T) {
	w := newTestWindow(t)
	inlineWork = false
	t.Cleanup(func() { inlineWork = true })
	w.SetContent(widget.NewLabel(""))
	started := make(chan struct{})
	var got error
	done := false
	runBusy(w, context.Background(), "正在导入 花名册.xlsx……", func(ctx context.Context, p Progress) error {
		p(1200, 3000)
		close(started)
		<-ctx.Done() // a long transaction that stops when cancelled
		return ctx.Err()
	}, func(err error) { got, done = err, true })
	<-started
	test.Tap(buttonNow(w, "取消"))
	settle()
	if !done || !canceled(got) {
		t.Fatalf("finished %v with %v", done, got)
	}
	if len(w.Canvas().Overlays().List()) != 0 {
		t.Error("the busy dialog stayed open")
	}
}

func TestBusyDialogLooks(t *testing.T) {
	w := newTestWindow(t)
	inlineWork = false
	t.Cleanup(func() { inlineWork = true })
	w.SetContent(widget.NewLabel(""))
	release := make(chan struct{})
	shown := make(chan struct{})
	runBusy(w, context.Background(), "正在读取 /media/usb 上的同步包……", func(ctx context.Context, p Progress) error {
		p(1200, 3000)
		close(shown)
		<-release
		return nil
	}, func(error) {})
	<-shown
	capture(t, w, "busy.png")
	if buttonNow(w, "取消") == nil {
		t.Error("the busy dialog has no Cancel button")
	}
	close(release)
	settle()
}

// Checking a roster with bad rows opens the report listing them (not only a one-line error).
func TestCheckingABadRosterListsItsProblems(t *testing.T) {
	f := storetest.Village(t)
	w := newTestWindow(t)
	s := orglifeSession(t, f, w)
	v := newMembersView(s)
	w.SetContent(v.root)
	path := filepath.Join(t.TempDir(), "花名册.csv")
	csv := "姓名,身份证号码,入党时间\n张三,410928198001010000,2005-07-01\n李四,123,2005-07-01\n"
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	v.checkImport(path)
	settle()
	if w.Canvas().Overlays().Top() == nil || !shows(w, "名册有问题") || !shows(w, "3") {
		t.Fatalf("no problem report: %v", texts(w))
	}
}

func TestImportProblemReportFitsTheWindow(t *testing.T) {
	for _, pct := range []int{100, 150} {
		t.Run(fmt.Sprint(pct), func(t *testing.T) {
			f := storetest.Village(t)
			w := newTestWindow(t)
			setTextSize(pct)
			s := orglifeSession(t, f, w)
			v := newMembersView(s)
			w.SetContent(v.root)
			rep := store.ImportReport{Rows: 3000, Ignored: []string{"备注2"}}
			for i := range 40 {
				rep.Problems = append(rep.Problems, store.ImportProblem{Row: 10 + i, Column: "身份证号",
					Reason: "身份证号 41092819800101011X 的校验位不对：请核对最后一位（可能是 0–9 或 X）。"})
			}
			v.showImportReport(rep, "/home/user/文档/花名册.xlsx")
			capture(t, w, fmt.Sprintf("import-problems-%d.png", pct))
			ov := w.Canvas().Overlays().Top()
			if ov == nil {
				t.Fatal("no report")
			}
			var msg *widget.Label
			var table *widget.Table
			for _, o := range test.LaidOutObjects(ov) {
				if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "40 处问题") {
					msg = l
				}
				if tb, ok := o.(*widget.Table); ok {
					table = tb
				}
			}
			if msg == nil || table == nil {
				t.Fatalf("report lacks the message or the table: %q", texts(w))
			}
			if msg.Size().Width < 500 || msg.Size().Height > 150 {
				t.Errorf("the message is laid out %v (one character per line?)", msg.Size())
			}
			if table.Size().Height < 200 {
				t.Errorf("the problem table is %v high", table.Size())
			}
			if !shows(w, "校验位不对") {
				t.Error("the problem rows are not listed")
			}
		})
	}
}

func TestTextSizeIsRememberedPerUser(t *testing.T) {
	f := orglifeVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	var sel *widget.Select
	for _, o := range objects(w) {
		if s, ok := asSelect(o); ok && strings.HasPrefix(s.Selected, "字号") {
			sel = s
		}
		if s, ok := o.(*safeSelect); ok && strings.HasPrefix(s.Selected, "字号") {
			sel = &s.Select
		}
	}
	if sel == nil || sel.Selected != "字号 100%" {
		t.Fatalf("no text size choice in the top bar: %v", sel)
	}
	sel.SetSelectedIndex(2)
	settle()
	if textScale() != 1.5 {
		t.Fatalf("text scale %v after choosing 150%%", textScale())
	}
	capture(t, w, "home-150.png")
	u.shell.show("meetings")
	capture(t, w, "meetings-150.png")
	test.Tap(button(w, "记录会议"))
	capture(t, w, "meeting-form-150.png")
	test.Tap(button(w, assets.T("Log out")))
	setTextSize(100)
	login(t, u, f.Admin, storetest.Password)
	if textScale() != 1.5 {
		t.Errorf("text scale %v after logging in again, want 1.5", textScale())
	}
}

func TestTownshipHomeListsVillages(t *testing.T) {
	f := storetest.Township(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	// The township opens on the villages overview; its findings of the month are on 首页.
	if u.shell.current != "overview" || !shows(w, "各村概览") {
		t.Errorf("the township does not open on the villages overview: %q", u.shell.current)
	}
	u.shell.show("home")
	capture(t, w, "home-township.png")
	if !shows(w, "本月") && !labelContains(w, "本月") {
		t.Errorf("township home: %q", texts(w))
	}
}

func TestHomeFindingsOpenTheirScreen(t *testing.T) {
	f := orglifeVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	capture(t, w, "home-findings.png")
	b := button(w, "去处理")
	if b == nil {
		t.Fatalf("no finding can be opened: %q", texts(w))
	}
	test.Tap(b)
	if u.shell.current == "home" {
		t.Error("the finding's button did not leave the home screen")
	}
	u.shell.show("home")
	var q *widget.Button
	for _, o := range objects(w) {
		if bt, ok := o.(*widget.Button); ok && bt.Text == "" && bt.Importance == widget.LowImportance {
			q = bt
		}
	}
	if q == nil {
		t.Fatal("no \"?\" beside a rule-driven finding")
	}
	test.Tap(q)
	if !shows(w, "依据") {
		t.Errorf("the \"?\" does not cite the rule: %q", texts(w))
	}
	capture(t, w, "home-rule.png")
}

// buttonNow finds a button without waiting for background work (which may be waiting for it).
func buttonNow(w fyne.Window, text string) *widget.Button {
	for _, o := range w.Canvas().Overlays().List() {
		for _, x := range test.LaidOutObjects(o) {
			if b, ok := x.(*widget.Button); ok && b.Text == text {
				return b
			}
		}
	}
	return nil
}

func TestChineseFilePicker(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	docs := filepath.Join(home, "文档")
	for _, d := range []string{docs, filepath.Join(docs, "2026年"), filepath.Join(home, "桌面")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []string{"花名册.xlsx", "说明.txt", "旧花名册.CSV"} {
		os.WriteFile(filepath.Join(docs, n), []byte("x"), 0o644)
	}
	stick := t.TempDir()
	old := drives
	drives = func() []string { return []string{stick} }
	t.Cleanup(func() { drives = old })

	w := newTestWindow(t)
	w.SetContent(widget.NewLabel(""))
	var got string
	chooseFile(w, filePick{Mode: pickOpen, Title: "选择花名册文件", Purpose: "roster", Exts: []string{".xlsx", ".csv"}}, func(p string) { got = p })
	capture(t, w, "file-open.png")
	for _, want := range []string{"文档", "桌面", "个人文件夹", "U盘", "此电脑", "2026年", "花名册.xlsx", "旧花名册.CSV"} {
		if !shows(w, want) {
			t.Errorf("the dialog lacks %q: %q", want, texts(w))
		}
	}
	for _, bad := range []string{"Home", "Computer", "Documents", "说明.txt"} {
		if shows(w, bad) {
			t.Errorf("the dialog shows %q", bad)
		}
	}
	var list *widget.List
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		if l, ok := o.(*widget.List); ok {
			list = l // the second list: the folder's content
		}
	}
	list.Select(1) // 旧花名册.CSV after the folder 2026年
	test.Tap(button(w, "打开"))
	if got != filepath.Join(docs, "旧花名册.CSV") {
		t.Fatalf("chose %q", got)
	}

	// Saving proposes the name, adds the ending, and starts in the folder used last.
	chooseFile(w, filePick{Mode: pickSave, Title: "保存花名册", Purpose: "roster", Exts: []string{".xlsx"}, Name: "花名册导出.xlsx"}, func(p string) { got = p })
	for _, o := range objects(w) {
		if k, ok := o.(*keyEntry); ok && k.Text == "花名册导出.xlsx" {
			k.SetText("十一月名册")
		}
	}
	capture(t, w, "file-save.png")
	test.Tap(button(w, "保存"))
	if got != filepath.Join(docs, "十一月名册.xlsx") {
		t.Errorf("saved as %q", got)
	}
	showSaved(w, "花名册已保存", got)
	capture(t, w, "file-saved.png")
	if !shows(w, got) && !labelContains(w, got) {
		t.Errorf("the full path is not shown: %q", texts(w))
	}
	if button(w, "打开文件夹") == nil {
		t.Error("no button to open the folder")
	}
}

func TestThemeDayPrintsItsProgramme(t *testing.T) {
	f := orglifeVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("theme-day")
	capture(t, w, "themeday.png")
	test.Tap(button(w, "打印活动安排（张贴用）"))
	if u.shell.current != "notices" {
		t.Fatalf("print opened %q", u.shell.current)
	}
	var kind, period *widget.Select
	for _, o := range objects(w) {
		if s, ok := asSelect(o); ok && strings.Contains(s.Selected, "主题党日") {
			kind = s
		}
		if s, ok := asSelect(o); ok && strings.Contains(s.Selected, "2026年") {
			period = s
		}
	}
	if kind == nil || period == nil {
		t.Errorf("the notice screen is not set to the theme day programme: %q", texts(w))
	}
	capture(t, w, "themeday-notice.png")
}
