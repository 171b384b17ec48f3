package store_test

import (
	"slices"
	"testing"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/storetest"
)

// engineTables are tables of the engine's own that have the columns of a replicated record
// (id, org_id, deleted) but are never written by a peer (DESIGN.md, scope and trust).
var engineTables = map[string]bool{"conflicts": true}

// TestTablesMatchSchema holds every table descriptor against the schema a fresh database
// is migrated to: each replicated column is described with its declared type, nothing is
// described that the schema lacks, every table with a record's columns has a descriptor,
// and the engine registers exactly the described tables with the described fields.
func TestTablesMatchSchema(t *testing.T) {
	f := storetest.Village(t)
	db := f.DB.SQL()
	described := map[string]store.TableDesc{}
	for _, d := range store.Tables() {
		described[d.Name] = d
	}

	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	rows.Close()
	schema := map[string]map[string]string{} // table → column → declared type
	for _, n := range names {
		cols := map[string]string{}
		r, err := db.Query("SELECT name, type FROM pragma_table_info(?)", n)
		if err != nil {
			t.Fatal(err)
		}
		for r.Next() {
			var c, typ string
			if err := r.Scan(&c, &typ); err != nil {
				t.Fatal(err)
			}
			cols[c] = typ
		}
		r.Close()
		schema[n] = cols
		record := cols["id"] == "TEXT" && cols["org_id"] == "TEXT" && cols["deleted"] == "INTEGER"
		if _, ok := described[n]; record && !ok && !engineTables[n] {
			t.Errorf("table %s has a record's columns (id, org_id, deleted) but no descriptor in store/tables_decl.go", n)
		}
	}

	for _, d := range described {
		cols, ok := schema[d.Name]
		if !ok {
			t.Errorf("%s is described but the schema has no such table", d.Name)
			continue
		}
		for c, typ := range map[string]string{"id": "TEXT", "org_id": "TEXT", "deleted": "INTEGER"} {
			if cols[c] != typ {
				t.Errorf("%s.%s is %q in the schema, want %s", d.Name, c, cols[c], typ)
			}
		}
		want := map[string]bool{"id": true, "org_id": true, "deleted": true}
		for _, c := range d.Columns {
			want[c.Name] = true
			switch typ, ok := cols[c.Name]; {
			case !ok:
				t.Errorf("%s.%s is described but the schema lacks it", d.Name, c.Name)
			case typ != string(c.Type):
				t.Errorf("%s.%s is described as %s but the schema declares %s", d.Name, c.Name, c.Type, typ)
			}
		}
		for _, c := range d.Local {
			want[c] = true
			if _, ok := cols[c]; !ok {
				t.Errorf("%s.%s is described as local but the schema lacks it", d.Name, c)
			}
		}
		for c := range cols {
			if !want[c] {
				t.Errorf("%s.%s is in the schema but not in the table's descriptor (a column or Local)", d.Name, c)
			}
		}
	}

	var engine []string
	for _, n := range f.DB.Replica().Tables() {
		if !engineTables[n] {
			engine = append(engine, n)
		}
	}
	var names2 []string
	for _, d := range store.Tables() {
		names2 = append(names2, d.Name)
		for _, c := range d.Fields() {
			if !f.DB.Replica().Knows(d.Name, c) {
				t.Errorf("the engine does not replicate %s.%s", d.Name, c)
			}
		}
	}
	if !slices.Equal(engine, names2) {
		t.Errorf("the engine registers %v, the descriptors describe %v", engine, names2)
	}
}

// TestTableDescriptorsAreWhole: every label is in the catalog, and every column a
// descriptor's naming, month lock, audience rule or references name exists.
func TestTableDescriptorsAreWhole(t *testing.T) {
	for _, d := range store.Tables() {
		has := func(what, c string) {
			if _, ok := d.Column(c); !ok && c != "id" {
				t.Errorf("%s: %s names column %q, which the table does not have", d.Name, what, c)
			}
		}
		if !assets.Has(d.Label) {
			t.Errorf("%s: label %q is not in the catalog", d.Name, d.Label)
		}
		if d.Writer&store.ByBoth == 0 {
			t.Errorf("%s: no writer", d.Name)
		}
		for _, c := range d.Columns {
			if !assets.Has(c.Label) {
				t.Errorf("%s.%s: label %q is not in the catalog", d.Name, c.Name, c.Label)
			}
			if _, ok := store.TableNamed(c.Ref); c.Ref != "" && !ok {
				t.Errorf("%s.%s refers to %s, which has no descriptor", d.Name, c.Name, c.Ref)
			}
		}
		if len(d.Naming.Main) == 0 {
			t.Errorf("%s: no naming", d.Name)
		}
		for _, c := range append(append([]string(nil), d.Naming.Main...), d.Naming.Detail...) {
			has("naming", c)
		}
		if d.Lock != "" {
			has("lock", d.Lock)
		}
		switch d.Audience.Kind {
		case store.AudienceVillage, store.AudienceVillages:
			has("audience", d.Audience.Column)
		case store.AudienceParent:
			has("audience", d.Audience.Column)
			if c, _ := d.Column(d.Audience.Column); c.Ref != d.Audience.Parent {
				t.Errorf("%s: audience of parent %s through %s, which refers to %q", d.Name, d.Audience.Parent, d.Audience.Column, c.Ref)
			}
		}
	}
}
