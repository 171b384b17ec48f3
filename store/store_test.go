package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/store/storetest"
)

func TestOpenSetsIdentityAndSchema(t *testing.T) {
	f := storetest.Village(t)
	var appID, version int
	f.DB.SQL().QueryRow("PRAGMA application_id").Scan(&appID)
	f.DB.SQL().QueryRow("PRAGMA user_version").Scan(&version)
	if appID != replica.ApplicationID || version != store.SchemaVersion() {
		t.Fatalf("application_id=%x user_version=%d", appID, version)
	}
	var mode string
	f.DB.SQL().QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Fatalf("journal_mode = %s", mode)
	}
}

func TestOpenRefusesNewerDatabaseUnchanged(t *testing.T) {
	f := storetest.Village(t)
	f.DB.Close()
	raw, err := sql.Open("sqlite", f.Path)
	if err != nil {
		t.Fatal(err)
	}
	raw.Exec("PRAGMA user_version=999")
	raw.Close()
	before, _ := os.ReadFile(f.Path)
	_, err = store.Open(context.Background(), f.Path, store.Options{})
	if !errors.Is(err, store.ErrTooNew) {
		t.Fatalf("err = %v, want ErrTooNew", err)
	}
	if !strings.Contains(assets.Chinese(err), "更新版本") {
		t.Errorf("message %q does not tell the user to install the newer version", assets.Chinese(err))
	}
	after, _ := os.ReadFile(f.Path)
	if string(before) != string(after) {
		t.Fatal("the newer database was modified")
	}
}

func TestOpenRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other.db")
	raw, _ := sql.Open("sqlite", other)
	raw.Exec("CREATE TABLE x(a)")
	raw.Close()
	if _, err := store.Open(context.Background(), other, store.Options{}); !errors.Is(err, store.ErrNotZhibu) {
		t.Fatalf("sqlite file of another program: err = %v", err)
	}
	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte("this is not a database at all, just some text that is long enough"), 0o600)
	if _, err := store.Open(context.Background(), text, store.Options{}); err == nil {
		t.Fatal("opened a text file as a database")
	}
}

// An older database (schema version 1 with data) migrates forward keeping its data.
func TestMigrateFromVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	raw, _ := sql.Open("sqlite", path)
	body, err := os.ReadFile("sql/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(string(body)); err != nil {
		t.Fatal(err)
	}
	raw.Exec(fmt.Sprintf("PRAGMA application_id=%d", replica.ApplicationID))
	raw.Exec("PRAGMA user_version=1")
	raw.Exec("INSERT INTO meta(key,value) VALUES('device_id','OLD'),('role','village'),('org_id','o1')")
	raw.Exec("INSERT INTO orgs(id,org_id,code,name,kind) VALUES('o1','o1','1','老村','village')")
	raw.Close()
	db, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	home, err := db.Home(context.Background())
	if err != nil || home.Name != "老村" {
		t.Fatalf("home = %+v, %v", home, err)
	}
	var version int
	db.SQL().QueryRow("PRAGMA user_version").Scan(&version)
	if version != store.SchemaVersion() {
		t.Fatalf("user_version = %d, want %d", version, store.SchemaVersion())
	}
}

func TestInitTwiceRefused(t *testing.T) {
	f := storetest.Village(t)
	err := f.DB.Init(context.Background(), store.InitParams{Device: "X", Role: "village", OrgCode: "1", OrgName: "x", Admin: "a", Password: "123456"})
	if !errors.Is(err, store.ErrAlreadyInit) {
		t.Fatalf("err = %v", err)
	}
}

