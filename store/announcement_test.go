package store_test

import (
	"bytes"
	"errors"
	"testing"

	"zhibu/store"
	"zhibu/sync/synctest"
)

// TestSendDownReceipts: the township sends the month's theme, a rule setting and
// announcements; a village that has not synced has received nothing; after it synced both
// ways the township sees every item addressed to it as received, and the village sees only
// the announcements meant for it.
func TestSendDownReceipts(t *testing.T) {
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	synctest.Sync(t, v, town)
	home, _ := town.DB.Home(town.Ctx)
	if _, err := town.DB.AddOrg(town.Ctx, store.Org{Code: "410928002", Name: "李寨村党支部", Kind: store.KindVillage, ParentID: home.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := town.DB.SetTheme(town.Ctx, store.Theme{Month: "2026-12", Title: "学习贯彻全会精神", SetItems: []string{"集中学习", "交纳党费"}}); err != nil {
		t.Fatal(err)
	}
	if err := town.DB.SetRule(town.Ctx, "theme_day.day_of_month", "15"); err != nil {
		t.Fatal(err)
	}
	all, err := town.DB.SendAnnouncement(town.Ctx, "关于开展冬季党员培训的通知", "各村党支部：……", nil,
		[]store.Attachment{{Name: "培训安排.pdf", Data: []byte("%PDF-1.4 …")}})
	if err != nil {
		t.Fatal(err)
	}
	other, err := town.DB.SendAnnouncement(town.Ctx, "李寨村换届工作安排", "李寨村党支部：……", []string{"410928002"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Refusals: a file over 1 MB, no title, a village that does not exist, a village PC.
	if _, err := town.DB.SendAnnouncement(town.Ctx, "大文件", "正文", nil, []store.Attachment{{Name: "a.pdf", Data: bytes.Repeat([]byte{1}, store.MaxAnnouncementFileBytes+1)}}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("an attachment over 1 MB: %v", err)
	}
	if _, err := town.DB.SendAnnouncement(town.Ctx, " ", "正文", nil, nil); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("no title: %v", err)
	}
	if _, err := town.DB.SendAnnouncement(town.Ctx, "通知", "正文", []string{"999"}, nil); err == nil {
		t.Error("an unknown village was accepted")
	}
	if _, err := v.DB.SendAnnouncement(v.Ctx, "通知", "正文", nil, nil); !errors.Is(err, store.ErrDenied) {
		t.Errorf("a village sent an announcement: %v", err)
	}

	receipt := func() (int, int, bool) {
		items, rs, err := town.DB.SentDown(town.Ctx, "2026-12")
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != 4 { // theme, rule setting, two announcements
			t.Fatalf("items %+v", items)
		}
		for _, r := range rs {
			if r.OrgCode == "410928001" {
				return r.Got, r.Due, r.Received[other]
			}
		}
		t.Fatal("no receipt for the village")
		return 0, 0, false
	}
	if got, due, _ := receipt(); got != 0 || due != 3 {
		t.Fatalf("before the sync: %d of %d received, want 0 of 3", got, due)
	}
	synctest.Sync(t, town, v) // down, then the village's bundle carries what it holds back up
	if got, due, _ := receipt(); got != 3 || due != 3 {
		t.Fatalf("after the sync: %d of %d received, want 3 of 3", got, due)
	}
	as, err := v.DB.Announcements(v.Ctx)
	if err != nil || len(as) != 1 || as[0].ID != all || len(as[0].Files) != 1 {
		t.Fatalf("the village sees %+v %v, want only the announcement for every village", as, err)
	}
	if b, err := v.DB.AnnouncementFile(v.Ctx, all, "培训安排.pdf"); err != nil || string(b) != "%PDF-1.4 …" {
		t.Fatalf("attachment %q %v", b, err)
	}
	// A changed setting is not received until the village syncs again.
	if err := town.DB.SetRule(town.Ctx, "theme_day.day_of_month", "12"); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := receipt(); got != 2 {
		t.Fatalf("after a change: %d received, want 2", got)
	}
}
