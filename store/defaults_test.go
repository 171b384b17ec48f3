package store_test

import (
	"testing"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

// Defaults live in the store, so that the screens and the CLI cannot disagree.
func TestDuesDefaultsLiveInTheStore(t *testing.T) {
	f := storetest.Village(t)
	id := f.AddMember(t, "张建国", "1965-03-01", "1990-07-01", 11)
	p, err := f.DB.DuesProfile(f.Ctx, id)
	if err != nil || p.Kind != store.DefaultDuesKind {
		t.Fatalf("profile of a member never set: %+v %v", p, err)
	}
	pays, err := f.DB.PayDues(f.Ctx, store.PayRequest{MemberID: id, Months: []string{"2025-01"}, Late: true})
	if err != nil || len(pays) != 1 || pays[0].Note != assets.T("late payment agreed by the branch") {
		t.Fatalf("late payment without a note: %+v %v", pays, err)
	}
	if store.SeverityLabel(store.SeverityAlarm) == store.SeverityLabel(store.SeverityWarning) {
		t.Fatal("alarm and warning read alike")
	}
}
