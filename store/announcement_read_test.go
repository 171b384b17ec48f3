package store_test

import (
	"testing"

	"zhibu/store"
	"zhibu/sync/synctest"
)

// TestAnnouncementReceivedAndRead: what the township clerk checks after sending a 通知 to
// two of three villages (issue 21: "the township sees who has received and read each one"):
// before any sync nobody has it; after the first village synced it has received it but not
// read it, and shows one unread 通知 at home; once someone there opened it and the village
// synced again the township sees who read it and when; a second opening changes nothing;
// the third village, not chosen, neither sees it nor is listed.
func TestAnnouncementReceivedAndRead(t *testing.T) {
	town := synctest.Township(t)
	a := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, a)
	synctest.Sync(t, a, town)
	home, _ := town.DB.Home(town.Ctx)
	for _, o := range []store.Org{{Code: "410928002", Name: "李寨村党支部"}, {Code: "410928003", Name: "王屯村党支部"}} {
		o.Kind, o.ParentID = store.KindVillage, home.ID
		if _, err := town.DB.AddOrg(town.Ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	id, err := town.DB.SendAnnouncement(town.Ctx, "关于冬季培训的通知", "各村党支部：……", []string{"410928001", "410928002"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	status := func() store.AnnouncementStatus {
		t.Helper()
		sts, err := town.DB.AnnouncementStatuses(town.Ctx)
		if err != nil || len(sts) != 1 {
			t.Fatalf("statuses %+v %v", sts, err)
		}
		if n := len(sts[0].Villages); n != 2 {
			t.Fatalf("listed for %d villages, want the 2 chosen: %+v", n, sts[0].Villages)
		}
		return sts[0]
	}
	if st := status(); st.Received != 0 || st.ReadBy != 0 {
		t.Fatalf("before any sync: received %d read %d", st.Received, st.ReadBy)
	}
	synctest.Sync(t, town, a)
	if st := status(); st.Received != 1 || st.ReadBy != 0 || !st.Villages[0].Received || st.Villages[1].Received {
		t.Fatalf("after the village synced: %+v", st)
	}
	if n, err := a.DB.UnreadAnnouncements(a.Ctx); err != nil || n != 1 {
		t.Fatalf("village unread = %d %v, want 1", n, err)
	}
	if err := a.DB.MarkAnnouncementRead(a.Ctx, id); err != nil {
		t.Fatal(err)
	}
	if n, _ := a.DB.UnreadAnnouncements(a.Ctx); n != 0 {
		t.Fatalf("after opening it, unread = %d", n)
	}
	first, _ := a.DB.AnnouncementReads(a.Ctx)
	if err := a.DB.MarkAnnouncementRead(a.Ctx, id); err != nil {
		t.Fatal(err)
	}
	if again, _ := a.DB.AnnouncementReads(a.Ctx); again[id] == nil || again[id][a.Org.ID] != first[id][a.Org.ID] {
		t.Fatalf("a second opening changed the first reading: %+v → %+v", first, again)
	}
	synctest.Sync(t, a, town)
	st := status()
	r := st.Villages[0].Read
	if st.ReadBy != 1 || r == nil || r.By == "" || r.At != first[id][a.Org.ID].At {
		t.Fatalf("township sees %+v, want read by the village's user at %s", st.Villages[0], first[id][a.Org.ID].At)
	}
	if st.Villages[1].OrgCode != "410928002" || st.Villages[1].Read != nil {
		t.Fatalf("the village that has not synced: %+v", st.Villages[1])
	}
	if n, _ := town.DB.UnreadAnnouncements(town.Ctx); n != 0 {
		t.Fatalf("township unread %d", n)
	}
}
