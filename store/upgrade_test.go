package store_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"zhibu/assets"
	"zhibu/store"
)

// release unpacks a database made by a released version (testdata/<tag>/, see its README)
// into a temporary folder and returns its path.
func release(t *testing.T, tag, name string) string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", tag, name+".gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	out, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, zr); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// dump reads every row of every table (or of the given tables, in their given columns) of a
// SQLite file, each row as one line, sorted.
func dump(t *testing.T, q interface {
	Query(string, ...any) (*sql.Rows, error)
}, cols map[string][]string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for tbl, cs := range cols {
		quoted := make([]string, len(cs))
		for i, c := range cs {
			quoted[i] = `"` + c + `"`
		}
		rows, err := q.Query("SELECT " + strings.Join(quoted, ",") + " FROM " + tbl)
		if err != nil {
			t.Fatalf("%s: %v", tbl, err)
		}
		vals := make([]any, len(cs))
		ptrs := make([]any, len(cs))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		lines := []string{}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, v := range vals {
				fmt.Fprintf(&b, "%T:%v\x00", v, v)
			}
			lines = append(lines, b.String())
		}
		rows.Close()
		slices.Sort(lines)
		out[tbl] = lines
	}
	return out
}

// columns lists the tables of a SQLite file and their columns.
func columns(t *testing.T, db *sql.DB) map[string][]string {
	t.Helper()
	rows, err := db.Query("SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type='table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var tbl, col string
		if err := rows.Scan(&tbl, &col); err != nil {
			t.Fatal(err)
		}
		out[tbl] = append(out[tbl], col)
	}
	return out
}

// A database made by the previous release (v0.1.0, schema 8) opens in this build: it is
// migrated to this build's schema, whatever number that is, every row of its tables survives
// identical, and its administrator logs in. A database from a newer schema is still refused,
// unchanged, with the message saying to install the newer version.
func TestUpgradeFromRelease010(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ file, admin string }{
		{"village.db", "王书记"},
		{"township.db", "李委员"},
	} {
		t.Run(c.file, func(t *testing.T) {
			path := release(t, "v0.1.0", c.file)
			raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
			if err != nil {
				t.Fatal(err)
			}
			var oldVersion int
			raw.QueryRow("PRAGMA user_version").Scan(&oldVersion)
			cols := columns(t, raw)
			before := dump(t, raw, cols)
			raw.Close()
			orig := path + ".orig"
			if b, err := os.ReadFile(path); err != nil || os.WriteFile(orig, b, 0o600) != nil {
				t.Fatal("copy the fixture", err)
			}
			if oldVersion != 8 || len(before["members"]) == 0 && c.file == "village.db" {
				t.Fatalf("fixture: schema %d, %d members", oldVersion, len(before["members"]))
			}

			db, err := store.Open(ctx, path, store.Options{MustExist: true})
			if err != nil {
				t.Fatalf("open the v0.1.0 database: %v", err)
			}
			var version int
			db.SQL().QueryRow("PRAGMA user_version").Scan(&version)
			if version != store.SchemaVersion() {
				t.Errorf("migrated to schema %d, want %d", version, store.SchemaVersion())
			}
			kept := maps.Clone(cols)
			delete(kept, "changes") // the engine's old bookkeeping, converted and dropped
			delete(kept, "field_versions")
			after := dump(t, db.SQL(), kept)
			for tbl, rows := range before {
				if tbl == "meta" {
					// This PC's local settings: an upgrade may add one (the engine notes a
					// conversion done), never change or drop one.
					for _, r := range rows {
						if !slices.Contains(after[tbl], r) {
							t.Errorf("meta row %q changed or lost in the upgrade", r)
						}
					}
					continue
				}
				if tbl == "changes" || tbl == "field_versions" {
					continue // the engine's bookkeeping, converted (checkClocksConverted)
				}
				if !slices.Equal(rows, after[tbl]) {
					t.Errorf("table %s: %d rows before the upgrade, %d after, not identical", tbl, len(rows), len(after[tbl]))
				}
			}
			checkNewColumnsDefaultToZero(t, db, cols)
			checkClocksConverted(t, db, orig)
			if _, err := db.Login(ctx, c.admin, "test-pass-0.1.0"); err != nil {
				t.Errorf("login after the upgrade: %v", err)
			}
			if _, err := db.Home(ctx); err != nil {
				t.Errorf("home organisation after the upgrade: %v", err)
			}
			db.Close()

			// The same file one schema version ahead of this build: refused, untouched.
			raw, _ = sql.Open("sqlite", path)
			if _, err := raw.Exec(fmt.Sprintf("PRAGMA user_version=%d", store.SchemaVersion()+1)); err != nil {
				t.Fatal(err)
			}
			raw.Close()
			was, _ := os.ReadFile(path)
			_, err = store.Open(ctx, path, store.Options{MustExist: true})
			if !errors.Is(err, store.ErrTooNew) {
				t.Fatalf("a database from a newer schema: %v, want ErrTooNew", err)
			}
			if msg := assets.Chinese(err); !strings.Contains(msg, "请安装新版本") || !strings.Contains(msg, "没有被改动") {
				t.Errorf("downgrade message: %q", msg)
			}
			if now, _ := os.ReadFile(path); !bytes.Equal(was, now) {
				t.Error("the refused newer database was changed")
			}
		})
	}
}

