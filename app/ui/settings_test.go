package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/rules"
	"zhibu/store/storetest"
)

// settingsOn shows the settings screen of a fixture's administrator in a test window.
func settingsOn(t *testing.T, f *storetest.Fixture, role string) (*settingsView, fyne.Window) {
	t.Helper()
	w := newTestWindow(t)
	home, err := f.DB.Home(f.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	userRole := store.RoleSecretary
	if role == store.RoleTownship {
		userRole = store.RoleTownshipAdmin
	}
	s := &Session{Ctx: f.Ctx, DB: f.DB, User: store.User{Name: f.Admin, Role: userRole}, Home: home, Role: role, Window: w}
	v := newSettingsView(s)
	w.SetContent(v.page())
	return v, w
}

func TestTownshipEditsARule(t *testing.T) {
	f := storetest.Township(t)
	v, w := settingsOn(t, f, store.RoleTownship)
	r := v.rows[rules.PipelinePublicity.Key]
	if r == nil || r.entry == nil {
		t.Fatal("the publicity period cannot be edited on the township")
	}
	if r.entry.Text != "5" || r.reset.Visible() {
		t.Fatalf("entry %q, reset shown %v", r.entry.Text, r.reset.Visible())
	}
	if fixed := v.rows[rules.PipelineProbation.Key]; fixed == nil || fixed.entry != nil {
		t.Error("a fixed rule is editable")
	}
	r.entry.SetText("7")
	test.Tap(r.save)
	if got, _ := f.DB.RuleValue(f.Ctx, rules.PipelinePublicity.Key); got != "7" {
		t.Fatalf("value in force = %q, want 7 (%q)", got, r.msg.Text)
	}
	if !r.reset.Visible() || !r.set.Visible() || !shows(w, "已保存") {
		t.Errorf("after save: reset shown %v, marked %v, texts %q", r.reset.Visible(), r.set.Visible(), texts(w))
	}
	capture(t, w, "settings-township.png")

	// A bad value: a problem on the row, nothing changed.
	before, _ := f.DB.Digest(f.Ctx, "")
	r.entry.SetText("七天")
	test.Tap(r.save)
	if !r.msg.Visible() || r.msg.Text != assets.T("\"%s\" must be a whole number from %d to %d.", assets.T(rules.PipelinePublicity.Label), 1, 1000) {
		t.Errorf("bad value message: %q", r.msg.Text)
	}
	if after, _ := f.DB.Digest(f.Ctx, ""); after != before {
		t.Error("a refused value changed the data")
	}
	att := v.rows[rules.AttendanceMin.Key]
	att.entry.SetText("120")
	test.Tap(att.save)
	if !att.msg.Visible() {
		t.Error("120 percent accepted")
	}
	capture(t, w, "settings-township-bad.png")
	if got, _ := f.DB.RuleValue(f.Ctx, rules.PipelinePublicity.Key); got != "7" {
		t.Errorf("value in force after a refused edit = %q", got)
	}

	test.Tap(r.reset)
	if got, _ := f.DB.RuleValue(f.Ctx, rules.PipelinePublicity.Key); got != "5" || r.entry.Text != "5" || r.reset.Visible() {
		t.Errorf("after reset: value %q, entry %q", got, r.entry.Text)
	}
}

func TestVillageSeesRulesReadOnly(t *testing.T) {
	f := storetest.Village(t)
	v, w := settingsOn(t, f, store.RoleVillage)
	if len(v.rows) != len(rules.All()) {
		t.Errorf("%d of %d rules shown: add the new area to ruleGroups", len(v.rows), len(rules.All()))
	}
	for key, r := range v.rows {
		if r.entry != nil || r.save != nil {
			t.Fatalf("rule %s is editable on a village", key)
		}
	}
	if r := v.rows[rules.ThemeDayDay.Key]; r.value.Text != "10" {
		t.Errorf("theme day shows %q", r.value.Text)
	}
	for _, want := range []string{"乡镇党委统一设置", "地方做法", "默认 10", rules.ThemeDayDay.Source, "监督电话"} {
		if !shows(w, want) {
			t.Errorf("village settings do not show %q", want)
		}
	}
	capture(t, w, "settings-village.png")
}

func TestVillageSetsNoticeContact(t *testing.T) {
	f := storetest.Village(t)
	_, w := settingsOn(t, f, store.RoleVillage)
	phone := entryWithPlaceholder(w, assets.T("e.g. %s", "0371-12345678"))
	if phone == nil {
		t.Fatal("no telephone entry")
	}
	phone.SetText("电话")
	test.Tap(button(w, assets.T("Save")))
	home, _ := f.DB.Home(f.Ctx)
	if c, _ := f.DB.NoticeContact(f.Ctx, home.ID); c.Phone != "" || !shows(w, "不正确") {
		t.Errorf("bad phone: stored %q, texts %q", c.Phone, texts(w))
	}
	phone.SetText("0394-8123456")
	test.Tap(button(w, assets.T("Save")))
	if c, _ := f.DB.NoticeContact(f.Ctx, home.ID); c.Phone != "0394-8123456" {
		t.Errorf("phone not saved: %+v", c)
	}
}

func TestSettingsScreenInTheShell(t *testing.T) {
	f := storetest.Township(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	if err := f.DB.SetRule(f.Ctx, rules.AttendanceMin.Key, "75"); err != nil {
		t.Fatal(err)
	}
	u.shell.show("settings")
	if !shows(w, assets.T("Rules and settings")) || button(w, assets.T("Back to the default")) == nil {
		t.Fatalf("settings screen: %q", texts(w))
	}
	capture(t, w, "settings-shell.png")
}
