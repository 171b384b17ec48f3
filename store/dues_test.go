package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

func fen(n int64) *int64 { return &n }

func TestComputeDuesBands(t *testing.T) {
	f := storetest.Village(t)
	rates, err := f.DB.DuesRates(f.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		p    store.DuesProfile
		want int64 // fen
	}{
		{"salaried 2999.99", store.DuesProfile{Kind: "salaried", Income: 299999}, 1500}, // 0.5%: 14.99995 → 15.00
		{"salaried 3000 exactly", store.DuesProfile{Kind: "salaried", Income: 300000}, 1500},
		{"salaried 3000.01", store.DuesProfile{Kind: "salaried", Income: 300001}, 3000},
		{"salaried 5000 exactly", store.DuesProfile{Kind: "salaried", Income: 500000}, 5000},
		{"salaried 5000.01", store.DuesProfile{Kind: "salaried", Income: 500001}, 7500},
		{"salaried 10000 exactly", store.DuesProfile{Kind: "salaried", Income: 1000000}, 15000},
		{"salaried 10000.01", store.DuesProfile{Kind: "salaried", Income: 1000001}, 20000},
		{"salaried 1234.56", store.DuesProfile{Kind: "salaried", Income: 123456}, 617}, // 6.1728
		{"retired 5000 exactly", store.DuesProfile{Kind: "retired", Income: 500000}, 2500},
		{"retired 5000.01", store.DuesProfile{Kind: "retired", Income: 500001}, 5000},
		{"retired 2000", store.DuesProfile{Kind: "retired", Income: 200000, BasicPension: 150000}, 1000},
		{"farmer", store.DuesProfile{Kind: "farmer"}, 20},
		{"never set counts as farmer", store.DuesProfile{}, 20},
		{"student", store.DuesProfile{Kind: "student", Income: 900000}, 20},
		{"unemployed", store.DuesProfile{Kind: "unemployed"}, 20},
		{"relief", store.DuesProfile{Kind: "relief"}, 20},
		{"fixed by the branch", store.DuesProfile{Kind: "salaried", Income: 800000, Fixed: fen(5000)}, 5000},
	} {
		got, basis := store.ComputeDues(c.p, rates)
		if got != c.want {
			t.Errorf("%s: %d fen, want %d", c.name, got, c.want)
		}
		if !strings.Contains(basis, store.Yuan(got)) {
			t.Errorf("%s: basis %q does not show the amount", c.name, basis)
		}
	}
	// Retired members on the basic-pension base (a township setting).
	rates.RetiredBase = "basic"
	if got, basis := store.ComputeDues(store.DuesProfile{Kind: "retired", Income: 600000, BasicPension: 400000}, rates); got != 2000 || !strings.Contains(basis, "基本离退休费") {
		t.Errorf("basic pension base: %d %q", got, basis)
	}
}

func TestDuesFarmerSettingFromTownship(t *testing.T) {
	tw := storetest.Township(t)
	home, _ := tw.DB.Home(tw.Ctx)
	if err := tw.DB.SetSetting(tw.Ctx, home.ID, "rule.dues.farmer_amount", "0.50"); err != nil {
		t.Fatal(err)
	}
	r, err := tw.DB.DuesRates(tw.Ctx)
	if err != nil || r.Farmer != 50 {
		t.Fatalf("farmer amount %d %v", r.Farmer, err)
	}
}

