package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
)

// TestEveryTableStrict: no column converts what it is given (a TEXT value that looks like a
// number stays text), whichever migration created the table.
func TestEveryTableStrict(t *testing.T) {
	f := storetest.Village(t)
	rows, err := f.DB.SQL().Query("SELECT name FROM pragma_table_list WHERE schema='main' AND type='table' AND strict=0 AND name NOT LIKE 'sqlite_%'")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		rows.Scan(&n)
		t.Errorf("table %s is not STRICT", n)
	}
}

// TestOldDatabaseBecomesStrict: a database made before the tables were STRICT is rebuilt on
// open, with its rows, its indexes and the type of every value kept.
func TestOldDatabaseBecomesStrict(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"0001_init.sql", "0002_orglife.sql", "0003_sync.sql", "0004_notices.sql", "0005_lifecycle.sql"} {
		b, err := os.ReadFile(filepath.Join("sql", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(b)); err != nil {
			t.Fatal(name, err)
		}
	}
	for _, q := range []string{
		"INSERT INTO members(id, org_id, name, phone) VALUES('m1','o1','张建国','08517654321')",
		"INSERT INTO decisions(id, org_id, votes_for) VALUES('d1','o1','12')",
		"PRAGMA application_id=1514685013", "PRAGMA user_version=5",
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	raw.Close()
	db, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var phone, typ string
	var votes any
	if err := db.SQL().QueryRow("SELECT phone, typeof(phone), votes_for FROM members, decisions").Scan(&phone, &typ, &votes); err != nil {
		t.Fatal(err)
	}
	if phone != "08517654321" || typ != "text" || votes != int64(12) {
		t.Fatalf("after rebuild: phone %q (%s), votes %#v", phone, typ, votes)
	}
	var strict int
	db.SQL().QueryRow("SELECT strict FROM pragma_table_list WHERE name='conflicts'").Scan(&strict)
	var idx string
	db.SQL().QueryRow("SELECT group_concat(name) FROM sqlite_master WHERE type='index' AND tbl_name='members'").Scan(&idx)
	if strict != 1 || !strings.Contains(idx, "members_org") || !strings.Contains(idx, "members_id_number") {
		t.Fatalf("conflicts strict=%d, members indexes %q", strict, idx)
	}
}
