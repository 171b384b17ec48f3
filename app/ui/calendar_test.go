package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

// The other lifecycle screens open on a village with demo data and show what a secretary
// looks for.
func TestLifecycleScreens(t *testing.T) {
	f := demoVillage(t) // today 2026-11-29
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	for _, c := range []struct {
		screen string
		want   []string
	}{
		{"calendar", []string{"2026-10-10", "调休上班日", "国庆节", "已内置 2025、2026 年"}},
		{"birthdays", []string{"政治生日", "党龄"}},
		{"points", []string{"积分星级", "本期结果"}},
		{"transfers", []string{"组织关系转接", "转出"}},
		{"home", []string{"欠交党费人数", "发展对象人数"}},
		{"about", []string{"支部台账", "数据版本", "THIRD-PARTY-NOTICES"}},
	} {
		u.shell.show(c.screen)
		for _, s := range c.want {
			if !shows(w, s) {
				t.Errorf("%s: %q not shown: %q", c.screen, s, texts(w))
			}
		}
		w.Content().Refresh()
		capture(t, w, c.screen+".png")
	}
	u.shell.show("points")
	home, _ := f.DB.Home(f.Ctx)
	ms, _ := f.DB.Members(f.Ctx, store.MemberFilter{OrgID: home.ID})
	chooseInWindow(t, w, assets.T("(none)"), ms[0].Name)
	if !shows(w, ms[0].Name+" 2026") {
		t.Errorf("own record not shown: %q", texts(w))
	}
	test.Type(entryWithPlaceholder(w, assets.T("What the points are for")), "帮助留守老人收秋")
	test.Tap(button(w, assets.T("Add entry")))
	r, _ := f.DB.MemberPoints(f.Ctx, ms[0].ID, "2026")
	found := false
	for _, e := range r.Entries {
		found = found || e.Reason == "帮助留守老人收秋"
	}
	if !found {
		t.Errorf("points entry not saved: %q", texts(w))
	}
	w.Content().Refresh()
	capture(t, w, "points-member.png")
}

func TestTownshipEditsCalendar(t *testing.T) {
	f := storetest.Township(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("calendar")
	date := entryWithPlaceholder(w, assets.T("Date (YYYY-MM-DD)"))
	if date == nil {
		t.Fatal("no edit form on the township")
	}
	date.SetText("2026-10-08")
	test.Tap(button(w, assets.T("Save")))
	cal, _ := f.DB.Calendar(f.Ctx)
	if d, _ := time.Parse(time.DateOnly, "2026-10-08"); cal.IsWorkday(d) {
		t.Error("2026-10-08 not saved as a holiday")
	}
	date.SetText("2026-13-01")
	test.Tap(button(w, assets.T("Save")))
	if !shows(w, "不正确") {
		t.Errorf("bad date not refused: %q", texts(w))
	}
}
