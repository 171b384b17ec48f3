package exchange_test

import (
	"testing"
	"time"

	"zhibu/store"
	"zhibu/sync/synctest"
)

// TestConflictNamesTheRecord: a conflict reads the way a person names the record and the
// field (the table descriptors' naming and labels), not 「一条记录: title」: a decision by its
// matter and 四议两公开, a meeting by its topic, date and kind.
func TestConflictNamesTheRecord(t *testing.T) {
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	decision, err := v.DB.SaveDecision(v.Ctx, store.Decision{Title: "村道硬化", ProposedOn: "2026-03-02"})
	if err != nil {
		t.Fatal(err)
	}
	meeting, err := v.DB.SaveMeeting(v.Ctx, store.Meeting{Kind: store.MeetingGeneral, Date: "2026-03-05", Topic: "学习党章", Place: "村部"})
	if err != nil {
		t.Fatal(err)
	}
	synctest.Sync(t, town, v)

	edit := func(d *synctest.Device, title, place string) {
		t.Helper()
		dec, err := d.DB.Decision(d.Ctx, decision)
		if err != nil {
			t.Fatal(err)
		}
		dec.Title = title
		if _, err := d.DB.SaveDecision(d.Ctx, dec); err != nil {
			t.Fatal(err)
		}
		m, err := d.DB.Meeting(d.Ctx, meeting.ID)
		if err != nil {
			t.Fatal(err)
		}
		m.Place = place
		if _, err := d.DB.SaveMeeting(d.Ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	edit(town, "修村道", "党群服务中心")
	v.Clock.Add(time.Second) // the village's edits are the later ones and win
	edit(v, "修建村道", "党员活动室")
	synctest.Sync(t, town, v)

	want := map[string]string{
		"decisions": "修建村道（四议两公开）· 决策事项",
		"meetings":  "学习党章（2026-03-05 支部党员大会）· 会议地点",
	}
	for _, d := range []*synctest.Device{town, v} {
		cs, err := d.DB.Conflicts(d.Ctx, "", false)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, c := range cs {
			got[c.Table] = c.Subject
		}
		for tbl, w := range want {
			if got[tbl] != w {
				t.Errorf("%s: the conflict on %s reads %q, want %q", d.Org.Name, tbl, got[tbl], w)
			}
		}
	}
}
