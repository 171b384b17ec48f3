package device

import (
	"os"
	"path/filepath"
	"testing"
)

// The identity made at set-up includes the age key, so a backup taken before the first
// pairing restores the key the township encrypts to; every key file is this user's only.
func TestCreateMakesEveryKeyPrivate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "zhibu.db")
	if _, err := Create(db); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"cert.pem", "key.pem", "age.key"} {
		st, err := os.Stat(filepath.Join(Dir(db), name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", name, st.Mode().Perm())
		}
	}
	if st, _ := os.Stat(Dir(db)); st.Mode().Perm() != 0o700 {
		t.Errorf("key folder mode %v", st.Mode().Perm())
	}
}
