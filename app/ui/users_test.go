package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

func TestUsersScreenOnlyForAdmins(t *testing.T) {
	f := storetest.Village(t)
	if _, err := f.DB.AddUser(f.Ctx, "记录员", store.RoleRecorder, storetest.Password); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		user string
		want bool
	}{{"王书记", true}, {"记录员", false}} {
		u, w := newTestUI(t, f)
		login(t, u, tc.user, storetest.Password)
		if got := shows(w, assets.T("User accounts")); got != tc.want {
			t.Errorf("%s sees the users screen: %v, want %v", tc.user, got, tc.want)
		}
	}
}

func TestUsersScreenManagesAccounts(t *testing.T) {
	f := storetest.Village(t)
	if _, err := f.DB.AddUser(f.Ctx, "小李", store.RoleRecorder, storetest.Password); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ { // lock 小李 out
		f.DB.Login(f.Ctx, "小李", "wrong")
	}
	u, w := newTestUI(t, f)
	login(t, u, "王书记", storetest.Password)
	u.shell.show("users")
	if !shows(w, "已锁定") {
		t.Fatalf("the lock-out is not shown: %q", texts(w))
	}
	tb := memberTable(t, w)
	tb.Select(widget.TableCellID{Row: 0, Col: 0}) // 小李 sorts before 王书记
	test.Tap(button(w, assets.T("Unlock")))
	if !shows(w, assets.T("The account %s is unlocked.", "小李")) {
		t.Errorf("no unlock message: %q", texts(w))
	}
	t.Logf("after unlock: %q", tableTexts(tb))
	test.Tap(button(w, assets.T("Disable")))
	if _, err := f.DB.Login(f.Ctx, "小李", storetest.Password); err == nil {
		t.Error("a disabled account can log in")
	}
	test.Tap(button(w, assets.T("Enable")))
	if _, err := f.DB.Login(f.Ctx, "小李", storetest.Password); err != nil {
		t.Errorf("an enabled account cannot log in: %v", err)
	}
	capture(t, w, "users.png")
}

func TestHomeShowsCounts(t *testing.T) {
	f := rollFixture(t)
	u, w := newTestUI(t, f)
	login(t, u, "王书记", storetest.Password)
	for _, want := range []string{"王书记，您好！", "今天是 2026年11月29日，星期日。", assets.T("Members on the roll"), assets.T("Probationary members")} {
		if !shows(w, want) {
			t.Errorf("home does not show %q: %q", want, texts(w))
		}
	}
	capture(t, w, "home.png")
}
