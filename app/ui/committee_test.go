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
	capture(t, w, "committee-dialog.png")
	tapDialogButton(t, w, "保存")
	settle()
	got := map[string]string{}
	roll, _ = f.DB.Members(f.Ctx, store.MemberFilter{OrgID: home.ID})
	for _, m := range roll {
		got[m.ID] = m.Position
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
