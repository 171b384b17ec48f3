package store

import (
	"fmt"
	"io/fs"
	"testing/fstest"

	"zhibu/store/replica"
)

// Future is the schema of a newer version of Zhibu, simulated: the tests of mixed versions
// open a database with it to play the PC that has upgraded. Production never sets it.
type Future struct {
	// Migrations are the newer version's migrations, run in order after this build's own
	// (numbered after them, whatever this build's schema version is).
	Migrations []string
	// Tables are the replicated tables the newer version adds, and, under the name of a table
	// this build has, the fields it adds to that table.
	Tables []replica.Table
}

// schemaWith returns this build's schema, and its tables, with the newer version's added.
func schemaWith(f *Future) (fs.FS, []replica.Table, error) {
	if f == nil {
		return schema(), replicaTables(), nil
	}
	base := schema()
	files, err := fs.Glob(base, "*.sql")
	if err != nil {
		return nil, nil, err
	}
	m := fstest.MapFS{}
	for _, name := range files {
		b, err := fs.ReadFile(base, name)
		if err != nil {
			return nil, nil, err
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	for i, body := range f.Migrations {
		m[fmt.Sprintf("%04d_future.sql", len(files)+i+1)] = &fstest.MapFile{Data: []byte(body)}
	}
	ts := replicaTables()
	for _, nt := range f.Tables {
		found := false
		for i := range ts {
			if ts[i].Name == nt.Name {
				ts[i].Fields = append(append([]string(nil), ts[i].Fields...), nt.Fields...)
				found = true
			}
		}
		if !found {
			ts = append(ts, nt)
		}
	}
	return m, ts, nil
}
