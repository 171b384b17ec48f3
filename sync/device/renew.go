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
		for _, f := range keyFiles {
			if err := os.Rename(filepath.Join(dir, f), filepath.Join(prev, f)); err != nil && !errors.Is(err, fs.ErrNotExist) {
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
