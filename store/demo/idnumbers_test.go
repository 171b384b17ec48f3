package demo_test

import (
	"strings"
	"testing"

	"zhibu/store"
	"zhibu/store/cnid"
	"zhibu/store/demo"
	"zhibu/store/storetest"
)

// TestIDNumbersUniqueAcrossTownships: the county roll-up merges townships filled with demo
// data; no two of their people may share an ID number. Each township's numbers start with
// its own region code (its code's first six digits), every village of a township draws from
// one set, and every number is valid.
func TestIDNumbersUniqueAcrossTownships(t *testing.T) {
	seen := map[string]string{}
	for _, code := range []string{"410901", "410902"} {
		f := storetest.New(t, storetest.Params{Role: store.RoleTownship, OrgCode: code, OrgName: code + "镇党委"})
		if err := demo.Fill(f.Ctx, f.DB, demo.Options{Villages: 3, Seed: 1}); err != nil {
			t.Fatal(err)
		}
		// Each person once: a member transferred out has a new file in the receiving branch, an
		// accepted candidate a member file, both with the same number.
		rows, err := f.DB.SQL().Query(`SELECT id_number FROM members WHERE deleted=0 AND state<>'transferred_out'
			UNION ALL SELECT id_number FROM candidates WHERE deleted=0 AND member_id=''`)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			n++
			if _, err := cnid.ValidateAt(id, f.DB.Now()); err != nil {
				t.Errorf("%s: %s is not a valid ID number: %v", code, id, err)
			}
			if !strings.HasPrefix(id, code) {
				t.Errorf("%s: %s does not start with the township's region code", code, id)
			}
			if other, dup := seen[id]; dup {
				t.Errorf("%s: ID number %s was already made in %s", code, id, other)
			}
			seen[id] = code
		}
		rows.Close()
		if n < 60 {
			t.Fatalf("%s: only %d people", code, n)
		}
	}
}
