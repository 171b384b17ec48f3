package folder

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/sync/exchange"
	"zhibu/sync/usb"
)

// TempPrefix starts the temporary names files are written under before they are renamed:
// Syncthing's own temporary prefix, which it never scans or sends (lib/fs IsTemporary
// recognises ".syncthing." and "~syncthing~" on every system).
const TempPrefix = ".syncthing."

// IsTemp reports whether a file name is a temporary file (ours, Syncthing's, or an
// unfinished Zhibu write).
func IsTemp(name string) bool {
	return strings.HasPrefix(name, TempPrefix) || strings.HasPrefix(name, "~syncthing~") || strings.HasPrefix(name, ".zhibu-tmp-")
}

// WriteFile writes data to path under a temporary name a carrier ignores, syncs it, then
// renames it into place, so no PC (and no Syncthing) ever sees half a file.
func WriteFile(path string, data []byte) error {
	var rnd [6]byte
	rand.Read(rnd[:])
	tmp := filepath.Join(filepath.Dir(path), TempPrefix+filepath.Base(path)+"."+hex.EncodeToString(rnd[:])+".tmp")
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// Own lists this PC's files in dir, oldest first: with receipts false, the bundles it wrote
// (for the peer with short ID peer, or for any if peer is ""); with receipts true, the
// receipts it wrote (for bundles from peer, or from any).
func Own(dir, self, peer string, receipts bool) ([]string, error) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	me := Short(self)
	var out []string
	for _, e := range es {
		nm, ok := ParseName(e.Name())
		if !ok || e.IsDir() || nm.Receipt != receipts {
			continue
		}
		mine, other := nm.From, nm.To // a bundle is written by its sender
		if receipts {
			mine, other = nm.To, nm.From // a receipt by the bundle's recipient
		}
		if mine == me && (peer == "" || other == peer) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

// Prepare makes sure dir holds this PC's newest bundle for each of peers that lacks
// changes. It writes a new bundle unless the newest one already there carries the same
// changes, then removes this PC's older bundles for that peer (the newest carries all they
// did); once a peer holds everything, its bundles are removed. Marks of what each bundle
// carries are kept in state (a folder of this PC's, not the carrier's). It returns the
// bundles written and the names removed.
func Prepare(ctx context.Context, n *exchange.Node, dir, state string, peers []replica.Peer) ([]usb.Written, []string, error) {
	if err := os.MkdirAll(state, 0o700); err != nil {
		return nil, nil, err
	}
	var written []usb.Written
	var removed []string
	for _, p := range peers {
		count, mark, err := n.DB.OutgoingMark(ctx, p)
		if err != nil {
			return written, removed, err
		}
		have, err := Own(dir, n.Self(), Short(p.DeviceID), false)
		if err != nil {
			return written, removed, err
		}
		keep := ""
		if count > 0 && len(have) > 0 {
			newest := have[len(have)-1]
			if old, err := os.ReadFile(filepath.Join(state, newest+".mark")); err == nil && string(old) == mark {
				keep = newest
			}
		}
		if count > 0 && keep == "" {
			data, og, err := n.MakeBundle(ctx, p.DeviceID)
			if err != nil {
				return written, removed, err
			}
			keep = usb.FileName(n.Self(), p.DeviceID, og.Seq)
			if err := os.WriteFile(filepath.Join(state, keep+".mark"), []byte(mark), 0o600); err != nil {
				return written, removed, err
			}
			if err := WriteFile(filepath.Join(dir, keep), data); err != nil {
				return written, removed, assets.Wrap(err, "Cannot write %s. Check that the folder is writable and has space.", filepath.Join(dir, keep))
			}
			written = append(written, usb.Written{Peer: p.DeviceID, Name: p.OrgName, File: filepath.Join(dir, keep), Seq: og.Seq, Changes: len(og.Changes), Bytes: len(data)})
		}
		for _, name := range have {
			if name == keep {
				continue
			}
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !os.IsNotExist(err) {
				return written, removed, err
			}
			os.Remove(filepath.Join(state, name+".mark"))
			removed = append(removed, name)
		}
	}
	return written, removed, nil
}
