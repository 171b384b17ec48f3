package store_test

import (
	"errors"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
)

// Within a township: village A → township → village B, on the township's database (which
// holds both villages), without duplicating or losing the member.
func TestTransferWithinTownship(t *testing.T) {
	tw := storetest.Township(t)
	ctx := tw.Ctx
	home, _ := tw.DB.Home(ctx)
	a, _ := tw.DB.AddOrg(ctx, store.Org{Code: "410928001", Name: "张庄村党支部", Kind: store.KindVillage, ParentID: home.ID})
	b, _ := tw.DB.AddOrg(ctx, store.Org{Code: "410928002", Name: "李寨村党支部", Kind: store.KindVillage, ParentID: home.ID})
	idNo := storetest.ValidID("1980-02-29", 31)
	mid, err := tw.DB.AddMember(ctx, store.Member{OrgID: a, Name: "马卫东", IDNumber: idNo, JoinedDate: "2005-07-01"})
	if err != nil {
		t.Fatal(err)
	}
	count := func() int {
		ms, _ := tw.DB.Members(ctx, store.MemberFilter{})
		return len(ms)
	}
	before := count()
	if _, err := tw.DB.TransferOut(ctx, mid, "2026-12-01", b, "", ""); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("future transfer: %v", err)
	}
	if _, err := tw.DB.TransferOut(ctx, mid, "2026-11-20", a, "", ""); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("transfer to the same branch: %v", err)
	}
	out, err := tw.DB.TransferOut(ctx, mid, "2026-11-20", b, "", "迁居")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tw.DB.TransferOut(ctx, mid, "2026-11-20", b, "", ""); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("transferred out twice: %v", err)
	}
	fwd, err := tw.DB.ForwardTransfer(ctx, out, "2026-11-21")
	if err != nil {
		t.Fatal(err)
	}
	// The forward record is village B's, so sync carries it (with the member's personal
	// data) to B only, never as a township broadcast to every village.
	fwds, _ := tw.DB.Transfers(ctx, b)
	for _, x := range fwds {
		if x.ID == fwd && x.OrgID != b {
			t.Fatalf("forward record owned by %s, want the receiving village %s", x.OrgID, b)
		}
	}
	if _, err := tw.DB.ForwardTransfer(ctx, out, ""); !errors.Is(err, store.ErrDuplicateRow) {
		t.Fatalf("forwarded twice: %v", err)
	}
	if _, err := tw.DB.TransferIn(ctx, fwd, "2026-11-19", ""); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("arrived before leaving: %v", err)
	}
	newID, err := tw.DB.TransferIn(ctx, fwd, "2026-11-22", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tw.DB.TransferIn(ctx, out, "2026-11-23", ""); !errors.Is(err, store.ErrDuplicateRow) {
		t.Fatalf("received twice: %v", err)
	}
	old, _ := tw.DB.Member(ctx, mid)
	nm, _ := tw.DB.Member(ctx, newID)
	if old.State != "transferred_out" || old.StateDate != "2026-11-20" || old.OrgID != a {
		t.Errorf("old record: %s %s %s", old.State, old.StateDate, old.OrgID)
	}
	if nm.State != "active" || nm.OrgID != b || nm.IDNumber != idNo || nm.JoinedDate != "2005-07-01" {
		t.Errorf("new record: %+v", nm)
	}
	if count() != before {
		t.Errorf("members on the roll: %d, before %d", count(), before)
	}
	ts, _ := tw.DB.Transfers(ctx, b)
	var in store.Transfer
	for _, x := range ts {
		if x.Kind == "in" {
			in = x
		}
	}
	if in.MemberID != mid || in.NewMemberID != newID || in.FromOrgID != a || in.ToOrgID != b || in.RefID != out {
		t.Errorf("in record does not link both: %+v", in)
	}
	for _, x := range ts {
		if x.Kind == "out" && !x.Received {
			t.Error("out record not marked received")
		}
	}
}

func TestTransferOutsideTownship(t *testing.T) {
	f := storetest.Village(t)
	mid := f.AddMember(t, "石海涛", "1985-03-03", "2012-07-01", 33)
	if _, err := f.DB.TransferOut(f.Ctx, mid, "2026-11-01", "", "", ""); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("no destination: %v", err)
	}
	if _, err := f.DB.TransferOut(f.Ctx, mid, "2026-11-01", "", "郑州市金水区某社区党支部", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := f.DB.ForwardTransfer(f.Ctx, mid, ""); !errors.Is(err, store.ErrDenied) {
		t.Fatalf("a village forwarded: %v", err)
	}
	id, err := f.DB.TransferInFrom(f.Ctx, store.Member{Name: "江建华", IDNumber: storetest.ValidID("1979-12-31", 35), JoinedDate: "2001-07-01"}, "外县某村党支部", "2026-11-10")
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := f.DB.Member(f.Ctx, id); m.State != "active" {
		t.Fatalf("%+v", m)
	}
}
