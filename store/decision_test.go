package store_test

import (
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
)

func TestSaveDecisionValidates(t *testing.T) {
	f := storetest.Village(t)
	base := store.Decision{Title: "修建村文化广场", ProposedOn: "2026-09-01", DiscussedOn: "2026-09-05", ReviewedOn: "2026-09-10",
		ResolvedOn: "2026-09-15", VotesDue: 30, VotesPresent: 20, VotesFor: 16}
	cases := []struct {
		name string
		edit func(d *store.Decision)
		want string // "" saves
	}{
		{"two thirds present, more than half agree", func(d *store.Decision) {}, ""},
		{"no title", func(d *store.Decision) { d.Title = " " }, "Enter the matter"},
		{"step skipped", func(d *store.Decision) { d.DiscussedOn = "" }, "earlier step"},
		{"out of order", func(d *store.Decision) { d.ReviewedOn = "2026-09-02" }, "dated before"},
		{"bad date", func(d *store.Decision) { d.ProposedOn = "2026-9-1" }, "not valid"},
		{"too few present", func(d *store.Decision) { d.VotesPresent = 19 }, "Only 19 of 30"},
		{"half is not enough", func(d *store.Decision) { d.VotesFor = 15 }, "15 of 30 agreed"},
		{"more agree than came", func(d *store.Decision) { d.VotesFor = 21 }, "agreed ≤ came"},
		{"result published without result", func(d *store.Decision) { d.PublishedOn = "2026-09-16"; d.ResultPublishedOn = "2026-12-01" }, "result of the implementation"},
		{"merged fills step 2", func(d *store.Decision) { d.DiscussedOn = ""; d.Merged = true }, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := base
			c.edit(&d)
			before, _ := f.DB.Decisions(f.Ctx, mustHome(t, f).ID)
			id, err := f.DB.SaveDecision(f.Ctx, d)
			after, _ := f.DB.Decisions(f.Ctx, mustHome(t, f).ID)
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				got, _ := f.DB.Decision(f.Ctx, id)
				if got.DiscussedOn == "" || got.Step() != 4 {
					t.Errorf("saved %+v", got)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
			if len(after) != len(before) {
				t.Error("a refused decision was stored")
			}
		})
	}
}

func mustHome(t *testing.T, f *storetest.Fixture) store.Org {
	t.Helper()
	h, err := f.DB.Home(f.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestUnpublishedResolutionIsAFinding(t *testing.T) {
	f := storetest.Village(t) // today 2026-11-29
	home := mustHome(t, f)
	id, err := f.DB.SaveDecision(f.Ctx, store.Decision{Title: "修建村文化广场", ProposedOn: "2026-11-01", Merged: true, ReviewedOn: "2026-11-10",
		ResolvedOn: "2026-11-15", VotesDue: 30, VotesPresent: 25, VotesFor: 20})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := f.DB.Check(f.Ctx, home.ID, "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, x := range fs {
		if x.Kind == "decision_unpublished" && x.Subject == id {
			found = x.Severity == "warning" && strings.Contains(x.Title, "修建村文化广场") && x.Due == "2026-11-22"
		}
	}
	if !found {
		t.Fatalf("findings %+v", fs)
	}
	d, _ := f.DB.Decision(f.Ctx, id)
	d.PublishedOn = "2026-11-29"
	if _, err := f.DB.SaveDecision(f.Ctx, d); err != nil {
		t.Fatal(err)
	}
	fs, _ = f.DB.Check(f.Ctx, home.ID, "2026-11")
	for _, x := range fs {
		if x.Kind == "decision_unpublished" {
			t.Errorf("still a finding after publishing: %+v", x)
		}
	}
}

func TestNoticePrintedAndPosted(t *testing.T) {
	f := storetest.Village(t)
	home := mustHome(t, f)
	id, err := f.DB.RecordNoticePrinted(f.Ctx, home.ID, "birthdays", "2026Q4", "")
	if err != nil {
		t.Fatal(err)
	}
	again, _ := f.DB.RecordNoticePrinted(f.Ctx, home.ID, "birthdays", "2026Q4", "")
	if again != id {
		t.Error("printing the same notice again made a second record")
	}
	jpeg := jpegOf(40, 30)
	for _, c := range []struct {
		date  string
		photo []byte
		want  string
	}{
		{"2026-11-31", nil, "not valid"},
		{"2026-11-30", []byte("GIF89a......"), "JPG or PNG"},
		{"2026-11-30", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10}, "JPG or PNG"}, // JPEG's first bytes, then nothing
		{"2026-11-30", pngDeclaring(1_000_000, 1_000_000), "1000000×1000000"},
		{"2026-11-30", make([]byte, 6<<20), "larger than 5 MB"},
	} {
		if err := f.DB.MarkNoticePosted(f.Ctx, id, c.date, c.photo); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v", c.date, err)
		}
	}
	if n, _ := f.DB.Notice(f.Ctx, id); n.PostedAt != "" || n.HasPhoto {
		t.Fatalf("a refused posting changed the notice: %+v", n)
	}
	if err := f.DB.MarkNoticePosted(f.Ctx, id, "2026-11-30", jpeg); err != nil {
		t.Fatal(err)
	}
	ns, _ := f.DB.Notices(f.Ctx, home.ID)
	if len(ns) != 1 || ns[0].PostedAt != "2026-11-30" || !ns[0].HasPhoto || ns[0].PrintedAt != "2026-11-29 10:00" {
		t.Fatalf("notices = %+v", ns)
	}
	if err := f.DB.MarkNoticePosted(f.Ctx, "nope", "2026-11-30", nil); err == nil {
		t.Error("posting an unknown notice")
	}
}

func TestNoticeTemplateOnlyFromTheTownship(t *testing.T) {
	v := storetest.Village(t)
	if err := v.DB.SetNoticeTemplate(v.Ctx, "birthdays", "x"); err == nil {
		t.Error("a village set a template")
	}
	tw := storetest.Township(t)
	if err := tw.DB.SetNoticeTemplate(tw.Ctx, "birthdays", `{{define "title"}}新{{end}}`); err != nil {
		t.Fatal(err)
	}
	got, ok, err := tw.DB.NoticeTemplate(tw.Ctx, "birthdays")
	if err != nil || !ok || got != `{{define "title"}}新{{end}}` {
		t.Fatalf("template %q %v %v", got, ok, err)
	}
	if err := tw.DB.SetNoticeTemplate(tw.Ctx, "birthdays", ""); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := tw.DB.NoticeTemplate(tw.Ctx, "birthdays"); ok {
		t.Error("reset template still in force")
	}
}

func TestNoticeContactValidated(t *testing.T) {
	f := storetest.Village(t)
	home := mustHome(t, f)
	if err := f.DB.SetNoticeContact(f.Ctx, home.ID, store.NoticeContact{Person: "王书记", Phone: "电话号码"}); err == nil {
		t.Error("a phone with letters was accepted")
	}
	if err := f.DB.SetNoticeContact(f.Ctx, home.ID, store.NoticeContact{Person: "王书记", Phone: "0394-8123456"}); err != nil {
		t.Fatal(err)
	}
	c, _ := f.DB.NoticeContact(f.Ctx, home.ID)
	if c.Person != "王书记" || c.Phone != "0394-8123456" {
		t.Fatalf("contact %+v", c)
	}
}
