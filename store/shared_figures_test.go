package store_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/store/storetest"
)

// homeFigures are the figures the village's home shows that count from the shared loads
// (shared_figures.go): the quarter's and the year's KPIs (the star rating counts from the
// year's), the month's findings, the dues positions and the year's meetings, as JSON.
func homeFigures(t *testing.T, db *store.DB, f *storetest.Fixture, org string) string {
	t.Helper()
	now := db.Now()
	year := store.Period{Kind: store.PeriodYear, Year: now.Year()}
	var out []any
	for _, p := range []store.Period{store.QuarterOf(now), year} {
		ks, err := db.KPIs(f.Ctx, p, []string{org})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ks)
	}
	fs, err := db.Check(f.Ctx, org, store.MonthOf(now).String())
	if err != nil {
		t.Fatal(err)
	}
	ds, err := db.DuesStatuses(f.Ctx, org, now)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := db.Meetings(f.Ctx, store.MeetingFilter{OrgID: org, Period: &year})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(append(out, fs, ds, ms))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// figuresFollow checks that the figures, asked twice (the second time from the shared
// loads), are those read afresh from the tables (a view inside a transaction shares
// nothing), and that they differ from before: the step changed what the home shows.
func figuresFollow(t *testing.T, f *storetest.Fixture, org, before, step string) string {
	t.Helper()
	homeFigures(t, f.DB, f, org)
	got := homeFigures(t, f.DB, f, org)
	var fresh string
	if err := f.DB.Write(f.Ctx, func(tx *store.Tx) error {
		fresh = homeFigures(t, tx.DB(), f, org)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got != fresh {
		t.Fatalf("%s: the home's figures are not those of the tables:\n shown %s\n tables %s", step, got, fresh)
	}
	if got == before {
		t.Fatalf("%s: the figures did not change", step)
	}
	return got
}

// The meetings, the dues book and the figures worked out from them are shared between the
// home's blocks while the records do not change; an edit, a deletion and a bundle merged
// from a village each show at once.
func TestSharedFiguresFollowEditsAndImports(t *testing.T) {
	f := storetest.Village(t)
	for i, name := range []string{"张建国", "李秀英", "王小明", "刘德华"} {
		f.AddMember(t, name, fmt.Sprintf("196%d-03-0%d", i, i+1), "2001-07-01", i+1)
	}
	f.YearOfRecords(t) // the first member stopped paying after July
	home, _ := f.DB.Home(f.Ctx)
	ms, err := f.DB.Members(f.Ctx, store.MemberFilter{OrgID: home.ID})
	if err != nil {
		t.Fatal(err)
	}
	figs := figuresFollow(t, f, home.ID, "", "the year's records")
	// An edit: the first member pays up to October.
	if _, err := f.DB.PayDues(f.Ctx, store.PayRequest{MemberID: ms[0].ID, Months: []string{"2026-08", "2026-09", "2026-10"}, PaidDate: "2026-11-28"}); err != nil {
		t.Fatal(err)
	}
	figs = figuresFollow(t, f, home.ID, figs, "dues paid")
	// A member leaves the roll (no longer owes, no longer expected).
	m := ms[1]
	m.State, m.StateDate = "deceased", "2026-11-20"
	if err := f.DB.UpdateMember(f.Ctx, m); err != nil {
		t.Fatal(err)
	}
	figs = figuresFollow(t, f, home.ID, figs, "a member left the roll")
	// A deletion: the September general meeting.
	year := store.Period{Kind: store.PeriodYear, Year: 2026}
	mts, err := f.DB.Meetings(f.Ctx, store.MeetingFilter{OrgID: home.ID, Kind: store.MeetingGeneral, Period: &year})
	if err != nil || len(mts) != 3 {
		t.Fatalf("general meetings: %v %v", mts, err)
	}
	if err := f.DB.DeleteMeeting(f.Ctx, mts[2].ID); err != nil {
		t.Fatal(err)
	}
	figuresFollow(t, f, home.ID, figs, "a meeting deleted")

	// A township: a village's records arrive in bundles.
	town := storetest.Township(t)
	village := replica.Peer{DeviceID: "V1DEV", Role: store.RoleVillage, OrgID: "V1", OrgCode: "410928001"}
	n := 0
	hlc := func() replica.HLC { n++; return replica.MakeHLC(storetest.DefaultTime.AddDate(0, -2, 0), uint16(n)) }
	row := func(tbl, id string, fields ...any) []replica.Change {
		var cs []replica.Change
		for i := 0; i < len(fields); i += 2 {
			cs = append(cs, replica.Change{Table: tbl, RowID: id, OrgID: "V1", Field: fields[i].(string), Value: fields[i+1], HLC: hlc(), Device: "V1DEV"})
		}
		return cs
	}
	var cs []replica.Change
	cs = append(cs, row("orgs", "V1", "org_id", "V1", "name", "张庄村党支部", "kind", "village")...)
	for i := range 2 {
		birth := fmt.Sprintf("197%d-05-0%d", i, i+1)
		cs = append(cs, row("members", fmt.Sprint("v1m", i), "org_id", "V1", "name", []string{"赵一", "钱二"}[i],
			"id_number", storetest.ValidID(birth, 30+i), "birth_date", birth, "joined_date", "2001-07-01", "status", "full")...)
		cs = append(cs, row("dues_payments", fmt.Sprint("v1p", i), "org_id", "V1", "member_id", fmt.Sprint("v1m", i), "month", "2026-01", "amount", int64(100))...)
	}
	town.Receive(t, village, cs...)
	tfigs := figuresFollow(t, town, "V1", "", "the village's first bundle")
	cs = row("meetings", "v1g", "org_id", "V1", "kind", store.MeetingGeneral, "date", "2026-10-08", "topic", "支部党员大会")
	for i := range 2 {
		cs = append(cs, row("meeting_attendance", fmt.Sprint("v1a", i), "org_id", "V1", "meeting_id", "v1g", "member_id", fmt.Sprint("v1m", i), "status", store.AttendPresent, "voting", int64(1))...)
		cs = append(cs, row("dues_payments", fmt.Sprint("v1q", i), "org_id", "V1", "member_id", fmt.Sprint("v1m", i), "month", "2026-02", "amount", int64(100))...)
	}
	town.Receive(t, village, cs...)
	figuresFollow(t, town, "V1", tfigs, "the village's second bundle")
}
