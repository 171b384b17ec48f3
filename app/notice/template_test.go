package notice

import (
	"bytes"
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
)

// sendTemplate stores a township's wording as if it had arrived by sync.
func sendTemplate(t *testing.T, f *storetest.Fixture, kind, text string) {
	t.Helper()
	town := storetest.Township(t)
	home, err := town.DB.Home(town.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := town.DB.SetSetting(town.Ctx, home.ID, store.NoticeTemplateKey(kind), text); err != nil {
		t.Fatal(err)
	}
	f.ReceiveFrom(t, town, "orgs", "settings")
}

func TestTownshipWordingWins(t *testing.T) {
	f := storetest.Village(t)
	if _, err := f.DB.AddMember(f.Ctx, store.Member{Name: "张建国", IDNumber: storetest.ValidID("1970-03-05", 11), JoinedDate: "1996-11-20",
		ConfirmedDate: "1997-11-20"}); err != nil {
		t.Fatal(err)
	}
	sendTemplate(t, f, Birthdays, `{{define "title"}}{{.Org}}{{.Period}}政治生日{{end}}`)
	doc, err := Build(f.Ctx, f.DB, Request{Kind: Birthdays, Period: "2026Q4"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "张庄村党支部2026年第四季度政治生日" {
		t.Errorf("title = %q", doc.Title)
	}
	// Blocks the township did not redefine keep the built-in wording.
	if len(doc.Preface) == 0 || !strings.Contains(doc.Preface[0], "1名同志") {
		t.Errorf("preface = %q", doc.Preface)
	}
	if r := doc.Tables[0].Rows; len(r) != 1 || r[0][1] != "张建国" || r[0][4] != "29" { // 党龄 from 转正 (党章 第七条), not from joining
		t.Errorf("rows = %v", r)
	}
}

func TestBrokenTownshipWordingRefused(t *testing.T) {
	for name, text := range map[string]string{
		"parse":    `{{define "title"}}{{.Org}{{end}}`,
		"field":    `{{define "title"}}{{.Village}}{{end}}`,
		"no title": `{{define "title"}}{{if false}}x{{end}}{{end}}`,
		"runaway":  `{{define "preface"}}{{range 10000000}}很长的文字{{end}}{{end}}`,
	} {
		t.Run(name, func(t *testing.T) {
			f := storetest.Village(t)
			sendTemplate(t, f, Birthdays, text)
			var buf bytes.Buffer
			_, err := Print(f.Ctx, f.DB, Request{Kind: Birthdays}, &buf)
			if err == nil {
				t.Fatal("a broken template printed")
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes of PDF written", buf.Len())
			}
			if name != "no title" && !strings.Contains(err.Error(), "township's wording") {
				t.Errorf("err = %v", err)
			}
			if CheckTemplate(Birthdays, text) == nil {
				t.Error("CheckTemplate accepted it")
			}
		})
	}
}

func TestBuiltinTemplatesRun(t *testing.T) {
	for _, k := range Kinds() {
		if err := CheckTemplate(k.Kind, ""); err != nil {
			t.Errorf("%s: %v", k.Kind, err)
		}
	}
}