func TestHLCMonotonicWhenClockGoesBack(t *testing.T) {
	f := storetest.Village(t)
	a := f.AddMember(t, "张三", "1980-01-02", "2005-07-01", 11)
	h1 := f.DB.Replica().Clock()
	f.Clock.Set(storetest.DefaultTime.AddDate(-5, 0, 0)) // dead CMOS battery
	m, _ := f.DB.Member(f.Ctx, a)
	m.Phone = "13812345678"
	if err := f.DB.UpdateMember(f.Ctx, m); err != nil {
		t.Fatal(err)
	}
	h2 := f.DB.Replica().Clock()
	if h2 <= h1 {
		t.Fatalf("clock went backwards: %v then %v", h1, h2)
	}
	// The clock survives a restart.
	f.DB.Close()
	db, err := store.Open(context.Background(), f.Path, store.Options{Now: f.Clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Replica().Clock() != h2 {
		t.Fatalf("clock after reopen = %v, want %v", db.Replica().Clock(), h2)
	}
}

func TestHLCOrder(t *testing.T) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := replica.MakeHLC(base, 0)
	if a.Wall() != base || a.Counter() != 0 {
		t.Fatalf("round trip: %v", a)
	}
	cases := []struct {
		h1   replica.HLC
		d1   string
		h2   replica.HLC
		d2   string
		want bool
	}{
		{a + 1, "A", a, "Z", true},
		{a, "Z", a + 1, "A", false},
		{a, "B", a, "A", true},
		{a, "A", a, "A", false},
	}
	for _, c := range cases {
		if got := replica.Newer(c.h1, c.d1, c.h2, c.d2); got != c.want {
			t.Errorf("Newer(%v,%s,%v,%s) = %v", c.h1, c.d1, c.h2, c.d2, got)
		}
	}
}

func TestChangeLogRecordsEveryFieldWithUser(t *testing.T) {
	f := storetest.Village(t)
	id := f.AddMember(t, "李四", "1975-03-04", "2000-07-01", 21)
	hist, err := f.DB.RowHistory(f.Ctx, "members", id)
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]any{}
	for _, c := range hist {
		fields[c.Field] = c.Value
		if c.User != f.Admin || c.Device != f.DB.Device() || c.Origin != "local" {
			t.Errorf("change %+v not attributed to %s on %s", c, f.Admin, f.DB.Device())
		}
	}
	if fields["name"] != "李四" || fields["joined_date"] != "2000-07-01" || fields["birth_date"] != "1975-03-04" || fields["org_id"] == nil {
		t.Fatalf("logged fields: %v", fields)
	}
	n := len(hist)
	m, _ := f.DB.Member(f.Ctx, id)
	m.Phone = "13900001111"
	if _, err := f.DB.AddUser(f.Ctx, "记录员", store.RoleRecorder, "secret456"); err != nil {
		t.Fatal(err)
	}
	if err := f.DB.UpdateMember(store.WithUser(f.Ctx, "记录员"), m); err != nil {
		t.Fatal(err)
	}
	hist, _ = f.DB.RowHistory(f.Ctx, "members", id)
	if len(hist) != n+1 {
		t.Fatalf("an update of one field logged %d changes", len(hist)-n)
	}
	last := hist[len(hist)-1]
	if last.Field != "phone" || last.Old != "" || last.Value != "13900001111" || last.User != "记录员" {
		t.Fatalf("last change = %+v", last)
	}
	// Saving unchanged data logs nothing.
	if err := f.DB.UpdateMember(f.Ctx, m); err != nil {
		t.Fatal(err)
	}
	hist, _ = f.DB.RowHistory(f.Ctx, "members", id)
	if len(hist) != n+1 {
		t.Fatal("saving an unchanged member logged changes")
	}
	// A delete is a tombstone in the log.
	if err := f.DB.DeleteMember(f.Ctx, id); err != nil {
		t.Fatal(err)
	}
	hist, _ = f.DB.RowHistory(f.Ctx, "members", id)
	if last := hist[len(hist)-1]; last.Field != "deleted" || last.Value != int64(1) {
		t.Fatalf("delete logged as %+v", last)
	}
	if _, err := f.DB.Member(f.Ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("deleted member still found: %v", err)
	}
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	f := storetest.Village(t)
	before, _ := f.DB.Replica().Changes(f.Ctx, 0, "", 0)
	boom := errors.New("boom")
	err := f.DB.Write(f.Ctx, func(tx *store.Tx) error {
		if _, err := tx.AddMember(f.Ctx, store.Member{Name: "王五", IDNumber: storetest.ValidID("1970-01-01", 31), JoinedDate: "1999-01-01"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	after, _ := f.DB.Replica().Changes(f.Ctx, 0, "", 0)
	ms, _ := f.DB.Members(f.Ctx, store.MemberFilter{All: true})
	if len(after) != len(before) || len(ms) != 0 {
		t.Fatalf("rolled-back write left %d changes, %d members", len(after)-len(before), len(ms))
	}
}

func TestApplyIsOrderIndependentAndIdempotent(t *testing.T) {
	base := storetest.DefaultTime
	org := "ORG"
	changes := []replica.Change{
		{Table: "members", RowID: "m1", OrgID: org, Field: "org_id", Value: org, HLC: replica.MakeHLC(base, 0), Device: "A"},
		{Table: "members", RowID: "m1", OrgID: org, Field: "name", Value: "张三", HLC: replica.MakeHLC(base, 0), Device: "A"},
		{Table: "members", RowID: "m1", OrgID: org, Field: "name", Value: "张叁", HLC: replica.MakeHLC(base, 1), Device: "B"},
		{Table: "members", RowID: "m1", OrgID: org, Field: "phone", Value: "13800000000", HLC: replica.MakeHLC(base, 5), Device: "A"},
		{Table: "members", RowID: "m1", OrgID: org, Field: "phone", Value: "13900000000", HLC: replica.MakeHLC(base, 5), Device: "B"},
	}
	orders := [][]int{{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3, 2, 4, 0}}
	var digests []string
	for _, order := range orders {
		f := storetest.Village(t)
		town := replica.Peer{DeviceID: "TOWN", Role: store.RoleTownship, OrgID: org}
		for _, i := range order {
			f.Receive(t, town, changes[i]) // one bundle each, in this order
		}
		m, err := f.DB.Member(f.Ctx, "m1")
		if err != nil {
			t.Fatal(err)
		}
		if m.Name != "张叁" || m.Phone != "13900000000" {
			t.Fatalf("order %v: name=%s phone=%s", order, m.Name, m.Phone)
		}
		var n int
		f.DB.SQL().QueryRow("SELECT count(*) FROM members WHERE search_keys LIKE '% zs%'").Scan(&n)
		if n != 1 {
			t.Fatalf("search keys not derived after apply")
		}
		digests = append(digests, memberDigest(t, f))
	}
	for _, d := range digests[1:] {
		if d != digests[0] {
			t.Fatalf("digests differ across orders: %v", digests)
		}
	}
}

func memberDigest(t *testing.T, f *storetest.Fixture) string {
	t.Helper()
	// Only the member rows are compared: each fixture has its own home organisation.
	var parts []string
	rows, _ := f.DB.SQL().Query("SELECT id, name, phone, org_id, deleted FROM members ORDER BY id")
	defer rows.Close()
	for rows.Next() {
		var a, b, c, d string
		var del int
		rows.Scan(&a, &b, &c, &d, &del)
		parts = append(parts, a+b+c+d)
	}
	return strings.Join(parts, "|")
}

func TestDigestIndependentOfInsertionOrder(t *testing.T) {
	base := storetest.DefaultTime
	var cs []replica.Change
	add := func(tbl, row, field string, v any, n int) {
		cs = append(cs, replica.Change{Table: tbl, RowID: row, OrgID: "V1", Field: field, Value: v, HLC: replica.MakeHLC(base, uint16(n)), Device: "D"})
	}
	add("orgs", "V1", "org_id", "V1", 1)
	add("orgs", "V1", "code", "V001", 2)
	add("orgs", "V1", "name", "李寨村党支部", 3)
	for i, name := range []string{"赵一", "钱二", "孙三"} {
		row := "m" + string(rune('a'+i))
		add("members", row, "org_id", "V1", 10+i)
		add("members", row, "name", name, 20+i)
		add("members", row, "phone", "1380000000"+string(rune('0'+i)), 30+i)
	}
	digest := func(order []replica.Change) string {
		f := storetest.Township(t)
		village := replica.Peer{DeviceID: "V1DEV", Role: store.RoleVillage, OrgID: "V1", OrgCode: "V001"}
		for _, c := range order {
			f.Receive(t, village, c)
		}
		d, err := f.DB.Digest(f.Ctx, "V001")
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	rev := make([]replica.Change, len(cs))
	for i, c := range cs {
		rev[len(cs)-1-i] = c
	}
	if a, b := digest(cs), digest(rev); a != b {
		t.Fatalf("digest depends on order: %s vs %s", a, b)
	}
	changed := append([]replica.Change(nil), cs...)
	changed[len(changed)-1].Value = "13999999999"
	if digest(cs) == digest(changed) {
		t.Fatal("digest did not change with the content")
	}
	f := storetest.Village(t)
	d1, _ := f.DB.Digest(f.Ctx, "")
	f.AddMember(t, "周六", "1970-05-05", "1995-07-01", 41)
	d2, _ := f.DB.Digest(f.Ctx, "")
	if d1 == d2 {
		t.Fatal("digest did not change when a member was added")
	}
	if _, err := f.DB.Digest(f.Ctx, "nope"); err == nil {
		t.Fatal("digest of an unknown organisation succeeded")
	}
}
