package device

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"
	"github.com/syncthing/syncthing/lib/protocol"

	"zhibu/assets"
	"zhibu/store/atomicfile"
)

// ErrBadSignature means a signature does not match the data and the certificate.
var ErrBadSignature = errors.New("bad signature")

// AgeKey returns the device's age X25519 identity (bundles are encrypted to its public key),
// creating it beside the certificate the first time.
func (id *Identity) AgeKey() (*age.X25519Identity, error) {
	path := filepath.Join(id.Dir, "age.key")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		k, err := age.GenerateX25519Identity()
		if err != nil {
			return nil, err
		}
		if err := atomicfile.WriteFile(path, []byte(k.String()+"\n")); err != nil {
			return nil, assets.Wrap(err, "Cannot create the device key folder %s. Check that the disk is writable.", id.Dir)
		}
		return k, os.Chmod(path, 0o600)
	}
	if err != nil {
		return nil, assets.Wrap(err, "The device keys in %s are damaged. Restore them from a backup, or set up this PC again.", id.Dir)
	}
	k, err := age.ParseX25519Identity(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, assets.Wrap(err, "The device keys in %s are damaged. Restore them from a backup, or set up this PC again.", id.Dir)
	}
	return k, nil
}

// CertDER is the device certificate in DER form; its SHA-256 is the device ID.
func (id *Identity) CertDER() []byte { return id.Cert.Certificate[0] }

// Sign signs data with the device's certificate key (ECDSA over SHA-256).
func (id *Identity) Sign(data []byte) ([]byte, error) {
	signer, ok := id.Cert.PrivateKey.(crypto.Signer)
	if !ok {
		return nil, errors.New("device key cannot sign")
	}
	sum := sha256.Sum256(data)
	return signer.Sign(rand.Reader, sum[:], crypto.SHA256)
}

// Verify checks that sig is the signature of data by the holder of the certificate, and
// returns the certificate's device ID.
func Verify(certDER, data, sig []byte) (protocol.DeviceID, error) {
	cert, err := x509.ParseCertificate(certDER)
	if err != nil {
		return protocol.EmptyDeviceID, ErrBadSignature
	}
	pub, ok := cert.PublicKey.(*ecdsa.PublicKey)
	if !ok {
		return protocol.EmptyDeviceID, ErrBadSignature
	}
	sum := sha256.Sum256(data)
	if !ecdsa.VerifyASN1(pub, sum[:], sig) {
		return protocol.EmptyDeviceID, ErrBadSignature
	}
	return protocol.NewDeviceID(certDER), nil
}
