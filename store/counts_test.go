package store_test

import (
	"testing"
	"time"

	"zhibu/store"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// The home screen's counts agree with the lists they stand for, on a demo village with dues
// in arrears, candidates, floating members and birthdays, on several days of the year.
func TestCountsAgreeWithLists(t *testing.T) {
	f := storetest.Village(t)
	if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: 3}); err != nil {
		t.Fatal(err)
	}
	home, _ := f.DB.Home(f.Ctx)
	ms, err := f.DB.Members(f.Ctx, store.MemberFilter{OrgID: home.ID})
	if err != nil {
		t.Fatal(err)
	}
	want := store.MemberCounts{Total: len(ms)}
	for _, m := range ms {
		if m.Status == "probationary" {
			want.Probationary++
		} else {
			want.Full++
		}
		if m.Category == "floating" {
			want.Floating++
		}
	}
	got, err := f.DB.MemberCounts(f.Ctx, home.ID)
	if err != nil || got != want {
		t.Fatalf("member counts %+v (%v), want %+v", got, err, want)
	}
	if want.Floating == 0 || want.Probationary == 0 {
		t.Fatalf("the demo should have floating and probationary members: %+v", want)
	}
	if all, _ := f.DB.MemberCounts(f.Ctx, ""); all.Total < want.Total {
		t.Errorf("all organisations: %d < %d", all.Total, want.Total)
	}
	if none, _ := f.DB.MemberCounts(f.Ctx, "no-such-org"); none != (store.MemberCounts{}) {
		t.Errorf("unknown organisation counted %+v", none)
	}

	sawArrears := false
	for _, day := range []string{"2026-01-15", "2026-06-01", "2026-11-29", "2027-03-01"} {
		asOf, _ := time.Parse(time.DateOnly, day)
		list, err := f.DB.DuesArrears(f.Ctx, home.ID, asOf)
		if err != nil {
			t.Fatal(err)
		}
		n, err := f.DB.DuesArrearsCount(f.Ctx, home.ID, asOf)
		if err != nil || n != len(list) {
			t.Errorf("%s: arrears count %d (%v), list has %d", day, n, err, len(list))
		}
		sawArrears = sawArrears || n > 0
		cs, err := f.DB.Candidates(f.Ctx, home.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		cc, err := f.DB.CandidateCounts(f.Ctx, home.ID, asOf)
		if err != nil || cc.Active != len(cs) || cc.Due > cc.Active {
			t.Errorf("%s: candidate counts %+v (%v), %d active", day, cc, err, len(cs))
		}
		q := store.CurrentQuarter(asOf)
		bs, err := f.DB.Birthdays(f.Ctx, home.ID, q)
		if err != nil {
			t.Fatal(err)
		}
		if bn, err := f.DB.BirthdayCount(f.Ctx, home.ID, q); err != nil || bn != len(bs) {
			t.Errorf("%s: birthday count %d (%v), list has %d", q, bn, err, len(bs))
		}
	}
	if !sawArrears {
		t.Error("no arrears on any day: the comparison proves nothing")
	}
	if _, err := f.DB.BirthdayCount(f.Ctx, home.ID, "2026Q9"); err == nil {
		t.Error("a bad period was accepted")
	}
}

// A branch that has recorded no dues yet owes nothing; a member whose dues history was typed
// in owes the months after it; a member first entered in the
// app after that owes nothing before it (DOMAIN.md, 党费: "Dues are owed only from when the
// branch began keeping dues in the app, or the member's own start (joining, transfer in,
// first entered in the app …), whichever is later — never assumed unpaid before that"). The
// home's count is the dues screen's list, counted.
func TestDuesArrearsCountStartAndJoining(t *testing.T) {
	f := storetest.Village(t) // today: 2026-11-29
	home, _ := f.DB.Home(f.Ctx)
	old := f.AddMember(t, "王保国", "1960-01-01", "2000-07-01", 13)
	newbie := f.AddMember(t, "陈小龙", "2000-01-01", "2026-08-10", 17)
	count := func() int {
		t.Helper()
		n, err := f.DB.DuesArrearsCount(f.Ctx, home.ID, f.Clock.Now())
		list, lerr := f.DB.DuesArrears(f.Ctx, home.ID, f.Clock.Now())
		if err != nil || lerr != nil || n != len(list) {
			t.Fatalf("the home counts %d owing (%v), the dues list has %d (%v)", n, err, len(list), lerr)
		}
		return n
	}
	if n := count(); n != 0 {
		t.Fatalf("no dues kept yet: %d owe", n)
	}
	pay := func(id string, months ...string) {
		t.Helper()
		if _, err := f.DB.PayDues(f.Ctx, store.PayRequest{MemberID: id, Months: months, Late: true}); err != nil {
			t.Fatal(err)
		}
	}
	// Dues history typed in: the branch kept both members' dues from September.
	pay(old, "2026-09", "2026-10")
	pay(newbie, "2026-09")
	if n := count(); n != 1 { // the newbie owes October
		t.Fatalf("%d owe, want 1", n)
	}
	pay(newbie, "2026-10")
	if n := count(); n != 0 {
		t.Fatalf("%d owe after everyone paid, want 0", n)
	}
	// A roster imported today: its members owe nothing for the months before they were entered.
	f.AddMember(t, "刘新录", "1970-03-03", "1995-07-01", 19)
	if n := count(); n != 0 {
		t.Fatalf("%d owe after a member was entered today, want 0", n)
	}
}
