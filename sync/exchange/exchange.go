// Package exchange turns a database's changes into bundles for paired devices and applies
// the bundles they send back; the USB and LAN transports both move its bundles.
package exchange

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"filippo.io/age"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/sync/bundle"
	"zhibu/sync/device"
)

// ErrOwnBundle means a bundle written by this PC was imported on it.
var ErrOwnBundle = errors.New("bundle written by this device")

// Node is this device, ready to sync: its database and keys.
type Node struct {
	DB  *replica.DB
	ID  *device.Identity
	age *age.X25519Identity
	// handover is the takeover statement of a restored PC, made once for all its bundles.
	handover struct {
		once sync.Once
		t    *bundle.Takeover
		err  error
	}
}

// New prepares a node from an open database and its device identity.
func New(db *replica.DB, id *device.Identity) (*Node, error) {
	k, err := id.AgeKey()
	if err != nil {
		return nil, err
	}
	if db.Device() != id.ID.String() {
		return nil, assets.Errorf("The device keys do not belong to this database. Restore the keys folder that was beside it, or set up this PC again.")
	}
	return &Node{DB: db, ID: id, age: k}, nil
}

// Open loads the identity kept beside the database at db.Path().
func Open(db *replica.DB) (*Node, error) {
	id, err := device.Load(db.Path())
	if err != nil {
		return nil, err
	}
	return New(db, id)
}

// Self is this device's ID.
func (n *Node) Self() string { return n.ID.ID.String() }

// MakeBundle writes the bundle for one paired device: everything it lacks within its scope.
func (n *Node) MakeBundle(ctx context.Context, peerID string) ([]byte, replica.Outgoing, error) {
	data, out, err := n.BuildBundle(ctx, peerID)
	if err != nil {
		return data, out, err
	}
	return data, out, n.Sent(ctx, out)
}

// Sent records that the bundle made by BuildBundle was written where it goes.
func (n *Node) Sent(ctx context.Context, out replica.Outgoing) error {
	return n.DB.CommitExport(ctx, out)
}

// BuildBundle is MakeBundle without recording the bundle as sent: call Sent once it is
// written, so that a bundle that could not be written uses up no number.
func (n *Node) BuildBundle(ctx context.Context, peerID string) ([]byte, replica.Outgoing, error) {
	p, err := n.DB.Peer(ctx, peerID)
	if err != nil {
		return nil, replica.Outgoing{}, assets.Wrap(replica.ErrUnknownPeer, "The device %s is not paired with this PC. Pair the two PCs first (exchange enrolment files).", peerID)
	}
	rcpt, err := age.ParseX25519Recipient(p.AgeRecipient)
	if err != nil {
		return nil, replica.Outgoing{}, fmt.Errorf("peer %s: age recipient: %w", peerID, err)
	}
	out, err := n.DB.Outgoing(ctx, peerID)
	if err != nil {
		return nil, out, err
	}
	b := &bundle.Bundle{Header: bundle.Header{From: n.Self(), To: []string{peerID}, FromOrg: n.DB.Org(), Seq: out.Seq,
		Created: n.DB.Now().UnixMilli(), Clock: int64(out.Clock), Base: out.Base, Known: out.Known}, Changes: out.Changes}
	if b.Takeover, err = n.takeover(); err != nil {
		return nil, out, err
	}
	var buf bytes.Buffer
	if err := bundle.Write(&buf, b, n.ID, rcpt); err != nil {
		return nil, out, err
	}
	return buf.Bytes(), out, nil
}

// Status of one imported bundle.
const (
	Applied  = "applied"
	Skipped  = "skipped"
	Rejected = "rejected"
)

// Report says what happened to one bundle.
type Report struct {
	File      string `json:"file,omitempty"`
	From      string `json:"from,omitempty"`
	FromName  string `json:"from_name,omitempty"`
	Status    string `json:"status"`
	Changes   int    `json:"changes"`
	Applied   int    `json:"applied"`
	Conflicts int    `json:"conflicts"`
	Held      int    `json:"held"` // changes for a newer version, kept until this PC upgrades
	// TookOver: the sender is a paired PC restored from a backup (or replaced), whose new
	// device identity took the place of this device ID with this bundle.
	TookOver  string        `json:"took_over,omitempty"`
	Message   string        `json:"message,omitempty"` // Chinese
	English   string        `json:"english,omitempty"`
	ClockSkew time.Duration `json:"-"`
	Err       error         `json:"-"`
}

func (r *Report) fail(status string, err error) {
	r.Status, r.Err = status, err
	r.Message, r.English = assets.Chinese(err), assets.English(err)
}

