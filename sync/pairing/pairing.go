// Package pairing writes and reads enrolment files: a device's ID, certificate, age public
// key and organisation, signed by the device, carried on a USB stick to the PC it pairs with.
package pairing

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"time"

	"filippo.io/age"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/atomicfile"
	"zhibu/store/replica"
	"zhibu/sync/device"
)

// FormatName marks an enrolment file.
const FormatName = "zhibu-enrolment/1"

// Ext is the file name extension of enrolment files.
const Ext = ".zpair"

var (
	ErrBadFile   = errors.New("not a valid enrolment file")
	ErrMismatch  = errors.New("enrolment does not fit this device")
	ErrForgedKey = errors.New("enrolment signature invalid")
)

// Enrolment is what one device tells another when pairing.
type Enrolment struct {
	Format     string `json:"format"`
	DeviceID   string `json:"device_id"`
	Cert       []byte `json:"cert"`
	Age        string `json:"age"`
	Role       string `json:"role"`
	OrgID      string `json:"org_id"`
	OrgCode    string `json:"org_code"`
	OrgName    string `json:"org_name"`
	ParentCode string `json:"parent_code,omitempty"`
	Created    string `json:"created"`
	Sig        []byte `json:"sig,omitempty"`
}

func (e Enrolment) signedBytes() []byte {
	e.Sig = nil
	b, _ := json.Marshal(e)
	return b
}

// Make builds this device's enrolment.
func Make(ctx context.Context, db *store.DB, id *device.Identity) (Enrolment, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return Enrolment{}, err
	}
	role, err := db.Role(ctx)
	if err != nil {
		return Enrolment{}, err
	}
	parent, err := db.ParentCode(ctx)
	if err != nil {
		return Enrolment{}, err
	}
	k, err := id.AgeKey()
	if err != nil {
		return Enrolment{}, err
	}
	e := Enrolment{Format: FormatName, DeviceID: id.ID.String(), Cert: id.CertDER(), Age: k.Recipient().String(), Role: role,
		OrgID: home.ID, OrgCode: home.Code, OrgName: home.Name, ParentCode: parent, Created: db.Now().UTC().Format(time.RFC3339)}
	if e.Sig, err = id.Sign(e.signedBytes()); err != nil {
		return Enrolment{}, err
	}
	return e, nil
}

// Export writes this device's enrolment file.
func Export(ctx context.Context, db *store.DB, id *device.Identity, path string) (Enrolment, error) {
	e, err := Make(ctx, db, id)
	if err != nil {
		return e, err
	}
	b, _ := json.MarshalIndent(e, "", "  ")
	if err := atomicfile.WriteFile(path, append(b, '\n')); err != nil {
		return e, assets.Wrap(err, "Cannot write %s. Check that the USB stick or folder is writable and has space.", path)
	}
	return e, nil
}

// Read reads and verifies an enrolment file: the certificate's hash is the device ID and
// the device signed the file.
func Read(path string) (Enrolment, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Enrolment{}, assets.Wrap(err, "Cannot read %s. Check the file name and that the USB stick is plugged in.", path)
	}
	return Parse(b)
}

// Parse verifies an enrolment held in memory.
func Parse(b []byte) (Enrolment, error) {
	var e Enrolment
	if err := json.Unmarshal(b, &e); err != nil || e.Format != FormatName {
		return e, assets.Wrap(ErrBadFile, "This is not a Zhibu enrolment file. Choose the file written on the other PC by \"Sync\" → \"Export enrolment file\" (or \"zhibu pair export\").")
	}
	if _, err := age.ParseX25519Recipient(e.Age); err != nil || e.OrgID == "" || (e.Role != store.RoleVillage && e.Role != store.RoleTownship && e.Role != store.RoleCounty) {
		return e, assets.Wrap(ErrBadFile, "The enrolment file is damaged. Write it again on the other PC.")
	}
	signer, err := device.Verify(e.Cert, e.signedBytes(), e.Sig)
	if err != nil || signer.String() != e.DeviceID {
		return e, assets.Wrap(ErrForgedKey, "The enrolment file has been altered: its keys do not match its device ID. Do not use it; write it again on the other PC.")
	}
	return e, nil
}

// Accept pairs this device with the enrolment's device after checking that the two belong
// together: a village pairs with its township (and a township with its villages or another
// township office PC), never with another village.
func Accept(ctx context.Context, db *store.DB, e Enrolment) (replica.Peer, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return replica.Peer{}, err
	}
	role, err := db.Role(ctx)
	if err != nil {
		return replica.Peer{}, err
	}
	if e.DeviceID == db.Device() {
		return replica.Peer{}, assets.Wrap(ErrMismatch, "This enrolment file is this PC's own. Import the file of the other PC.")
	}
	if role == store.RoleVillage && e.Role == store.RoleVillage {
		return replica.Peer{}, assets.Wrap(ErrMismatch, "Two villages cannot be paired with each other. Pair each village with its township.")
	}
	if err := checkCounty(role, home.Code, e); err != nil {
		return replica.Peer{}, err
	}
	parent, err := db.ParentCode(ctx)
	if err != nil {
		return replica.Peer{}, err
	}
	if role == store.RoleTownship && e.Role == store.RoleCounty && parent != "" && e.OrgCode != parent {
		return replica.Peer{}, assets.Wrap(ErrMismatch, "The enrolment file is from %s (code %s), but this township belongs to the county with code %s. Use the file of your own county.", e.OrgName, e.OrgCode, parent)
	}
	if role == store.RoleVillage && parent != "" && e.OrgCode != parent {
		return replica.Peer{}, assets.Wrap(ErrMismatch, "The enrolment file is from %s (code %s), but this village belongs to the township with code %s. Use the file of your own township.", e.OrgName, e.OrgCode, parent)
	}
	if role == store.RoleTownship && e.Role == store.RoleVillage && e.ParentCode != "" && e.ParentCode != home.Code {
		return replica.Peer{}, assets.Wrap(ErrMismatch, "The village %s belongs to the township with code %s, not to this township (%s).", e.OrgName, e.ParentCode, home.Code)
	}
	p := replica.Peer{DeviceID: e.DeviceID, Role: e.Role, OrgID: e.OrgID, OrgCode: e.OrgCode, OrgName: e.OrgName, Cert: e.Cert, AgeRecipient: e.Age}
	if err := db.Replica().AddPeer(ctx, p); err != nil {
		return p, err
	}
	return db.Replica().Peer(ctx, e.DeviceID)
}

// checkCounty: a county pairs with its townships (and its own other PCs), never with a
// village.
func checkCounty(role, home string, e Enrolment) error {
	if (role == store.RoleCounty && e.Role == store.RoleVillage) || (role == store.RoleVillage && e.Role == store.RoleCounty) {
		return assets.Wrap(ErrMismatch, "A village is not paired with the county: pair it with its township, and the township with the county.")
	}
	if role == store.RoleCounty && e.Role == store.RoleTownship && e.ParentCode != "" && e.ParentCode != home {
		return assets.Wrap(ErrMismatch, "The township %s belongs to the county with code %s, not to this county (%s).", e.OrgName, e.ParentCode, home)
	}
	return nil
}

// Import reads an enrolment file and pairs with its device.
func Import(ctx context.Context, db *store.DB, path string) (replica.Peer, error) {
	e, err := Read(path)
	if err != nil {
		return replica.Peer{}, err
	}
	return Accept(ctx, db, e)
}
