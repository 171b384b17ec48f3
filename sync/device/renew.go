package device

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"zhibu/assets"
)

// previousDir is where Renew keeps the identity it replaced, inside the key folder.
const previousDir = "previous"

// keyFiles are the files of one identity.
var keyFiles = []string{"cert.pem", "key.pem", "age.key"}

// Renew gives the database at dbPath a new device identity and keeps the one it had in the
// key folder's "previous" folder, to sign the handover that tells paired PCs the new identity
// takes its place (see pairing). A PC restored from a backup renews its identity: the
// backup's identity has already numbered bundles and acknowledged changes the restored
// database no longer holds, so peers would skip its bundles and never re-send what it lost.
func Renew(dbPath string) (*Identity, error) {
	dir := Dir(dbPath)
	prev := filepath.Join(dir, previousDir)
	if _, err := os.Stat(filepath.Join(dir, "cert.pem")); err == nil {
		if err := os.RemoveAll(prev); err != nil {
			return nil, assets.Wrap(err, "Cannot create the device key folder %s. Check that the disk is writable.", dir)
		}
		if err := os.MkdirAll(prev, 0o700); err != nil {
			return nil, assets.Wrap(err, "Cannot create the device key folder %s. Check that the disk is writable.", dir)
		}
		// The certificate (the device ID) is new; the age key stays, so the automatic
		// backups encrypted to it still open and bundles already on their way still read.
		for _, f := range keyFiles {
			var err error
			if f == "age.key" {
				var b []byte
				if b, err = os.ReadFile(filepath.Join(dir, f)); err == nil {
					err = os.WriteFile(filepath.Join(prev, f), b, 0o600)
				}
			} else {
				err = os.Rename(filepath.Join(dir, f), filepath.Join(prev, f))
			}
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, assets.Wrap(err, "Cannot create the device key folder %s. Check that the disk is writable.", dir)
			}
		}
	}
	return Create(dbPath)
}

// Previous returns the identity Renew replaced (nil if there is none).
func (id *Identity) Previous() *Identity {
	p, err := loadDir(filepath.Join(id.Dir, previousDir))
	if err != nil || p.ID == id.ID {
		return nil
	}
	return p
}
