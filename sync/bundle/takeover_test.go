package bundle

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"

	"zhibu/sync/device"
)

// A PC restored from a backup has a new device identity (issue 20 item 4: no bundle number
// may be reused); its bundles carry a takeover signed by its old key. A reader that has the
// old identity paired accepts the new sender only when the old key signed exactly this new
// device ID and the bundle itself verifies with the new certificate; anything else stays an
// unknown sender, as before.
func TestTakeoverOfAPairedDevice(t *testing.T) {
	old, k, keys := testKeys(t) // the paired device: keys.CertOf knows only it
	restored, err := device.Create(filepath.Join(t.TempDir(), "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	stranger, err := device.Create(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	self := keys.Self
	write := func(from *device.Identity, tk *Takeover) []byte {
		t.Helper()
		b := sample(from.ID.String())
		b.Header.To = []string{self}
		b.Takeover = tk
		var buf bytes.Buffer
		if err := Write(&buf, b, from, k.Recipient()); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	sign := func(by *device.Identity, newID string) []byte {
		sig, err := by.Sign([]byte(HandoverDomain + newID))
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}
	newID := restored.ID.String()

	// Without a takeover: an unpaired sender.
	if _, err := Read(write(restored, nil), keys); !errors.Is(err, ErrUnknownSender) {
		t.Fatalf("no takeover: %v", err)
	}
	// A valid takeover: accepted, naming the device it replaces.
	b, err := Read(write(restored, &Takeover{Device: old.ID.String(), Sig: sign(old, newID), Cert: restored.CertDER()}), keys)
	if err != nil || b.TakesOver != old.ID.String() || b.Takeover == nil || !bytes.Equal(b.Takeover.Cert, restored.CertDER()) {
		t.Fatalf("valid takeover: %v %+v", err, b)
	}
	for name, c := range map[string]struct {
		from *device.Identity
		tk   *Takeover
		want error
	}{
		// Signed by a key that is not the paired device's.
		"signed by a stranger": {restored, &Takeover{Device: old.ID.String(), Sig: sign(stranger, newID), Cert: restored.CertDER()}, ErrUnknownSender},
		// The old key signed another new ID: the statement cannot be moved to another sender.
		"signature for another device": {restored, &Takeover{Device: old.ID.String(), Sig: sign(old, stranger.ID.String()), Cert: restored.CertDER()}, ErrUnknownSender},
		// The takeover of a device this PC never paired.
		"device not paired": {restored, &Takeover{Device: stranger.ID.String(), Sig: sign(stranger, newID), Cert: restored.CertDER()}, ErrUnknownSender},
		// A valid takeover copied onto a stranger's bundle, with the restored PC's certificate:
		// the bundle's signature does not verify with it.
		"bundle signed by another key": {stranger, &Takeover{Device: old.ID.String(), Sig: sign(old, stranger.ID.String()), Cert: restored.CertDER()}, ErrBadSignature},
	} {
		if _, err := Read(write(c.from, c.tk), keys); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
}
