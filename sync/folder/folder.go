package folder

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/sync/bundle"
	"zhibu/sync/exchange"
	"zhibu/sync/usb"
)

// Result is what one pass over the folder did.
type Result struct {
	Written   []usb.Written     `json:"written"`   // bundles written for paired devices
	Reports   []exchange.Report `json:"received"`  // bundles addressed to this PC, imported or not
	Receipts  []string          `json:"receipts"`  // receipts written for imported bundles
	Confirmed []string          `json:"confirmed"` // own bundles removed: their recipient's receipt shows them applied
	Removed   []string          `json:"removed"`   // own files no longer needed (older bundles, answered receipts)
	Problems  []string          `json:"problems"`  // receipts that failed verification (Chinese)
}

// Rejected counts the bundles that were rejected.
func (r Result) Rejected() int {
	n := 0
	for _, rep := range r.Reports {
		if rep.Status == exchange.Rejected {
			n++
		}
	}
	return n
}

// Options tune a pass.
type Options struct {
	// State is this PC's own folder for what it remembers about the carrier folder (which
	// bundles it imported, what its bundles carry). Default: beside the database.
	State string
	// seen remembers, across the passes of one Watch, the rejected bundles already reported.
	seen map[string]bool
}

func stateDir(n *exchange.Node, dir string, opt Options) string {
	if opt.State != "" {
		return opt.State
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(n.DB.Path()+".folder", hex.EncodeToString(sum[:6]))
}

// Sync makes one pass over dir: it acts on the receipts for this PC's bundles (recording
// what the recipient holds and removing the bundles they answer), imports every bundle
// addressed to this PC and writes a receipt for each one applied, removes its own receipts
// whose bundle is gone, and writes this PC's outgoing bundles. Files for other PCs are left
// alone; a rejected bundle gets no receipt.
func Sync(ctx context.Context, n *exchange.Node, dir string, opt Options) (Result, error) {
	var res Result
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return res, assets.Wrap(errors.Join(err, errors.New("not a folder")), "Cannot open the sync folder %s. Check that it exists (the folder Syncthing, the network share or the USB stick keeps in step) and try again.", dir)
	}
	state := stateDir(n, dir, opt)
	done := filepath.Join(state, "done")
	if err := os.MkdirAll(done, 0o700); err != nil {
		return res, err
	}
	es, err := os.ReadDir(dir)
	if err != nil {
		return res, assets.Wrap(err, "Cannot open the sync folder %s. Check that it exists (the folder Syncthing, the network share or the USB stick keeps in step) and try again.", dir)
	}
	me := Short(n.Self())
	present := map[string]bool{}
	var receipts, bundles, ownReceipts []string
	for _, e := range es {
		nm, ok := ParseName(e.Name())
		if !ok || e.IsDir() {
			continue
		}
		present[e.Name()] = true
		switch {
		case nm.Receipt && nm.From == me:
			receipts = append(receipts, e.Name())
		case nm.Receipt && nm.To == me:
			ownReceipts = append(ownReceipts, e.Name())
		case !nm.Receipt && nm.To == me && nm.From != me:
			bundles = append(bundles, e.Name())
		}
	}

	// Receipts for this PC's bundles: verified now, recorded after the imports below (a
	// bundle from the same peer records what it held when it was made, which is older).
	type ack struct {
		peer  string
		known replica.VV
	}
	var acks []ack
	for _, name := range receipts {
		data, err := bundle.ReadFileSafe(filepath.Join(dir, name), maxReceipt)
		if err != nil {
			continue // still arriving, removed meanwhile (the next pass sees it), or not a receipt file
		}
		r, p, err := ReadReceipt(ctx, n, name, data)
		if err != nil {
			res.Problems = append(res.Problems, assets.Chinese(err))
			continue
		}
		acks = append(acks, ack{p.DeviceID, r.Known})
		if present[r.Bundle] {
			// Only a receipt for exactly this file removes it (its SHA-256 is signed).
			if data, err := bundle.ReadFileSafe(filepath.Join(dir, r.Bundle), bundle.MaxFileBytes); err != nil || !r.Matches(data) {
				res.Problems = append(res.Problems, assets.T("The receipt %s does not match the bundle %s in the folder; the bundle is kept.", name, r.Bundle))
				os.Remove(filepath.Join(dir, name))
				continue
			}
			if err := os.Remove(filepath.Join(dir, r.Bundle)); err != nil && !os.IsNotExist(err) {
				return res, err
			}
			os.Remove(filepath.Join(state, r.Bundle+".mark"))
			res.Confirmed = append(res.Confirmed, r.Bundle)
			delete(present, r.Bundle)
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !os.IsNotExist(err) {
			return res, err
		}
	}

	// Bundles addressed to this PC.
	for _, name := range bundles {
		if _, err := os.Stat(filepath.Join(done, name)); err == nil {
			continue
		}
		path := filepath.Join(dir, name)
		data, err := bundle.ReadFileSafe(path, bundle.MaxFileBytes)
		if errors.Is(err, bundle.ErrNotRegular) || errors.Is(err, bundle.ErrTooLarge) || errors.Is(err, bundle.ErrSlow) {
			if !opt.seen["unreadable "+name] {
				res.Problems = append(res.Problems, unreadable(name, err))
				if opt.seen != nil {
					opt.seen["unreadable "+name] = true
				}
			}
			continue
		}
		if err != nil {
			continue
		}
		key := fmt.Sprintf("%s %d %x", name, len(data), sha256.Sum256(data))
		if opt.seen[key] {
			continue
		}
		if !n.ForMe(data) {
			continue // its name says this PC, its envelope another: not ours to answer
		}
		r := n.Import(ctx, data)
		r.File = path
		res.Reports = append(res.Reports, r)
		if r.Status == exchange.Rejected {
			if opt.seen != nil {
				opt.seen[key] = true
			}
			continue
		}
		rc, err := MakeReceipt(ctx, n, name, data, r.Status)
		if err != nil {
			return res, err
		}
		if err := WriteFile(filepath.Join(dir, ReceiptName(name)), rc); err != nil {
			return res, assets.Wrap(err, "Cannot write %s. Check that the folder is writable and has space.", filepath.Join(dir, ReceiptName(name)))
		}
		if err := os.WriteFile(filepath.Join(done, name), nil, 0o600); err != nil {
			return res, err
		}
		res.Receipts = append(res.Receipts, ReceiptName(name))
		present[ReceiptName(name)] = true
	}

	// This PC's receipts whose bundle is gone have been read (or are moot).
	for _, name := range ownReceipts {
		if present[BundleName(name)] {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !os.IsNotExist(err) {
			return res, err
		}
		res.Removed = append(res.Removed, name)
	}
	if ms, err := os.ReadDir(done); err == nil {
		for _, m := range ms {
			if !present[m.Name()] {
				os.Remove(filepath.Join(done, m.Name()))
			}
		}
	}

	for _, a := range acks {
		if err := n.DB.RecordAck(ctx, a.peer, a.known); err != nil {
			return res, err
		}
	}
	peers, err := n.DB.Peers(ctx)
	if err != nil {
		return res, err
	}
	w, removed, err := Prepare(ctx, n, dir, state, peers)
	res.Written, res.Removed = w, append(res.Removed, removed...)
	return res, err
}

// Watch makes a pass over dir every interval until ctx ends, calling report after each.
// A rejected bundle is reported once, not at every pass.
func Watch(ctx context.Context, n *exchange.Node, dir string, every time.Duration, opt Options, report func(Result, error)) error {
	if every <= 0 {
		every = 10 * time.Second
	}
	opt.seen = map[string]bool{}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		res, err := Sync(ctx, n, dir, opt)
		if ctx.Err() != nil {
			return nil
		}
		if report != nil {
			report(res, err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// unreadable says why a file in the folder was not read.
func unreadable(name string, err error) string {
	switch {
	case errors.Is(err, bundle.ErrNotRegular):
		return assets.T("%s is not an ordinary file (a pipe, a device, or a link out of its folder). It was not read.", name)
	case errors.Is(err, bundle.ErrSlow):
		return assets.T("Reading %s took longer than %d seconds; it was stopped. Check the USB stick or the network folder, then import again.", name, int(bundle.ReadDeadline.Seconds()))
	}
	return assets.T("%s is larger than any bundle can be (at most %d MB). It was not read; write the bundle again on the other PC.", name, bundle.MaxFileBytes>>20)
}
