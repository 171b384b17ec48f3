// Package storetest provides database fixtures shared by every package's tests.
package storetest

import (
	"context"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"zhibu/store"
	"zhibu/store/replica"
)

// Password is the administrator password of every fixture database.
const Password = "secret123"

// Clock is a settable clock for tests.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t (backwards too, like a PC with a dead CMOS battery).
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// Add moves the clock by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// DefaultTime is the fixtures' starting time: 2026-11-29 10:00 China time.
var DefaultTime = time.Date(2026, 11, 29, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// Fixture is an initialised database with its clock.
type Fixture struct {
	DB    *store.DB
	Clock *Clock
	Path  string
	Admin string
	Ctx   context.Context // attributed to Admin
}

// Params choose a fixture's role and organisation.
type Params struct {
	Role    string // store.RoleVillage (default) or store.RoleTownship
	OrgCode string
	OrgName string
	Device  string // device ID (default: derived from the org code)
	Admin   string
	Future  *store.Future // a newer version's schema (tests of mixed versions)
	Now     time.Time     // the clock's start (default DefaultTime): records entered before it
}

// New opens a new database in t.TempDir(), initialised as p says, closed at cleanup.
func New(t testing.TB, p Params) *Fixture {
	t.Helper()
	if p.Role == "" {
		p.Role = store.RoleVillage
	}
	if p.OrgCode == "" {
		p.OrgCode = "410928001"
	}
	if p.OrgName == "" {
		p.OrgName = "张庄村党支部"
	}
	if p.Admin == "" {
		p.Admin = "王书记"
	}
	if p.Device == "" {
		p.Device = "TESTDEV-" + p.OrgCode
	}
	if p.Now.IsZero() {
		p.Now = DefaultTime
	}
	clock := NewClock(p.Now)
	path := filepath.Join(t.TempDir(), "zhibu.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path, store.Options{Now: clock.Now, Future: p.Future})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Init(ctx, store.InitParams{Device: p.Device, Role: p.Role, OrgCode: p.OrgCode, OrgName: p.OrgName, Admin: p.Admin, Password: Password}); err != nil {
		t.Fatal(err)
	}
	return &Fixture{DB: db, Clock: clock, Path: path, Admin: p.Admin, Ctx: store.WithUser(ctx, p.Admin)}
}

// Reopen closes the database and opens it again with the schema future adds (nil: this
// build's), as a PC does when it starts after an upgrade.
func (f *Fixture) Reopen(t testing.TB, future *store.Future) {
	t.Helper()
	if err := f.DB.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), f.Path, store.Options{Now: f.Clock.Now, Future: future})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f.DB = db
}

// Village is New with the defaults: a village branch.
func Village(t testing.TB) *Fixture { return New(t, Params{}) }

// Township is a township fixture.
func Township(t testing.TB) *Fixture {
	return New(t, Params{Role: store.RoleTownship, OrgCode: "410928", OrgName: "城关镇党委", Admin: "李委员"})
}

// ValidID returns a valid ID number for the birth date and sequence (odd seq: male).
func ValidID(birth string, seq int) string {
	body := "410928" + birth[0:4] + birth[5:7] + birth[8:10] + pad3(seq)
	return body + string(checkDigit(body))
}

func pad3(n int) string {
	s := "000" + strconv.Itoa(n%1000)
	return s[len(s)-3:]
}

// checkDigit is GB 11643's ISO 7064 MOD 11-2, written again here on purpose: tests must not
// trust the code they test.
func checkDigit(body string) byte {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(body[i]-'0') * w
	}
	return "10X98765432"[sum%11]
}

// AddMember adds a valid member with the name, birth date and joining date and returns its ID.
func (f *Fixture) AddMember(t testing.TB, name, birth, joined string, seq int) string {
	t.Helper()
	id, err := f.DB.AddMember(f.Ctx, store.Member{Name: name, IDNumber: ValidID(birth, seq), JoinedDate: joined})
	if err != nil {
		t.Fatalf("add member %s: %v", name, err)
	}
	return id
}

// Receive merges changes as one bundle from a peer, pairing it on first use, through the
// production merge path (the engine's ImportChanges), and returns what the merge did.
func (f *Fixture) Receive(t testing.TB, from replica.Peer, cs ...replica.Change) replica.ImportResult {
	t.Helper()
	r := f.DB.Replica()
	p, err := r.Peer(f.Ctx, from.DeviceID)
	if err != nil {
		if from.Cert == nil {
			from.Cert, from.AgeRecipient = []byte("cert"), "age"
		}
		if err := r.AddPeer(f.Ctx, from); err != nil {
			t.Fatal(err)
		}
	}
	res, err := r.ImportChanges(f.Ctx, replica.Incoming{From: from.DeviceID, Seq: p.InSeq + 1, Created: f.DB.Now(),
		Base: replica.VV{}, Known: replica.VV{}, Changes: cs})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// ReceiveFrom sends every local change of the named tables (all tables if none) from a
// township fixture to this one as a bundle would, through the engine's merge.
func (f *Fixture) ReceiveFrom(t testing.TB, town *Fixture, tables ...string) replica.ImportResult {
	t.Helper()
	want := map[string]bool{}
	for _, tb := range tables {
		want[tb] = true
	}
	cs, err := town.DB.Replica().Changes(f.Ctx, 0, "local", 0)
	if err != nil {
		t.Fatal(err)
	}
	var send []replica.Change
	for _, c := range cs {
		if len(want) == 0 || want[c.Table] {
			send = append(send, c)
		}
	}
	home, err := town.DB.Home(f.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	return f.Receive(t, replica.Peer{DeviceID: town.DB.Device(), Role: store.RoleTownship, OrgID: home.ID, OrgCode: home.Code, OrgName: home.Name}, send...)
}