// ForMe reports whether a bundle file is addressed to this device (so a folder holding
// bundles for several villages can be read by each of them).
func (n *Node) ForMe(data []byte) bool {
	env, _, err := bundle.Peek(data)
	if err != nil && !(errors.Is(err, bundle.ErrNewerFormat) && len(env.To) > 0) {
		return true // let Import say what is wrong with it
	}
	return n.ForEnvelope(env)
}

// ForEnvelope is ForMe on an envelope already read.
func (n *Node) ForEnvelope(env bundle.Envelope) bool {
	if env.From == n.Self() {
		return false
	}
	for _, t := range env.To {
		if t == n.Self() {
			return true
		}
	}
	return false
}

// Import verifies a bundle and applies it in one transaction. A bundle that is not newer
// than one already imported is skipped; any fault rejects it whole and changes nothing.
func (n *Node) Import(ctx context.Context, data []byte) Report {
	var r Report
	env, _, _ := bundle.Peek(data)
	r.From = env.From
	peers := map[string]replica.Peer{}
	keys := bundle.Keys{
		Self:     n.Self(),
		Identity: n.age,
		CertOf: func(id string) ([]byte, bool) {
			p, err := n.DB.Peer(ctx, id)
			if err != nil {
				return nil, false
			}
			peers[id] = p
			return p.Cert, true
		},
		Verify: func(cert, data, sig []byte) (string, error) {
			id, err := device.Verify(cert, data, sig)
			return id.String(), err
		},
	}
	b, err := bundle.Read(data, keys)
	p := peers[env.From]
	r.FromName = p.OrgName
	if err != nil && env.From == n.Self() {
		r.fail(Rejected, assets.Wrap(ErrOwnBundle, "This bundle was written by this PC itself, for another PC. Nothing was imported; take it to the PC it is for."))
		return r
	}
	if err != nil && p.DeviceID == "" && (errors.Is(err, bundle.ErrDamaged) || errors.Is(err, bundle.ErrUnknownSender)) {
		if from := bundle.Sender(data, keys); from != "" {
			// Only the unencrypted outside was altered: name the real sender.
			p = peers[from]
			r.From, r.FromName = from, p.OrgName
			r.fail(Rejected, assets.Wrap(bundle.ErrDamaged, "The outside of this bundle from %s has been altered on the way. Nothing was imported; write the bundle again on the other PC.", p.Label()))
			n.noteError(ctx, p, r.Message)
			return r
		}
	}
	if err != nil {
		r.fail(Rejected, n.explain(err, env, p))
		n.noteError(ctx, p, r.Message)
		return r
	}
	if b.TakesOver != "" {
		if err := n.takeOver(ctx, peers[b.TakesOver], b); err != nil {
			r.fail(Rejected, err)
			return r
		}
		p = peers[b.TakesOver]
		r.FromName = p.OrgName
		r.TookOver = b.TakesOver
	}
	res, err := n.DB.ImportChanges(ctx, replica.Incoming{From: b.Header.From, Seq: b.Header.Seq, Created: b.Header.CreatedAt(),
		Base: b.Header.Base, Known: b.Header.Known, Changes: b.Changes})
	r.Changes = len(b.Changes)
	if errors.Is(err, replica.ErrOldBundle) {
		r.fail(Skipped, err)
		return r
	}
	if err != nil {
		r.fail(Rejected, err)
		n.noteError(ctx, p, r.Message)
		return r
	}
	r.Status, r.Applied, r.Conflicts, r.Held, r.ClockSkew = Applied, res.Applied, res.Conflicts, res.Held, res.ClockSkew
	if r.TookOver != "" {
		r.Message = assets.T("%s's PC was restored from a backup (or replaced): it is now device %s in place of %s. Everything it lacks will be sent to it with the next bundle.",
			p.OrgName, shortDevice(env.From), shortDevice(r.TookOver))
	}
	if res.Held > 0 {
		r.Message = assets.T("%d changes in it are for a newer version of Zhibu: they are kept as received and take effect once this PC is upgraded.", res.Held)
	}
	if res.Claimed > 0 {
		r.Message = assets.T("%d changes in it, for a newer version of Zhibu, are to records another PC's data already claims; they were left out, the rest was imported. Tell the township office.", res.Claimed)
	}
	if skew := res.ClockSkew; skew > replica.MaxClockSkew || -skew > replica.MaxClockSkew {
		r.Message = assets.T("The clock of %s's PC differs from this PC's by about %s days.", p.Label(), fmt.Sprintf("%.0f", skew.Abs().Hours()/24))
	}
	return r
}

