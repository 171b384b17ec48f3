package pairing_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/store/storetest"
	"zhibu/sync/pairing"
	"zhibu/sync/synctest"
)

// A county pairs with its townships, never with a village, and a township set up under
// one county refuses another county.
func TestCountyPairing(t *testing.T) {
	ctx := context.Background()
	county := synctest.New(t, storetest.Params{Role: store.RoleCounty, OrgCode: "4109", OrgName: "范县县委"})
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	enrol := func(d *synctest.Device) pairing.Enrolment {
		e, err := pairing.Make(ctx, d.DB, d.Node.ID)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	if _, err := pairing.Accept(ctx, county.DB, enrol(town)); err != nil {
		t.Fatalf("county ← township: %v", err)
	}
	if _, err := pairing.Accept(ctx, town.DB, enrol(county)); err != nil {
		t.Fatalf("township ← county: %v", err)
	}
	for _, c := range [][2]*synctest.Device{{county, v}, {v, county}} {
		_, err := pairing.Accept(ctx, c[0].DB, enrol(c[1]))
		if !errors.Is(err, pairing.ErrMismatch) || !strings.Contains(assets.Chinese(err), "村不与县配对") {
			t.Errorf("%s ← %s: %v", c[0].Org.Name, c[1].Org.Name, err)
		}
	}
	other := synctest.New(t, storetest.Params{Role: store.RoleCounty, OrgCode: "4110", OrgName: "台前县委"})
	replica.SetMeta(ctx, town.DB.SQL(), "parent_code", "4109")
	if _, err := pairing.Accept(ctx, town.DB, enrol(other)); !errors.Is(err, pairing.ErrMismatch) {
		t.Errorf("a township of 4109 accepted county 4110: %v", err)
	}
}
