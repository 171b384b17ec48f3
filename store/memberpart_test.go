package store_test

import (
	"errors"
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/rules"
	"zhibu/store/storetest"
)

type partFixture struct {
	*storetest.Fixture
	org                                           string
	secretary, working, noPost, floating, elderly string
}

// newPartFixture: a secretary and one member of each category. Today is 2026-11-29 (Q4).
func newPartFixture(t *testing.T) partFixture {
	f := storetest.Village(t)
	home, _ := f.DB.Home(f.Ctx)
	p := partFixture{Fixture: f, org: home.ID}
	add := func(name, birth, cat, pos string, seq int) string {
		id, err := f.DB.AddMember(f.Ctx, store.Member{Name: name, IDNumber: storetest.ValidID(birth, seq), JoinedDate: "1995-07-01",
			ConfirmedDate: "1996-07-01", Category: cat, Position: pos})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	p.secretary = add("王书记", "1968-01-01", "working", "secretary", 1)
	p.working = add("李在职", "1965-01-01", "working", "member", 3)
	p.noPost = add("张无职", "1970-01-01", "no_post", "member", 5)
	p.floating = add("赵流动", "1970-01-01", "floating", "member", 7)
	p.elderly = add("钱老党员", "1940-01-01", "elderly", "member", 9)
	return p
}

func (p partFixture) gaps(t *testing.T) map[string]string {
	t.Helper()
	fs, err := p.DB.Check(p.Ctx, p.org, "2026Q4")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range fs {
		if f.Kind == "member_mode_missing" {
			out[f.Subject] = f.Title
		}
	}
	return out
}

// 分类管理: each category's mode needs its record each quarter; check lists who has none.
func TestManagementModesNeedARecordEachQuarter(t *testing.T) {
	p := newPartFixture(t)
	g := p.gaps(t)
	for id, want := range map[string]string{p.secretary: "承诺式", p.working: "承诺式", p.noPost: "定岗式", p.floating: "跟踪式", p.elderly: "关爱式"} {
		if !strings.Contains(g[id], want) {
			t.Errorf("member %s: %q, want a %s finding", id, g[id], want)
		}
	}
	ctx, db := p.Ctx, p.DB
	must := func(_ string, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(assets.Chinese(err))
		}
	}
	must(db.AddCommitment(ctx, store.Commitment{MemberID: p.working, Content: "帮助三户村民发展庭院经济", MadeDate: "2026-02-20"}))
	must(db.AddDuty(ctx, store.Duty{MemberID: p.noPost, Kind: "网格", Name: "三组网格", Duties: "每周巡查三组，收集群众诉求", From: "2026-03-01"}))
	must(db.AddContact(ctx, store.Contact{MemberID: p.floating, Kind: "track", Date: "2026-07-15", How: "微信", Done: "传达七一党课内容"})) // Q3 only
	must(db.AddContact(ctx, store.Contact{MemberID: p.elderly, Kind: "care", Date: "2026-10-20", How: "上门", Done: "重阳节慰问", By: "王书记"}))
	g = p.gaps(t)
	for id, want := range map[string]bool{p.secretary: true, p.working: false, p.noPost: false, p.floating: true, p.elderly: false} {
		if (g[id] != "") != want {
			t.Errorf("member %s: finding %q, want %v", id, g[id], want)
		}
	}
	// A Q3 contact does not count for Q4; a Q4 one does.
	must(db.AddContact(ctx, store.Contact{MemberID: p.floating, Kind: "track", Date: "2026-11-02", How: "电话", Done: "了解务工情况，提醒交纳党费"}))
	if g = p.gaps(t); g[p.floating] != "" {
		t.Errorf("floating member still listed: %q", g[p.floating])
	}
	// Last quarter's check is judged on that quarter: the Q3 contact counts there.
	fs, _ := db.Check(ctx, p.org, "2026Q3")
	for _, f := range fs {
		if f.Kind == "member_mode_missing" && f.Subject == p.floating {
			t.Errorf("Q3: %s", f.Title)
		}
	}
}

