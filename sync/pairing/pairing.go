// Package pairing writes and reads enrolment files: a device's ID, certificate, age public
// key and organisation, signed by the device, carried on a USB stick to the PC it pairs with.
package pairing

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"filippo.io/age"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/atomicfile"
	"zhibu/store/replica"
	"zhibu/sync/bundle"
	"zhibu/sync/device"
)

// FormatName marks an enrolment file.
const FormatName = "zhibu-enrolment/1"

// maxEnrolment bounds an enrolment file (about 2 KB: a certificate and a few names).
const maxEnrolment = 64 << 10

// Ext is the file name extension of enrolment files.
const Ext = ".zpair"

var (
	ErrBadFile   = errors.New("not a valid enrolment file")
	ErrMismatch  = errors.New("enrolment does not fit this device")
	ErrForgedKey = errors.New("enrolment signature invalid")
	ErrDuplicate = errors.New("organisation already paired with another device")
	// ErrChanged: a paired device's new enrolment changes its role or organisation.
	ErrChanged = errors.New("enrolment changes what a paired device is")
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
	// Replaces, on a PC restored from a backup (or a new PC the backup was restored on),
	// names the device identity it had before, signed with that identity's key: the PCs
	// paired with the old identity take the new one in its place and send it everything again.
	Replaces *Handover `json:"replaces,omitempty"`
	Sig      []byte    `json:"sig,omitempty"`
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
	if e.Replaces, err = makeHandover(id); err != nil {
		return Enrolment{}, err
	}
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
	b, err := bundle.ReadFileSafe(path, maxEnrolment)
	switch {
	case errors.Is(err, bundle.ErrTooLarge):
		return Enrolment{}, assets.Wrap(ErrBadFile, "%s is larger than any enrolment file can be (at most %d KB). It was not read; choose the file written on the other PC.", path, maxEnrolment>>10)
	case errors.Is(err, bundle.ErrNotRegular):
		return Enrolment{}, assets.Wrap(ErrBadFile, "%s is not an ordinary file (a pipe, a device, or a link out of its folder). It was not read.", path)
	case errors.Is(err, bundle.ErrSlow):
		return Enrolment{}, assets.Wrap(err, "Reading %s took longer than %d seconds; it was stopped. Check the USB stick or the network folder, then import again.", path, int(bundle.ReadDeadline.Seconds()))
	}
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
// together (see AcceptWith); a pairing outside the hierarchy is refused.
func Accept(ctx context.Context, db *store.DB, e Enrolment) (replica.Peer, error) {
	return AcceptWith(ctx, db, e, Options{})
}

// Options change what Accept checks.
type Options struct {
	// Override pairs two PCs outside the organisation hierarchy, or a second PC for a village
	// already paired: an administrator's explicit decision, recorded on this PC with User.
	Override bool
	User     string
	// Reason is the administrator's reason for the override, recorded and shown with the
	// pairing; an override that changes what a paired device is needs one.
	Reason string
	// Replaces is a device this PC was paired with, taken over by the enrolment's device (a
	// PC restored from a backup or replaced); set by AcceptWith when the enrolment carries a
	// handover signed by that device's key.
	replaces string
}

// AcceptWith pairs this device with the enrolment's device after checking that the two
// belong together: a village pairs with its own township; a township with its own villages
// (set up with its code as their parent, or with codes under its own), another PC of the same
// township office, or its county (codes that nest); and a village already paired is not
// paired again with a second PC. opt.Override lets an administrator pair outside these rules;
// the decision is recorded (meta "pair_override/<device>").
func AcceptWith(ctx context.Context, db *store.DB, e Enrolment, opt Options) (replica.Peer, error) {
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
	old, err := handover(ctx, db, e)
	if err != nil {
		return replica.Peer{}, err
	}
	if old.DeviceID != "" {
		opt.replaces = old.DeviceID
	}
	why := checkReEnrolment(ctx, db, e, opt)
	if why == nil {
		why = checkHierarchy(ctx, db, role, home, parent, e, opt.replaces)
	}
	if why == nil {
		why = checkKnown(ctx, db, role, home, parent, e, opt.replaces)
	}
	if why != nil && !opt.Override {
		return replica.Peer{}, why
	}
	if why != nil && errors.Is(why, ErrChanged) && strings.TrimSpace(opt.Reason) == "" {
		return replica.Peer{}, assets.Wrap(ErrChanged, "An override that changes what a paired device is needs a reason: give it with --reason (it is recorded and shown with the pairing).")
	}
	p := replica.Peer{DeviceID: e.DeviceID, Role: e.Role, OrgID: e.OrgID, OrgCode: e.OrgCode, OrgName: e.OrgName, Cert: e.Cert, AgeRecipient: e.Age}
	if opt.replaces != "" {
		if err := replaceDevice(ctx, db, opt.replaces, e.DeviceID); err != nil {
			return p, err
		}
	}
	if why != nil {
		rec, _ := json.Marshal(Override{User: opt.User, At: db.Now().UTC().Format(time.RFC3339), OrgCode: e.OrgCode,
			OrgName: e.OrgName, Role: e.Role, Why: assets.English(why), WhyZh: assets.Chinese(why), Reason: strings.TrimSpace(opt.Reason)})
		if err := replica.SetMeta(ctx, db.SQL(), "pair_override/"+e.DeviceID, string(rec)); err != nil {
			return p, replica.WrapDisk(err, db.Path())
		}
	}
	if err := db.Replica().AddPeer(ctx, p); err != nil {
		return p, err
	}
	return db.Replica().Peer(ctx, e.DeviceID)
}

// checkHierarchy says why the enrolment's device does not belong with this one (nil: it does).
func checkHierarchy(ctx context.Context, db *store.DB, role string, home store.Org, parent string, e Enrolment, replaces string) error {
	override := assets.T("If this is really intended, an administrator can pair them anyway with \"zhibu pair import FILE --override\".")
	under := func(code, top string) bool { return top != "" && strings.HasPrefix(code, top) && code != top }
	switch {
	case role == store.RoleTownship && e.Role == store.RoleCounty && parent != "" && e.OrgCode != parent:
		return assets.Wrap(ErrMismatch, "The enrolment file is from %s (code %s), but this township belongs to the county with code %s. Use the file of your own county.", e.OrgName, e.OrgCode, parent)
	case role == store.RoleVillage && parent != "" && e.OrgCode != parent:
		return assets.Wrap(ErrMismatch, "The enrolment file is from %s (code %s), but this village belongs to the township with code %s. Use the file of your own township.", e.OrgName, e.OrgCode, parent)
	case role == store.RoleVillage && parent == "" && !under(home.Code, e.OrgCode):
		return assets.Wrap(ErrMismatch, "The enrolment file is from %s (code %s), but this village's code %s is not under it. Use the file of your own township. %s", e.OrgName, e.OrgCode, home.Code, override)
	case role == store.RoleTownship && e.Role == store.RoleVillage && e.ParentCode != "" && e.ParentCode != home.Code:
		return assets.Wrap(ErrMismatch, "The village %s belongs to the township with code %s, not to this township (%s).", e.OrgName, e.ParentCode, home.Code)
	case role == store.RoleTownship && e.Role == store.RoleVillage && e.ParentCode == "" && !under(e.OrgCode, home.Code):
		return assets.Wrap(ErrMismatch, "The village %s (code %s) is not under this township (code %s). Check the village's code. %s", e.OrgName, e.OrgCode, home.Code, override)
	case role == store.RoleTownship && e.Role == store.RoleTownship && e.OrgID != home.ID && !under(home.Code, e.OrgCode):
		// A township-role device is this township's own (another office PC, the same
		// organisation) or its county (a code this township's nests under); a code under
		// this township's, or its own code under another organisation, is neither.
		return assets.Wrap(ErrMismatch, "%s (code %s) is neither this township (code %s) nor its county. Pair a township only with its own villages, its other office PCs and its county. %s", e.OrgName, e.OrgCode, home.Code, override)
	}
	if role != store.RoleTownship || e.Role != store.RoleVillage {
		return nil
	}
	peers, err := db.Replica().Peers(ctx)
	if err != nil {
		return err
	}
	for _, p := range peers {
		if (p.OrgCode == e.OrgCode || p.OrgID == e.OrgID) && p.DeviceID != e.DeviceID && p.DeviceID != replaces {
			return assets.Wrap(ErrDuplicate, "The village with code %s (%s) is already paired with another PC (device %s). A second PC for the same village would mix two copies of its records. If the village's PC was replaced, restore its backup on the new PC instead. %s", e.OrgCode, p.OrgName, shortID(p.DeviceID), override)
		}
	}
	if o, err := db.OrgByCode(ctx, e.OrgCode); err == nil && o.ID != e.OrgID {
		return assets.Wrap(ErrDuplicate, "This township already has the village with code %s (%s), set up on another PC. Pairing this PC's copy would make two villages with one code. %s", e.OrgCode, o.Name, override)
	}
	return nil
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

// shortID is the first group of a device ID, as people read it out.
func shortID(id string) string {
	if i := strings.IndexByte(id, '-'); i > 0 {
		return id[:i]
	}
	return id
}

// Import reads an enrolment file and pairs with its device.
func Import(ctx context.Context, db *store.DB, path string) (replica.Peer, error) {
	e, err := Read(path)
	if err != nil {
		return replica.Peer{}, err
	}
	return Accept(ctx, db, e)
}
