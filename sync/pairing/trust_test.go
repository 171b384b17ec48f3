package pairing_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/pairing"
	"zhibu/sync/synctest"
)

// resign signs an enrolment the attacker changed with the attacker's own device key, as a
// paired village that wants to be more than it is would.
func resign(t *testing.T, d *synctest.Device, e pairing.Enrolment) pairing.Enrolment {
	t.Helper()
	e.Sig = nil
	b, _ := json.Marshal(e)
	sig, err := d.Node.ID.Sign(b)
	if err != nil {
		t.Fatal(err)
	}
	e.Sig = sig
	// What the township reads is the file: go through Parse as pair import does.
	raw, _ := json.Marshal(e)
	got, err := pairing.Parse(raw)
	if err != nil {
		t.Fatalf("the attacker's own signature does not verify: %v", err)
	}
	return got
}

// TestReEnrolmentCannotChangeWhatADeviceIs (issue 20, failure 1): a paired village sends a
// new enrolment file signed with its own key that makes it the township (a code nested under
// the township's), or another village (that village's internal org ID under a new code); a
// brand-new PC set up as the township with the township's own code, or as a "village" whose
// code nests like a township's. All are refused without an override, and the peer stays
// what it was paired as; an override that changes a device needs a reason, recorded and shown.
func TestReEnrolmentCannotChangeWhatADeviceIs(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t) // 410928
	v1 := synctest.Village(t, "410928001", "张庄村党支部")
	v2 := synctest.Village(t, "410928002", "李寨村党支部")
	synctest.Pair(t, town, v1)
	synctest.Pair(t, town, v2)
	v2.AddMember(t, "李秀英", "1965-03-02", "1990-07-01", 1)
	synctest.Sync(t, v2, town)
	enrol := func(d *synctest.Device) pairing.Enrolment {
		e, err := pairing.Make(ctx, d.DB, d.Node.ID)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	asTownship := enrol(v1)
	asTownship.Role, asTownship.OrgCode = store.RoleTownship, "410928001"
	asTownship = resign(t, v1, asTownship)
	asNeighbour := enrol(v1)
	asNeighbour.OrgID, asNeighbour.OrgCode = v2.Org.ID, "410928009"
	asNeighbour = resign(t, v1, asNeighbour)
	cases := []struct {
		name string
		e    pairing.Enrolment
		want error
	}{
		{"paired village re-enrols as a township", asTownship, pairing.ErrChanged},
		{"paired village re-enrols with another village's org ID", asNeighbour, pairing.ErrChanged},
		{"new PC set up as the township with its code", enrol(synctest.New(t, storetest.Params{Role: store.RoleTownship, OrgCode: "410928", OrgName: "城关镇党委"})), pairing.ErrMismatch},
		{"new PC set up as a township nested under it", enrol(synctest.New(t, storetest.Params{Role: store.RoleTownship, OrgCode: "410928003", OrgName: "假乡镇"})), pairing.ErrMismatch},
		{"new 'village' whose code nests like a township", enrol(synctest.Village(t, "4109280", "假村党支部")), pairing.ErrMismatch},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := pairing.Accept(ctx, town.DB, c.e)
			if !errors.Is(err, c.want) {
				t.Fatalf("accepted or wrong refusal: %v, want %v", err, c.want)
			}
			t.Log(assets.Chinese(err))
			if p, err := town.DB.Replica().Peer(ctx, c.e.DeviceID); err == nil && (p.Role != store.RoleVillage || p.OrgID != v1.Org.ID) {
				t.Fatalf("the refused enrolment changed the paired device: %+v", p)
			}
		})
	}
	// The next bundle to the village still carries only what a village may hold.
	data := synctest.Send(t, town, v1)
	if r := v1.Node.Import(ctx, data); r.Status != "applied" {
		t.Fatalf("import: %s %s", r.Status, r.Message)
	}
	if ms, _ := v1.DB.Members(ctx, store.MemberFilter{}); len(ms) != 0 {
		t.Errorf("the village received %d members of another village", len(ms))
	}
	// An override without a reason is refused; with one it is recorded and shown.
	if _, err := pairing.AcceptWith(ctx, town.DB, asTownship, pairing.Options{Override: true, User: "李委员"}); !errors.Is(err, pairing.ErrChanged) {
		t.Fatalf("override without a reason: %v", err)
	}
	if _, err := pairing.AcceptWith(ctx, town.DB, asTownship, pairing.Options{Override: true, User: "李委员", Reason: "张庄村电脑改作镇办公用"}); err != nil {
		t.Fatal(err)
	}
	ovr, err := pairing.Overrides(ctx, town.DB)
	if err != nil {
		t.Fatal(err)
	}
	if o := ovr[asTownship.DeviceID]; o.Reason != "张庄村电脑改作镇办公用" || o.User != "李委员" || !strings.Contains(o.WhyZh, "410928001") {
		t.Errorf("override not recorded with its reason: %+v", o)
	}
}
