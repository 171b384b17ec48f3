package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

// Issue 23 (少交或免交 and 在流入地交纳, 党费规定 2008): the dues screen records an exemption
// with who approved it and when, and a floating member's months paid at the 流入地 党组织;
// both were command-line only. An exempted member no longer owes; a bad approval date is
// refused with the reason and nothing is saved; 在流入地交纳 is offered only for a floating
// member and shows as ✓外 in the grid.
func TestDuesScreenRecordsExemptionAndPaidElsewhere(t *testing.T) {
	f := demoVillage(t)
	u, w := newTestUI(t, f)
	login(t, u, f.Admin, storetest.Password)
	u.shell.show("dues")
	v := lastDues
	home, _ := f.DB.Home(f.Ctx)
	arrears, _ := f.DB.DuesArrears(f.Ctx, home.ID, f.Clock.Now())
	if len(arrears) == 0 {
		t.Fatal("no arrears in the demo")
	}
	target, _ := f.DB.Member(f.Ctx, arrears[0].MemberID)

	fill := func(approvedOn string) {
		v.exemptDialog(target, func(string) {})
		entryWithPlaceholder(w, "每月金额（元），免交填 0").SetText("0")
		entryWithPlaceholder(w, "如 城关镇党委").SetText("城关镇党委")
		var dates []*dateEntry
		for _, o := range objects(w) {
			if d, ok := o.(*dateEntry); ok {
				dates = append(dates, d)
			}
		}
		if len(dates) < 2 {
			t.Fatalf("the exemption dialog has %d date boxes", len(dates))
		}
		dates[len(dates)-2].SetText("2026-10-10")
		dates[len(dates)-1].SetText(approvedOn)
		capture(t, w, "dues-exempt.png")
		tapDialogButton(t, w, "保存")
	}
	fill("2026-10-01") // approved before the branch decided: refused
	if p, _ := f.DB.DuesProfile(f.Ctx, target.ID); p.ExemptApprovedBy != "" {
		t.Fatal("a refused exemption was saved")
	}
	if !labelContains(w, "不能早于") && !labelContains(w, "早于") {
		t.Errorf("the refusal does not say why: %q", texts(w))
	}
	tapDialogButton(t, w, "取消")
	fill("2026-10-20")
	if p, _ := f.DB.DuesProfile(f.Ctx, target.ID); p.ExemptApprovedBy != "城关镇党委" || p.ExemptApprovedOn != "2026-10-20" {
		t.Fatalf("exemption not saved: %+v", p)
	}
	after, _ := f.DB.DuesArrears(f.Ctx, home.ID, f.Clock.Now())
	for _, a := range after {
		if a.MemberID == target.ID {
			t.Errorf("%s still owes %v after 免交", a.Name, a.Unpaid)
		}
	}

	// 在流入地交纳: offered for a floating member only.
	ms, _ := f.DB.Members(f.Ctx, store.MemberFilter{OrgID: home.ID})
	var floating, settled store.Member
	for _, m := range ms {
		if m.Category == "floating" && floating.ID == "" {
			floating = m
		}
		if m.Category != "floating" && settled.ID == "" {
			settled = m
		}
	}
	chooseInWindow(t, w, assets.T("(none)"), settled.Name)
	if v.payMember.ID() != settled.ID {
		t.Fatalf("the payment form is not for %s", settled.Name)
	}
	if !v.payElsewhere.Disabled() {
		t.Error("在流入地交纳 is offered for a member who is not floating")
	}
	chooseInWindow(t, w, settled.Name, floating.Name)
	if v.payMember.ID() != floating.ID {
		t.Fatalf("the payment form is not for %s", floating.Name)
	}
	if v.payElsewhere.Disabled() {
		t.Fatal("在流入地交纳 is not offered for a floating member")
	}
	var month string // the first month ahead the floating member has not paid yet
	for i := 1; i < 12 && month == ""; i++ {
		mo := f.Clock.Now().AddDate(0, i, 0).Format("2006-01")
		paid := false
		ps, _ := f.DB.DuesPayments(f.Ctx, home.ID, mo, mo)
		for _, p := range ps {
			paid = paid || p.MemberID == floating.ID
		}
		if !paid {
			month = mo
		}
	}
	v.payMonths.SetText(month)
	v.payAmount.SetText("")
	v.payElsewhere.SetChecked(true)
	v.payElsewhereOrg.SetText("广州市天河区某街道党工委")
	test.Tap(button(w, "登记交纳"))
	ps, _ := f.DB.DuesPayments(f.Ctx, home.ID, month, month)
	found := false
	for _, p := range ps {
		if p.MemberID == floating.ID && p.PaidElsewhere == "广州市天河区某街道党工委" {
			found = true
		}
	}
	if !found {
		t.Fatalf("the payment at the 流入地 was not recorded: %q %q %q", v.problem.Text, v.note.Text, month)
	}
	capture(t, w, "dues-elsewhere.png")
}