func TestMemberPartBadInputChangesNothing(t *testing.T) {
	p := newPartFixture(t)
	ctx, db := p.Ctx, p.DB
	hh, err := db.AddHousehold(ctx, store.Household{MemberID: p.working, Name: "刘大娘", Address: "三组12号", Needs: "微心愿：一台收音机", Paired: true, From: "2026-01-05"})
	if err != nil {
		t.Fatal(err)
	}
	other, _ := db.AddHousehold(ctx, store.Household{MemberID: p.noPost, Name: "陈大爷", Address: "一组3号", From: "2026-01-05"})
	for _, c := range []struct {
		name string
		do   func() error
		msg  string
	}{
		{"empty commitment", func() error {
			_, err := db.AddCommitment(ctx, store.Commitment{MemberID: p.working, MadeDate: "2026-02-01"})
			return err
		}, "承诺"},
		{"future commitment", func() error {
			_, err := db.AddCommitment(ctx, store.Commitment{MemberID: p.working, Content: "x", MadeDate: "2026-12-30"})
			return err
		}, "今天之后"},
		{"unknown post kind", func() error {
			_, err := db.AddDuty(ctx, store.Duty{MemberID: p.noPost, Kind: "队长", Name: "x", Duties: "y", From: "2026-01-01"})
			return err
		}, "党员先锋岗"},
		{"post without duties", func() error {
			_, err := db.AddDuty(ctx, store.Duty{MemberID: p.noPost, Kind: "先锋岗", Name: "x", From: "2026-01-01"})
			return err
		}, "职责"},
		{"visit to another member's household", func() error {
			_, err := db.AddContact(ctx, store.Contact{MemberID: p.working, Kind: "household", HouseholdID: other, Date: "2026-03-01", How: "上门", Done: "x"})
			return err
		}, "联系户"},
		{"visit without what was done", func() error {
			_, err := db.AddContact(ctx, store.Contact{MemberID: p.working, Kind: "household", HouseholdID: hh, Date: "2026-03-01", How: "上门"})
			return err
		}, "做了什么"},
		{"tracking a member who is not floating", func() error {
			_, err := db.AddContact(ctx, store.Contact{MemberID: p.working, Kind: "track", Date: "2026-03-01", How: "电话", Done: "x"})
			return err
		}, "不是流动党员"},
		{"contact without how", func() error {
			_, err := db.AddContact(ctx, store.Contact{MemberID: p.floating, Kind: "track", Date: "2026-03-01", Done: "x"})
			return err
		}, "联系方式"},
		{"25 hours of service", func() error {
			_, err := db.AddService(ctx, store.Service{MemberID: p.working, Date: "2026-03-01", Activity: "x", Hours: 25})
			return err
		}, "小时"},
		{"fulfilled before made", func() error {
			id, _ := db.AddCommitment(ctx, store.Commitment{MemberID: p.secretary, Content: "修通三组路", MadeDate: "2026-03-01"})
			return db.FulfilCommitment(ctx, id, "2026-02-01", "照片")
		}, "之前"},
	} {
		before, _ := db.Digest(ctx, p.org)
		err := c.do()
		if !errors.Is(err, store.ErrInvalid) || !strings.Contains(assets.Chinese(err), c.msg) {
			t.Errorf("%s: %v %q, want %q", c.name, err, assets.Chinese(err), c.msg)
		}
		if c.name != "fulfilled before made" {
			if after, _ := db.Digest(ctx, p.org); after != before {
				t.Errorf("%s changed the data", c.name)
			}
		}
	}
}

// The records feed points: services, commitments kept and household visits are computed.
func TestMemberPartFeedsPoints(t *testing.T) {
	p := newPartFixture(t)
	ctx, db := p.Ctx, p.DB
	hh, _ := db.AddHousehold(ctx, store.Household{MemberID: p.working, Name: "刘大娘", Address: "三组12号", From: "2026-01-05"})
	c, _ := db.AddCommitment(ctx, store.Commitment{MemberID: p.working, Content: "帮刘大娘实现微心愿", MadeDate: "2026-02-20"})
	steps := []error{
		db.FulfilCommitment(ctx, c, "2026-06-01", "收音机已送到，有照片"),
		func() error {
			_, err := db.AddContact(ctx, store.Contact{MemberID: p.working, Kind: "household", HouseholdID: hh, Date: "2026-04-01", How: "上门", Done: "打扫院子"})
			return err
		}(),
		func() error {
			_, err := db.AddService(ctx, store.Service{MemberID: p.working, Date: "2026-05-04", Activity: "清理河道", Hours: 1.5})
			return err
		}(),
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(assets.Chinese(err))
		}
	}
	r, err := db.MemberPoints(ctx, p.working, "2026")
	if err != nil {
		t.Fatal(err)
	}
	if r.Points != 3+1+5 {
		t.Errorf("points %d: %+v", r.Points, r.Entries)
	}
	part, _ := db.MemberPartOf(ctx, p.working, 2026)
	if part.Hours != 1.5 || len(part.Commitments) != 1 || part.Commitments[0].DoneDate != "2026-06-01" || len(part.Contacts) != 1 || part.Mode != "commitment" {
		t.Errorf("part %+v", part)
	}
}

// 谈心谈话: each committee member with each member once a year; who is not yet covered.
func TestTalkCoverage(t *testing.T) {
	p := newPartFixture(t)
	ctx, db := p.Ctx, p.DB
	if _, err := db.SaveMeeting(ctx, store.Meeting{Kind: "talk", Date: "2026-03-10", Topic: "谈心谈话", HostID: p.secretary,
		Attendance: []store.Attendee{{MemberID: p.working, Status: "present"}, {MemberID: p.noPost, Status: "present"}}}); err != nil {
		t.Fatal(assets.Chinese(err))
	}
	gaps, err := db.TalkCoverage(ctx, p.org, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(gaps) != 1 || gaps[0].Name != "王书记" || strings.Join(gaps[0].Missing, "、") != "钱老党员、赵流动" && strings.Join(gaps[0].Missing, "、") != "赵流动、钱老党员" {
		t.Errorf("gaps %+v", gaps)
	}
}

// Issue 23 item 13: the 分类管理 reminders are local practice (承诺式/定岗式/跟踪式/关爱式 of
// some counties); a township that does not use the four modes switches them off
// (township.mode_reminders = off), and its villages receive the setting by sync.
func TestModeRemindersSwitchedOffByTheTownship(t *testing.T) {
	p := newPartFixture(t)
	if g := p.gaps(t); len(g) == 0 {
		t.Fatal("no reminders before they are switched off")
	}
	town := storetest.Township(t)
	if err := town.DB.SetRule(town.Ctx, rules.ModeReminders.Key, "maybe"); err == nil {
		t.Error("accepted a switch value that is neither on nor off")
	}
	if err := town.DB.SetRule(town.Ctx, rules.ModeReminders.Key, "off"); err != nil {
		t.Fatal(err)
	}
	p.ReceiveFrom(t, town, "orgs", "settings")
	fs, err := p.DB.Check(p.Ctx, p.org, "2026Q4")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.Kind == "member_mode_missing" {
			t.Errorf("reminder after the township switched them off: %s", f.Title)
		}
	}
}
