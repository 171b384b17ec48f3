package pairing_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"

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
