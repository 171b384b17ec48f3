package pairing_test

import (
	"bytes"
	"context"
	"encoding/json"
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

func TestEnrolmentChecks(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v1 := synctest.Village(t, "410928001", "张庄村党支部")
	v2 := synctest.Village(t, "410928002", "李寨村党支部")
	otherTown := synctest.New(t, storetest.Params{Role: store.RoleTownship, OrgCode: "410929", OrgName: "外乡镇党委"})
	enrol := func(d *synctest.Device) []byte {
		e, err := pairing.Make(ctx, d.DB, d.Node.ID)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(e)
		return b
	}
	// A village set up with its township's code refuses another township.
	if err := replica.SetMeta(ctx, v1.DB.SQL(), "parent_code", "410928"); err != nil {
		t.Fatal(err)
	}
	forged := bytes.Replace(enrol(v2), []byte(`"李寨村党支部"`), []byte(`"张庄村党支部"`), 1)
	cases := []struct {
		name string
		to   *synctest.Device
		file []byte
		want error
	}{
		{"village pairs with its township", v1, enrol(town), nil},
		{"township pairs with a village", town, enrol(v1), nil},
		{"two villages", v1, enrol(v2), pairing.ErrMismatch},
		{"another township", v1, enrol(otherTown), pairing.ErrMismatch},
		{"own file", v1, enrol(v1), pairing.ErrMismatch},
		{"altered file", town, forged, pairing.ErrForgedKey},
		{"not an enrolment", town, []byte(`{"hello":1}`), pairing.ErrBadFile},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, _ := c.to.DB.Replica().Peers(ctx)
			e, err := pairing.Parse(c.file)
			if err == nil {
				_, err = pairing.Accept(ctx, c.to.DB, e)
			}
			if !errors.Is(err, c.want) && !(c.want == nil && err == nil) {
				t.Fatalf("error %v, want %v", err, c.want)
			}
			after, _ := c.to.DB.Replica().Peers(ctx)
			if c.want != nil && len(after) != len(before) {
				t.Error("a refused enrolment paired the device")
			}
			if err != nil {
				t.Log(err)
			}
		})
	}
}

// TestPairingFollowsHierarchy: a township pairs with its own villages, its other office PCs
// and its county; another township, a village of another township, or a second PC claiming
// a village already paired is refused, unless an administrator overrides (recorded).
func TestPairingFollowsHierarchy(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t) // 410928
	enrol := func(d *synctest.Device) pairing.Enrolment {
		e, err := pairing.Make(ctx, d.DB, d.Node.ID)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	v1 := synctest.Village(t, "410928001", "张庄村党支部")
	if _, err := pairing.Accept(ctx, town.DB, enrol(v1)); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		from *synctest.Device
		want error
	}{
		{"another township set up with this code", synctest.New(t, storetest.Params{Role: store.RoleTownship, OrgCode: "410928", OrgName: "城关镇党委"}), pairing.ErrMismatch},
		{"its county", synctest.New(t, storetest.Params{Role: store.RoleTownship, OrgCode: "4109", OrgName: "某县委组织部"}), nil},
		{"another township", synctest.New(t, storetest.Params{Role: store.RoleTownship, OrgCode: "410999", OrgName: "外乡镇党委"}), pairing.ErrMismatch},
		{"another township's village", synctest.Village(t, "410999001", "外村党支部"), pairing.ErrMismatch},
		{"second PC for a paired village", synctest.Village(t, "410928001", "张庄村党支部"), pairing.ErrDuplicate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := enrol(c.from)
			_, err := pairing.Accept(ctx, town.DB, e)
			if !errors.Is(err, c.want) && !(c.want == nil && err == nil) {
				t.Fatalf("error %v, want %v", err, c.want)
			}
			if err == nil {
				return
			}
			t.Log(assets.Chinese(err))
			if !strings.Contains(assets.Chinese(err), "--override") {
				t.Errorf("the refusal does not say how to override: %s", assets.Chinese(err))
			}
			if _, err := town.DB.Replica().Peer(ctx, e.DeviceID); err == nil {
				t.Fatal("a refused enrolment paired the device")
			}
			if _, err := pairing.AcceptWith(ctx, town.DB, e, pairing.Options{Override: true, User: "李委员"}); err != nil {
				t.Fatalf("override: %v", err)
			}
			rec, _ := replica.GetMeta(ctx, town.DB.SQL(), "pair_override/"+e.DeviceID)
			if !strings.Contains(rec, "李委员") || !strings.Contains(rec, e.OrgCode) {
				t.Errorf("override not recorded: %q", rec)
			}
		})
	}
}
