package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"zhibu/assets"
	"zhibu/store/storetest"
)

func TestLogin(t *testing.T) {
	for _, tc := range []struct {
		name    string
		user    string
		pws     []string // tried in turn
		wantIn  bool
		wantMsg string
	}{
		{"right password", "王书记", []string{storetest.Password}, true, ""},
		{"wrong password", "王书记", []string{"wrong"}, false, assets.T("Wrong user name or password. Check them and try again.")},
		{"unknown user", "张三", []string{storetest.Password}, false, assets.T("Wrong user name or password. Check them and try again.")},
		{"locked after five wrong passwords", "王书记", []string{"w1", "w2", "w3", "w4", "w5"}, false,
			assets.T("Too many wrong passwords: the account %s is locked. Try again in %d minutes, or ask the branch secretary to unlock it.", "王书记", 15)},
		{"right password refused while locked", "王书记", []string{"w1", "w2", "w3", "w4", "w5", storetest.Password}, false, "已锁定"},
		{"empty user name", "", []string{"x"}, false, assets.T("Enter your user name.")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := storetest.Village(t)
			u, w := newTestUI(t, f)
			for _, pw := range tc.pws {
				u.loginF.name.SetText(tc.user)
				u.loginF.password.SetText(pw)
				test.Tap(u.loginF.submit)
				settle()
			}
			if (u.shell != nil) != tc.wantIn {
				t.Fatalf("logged in: %v, want %v (message %q)", u.shell != nil, tc.wantIn, u.loginF.problem.Text)
			}
			if tc.wantIn {
				if !shows(w, "王书记（支部书记）") {
					t.Errorf("the top bar does not show the user and role: %q", texts(w))
				}
				return
			}
			if got := u.loginF.problem.Text; !strings.Contains(got, tc.wantMsg) || tc.wantMsg == "" {
				t.Errorf("message %q, want %q", got, tc.wantMsg)
			}
			if tc.user != "" && u.loginF.password.Text != "" {
				t.Error("the wrong password stays in the box")
			}
		})
	}
}

func TestEnterSubmitsLogin(t *testing.T) {
	f := storetest.Village(t)
	u, _ := newTestUI(t, f)
	test.Type(u.loginF.name, "王书记")
	u.loginF.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // moves to the password
	test.Type(u.loginF.password, storetest.Password)
	u.loginF.password.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	settle()
	if u.shell == nil {
		t.Fatalf("Enter did not log in: %q", u.loginF.problem.Text)
	}
}

func TestLockAndLogOut(t *testing.T) {
	f := storetest.Village(t)
	u, w := newTestUI(t, f)
	login(t, u, "王书记", storetest.Password)
	test.Tap(button(w, assets.T("Lock")))
	if u.shell != nil || u.loginF.name.Text != "王书记" {
		t.Fatal("Lock did not return to the login screen with the user's name")
	}
	if !shows(w, assets.T("The screen was locked. Enter the password to continue.")) {
		t.Error("no lock message")
	}
	login(t, u, "王书记", storetest.Password)
	test.Tap(button(w, assets.T("Log out")))
	if u.shell != nil || u.loginF.name.Text != "" {
		t.Fatal("Log out did not return to an empty login screen")
	}
}

func TestIdleLock(t *testing.T) {
	old := IdleTimeout
	IdleTimeout = time.Minute
	t.Cleanup(func() { IdleTimeout = old })
	for _, tc := range []struct {
		name     string
		steps    []time.Duration // clock moves; after each, maybe input, then a check
		input    bool            // type into the search box between steps
		wantLock bool
	}{
		{"no input for the timeout locks", []time.Duration{30 * time.Second, 31 * time.Second}, false, true},
		{"typing keeps it open", []time.Duration{50 * time.Second, 50 * time.Second}, true, false},
		{"short pause stays open", []time.Duration{59 * time.Second}, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := storetest.Village(t)
			u, w := newTestUI(t, f)
			login(t, u, "王书记", storetest.Password)
			u.shell.show("members")
			search := focusableWithPlaceholder(w, assets.T("Search: name, pinyin initials (zs), pinyin, or the last digits of the ID number"))
			w.Canvas().Focus(search)
			u.idle.check()
			for i, d := range tc.steps {
				f.Clock.Add(d)
				if tc.input {
					test.Type(search, fmt.Sprint(i))
				}
				u.idle.check()
			}
			if locked := u.shell == nil; locked != tc.wantLock {
				t.Errorf("locked: %v, want %v", locked, tc.wantLock)
			}
		})
	}
}

func TestLoginGolden(t *testing.T) {
	f := storetest.Village(t)
	_, w := newTestUI(t, f)
	w.Canvas().Unfocus() // no blinking cursor in the picture
	test.AssertImageMatches(t, "login.png", w.Canvas().Capture())
}
