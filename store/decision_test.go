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
		{"half of those present is not enough", func(d *store.Decision) { d.VotesFor = 10 }, "10 of the 20 present agreed"},
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

// Step 4 of 四议两公开 follows 中华人民共和国村民委员会组织法: 第二十二条 "召开村民会议，应当有本
// 村十八周岁以上村民的过半数，或者本村三分之二以上的户的代表参加，村民会议所作决定应当经到会
// 人员的过半数通过"; 第二十六条 "村民代表会议有三分之二以上的组成人员参加方可召开，所作决定应
// 当经到会人员的过半数同意". Step 3 (党员大会审议, local practice): ≥ 2/3 of the members present,
// more than half of those due in favour. The optional township review (四议一审两公开) sits
// between steps 3 and 4.
func TestDecisionFollowsVillageCommitteeLaw第二十二条第二十六条(t *testing.T) {
	f := storetest.Village(t)
	base := store.Decision{Title: "村道硬化", ProposedOn: "2026-09-01", DiscussedOn: "2026-09-05", ReviewedOn: "2026-09-10",
		ResolvedOn: "2026-09-15", ResolutionBody: store.BodyRepresentatives, VotesDue: 30, VotesPresent: 20, VotesFor: 14}
	cases := []struct {
		name string
		edit func(d *store.Decision)
		want string // "" saves
	}{
		// The case: refused on 504aede (14 is not more than half of the 30 due).
		{"representatives: 20 of 30 present, 14 for", func(d *store.Decision) {}, ""},
		{"representatives: 19 of 30 present", func(d *store.Decision) { d.VotesPresent, d.VotesFor = 19, 14 }, "Only 19 of 30"},
		{"representatives: 10 of 20 present for", func(d *store.Decision) { d.VotesFor = 10 }, "10 of the 20 present agreed"},
		{"villagers: 51 of 100 adults, 26 for", func(d *store.Decision) {
			d.ResolutionBody, d.VotesDue, d.VotesPresent, d.VotesFor = store.BodyVillagers, 100, 51, 26
		}, ""},
		{"villagers: exactly half of the adults", func(d *store.Decision) {
			d.ResolutionBody, d.VotesDue, d.VotesPresent, d.VotesFor = store.BodyVillagers, 100, 50, 40
		}, "Only 50 of 100"},
		{"villagers: households, exactly two thirds", func(d *store.Decision) {
			d.ResolutionBody, d.ResolutionBasis, d.VotesDue, d.VotesPresent, d.VotesFor = store.BodyVillagers, store.BasisHouseholds, 90, 60, 31
		}, ""},
		{"villagers: households, below two thirds", func(d *store.Decision) {
			d.ResolutionBody, d.ResolutionBasis, d.VotesDue, d.VotesPresent, d.VotesFor = store.BodyVillagers, store.BasisHouseholds, 90, 59, 50
		}, "Only 59 of 90"},
		{"step 3: 20 of 30 members, 16 for", func(d *store.Decision) { d.ReviewDue, d.ReviewPresent, d.ReviewFor = 30, 20, 16 }, ""},
		{"step 3: 19 of 30 members", func(d *store.Decision) { d.ReviewDue, d.ReviewPresent, d.ReviewFor = 30, 19, 19 }, "Only 19 of 30 party members"},
		{"step 3: 15 of 30 for", func(d *store.Decision) { d.ReviewDue, d.ReviewPresent, d.ReviewFor = 30, 25, 15 }, "15 of 30 party members agreed"},
		{"township review between steps 3 and 4", func(d *store.Decision) { d.TownshipReviewedOn = "2026-09-12" }, ""},
		{"township review after step 4", func(d *store.Decision) { d.TownshipReviewedOn = "2026-09-16" }, "township review"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := base
			c.edit(&d)
			id, err := f.DB.SaveDecision(f.Ctx, d)
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				got, _ := f.DB.Decision(f.Ctx, id)
				if got.ReviewFor != d.ReviewFor || got.TownshipReviewedOn != d.TownshipReviewedOn {
					t.Errorf("saved %+v", got)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}
}