func (n *Node) noteError(ctx context.Context, p replica.Peer, msg string) {
	if p.DeviceID != "" {
		_ = n.DB.SetPeerError(ctx, p.DeviceID, msg)
	}
}

// explain turns a bundle rejection into a sentence a village secretary can act on.
func (n *Node) explain(err error, env bundle.Envelope, p replica.Peer) error {
	if p.DeviceID == "" && p.OrgName == "" {
		// Not (yet) known as a paired device: name what the envelope says, never nothing
		// (a message once read 「来自的同步包」).
		p.DeviceID = env.From
		if p.DeviceID == "" {
			p.DeviceID = assets.T("an unknown PC")
		}
	}
	switch {
	case errors.Is(err, bundle.ErrNotBundle):
		return assets.Wrap(err, "This file is not a Zhibu sync bundle. Nothing was imported.")
	case errors.Is(err, bundle.ErrNewerFormat) && env.App != "":
		return assets.Wrap(err, "This bundle was made by Zhibu %s, in a format this version cannot read. Upgrade Zhibu on this PC to %s or newer, then import it again. Nothing was imported.", env.App, env.App)
	case errors.Is(err, bundle.ErrNewerFormat):
		return assets.Wrap(err, "This bundle was made by a newer version of Zhibu. Update Zhibu on this PC, then import it again.")
	case errors.Is(err, bundle.ErrTruncated):
		return assets.Wrap(err, "This bundle is incomplete (the USB stick may have been pulled out while it was written). Nothing was imported; write the bundle again on the other PC.")
	case errors.Is(err, bundle.ErrUnknownSender):
		return assets.Wrap(err, "This bundle comes from device %s, which is not paired with this PC. Nothing was imported; pair the two PCs first.", env.From)
	case errors.Is(err, bundle.ErrTooLarge):
		return assets.Wrap(err, "This bundle from %s is larger than any bundle can be (at most %d MB). Nothing was imported; write the bundle again on the other PC.", p.Label(), bundle.MaxFileBytes>>20)
	case errors.Is(err, bundle.ErrLimit):
		return limitMessage(err, p)
	case errors.Is(err, bundle.ErrWrongRecipient):
		return assets.Wrap(err, "This bundle is meant for another PC, not this one. Nothing was imported; take the bundle written for this PC.")
	case errors.Is(err, bundle.ErrBadSignature):
		return assets.Wrap(err, "The signature of this bundle from %s does not match: it has been altered or forged. Nothing was imported; write the bundle again on the other PC.", p.Label())
	}
	return assets.Wrap(err, "This bundle from %s is damaged or has been altered. Nothing was imported; write the bundle again on the other PC.", p.Label())
}

// takeover is the statement, signed with the identity this PC had before it was restored
// from a backup, that its new identity takes that one's place (nil when it was not restored).
func (n *Node) takeover() (*bundle.Takeover, error) {
	h := &n.handover
	h.once.Do(func() {
		prev := n.ID.Previous() // reads the previous identity's key files
		if prev == nil {
			return
		}
		sig, err := prev.Sign([]byte(bundle.HandoverDomain + n.Self()))
		if err != nil {
			h.err = err
			return
		}
		h.t = &bundle.Takeover{Device: prev.ID.String(), Sig: sig, Cert: n.ID.CertDER()}
	})
	return h.t, h.err
}

// takeOver pairs the sender of a bundle carrying a verified takeover in place of the paired
// device whose key signed it: same role, organisation and encryption key (a restored PC keeps
// its age key), the new certificate, and nothing acknowledged, so the next bundle for it
// carries everything in its scope again. A takeover never changes what a device is.
func (n *Node) takeOver(ctx context.Context, old replica.Peer, b *bundle.Bundle) error {
	if old.DeviceID == "" || b.Takeover == nil {
		return assets.Errorf("This bundle says its PC takes the place of a paired PC, but that PC is not paired here. Nothing was imported; pair the two PCs first.")
	}
	cert := b.Takeover.Cert
	if err := n.DB.RemovePeer(ctx, old.DeviceID); err != nil {
		return err
	}
	p := replica.Peer{DeviceID: b.Header.From, Role: old.Role, OrgID: old.OrgID, OrgCode: old.OrgCode, OrgName: old.OrgName,
		Cert: cert, AgeRecipient: old.AgeRecipient, Addr: old.Addr}
	if err := n.DB.AddPeer(ctx, p); err != nil {
		return err
	}
	return replica.SetMeta(ctx, n.DB.SQL(), "pair_takeover/"+b.Header.From, old.DeviceID+" "+n.DB.Now().UTC().Format(time.RFC3339))
}

func shortDevice(id string) string {
	if len(id) > 7 {
		return id[:7]
	}
	return id
}
