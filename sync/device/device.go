// Package device owns this installation's identity: its TLS certificate and key, kept beside
// the database, and the Syncthing-format device ID derived from the certificate.
package device

import (
	"crypto/tls"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/syncthing/syncthing/lib/protocol"
	"github.com/syncthing/syncthing/lib/tlsutil"

	"zhibu/assets"
)

// CommonName is the certificate CN; Syncthing peers expect "syncthing".
const CommonName = "syncthing"

// lifetimeDays is how long a device certificate is valid (village PCs live long).
const lifetimeDays = 20 * 365

// Identity is this device's certificate and ID.
type Identity struct {
	Cert tls.Certificate
	ID   protocol.DeviceID
	Dir  string // the folder holding the key files
}

// Dir returns the folder beside the database that holds the device keys.
func Dir(dbPath string) string { return dbPath + ".keys" }

func paths(dir string) (cert, key string) {
	return filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
}

// Load reads the identity kept beside the database.
func Load(dbPath string) (*Identity, error) { return loadDir(Dir(dbPath)) }

// loadDir reads the identity kept in the key folder dir.
func loadDir(dir string) (*Identity, error) {
	certFile, keyFile := paths(dir)
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, assets.Wrap(err, "The device keys beside the database are missing (%s). Restore them from a backup, or set up this PC again.", dir)
	}
	if err != nil {
		return nil, assets.Wrap(err, "The device keys in %s are damaged. Restore them from a backup, or set up this PC again.", dir)
	}
	return &Identity{Cert: cert, ID: protocol.NewDeviceID(cert.Certificate[0]), Dir: dir}, nil
}

// Create makes a new identity beside the database; an existing one is kept and returned.
func Create(dbPath string) (*Identity, error) {
	if id, err := Load(dbPath); err == nil {
		return id, nil
	}
	dir := Dir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, assets.Wrap(err, "Cannot create the device key folder %s. Check that the disk is writable.", dir)
	}
	certFile, keyFile := paths(dir)
	if _, err := tlsutil.NewCertificate(certFile, keyFile, CommonName, lifetimeDays); err != nil {
		return nil, fmt.Errorf("create device certificate: %w", err)
	}
	for _, f := range []string{certFile, keyFile} {
		if err := os.Chmod(f, 0o600); err != nil {
			return nil, assets.Wrap(err, "Cannot create the device key folder %s. Check that the disk is writable.", dir)
		}
	}
	id, err := Load(dbPath)
	if err != nil {
		return nil, err
	}
	// The age key is made now, not at the first pairing, so that a backup taken before
	// pairing restores the key the township will encrypt to.
	if _, err := id.AgeKey(); err != nil {
		return nil, err
	}
	return id, nil
}
