package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestMeetingFieldIsMigrationAndDescriptor: a field added to meetings by a migration and a
// column in the table's descriptor (its label a catalog key) is replicated, written, read
// back, trimmed and held to its limit without any other code naming it.
func TestMeetingFieldIsMigrationAndDescriptor(t *testing.T) {
	meetings := mustTable("meetings")
	saved := meetings.Columns
	meetings.Columns = append(append([]Column(nil), saved...), text("weather", "Theme").max(10))
	t.Cleanup(func() { meetings.Columns = saved })

	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "zhibu.db"), Options{Future: &Future{
		Migrations: []string{"ALTER TABLE meetings ADD COLUMN weather TEXT NOT NULL DEFAULT '';"}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Init(ctx, InitParams{Device: "TESTDEV-410928001", Role: RoleVillage, OrgCode: "410928001", OrgName: "张庄村党支部",
		Admin: "王书记", Password: "secret123"}); err != nil {
		t.Fatal(err)
	}
	ctx = WithUser(ctx, "王书记")
	if !db.Replica().Knows("meetings", "weather") {
		t.Fatal("the engine does not replicate the new column")
	}
	s, err := db.SaveMeeting(ctx, Meeting{Kind: MeetingGeneral, Date: "2026-03-05", Topic: "学习党章", More: map[string]string{"weather": " 晴 "}})
	if err != nil {
		t.Fatal(err)
	}
	m, err := db.Meeting(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.More["weather"] != "晴" {
		t.Errorf("the new field reads back %q, want 晴 (trimmed)", m.More["weather"])
	}
	cs, err := db.RowHistory(ctx, "meetings", s.ID)
	if err != nil {
		t.Fatal(err)
	}
	logged := false
	for _, c := range cs {
		logged = logged || c.Field == "weather" && c.Value == "晴"
	}
	if !logged {
		t.Error("the new field's value is not in the record's history (it would not sync)")
	}
	if got := ColumnLabel("meetings", "weather"); got != "主题" {
		t.Errorf("the new field's label is %q, want its catalog label 主题", got)
	}
	m.More["weather"] = strings.Repeat("晴", 11)
	_, err = db.SaveMeeting(ctx, m)
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "at most 10") {
		t.Errorf("an 11-character value of a 10-character field: %v, want it refused", err)
	}
}

// TestBindingsCoverDescriptors: every struct bound to a table binds each of its columns to a
// field of the column's type (a text column may be left to the struct's More), and nothing else.
func TestBindingsCoverDescriptors(t *testing.T) {
	for _, b := range []*binding{(&Meeting{}).bind(), (&Commitment{}).bind(), (&Duty{}).bind(), (&Household{}).bind(),
		(&Contact{}).bind(), (&Transfer{}).bind(), (&Approval{}).bind(), (&Org{}).bind()} {
		for name := range b.bound {
			if _, ok := b.t.Column(name); !ok && name != "org_id" {
				t.Errorf("%s: %s is bound but the descriptor has no such column", b.t.Name, name)
			}
		}
		for _, c := range b.t.Columns {
			p, ok := b.bound[c.Name]
			switch {
			case !ok && (c.Type != ColText || b.more == nil):
				t.Errorf("%s.%s is not bound to a field", b.t.Name, c.Name)
			case !ok:
			case c.Type == ColText:
				if _, ok := p.(*string); !ok {
					t.Errorf("%s.%s is text but bound to %T", b.t.Name, c.Name, p)
				}
			case c.Type == ColInt:
				switch p.(type) {
				case *int, *int64, *bool:
				default:
					t.Errorf("%s.%s is an integer but bound to %T", b.t.Name, c.Name, p)
				}
			case c.Type == ColBlob:
				if _, ok := p.(*[]byte); !ok {
					t.Errorf("%s.%s is a blob but bound to %T", b.t.Name, c.Name, p)
				}
			}
		}
	}
}
