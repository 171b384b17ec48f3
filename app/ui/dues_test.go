package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"zhibu/assets"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// demoVillage is a village filled with the demo data (dues, candidates, points).
func demoVillage(t *testing.T) *storetest.Fixture {
	t.Helper()
	f := storetest.Village(t)
	if err := demo.Fill(f.Ctx, f.DB, demo.Options{Seed: 3}); err != nil {
		t.Fatal(err)
	}
	return f
}

// selectWithPlaceholder finds a select by its placeholder.
func selectWithPlaceholder(w fyne.Window, ph string) *widget.Select {
	for _, o := range objects(w) {
		if s, ok := asSelect(o); ok && s.PlaceHolder == ph {
			return s
		}
	}
	return nil
}

// chooseInWindow chooses a member with the member picker whose button shows shown (the chosen
// name, or 「（无）」), through the window as a user does: tap the button, type the name into the
// search box, tap the member in the list.
func chooseInWindow(t *testing.T, w fyne.Window, shown, name string) {
	t.Helper()
	btn := button(w, shown)
	if btn == nil {
		t.Fatalf("no member picker showing %q", shown)
	}
	test.Tap(btn)
	search := entryWithPlaceholder(w, assets.T("Search: name or pinyin initials (zs)"))
	if search == nil {
		t.Fatal("the member picker's search box did not open")
	}
	test.Type(search, name)
	for _, o := range objects(w) {
		l, ok := o.(*widget.List)
		if !ok || !l.Visible() {
			continue
		}
		for i := range l.Length() {
			item := l.CreateItem()
			l.UpdateItem(i, item)
			if lb, ok := item.(*widget.Label); ok && lb.Text == name {
				l.Select(i)
				return
			}
		}
	}
	t.Fatalf("%s is not in the member picker's list", name)
}

func checkWithText(w fyne.Window, text string) *widget.Check {
	for _, o := range objects(w) {
		if c, ok := o.(*widget.Check); ok && c.Text == text {
			return c
		}
	}
	return nil
}

func TestDuesScreenRecordsPaymentAndRefusesBadOnes(t *testing.T) {
	f := demoVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("dues")
	if !shows(w, "欠") || !shows(w, "✓") {
		t.Fatalf("the dues grid does not show paid and owed months: %q", texts(w))
	}
	capture(t, w, "dues.png")
	home, _ := f.DB.Home(f.Ctx)
	arrears, _ := f.DB.DuesArrears(f.Ctx, home.ID, f.Clock.Now())
	if len(arrears) == 0 {
		t.Fatal("no arrears in the demo")
	}
	target := arrears[0] // the one most behind (7 months)
	who := lastDues.payMember
	months := entryWithPlaceholder(w, assets.T("Month: 2026-11, or 2026Q4, or 2026-10,2026-11"))
	late := checkWithText(w, assets.T("Late payment agreed by the branch"))
	if who == nil || months == nil || late == nil {
		t.Fatal("payment form incomplete")
	}
	chooseInWindow(t, w, assets.T("(none)"), target.Name)
	if who.ID() != target.MemberID {
		t.Fatalf("the payment form is for %q, not %s", who.ID(), target.Name)
	}
	// Too far back without the branch's agreement: refused with the reason, nothing saved.
	months.SetText(strings.Join(target.Unpaid, ","))
	test.Tap(button(w, assets.T("Record payment")))
	if !shows(w, "超期补交") {
		t.Fatalf("no refusal shown: %q", texts(w))
	}
	if a, _ := f.DB.DuesArrears(f.Ctx, home.ID, f.Clock.Now()); len(a[0].Unpaid) != len(target.Unpaid) {
		t.Fatal("a refused payment changed the arrears")
	}
	capture(t, w, "dues-refused.png")
	late.SetChecked(true)
	test.Tap(button(w, assets.T("Record payment")))
	after, _ := f.DB.DuesArrears(f.Ctx, home.ID, f.Clock.Now())
	for _, a := range after {
		if a.MemberID == target.MemberID {
			t.Fatalf("%s still owes %v: %q", a.Name, a.Unpaid, texts(w))
		}
	}
	if !shows(w, "已登记 "+target.Name) {
		t.Errorf("no confirmation: %q", texts(w))
	}
	// A double click on 登记交纳: the second answers 「已登记，不用重复」, not a red failure.
	test.Tap(button(w, assets.T("Record payment")))
	if !labelContains(w, "已登记，不用重复") {
		t.Errorf("the second click does not say it is already recorded: %q", texts(w))
	}
	for _, o := range objects(w) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Importance == widget.DangerImportance && l.Text != "" {
			t.Errorf("the second click shows a red failure: %q", l.Text)
		}
	}
}