func TestPayDues(t *testing.T) {
	f := storetest.Village(t) // today: 2026-11-29
	m := f.AddMember(t, "张建国", "1970-05-06", "2020-07-01", 11)
	late := f.AddMember(t, "李秀英", "1980-03-02", "2026-06-15", 12)
	if err := f.DB.SetDuesProfile(f.Ctx, store.DuesProfile{MemberID: m, Kind: "salaried", Income: 420000}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		req    store.PayRequest
		want   error
		msg    string // part of the Chinese message
		months int
	}{
		{"one month computed", store.PayRequest{MemberID: m, Months: []string{"2026-11"}}, nil, "", 1},
		{"quarter with a total", store.PayRequest{MemberID: m, Months: mustMonths(t, "2026Q3"), Total: 12600, PaidDate: "2026-11-01"}, nil, "", 3},
		{"already paid", store.PayRequest{MemberID: m, Months: []string{"2026-11"}}, store.ErrDuplicateRow, "已登记过", 0},
		{"before joining", store.PayRequest{MemberID: late, Months: []string{"2026-05"}}, store.ErrInvalid, "2026-06", 0},
		{"joining month is due", store.PayRequest{MemberID: late, Months: []string{"2026-06"}}, nil, "", 1},
		{"more than 6 months back", store.PayRequest{MemberID: m, Months: []string{"2026-04"}}, store.ErrInvalid, "超期补交", 0},
		{"6 months back is fine", store.PayRequest{MemberID: m, Months: []string{"2026-05"}}, nil, "", 1},
		{"late payment accepted when marked", store.PayRequest{MemberID: m, Months: []string{"2026-04"}, Late: true}, nil, "", 1},
		{"future payment date", store.PayRequest{MemberID: m, Months: []string{"2026-12"}, PaidDate: "2026-11-30"}, store.ErrInvalid, "今天之后", 0},
		{"too far ahead", store.PayRequest{MemberID: m, Months: []string{"2027-12"}}, store.ErrInvalid, "12", 0},
		{"a month twice", store.PayRequest{MemberID: m, Months: []string{"2026-12", "2026-12"}}, store.ErrInvalid, "两次", 0},
		{"one bad month refuses all", store.PayRequest{MemberID: m, Months: []string{"2026-12", "2026-11"}}, store.ErrDuplicateRow, "", 0},
	}
	for _, c := range cases {
		got, err := f.DB.PayDues(f.Ctx, c.req)
		if c.want == nil {
			if err != nil || len(got) != c.months {
				t.Errorf("%s: %v (%d payments)", c.name, err, len(got))
			}
			continue
		}
		if !errors.Is(err, c.want) || !strings.Contains(assets.Chinese(err), c.msg) {
			t.Errorf("%s: err %v (%s), want %v containing %q", c.name, err, assets.Chinese(err), c.want, c.msg)
		}
	}
	pays, _ := f.DB.DuesPayments(f.Ctx, "", "2026-07", "2026-09")
	if len(pays) != 3 || pays[0].Amount != 4200 || pays[0].PaidDate != "2026-11-01" {
		t.Fatalf("quarter: %+v", pays)
	}
	dec, _ := f.DB.DuesPayments(f.Ctx, "", "2026-12", "2026-12")
	if len(dec) != 0 {
		t.Fatal("a refused payment left a row behind")
	}
	if nov, _ := f.DB.DuesPayments(f.Ctx, "", "2026-11", "2026-11"); len(nov) != 1 || nov[0].Amount != 4200 {
		t.Fatalf("computed amount: %+v", nov) // 4200 yuan × 1% = 42.00
	}
}

