// Package folder syncs through a folder that something else keeps in step between PCs: a
// stock Syncthing folder, a network share or a USB stick (a carrier). Each PC writes the
// bundles addressed to its paired devices into the folder, imports the ones addressed to it,
// answers each imported bundle with a small signed receipt, and removes its own bundles once
// their recipient's receipt shows them applied, so the folder empties. Carriers only ever
// hold ciphertext and signed receipts: nothing in the folder is trusted until verified.
//
// The receipt and outbox helpers here are also what the LAN transport offers to a carrier.
package folder

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/sync/bundle"
	"zhibu/sync/device"
	"zhibu/sync/exchange"
)

// ReceiptExt is the file name extension of receipts. A receipt for the bundle
// zhibu-A-to-B-000003.zbundle is zhibu-A-to-B-000003.zreceipt, written by B.
const ReceiptExt = ".zreceipt"

// ReceiptFormat marks a receipt file.
const ReceiptFormat = "zhibu-receipt/1"

// receiptDomain separates receipt signatures from any other use of the device key.
const receiptDomain = "zhibu-receipt-v1\x00"

// maxReceipt bounds a receipt file (a version vector of a county's devices fits easily).
const maxReceipt = 1 << 20

var (
	// ErrBadReceipt: a receipt that is damaged, forged or not for this PC.
	ErrBadReceipt = errors.New("receipt invalid")

	nameRe = regexp.MustCompile(`^zhibu-([A-Z2-7]{7})-to-([A-Z2-7]{7})-([0-9]{6})(\` + bundle.Ext + `|\` + ReceiptExt + `)$`)
)

// Name is a parsed bundle or receipt file name.
type Name struct {
	From, To string // short device IDs (the first group of each)
	Seq      string
	Receipt  bool
}

// ParseName parses a bundle or receipt file name; ok is false for any other file.
func ParseName(name string) (Name, bool) {
	m := nameRe.FindStringSubmatch(name)
	if m == nil {
		return Name{}, false
	}
	return Name{From: m[1], To: m[2], Seq: m[3], Receipt: m[4] == ReceiptExt}, true
}

// ReceiptName is the name of the receipt for a bundle file.
func ReceiptName(bundleName string) string {
	return strings.TrimSuffix(bundleName, bundle.Ext) + ReceiptExt
}

// BundleName is the name of the bundle a receipt answers.
func BundleName(receiptName string) string {
	return strings.TrimSuffix(receiptName, ReceiptExt) + bundle.Ext
}

// Short is the first group of a device ID, as file names carry it.
func Short(id string) string { return strings.SplitN(id, "-", 2)[0] }

// Receipt says that a bundle was imported (applied now or earlier) and what its importer
// holds since, signed by the importer.
type Receipt struct {
	Format  string     `json:"format"`
	Bundle  string     `json:"bundle"`  // file name of the bundle
	SHA256  string     `json:"sha256"`  // of the bundle file
	From    string     `json:"from"`    // the bundle's sender
	By      string     `json:"by"`      // the importer
	Status  string     `json:"status"`  // exchange.Applied or exchange.Skipped
	Known   replica.VV `json:"known"`   // the importer's version vector after the import
	Created int64      `json:"created"` // importer's wall clock, Unix ms
	Sig     []byte     `json:"sig,omitempty"`
}

func (r Receipt) signedBytes() []byte {
	r.Sig = nil
	b, _ := json.Marshal(r)
	return append([]byte(receiptDomain), b...)
}

// MakeReceipt writes this PC's signed receipt for a bundle it imported (data: the bundle
// file) with the given status.
func MakeReceipt(ctx context.Context, n *exchange.Node, name string, data []byte, status string) ([]byte, error) {
	env, _, err := bundle.Peek(data)
	if err != nil {
		return nil, err
	}
	known, err := n.DB.KnownVV(ctx)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	r := Receipt{Format: ReceiptFormat, Bundle: name, SHA256: hex.EncodeToString(sum[:]), From: env.From, By: n.Self(),
		Status: status, Known: known, Created: n.DB.Now().UnixMilli()}
	if r.Sig, err = n.ID.Sign(r.signedBytes()); err != nil {
		return nil, err
	}
	return json.Marshal(r)
}

// ReadReceipt verifies a receipt file for one of this PC's bundles: its format, that this PC
// sent the bundle, that the importer is the paired device the bundle was addressed to, and
// the importer's signature.
func ReadReceipt(ctx context.Context, n *exchange.Node, name string, data []byte) (Receipt, replica.Peer, error) {
	var r Receipt
	bad := func(why string) (Receipt, replica.Peer, error) {
		return r, replica.Peer{}, assets.Wrap(fmt.Errorf("%w: %s: %s", ErrBadReceipt, name, why), "The receipt %s is damaged or forged; it was ignored.", name)
	}
	nm, ok := ParseName(name)
	if !ok || !nm.Receipt || len(data) > maxReceipt {
		return bad("not a receipt file")
	}
	if err := json.Unmarshal(data, &r); err != nil || r.Format != ReceiptFormat {
		return bad("not a receipt")
	}
	if r.From != n.Self() || nm.From != Short(n.Self()) || r.Bundle != BundleName(name) {
		return bad("not for this PC")
	}
	if Short(r.By) != nm.To {
		return bad("importer differs from the recipient")
	}
	if r.Status != exchange.Applied && r.Status != exchange.Skipped {
		return bad("unknown status")
	}
	p, err := n.DB.Peer(ctx, r.By)
	if err != nil {
		return bad("importer not paired")
	}
	signer, err := device.Verify(p.Cert, r.signedBytes(), r.Sig)
	if err != nil || signer.String() != r.By {
		return bad("signature invalid")
	}
	return r, p, nil
}

// Matches reports whether the receipt is for exactly this bundle file.
func (r Receipt) Matches(data []byte) bool {
	sum := sha256.Sum256(data)
	return r.SHA256 == hex.EncodeToString(sum[:])
}
