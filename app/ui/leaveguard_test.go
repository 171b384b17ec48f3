package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

// typedMeeting logs in to a demo village, opens a new meeting on the meetings screen and
// types a topic; it returns the form.
func typedMeeting(t *testing.T, u *appUI, w fyne.Window, f *storetest.Fixture) *meetingForm {
	t.Helper()
	u.shell.show("meetings")
	test.Tap(button(w, "记录会议"))
	form := openMeetingForm(u)
	if form == nil {
		t.Fatal("no meeting form")
	}
	test.Type(form.topic, "研究冬季防火")
	return form
}

// openMeetingForm is the meeting form shown on the shell's current screen, if any.
func openMeetingForm(u *appUI) *meetingForm {
	if u.shell == nil || u.shell.sess.guard == nil {
		return nil
	}
	mf, _ := u.shell.sess.guard.owner.(*meetingForm)
	return mf
}

// Leaving a form with changes asks 保存 / 不保存 / 取消: from the sidebar, the guide button,
// the window's close and log-out (issue 22: the sidebar and closing lost the work).
func TestLeavingATypedFormAsks(t *testing.T) {
	f := orglifeVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	typedMeeting(t, u, w, f)

	// The sidebar: 取消 stays on the form with the text.
	u.shell.show("members")
	if !shows(w, "保存修改吗？") || u.shell.current != "meetings" {
		t.Fatalf("the sidebar left a typed form without asking (on %s)", u.shell.current)
	}
	capture(t, w, "leave-ask.png")
	test.Tap(button(w, "取消"))
	if form := openMeetingForm(u); form == nil || form.topic.Text != "研究冬季防火" || u.shell.current != "meetings" {
		t.Fatal("取消 lost the form")
	}
	// 不保存 goes where he clicked.
	u.shell.show("members")
	test.Tap(button(w, "不保存"))
	if u.shell.current != "members" {
		t.Fatalf("不保存 stayed on %s", u.shell.current)
	}

	// 保存 with a valid record saves it and goes on.
	form := typedMeeting(t, u, w, f)
	form.date.SetDate("2026-11-20")
	u.shell.show("home")
	tapDialogButton(t, w, "保存")
	if u.shell.current != "home" {
		t.Fatalf("保存 stayed on %s: %q", u.shell.current, form.problem.Text)
	}

	// 保存 that the store refuses (a bad date) stays on the form, saying why.
	form = typedMeeting(t, u, w, f)
	form.date.SetDate("2026-13-01")
	u.shell.show("home")
	tapDialogButton(t, w, "保存")
	if u.shell.current != "meetings" || form.problem.Text == "" {
		t.Fatalf("a refused save left the form (on %s, problem %q)", u.shell.current, form.problem.Text)
	}

	// Closing the window and logging out ask too.
	form.date.SetDate("2026-11-20")
	u.requestClose()
	if !shows(w, "保存修改吗？") {
		t.Fatal("closing the window did not ask")
	}
	test.Tap(button(w, "取消"))
	test.Tap(button(w, "退出登录"))
	if !shows(w, "保存修改吗？") || u.shell == nil {
		t.Fatal("log-out did not ask")
	}
	test.Tap(button(w, "不保存"))
	if u.shell != nil {
		t.Fatal("不保存 did not log out")
	}
}

// The idle lock keeps the draft: the same user logs in and finds the form as left.
func TestIdleLockKeepsTheDraft(t *testing.T) {
	f := orglifeVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	form := typedMeeting(t, u, w, f)
	u.lock()
	if u.shell != nil {
		t.Fatal("not locked")
	}
	login(t, u, f.Admin, storetest.Password)
	if got := openMeetingForm(u); got != form || got.topic.Text != "研究冬季防火" || u.shell.current != "meetings" {
		t.Fatalf("the draft was lost at the idle lock")
	}
}

// tapDialogButton taps the button of the open dialog with the text (the form has its own
// 保存 button behind the dialog).
func tapDialogButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open to tap %s", text)
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("the dialog has no %s button", text)
}

// The member file asks too (issue 22: only the meeting form had the guard): a typed phone
// number is not lost to the sidebar or 返回名册 without a question; 取消 keeps it, 不保存
// leaves the file as it was, 保存 saves it.
func TestLeavingATypedMemberFileAsks(t *testing.T) {
	f := orglifeVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("members")
	ms, _ := f.DB.Members(f.Ctx, store.MemberFilter{})
	m := ms[0]
	openMember := func() *memberDetail {
		t.Helper()
		if lastMembersView == nil {
			t.Fatal("no members view")
		}
		lastMembersView.open(m)
		return lastDetail
	}
	d := openMember()
	phone := d.entries["phone"]
	phone.SetText("13912345678")
	u.shell.show("home")
	if !shows(w, "保存修改吗？") || u.shell.current != "members" {
		t.Fatalf("the sidebar left a typed member file without asking (on %s)", u.shell.current)
	}
	tapDialogButton(t, w, "取消")
	if phone.Text != "13912345678" || u.shell.current != "members" {
		t.Fatal("取消 lost the typed phone")
	}
	test.Tap(button(w, "返回名册"))
	if !shows(w, "保存修改吗？") {
		t.Fatal("返回名册 left a typed member file without asking")
	}
	tapDialogButton(t, w, "不保存")
	if got, _ := f.DB.Member(f.Ctx, m.ID); got.Phone == "13912345678" {
		t.Error("不保存 saved the phone")
	}
	d = openMember()
	d.entries["phone"].SetText("13912345678")
	u.shell.show("home")
	tapDialogButton(t, w, "保存")
	if got, _ := f.DB.Member(f.Ctx, m.ID); got.Phone != "13912345678" || u.shell.current != "home" {
		t.Errorf("保存 did not save and go on: phone %q, on %s", got.Phone, u.shell.current)
	}
}

// Choosing another member in a member picker fills the form again: with a points entry typed
// for the member shown, the choice asks first (issue 22: leaving a form with changes asks
// 保存 / 不保存 / 取消); 取消 keeps the member and the typed reason, 不保存 goes to the member
// chosen.
func TestChoosingAnotherMemberAsks(t *testing.T) {
	f := demoVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("points")
	home, _ := f.DB.Home(f.Ctx)
	ms, _ := f.DB.Members(f.Ctx, store.MemberFilter{OrgID: home.ID})
	a, b := ms[0], ms[1]
	chooseInWindow(t, w, assets.T("(none)"), a.Name)
	reason := entryWithPlaceholder(w, assets.T("What the points are for"))
	test.Type(reason, "帮助留守老人收秋")
	chooseInWindow(t, w, a.Name, b.Name)
	if !shows(w, "保存修改吗？") {
		t.Fatal("choosing another member with a typed entry did not ask")
	}
	test.Tap(button(w, "取消"))
	if button(w, a.Name) == nil || reason.Text != "帮助留守老人收秋" {
		t.Fatalf("取消 did not keep %s and the typed reason (%q)", a.Name, reason.Text)
	}
	chooseInWindow(t, w, a.Name, b.Name)
	test.Tap(button(w, "不保存"))
	if button(w, b.Name) == nil || !shows(w, b.Name+" 2026") {
		t.Fatalf("不保存 did not go to %s: %q", b.Name, texts(w))
	}
	if r, _ := f.DB.MemberPoints(f.Ctx, a.ID, "2026"); len(r.Entries) > 0 && r.Entries[len(r.Entries)-1].Reason == "帮助留守老人收秋" {
		t.Error("不保存 saved the entry")
	}
}