func mustMonths(t *testing.T, s string) []string {
	ms, err := store.ExpandMonths(s)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func TestExpandMonths(t *testing.T) {
	for in, want := range map[string]string{"2026-03": "2026-03", "2026Q1": "2026-01,2026-02,2026-03",
		"2026-01, 2026-02": "2026-01,2026-02", "2026q4": "2026-10,2026-11,2026-12"} {
		got, err := store.ExpandMonths(in)
		if err != nil || strings.Join(got, ",") != want {
			t.Errorf("%s: %v %v", in, got, err)
		}
	}
	for _, in := range []string{"2026-13", "2026Q5", "", "März"} {
		if _, err := store.ExpandMonths(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

func TestDuesArrearsAndFindings(t *testing.T) {
	f := storetest.Village(t) // today: 2026-11-29
	home, _ := f.DB.Home(f.Ctx)
	paid := f.AddMember(t, "王保国", "1960-01-01", "2000-07-01", 13)
	three := f.AddMember(t, "赵红梅", "1975-01-01", "2010-07-01", 14)
	six := f.AddMember(t, "刘长青", "1965-01-01", "2005-07-01", 15)
	newbie := f.AddMember(t, "陈小龙", "2000-01-01", "2026-10-10", 17)
	pay := func(id string, months ...string) {
		t.Helper()
		if _, err := f.DB.PayDues(f.Ctx, store.PayRequest{MemberID: id, Months: months, Late: true}); err != nil {
			t.Fatal(err)
		}
	}
	pay(paid, "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10")
	pay(three, "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07")
	pay(six, "2026-01", "2026-02", "2026-03", "2026-04")
	pay(newbie, "2026-10")
	arrears, err := f.DB.DuesArrears(f.Ctx, home.ID, f.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, a := range arrears {
		got[a.Name] = len(a.Unpaid)
	}
	want := map[string]int{"赵红梅": 3, "刘长青": 6}
	if len(got) != len(want) || got["赵红梅"] != 3 || got["刘长青"] != 6 {
		t.Fatalf("arrears %v, want %v (November is not overdue before it ends)", got, want)
	}
	fs, err := f.DB.Check(f.Ctx, home.ID, "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	sev := map[string]string{}
	for _, x := range fs {
		if x.Kind == "dues_overdue" {
			sev[x.Subject] = x.Severity
		}
	}
	if sev[three] != "warning" || sev[six] != "alarm" || sev[paid] != "" || sev[newbie] != "" {
		t.Fatalf("findings %v", sev)
	}
	// Judged on an earlier period: at the end of September only 赵红梅's August and September… 2 months: no finding.
	fs, _ = f.DB.Check(f.Ctx, home.ID, "2026-09")
	for _, x := range fs {
		if x.Kind == "dues_overdue" && x.Subject == three {
			t.Errorf("September: %s %s", x.Severity, x.Title)
		}
	}
	// A month end: on 2026-12-01 November becomes overdue.
	f.Clock.Set(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	arrears, _ = f.DB.DuesArrears(f.Ctx, home.ID, f.Clock.Now())
	for _, a := range arrears {
		if a.Name == "王保国" && strings.Join(a.Unpaid, ",") != "2026-11" {
			t.Errorf("王保国 on 1 December: %v", a.Unpaid)
		}
	}
}

func TestDuesUses(t *testing.T) {
	f := storetest.Village(t)
	home, _ := f.DB.Home(f.Ctx)
	if _, err := f.DB.AddDuesUse(f.Ctx, store.DuesUse{Date: "2026-07-01", Amount: 30000, Purpose: "慰问困难党员"}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []store.DuesUse{{Date: "2026-07-01", Amount: 0, Purpose: "x"}, {Date: "7/1", Amount: 100, Purpose: "x"}, {Date: "2026-07-01", Amount: 100}} {
		if _, err := f.DB.AddDuesUse(f.Ctx, bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%+v accepted: %v", bad, err)
		}
	}
	us, _ := f.DB.DuesUses(f.Ctx, home.ID, "2026-01-01", "2026-12-31")
	if len(us) != 1 || us[0].Amount != 30000 {
		t.Fatalf("%+v", us)
	}
}

func TestParseYuan(t *testing.T) {
	for in, want := range map[string]int64{"12": 1200, "12.5": 1250, "0.20": 20, "¥3.05": 305, "42元": 4200, ".5": 50} {
		if got, err := store.ParseYuan(in); err != nil || got != want {
			t.Errorf("%s: %d %v", in, got, err)
		}
	}
	for _, in := range []string{"", "1.234", "-5", "abc", "1,000"} {
		if _, err := store.ParseYuan(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

// 关于中国共产党党费收缴、使用和管理的规定（2008）: a member in difficulty may pay less or
// nothing (少交或免交) when the branch decides and the higher committee approves; such a member
// owes the approved amount, and 0.00 is paid up. A 流动党员 may pay at the 流入地 党组织 (with the
// 流动党员活动证): those months are paid. Neither reaches 「视为自行脱党（党章第九条）」, which
// both did on 504aede.
func TestExemptAndPaidElsewhereAreNotLeavingTheParty(t *testing.T) {
	f := storetest.New(t, storetest.Params{Now: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)})
	home, _ := f.DB.Home(f.Ctx)
	if err := f.DB.SetDuesStartMonth(f.Ctx, home.ID, "2026-01"); err != nil {
		t.Fatal(err)
	}
	exempt := f.AddMember(t, "孙困难", "1950-01-01", "1975-07-01", 21)
	away := f.AddMember(t, "周外出", "1985-01-01", "2010-07-01", 23)
	unpaid := f.AddMember(t, "吴未交", "1960-01-01", "1990-07-01", 25)
	f.Clock.Set(storetest.DefaultTime)
	m, _ := f.DB.Member(f.Ctx, away)
	m.Category = "floating"
	if err := f.DB.UpdateMember(f.Ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := f.DB.SetDuesExemption(f.Ctx, store.DuesExemption{MemberID: exempt, DecidedOn: "2026-01-10", ApprovedOn: "2026-01-20"}); err == nil {
		t.Error("an exemption without the approving committee was accepted")
	}
	if err := f.DB.SetDuesExemption(f.Ctx, store.DuesExemption{MemberID: exempt, DecidedOn: "2026-01-10", ApprovedBy: "城关镇党委", ApprovedOn: "2026-01-20"}); err != nil {
		t.Fatal(err)
	}
	months := []string{"2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"}
	if _, err := f.DB.PayDues(f.Ctx, store.PayRequest{MemberID: unpaid, Months: months[:1], Elsewhere: "广州市某街道党工委", Late: true}); err == nil {
		t.Error("a member who is not floating paid elsewhere")
	}
	if _, err := f.DB.PayDues(f.Ctx, store.PayRequest{MemberID: away, Months: months, Elsewhere: "广州市某街道党工委", Late: true}); err != nil {
		t.Fatal(err)
	}
	fs, err := f.DB.Check(f.Ctx, home.ID, "2026-11")
	if err != nil {
		t.Fatal(err)
	}
	alarms := map[string]string{}
	for _, x := range fs {
		if strings.HasPrefix(x.Kind, "dues") {
			alarms[x.Subject] = x.Severity + " " + x.Title
		}
	}
	if len(alarms) != 1 || !strings.HasPrefix(alarms[unpaid], "alarm") {
		t.Errorf("dues findings %v, want only the unpaid member's alarm", alarms)
	}
	p, _ := f.DB.DuesProfile(f.Ctx, exempt)
	if p.ExemptApprovedBy != "城关镇党委" || p.ExemptApprovedOn != "2026-01-20" || p.ExemptDecidedOn != "2026-01-10" {
		t.Errorf("exemption record: %+v", p)
	}
	pays, _ := f.DB.DuesPayments(f.Ctx, home.ID, "2026-01", "2026-01")
	if len(pays) != 1 || pays[0].PaidElsewhere != "广州市某街道党工委" {
		t.Errorf("payment at the 流入地: %+v", pays)
	}
	// The basis saved again with the same approved amount keeps the exemption; saved with an
	// amount nobody approved, the approval goes (it is never printed beside that amount).
	p.Note = "困难党员"
	if err := f.DB.SetDuesProfile(f.Ctx, p); err != nil {
		t.Fatal(err)
	}
	if p, _ = f.DB.DuesProfile(f.Ctx, exempt); p.ExemptApprovedBy != "城关镇党委" {
		t.Errorf("the exemption was lost when the basis was saved unchanged: %+v", p)
	}
	five := int64(500)
	p.Fixed = &five
	if err := f.DB.SetDuesProfile(f.Ctx, p); err != nil {
		t.Fatal(err)
	}
	p, _ = f.DB.DuesProfile(f.Ctx, exempt)
	if _, basis, _ := f.DB.MonthlyDues(f.Ctx, exempt); p.ExemptApprovedBy != "" || p.ExemptApprovedOn != "" || strings.Contains(basis, "城关镇党委") {
		t.Errorf("a new amount set by the branch still shows the approval: %+v, %q", p, basis)
	}
}
