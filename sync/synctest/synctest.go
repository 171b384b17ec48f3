// Package synctest provides paired devices with real keys for the sync packages' tests.
package synctest

import (
	"context"
	"path/filepath"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/device"
	"zhibu/sync/exchange"
	"zhibu/sync/pairing"
)

// Device is a test database with a real device identity, ready to sync.
type Device struct {
	*storetest.Fixture
	Node *exchange.Node
	Org  store.Org
}

// New makes a device: a database initialised as p says, with its own certificate and age key.
func New(t testing.TB, p storetest.Params) *Device {
	t.Helper()
	id, err := device.Create(filepath.Join(t.TempDir(), "keys.db"))
	if err != nil {
		t.Fatal(err)
	}
	p.Device = id.ID.String()
	f := storetest.New(t, p)
	n, err := exchange.New(f.DB.Replica(), id)
	if err != nil {
		t.Fatal(err)
	}
	home, err := f.DB.Home(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return &Device{Fixture: f, Node: n, Org: home}
}

// Reopen closes the device's database and opens it again with the schema future adds (nil:
// this build's), keeping its identity: the PC started after an upgrade.
func (d *Device) Reopen(t testing.TB, future *store.Future) {
	t.Helper()
	d.Fixture.Reopen(t, future)
	n, err := exchange.New(d.DB.Replica(), d.Node.ID)
	if err != nil {
		t.Fatal(err)
	}
	d.Node = n
}

// Township makes a township device.
func Township(t testing.TB) *Device {
	return New(t, storetest.Params{Role: store.RoleTownship, OrgCode: "410928", OrgName: "城关镇党委", Admin: "李委员"})
}

// Village makes a village device with the code and name.
func Village(t testing.TB, code, name string) *Device {
	return New(t, storetest.Params{Role: store.RoleVillage, OrgCode: code, OrgName: name})
}

// Pair pairs two devices both ways, as exchanging enrolment files does.
func Pair(t testing.TB, a, b *Device) {
	t.Helper()
	ctx := context.Background()
	for _, d := range [][2]*Device{{a, b}, {b, a}} {
		e, err := pairing.Make(ctx, d[0].DB, d[0].Node.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pairing.Accept(ctx, d[1].DB, e); err != nil {
			t.Fatal(err)
		}
	}
}

// PairOverride pairs two devices both ways with an administrator's override of the
// hierarchy checks (a stranger's PC in rejection tests).
func PairOverride(t testing.TB, a, b *Device) {
	t.Helper()
	ctx := context.Background()
	for _, d := range [][2]*Device{{a, b}, {b, a}} {
		e, err := pairing.Make(ctx, d[0].DB, d[0].Node.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pairing.AcceptWith(ctx, d[1].DB, e, pairing.Options{Override: true, User: "test"}); err != nil {
			t.Fatal(err)
		}
	}
}

// Send makes the bundle from a for b.
func Send(t testing.TB, a, b *Device) []byte {
	t.Helper()
	data, _, err := a.Node.MakeBundle(context.Background(), b.Node.Self())
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Sync exchanges bundles both ways between a and b, failing the test on any rejection.
func Sync(t testing.TB, a, b *Device) {
	t.Helper()
	for _, d := range [][2]*Device{{a, b}, {b, a}} {
		r := d[1].Node.Import(context.Background(), Send(t, d[0], d[1]))
		if r.Status != exchange.Applied {
			t.Fatalf("import %s → %s: %s %s (%s)", d[0].Org.Name, d[1].Org.Name, r.Status, r.Message, r.English)
		}
	}
}
