package store_test

import (
	"testing"

	"zhibu/store"
)

// copyRows applies every local change of the tables from one database to another, the
// way a sync bundle would.
func copyRows(t *testing.T, from, to *store.DB, tables ...string) {
	t.Helper()
	want := map[string]bool{}
	for _, tb := range tables {
		want[tb] = true
	}
	cs, err := from.Changes(t.Context(), 0, "local", 0)
	if err != nil {
		t.Fatal(err)
	}
	err = to.Write(t.Context(), func(tx *store.Tx) error {
		for _, c := range cs {
			if want[c.Table] {
				if _, _, err := tx.Apply(t.Context(), c); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
