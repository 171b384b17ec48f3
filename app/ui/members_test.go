package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/cnid"
	"zhibu/store/storetest"
)

// rollFixture is a village with two party groups and five members.
func rollFixture(t *testing.T) *storetest.Fixture {
	t.Helper()
	f := storetest.Village(t)
	home, err := f.DB.Home(f.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	var groups []string
	for _, n := range []string{"第一党小组", "第二党小组"} {
		id, err := f.DB.AddOrg(f.Ctx, store.Org{OrgID: home.ID, Name: n, Kind: store.KindGroup, ParentID: home.ID})
		if err != nil {
			t.Fatal(err)
		}
		groups = append(groups, id)
	}
	for i, m := range []store.Member{
		{Name: "张三", BirthDate: "1965-03-12", JoinedDate: "1990-07-01", ConfirmedDate: "1991-07-01", Phone: "13812345678", Category: "no_post"},
		{Name: "李四", BirthDate: "1978-10-02", JoinedDate: "2005-06-20", ConfirmedDate: "2006-06-20", Phone: "13987654321", Category: "working"},
		{Name: "王五", BirthDate: "1950-01-30", JoinedDate: "1975-05-04", ConfirmedDate: "1976-05-04", Category: "elderly"},
		{Name: "赵四", BirthDate: "1990-08-15", JoinedDate: "2026-06-01", Status: "probationary", Category: "floating", Phone: "15011112222"},
		{Name: "刘秀英", BirthDate: "1982-12-01", JoinedDate: "2010-07-01", ConfirmedDate: "2011-07-01", Category: "working"},
	} {
		m.IDNumber = storetest.ValidID(m.BirthDate, 11+i*2+map[bool]int{true: 1}[m.Name == "刘秀英"])
		m.BirthDate = ""
		m.GroupID = groups[i%2]
		if _, err := f.DB.AddMember(f.Ctx, m); err != nil {
			t.Fatalf("add %s: %v", m.Name, err)
		}
	}
	return f
}

// membersScreen logs in and opens the members screen.
func membersScreen(t *testing.T, f *storetest.Fixture, user string) (*appUI, fyne.Window) {
	t.Helper()
	u, w := newTestUI(t, f)
	login(t, u, user, storetest.Password)
	u.shell.show("members")
	return u, w
}

func searchBox(t *testing.T, w fyne.Window) *widget.Entry {
	t.Helper()
	e := entryWithPlaceholder(w, assets.T("Search: name, pinyin initials (zs), pinyin, or the last digits of the ID number"))
	if e == nil {
		t.Fatal("no search box")
	}
	return e
}

func memberTable(t *testing.T, w fyne.Window) *widget.Table {
	t.Helper()
	for _, o := range objects(w) {
		if tb, ok := o.(*widget.Table); ok && tb.Visible() {
			return tb
		}
	}
	t.Fatal("no member list")
	return nil
}

func TestMemberSearchAsYouType(t *testing.T) {
	f := rollFixture(t)
	tail := storetest.ValidID("1978-10-02", 13)[14:] // 李四's ID-number tail
	for _, tc := range []struct {
		typed   string
		want    []string
		notWant []string
	}{
		{"", []string{"张三", "李四", "王五", "赵四", "刘秀英"}, nil},
		{"zs", []string{"张三", "赵四"}, []string{"李四", "王五", "刘秀英"}},
		{"liu", []string{"刘秀英"}, []string{"张三", "李四"}},
		{"秀", []string{"刘秀英"}, []string{"张三"}},
		{tail, []string{"李四"}, []string{"张三", "赵四"}},
	} {
		t.Run(tc.typed, func(t *testing.T) {
			_, w := membersScreen(t, f, "王书记")
			test.Type(searchBox(t, w), tc.typed)
			capture(t, w, "search-"+tc.typed+".png")
			for _, n := range tc.want {
				if !shows(w, n) {
					t.Errorf("typing %q: %s is not in the list", tc.typed, n)
				}
			}
			for _, n := range tc.notWant {
				if shows(w, n) {
					t.Errorf("typing %q: %s is still in the list", tc.typed, n)
				}
			}
			if !shows(w, assets.T("%d members found", len(tc.want))) && tc.typed != "" {
				t.Errorf("typing %q: the count does not say %d", tc.typed, len(tc.want))
			}
		})
	}
}

func TestMemberListMasksPersonalData(t *testing.T) {
	f := rollFixture(t)
	_, w := membersScreen(t, f, "王书记")
	idn := storetest.ValidID("1965-03-12", 11)
	if shows(w, idn) || shows(w, "13812345678") {
		t.Error("the list shows a full ID number or phone")
	}
	if !shows(w, cnid.Mask(idn)) || !shows(w, "138****5678") {
		t.Errorf("the list does not show the masked ID number and phone: %q", texts(w))
	}
}

func TestMemberFormRejectsBadIDAndSavesNothing(t *testing.T) {
	f := rollFixture(t)
	for _, tc := range []struct {
		name string
		open func(t *testing.T, w fyne.Window)
	}{
		{"new member", func(t *testing.T, w fyne.Window) { test.Tap(button(w, assets.T("Add member"))) }},
		{"existing member", func(t *testing.T, w fyne.Window) { memberTable(t, w).Select(widget.TableCellID{Row: 0, Col: 0}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, w := membersScreen(t, f, "王书记")
			before := digest(t, f)
			tc.open(t, w)
			d := currentDetail(t, w)
			if tc.name == "new member" {
				d.entries["name"].SetText("孙七")
				d.entries["joined_date"].SetText("2000-07-01")
			}
			d.entries["id_number"].SetText("410928198001011234") // wrong check digit
			test.Tap(button(w, assets.T("Save")))
			if msg := d.problems["id_number"]; !msg.Visible() || msg.Text == "" {
				t.Fatalf("no problem shown next to the ID number; summary %q", d.summary.Text)
			}
			if !strings.Contains(d.summary.Text, assets.T("Nothing was saved: %d problems need correcting (in red below).", 1)) {
				t.Errorf("summary %q", d.summary.Text)
			}
			if after := digest(t, f); after != before {
				t.Error("a rejected form changed the database")
			}
			capture(t, w, "member-bad-id-"+strings.ReplaceAll(tc.name, " ", "-")+".png")
		})
	}
}

func TestMemberFormSavesAndKeepsHistory(t *testing.T) {
	f := rollFixture(t)
	_, w := membersScreen(t, f, "王书记")
	test.Type(searchBox(t, w), "张三")
	memberTable(t, w).Select(widget.TableCellID{Row: 0, Col: 0})
	d := currentDetail(t, w)
	if d.entries["id_number"].Text != storetest.ValidID("1965-03-12", 11) {
		t.Errorf("the detail of a secretary shows %q, want the full ID number", d.entries["id_number"].Text)
	}
	d.entries["phone"].SetText("13900001111")
	test.Tap(button(w, assets.T("Save")))
	if !shows(w, assets.T("The member file of %s has been saved.", "张三")) {
		t.Fatalf("no saved message; detail summary %q", d.summary.Text)
	}
	ms, _ := f.DB.Members(f.Ctx, store.MemberFilter{Query: "张三"})
	if len(ms) != 1 || ms[0].Phone != "13900001111" {
		t.Fatalf("phone not saved: %+v", ms)
	}
	lines, err := memberHistory(&Session{Ctx: f.Ctx, DB: f.DB, User: store.User{Name: "王书记", Role: store.RoleSecretary}}, ms[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) == 0 || lines[0].user != "王书记" || lines[0].old != "13812345678" || lines[0].new != "13900001111" {
		t.Errorf("newest history line %+v, want the phone change by 王书记", lines[0])
	}
}

func TestReadOnlyUserCannotEdit(t *testing.T) {
	f := rollFixture(t)
	if _, err := f.DB.AddUser(f.Ctx, "小李", store.RoleReadOnly, storetest.Password); err != nil {
		t.Fatal(err)
	}
	_, w := membersScreen(t, f, "小李")
	for _, b := range []string{"Add member", "Import roster"} {
		if button(w, assets.T(b)) != nil {
			t.Errorf("a read-only user sees %q", assets.T(b))
		}
	}
	memberTable(t, w).Select(widget.TableCellID{Row: 0, Col: 0})
	d := currentDetail(t, w)
	for _, b := range []string{"Save", "Delete"} {
		if button(w, assets.T(b)) != nil {
			t.Errorf("a read-only user sees %q in the detail", assets.T(b))
		}
	}
	if !d.entries["name"].Disabled() {
		t.Error("a read-only user can type into the name")
	}
	if idn := d.entries["id_number"].Text; !strings.Contains(idn, "****") {
		t.Errorf("a read-only user sees the ID number %q", idn)
	}
}

// The member list alone (not the shell, whose navigation grows as areas add screens).
func TestMembersGolden(t *testing.T) {
	f := rollFixture(t)
	w := newTestWindow(t)
	home, _ := f.DB.Home(f.Ctx)
	s := &Session{Ctx: f.Ctx, DB: f.DB, User: store.User{Name: "王书记", Role: store.RoleSecretary}, Home: home, Role: store.RoleVillage, Window: w}
	w.SetContent(makeMembers(s))
	w.Resize(fyne.NewSize(1160, 700))
	test.AssertImageMatches(t, "members.png", w.Canvas().Capture())
}

// currentDetail finds the open member detail page.
func currentDetail(t *testing.T, w fyne.Window) *memberDetail {
	t.Helper()
	if lastDetail == nil {
		t.Fatal("no member detail page is open")
	}
	return lastDetail
}

// digest is a hash of the replicated content: equal digests, nothing changed.
func digest(t *testing.T, f *storetest.Fixture) string {
	t.Helper()
	d, err := f.DB.Digest(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return d
}