// checkNewColumnsDefaultToZero: every replicated column added since the release defaults to
// NULL, ” or 0, which the digest leaves out (replica.DB.Digest), so that a PC that has the
// column and one that does not agree on the digest of rows nobody has set it in.
func checkNewColumnsDefaultToZero(t *testing.T, db *store.DB, old map[string][]string) {
	t.Helper()
	for _, tbl := range db.Replica().Tables() {
		rows, err := db.SQL().Query("SELECT name, coalesce(dflt_value, 'NULL') FROM pragma_table_info(?)", tbl)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var col, dflt string
			rows.Scan(&col, &dflt)
			if slices.Contains(old[tbl], col) || !db.Replica().Knows(tbl, col) {
				continue
			}
			switch strings.ToUpper(dflt) {
			case "NULL", "''", "0", "0.0", "X''":
			default:
				t.Errorf("%s.%s (added since v0.1.0) defaults to %s: a replicated column must default to NULL, '' or 0", tbl, col, dflt)
			}
		}
		rows.Close()
	}
}

// checkClocksConverted: the engine's per-field versions of the old file (field_versions, and
// the author of each in the change log) are its clocks after the upgrade, one for one.
func checkClocksConverted(t *testing.T, db *store.DB, orig string) {
	t.Helper()
	ctx := context.Background()
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS old", "file:"+orig+"?mode=ro"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "DETACH DATABASE old")
	var versions, clocks, missing int
	conn.QueryRowContext(ctx, "SELECT count(*) FROM old.field_versions WHERE tbl<>'conflicts'").Scan(&versions)
	conn.QueryRowContext(ctx, "SELECT count(*) FROM crr_clock").Scan(&clocks)
	err = conn.QueryRowContext(ctx, `SELECT count(*) FROM old.field_versions v WHERE v.tbl<>'conflicts' AND NOT EXISTS (
		SELECT 1 FROM crr_clock c JOIN crr_rows r ON r.id=c.row JOIN crr_names tn ON tn.id=r.tbl JOIN crr_names f ON f.id=c.field
			JOIN crr_names d ON d.id=c.dev JOIN crr_names u ON u.id=c.usr
		WHERE tn.name=v.tbl AND r.row_id=v.row_id AND f.name=v.field AND c.hlc=v.hlc AND d.name=v.device
			AND u.name=(SELECT user_name FROM old.changes o WHERE o.tbl=v.tbl AND o.row_id=v.row_id AND o.field=v.field
				AND o.hlc=v.hlc AND o.device=v.device))`).Scan(&missing)
	if err != nil {
		t.Fatal(err)
	}
	if versions == 0 || clocks != versions || missing != 0 {
		t.Errorf("the upgrade made %d clocks of %d field versions, %d missing or with another author", clocks, versions, missing)
	}
}
