package ui

import (
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
)

// After an import nobody is 书记 or 委员: the home offers to mark them in one dialog, and a
// 支委会 recorded before says so instead of 「决定无效」 (issue 22).
func TestHomeOffersToMarkTheCommittee(t *testing.T) {
	f := storetest.Village(t)
	var ids []string
	for i, n := range []string{"张建国", "李秀英", "王志强", "赵丽", "刘洋"} {
		ids = append(ids, f.AddMember(t, n, "1970-01-0"+string(rune('1'+i)), "2000-07-01", 40+i))
	}
	home, _ := f.DB.Home(f.Ctx)
	// A 支委会 with nobody on the committee: the warning names the missing committee.
	s, err := f.DB.SaveMeeting(f.Ctx, store.Meeting{OrgID: home.ID, Kind: store.MeetingCommittee, Date: "2026-11-20", Topic: "研究工作"})
	if err != nil {
		t.Fatal(err)
	}
	if w := s.QuorumWarning(); strings.Contains(w, "无效") || !strings.Contains(w, "支部委员") {
		t.Fatalf("支委会 without a committee: %q", w)
	}

	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("home")
	settle()
	if button(w, "标记书记和委员") == nil {
		t.Fatalf("home does not offer to mark the committee: %q", texts(w))
	}
	capture(t, w, "home-committee.png")
	roll, _ := f.DB.Members(f.Ctx, store.MemberFilter{OrgID: home.ID})
	c := showCommitteeDialog(u.shell.sess, roll)
	c.secretary.SetID(ids[0])
	c.deputy.SetID(ids[1])
	c.members[0].SetID(ids[2])
	// 任职时间 of the new posts: today unless changed; the election was three days ago.
	if c.since.Date() != f.Clock.Now().Format("2006-01-02") {
		t.Errorf("the dialog's 任职时间 is %q, want today", c.since.Date())
	}
	elected := f.Clock.Now().AddDate(0, 0, -3).Format("2006-01-02")
	c.since.SetDate(elected)
	capture(t, w, "committee-dialog.png")
	tapDialogButton(t, w, "保存")
	settle()
	got := map[string]string{}
	roll, _ = f.DB.Members(f.Ctx, store.MemberFilter{OrgID: home.ID})
	for _, m := range roll {
		got[m.ID] = m.Position
	}
	if sec, _ := f.DB.Member(f.Ctx, ids[0]); sec.More["position_since"] != elected {
		t.Errorf("the secretary's 任职时间 is %q, want %s", sec.More["position_since"], elected)
	}
	if got[ids[0]] != "secretary" || got[ids[1]] != "deputy" || got[ids[2]] != "committee" || got[ids[3]] == "committee" {
		t.Fatalf("positions %v", got)
	}
	if button(w, "标记书记和委员") != nil {
		t.Error("the offer stays after the committee is marked")
	}
	exp, _ := f.DB.Expected(f.Ctx, home.ID, store.MeetingCommittee, "")
	if len(exp) != 3 {
		t.Fatalf("支委会 expects %d", len(exp))
	}
}

// A secretary whose 任职时间 is not known (a roster imported without it) gets a quiet hint on
// the member file, not an alarm: 「任职时间未填」; entering the date takes it away, and an
// ordinary member (no post) has none (中国共产党党员教育管理工作条例 2019: a new basic-level
// secretary is trained within half a year; the check counts from this date).
func TestMemberFileAsksForThePositionDate(t *testing.T) {
	f := storetest.Village(t)
	home, _ := f.DB.Home(f.Ctx)
	sec, err := f.DB.AddMember(f.Ctx, store.Member{Name: "王书记", IDNumber: storetest.ValidID("1968-02-01", 1), JoinedDate: "1995-07-01",
		Position: store.PositionSecretary})
	if err != nil {
		t.Fatal(err)
	}
	plain := f.AddMember(t, "李群众", "1980-03-01", "2008-07-01", 3)
	u, _ := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	v := newMembersView(u.shell.sess)
	open := func(id string) *memberDetail {
		m, err := f.DB.Member(f.Ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		v.open(m)
		return lastDetail
	}
	d := open(sec)
	if !strings.Contains(d.sinceField.Message(), "任职时间未填") {
		t.Fatalf("the secretary's file without 任职时间: hint %q", d.sinceField.Message())
	}
	if d.problems["position_since"].Visible() {
		t.Error("the missing date is shown as a problem")
	}
	d.entries["position_since"].SetText("2026-03-15")
	if d.sinceField.Message() != "" {
		t.Errorf("the hint stays once the date is typed: %q", d.sinceField.Message())
	}
	if !d.trySave() {
		t.Fatalf("saving the date: %q", d.summary.Text)
	}
	if m, _ := f.DB.Member(f.Ctx, sec); m.More["position_since"] != "2026-03-15" {
		t.Errorf("saved 任职时间 %q", m.More["position_since"])
	}
	if d = open(plain); d.sinceField.Message() != "" {
		t.Error("an ordinary member is asked for a 任职时间")
	}
	_ = home
}
