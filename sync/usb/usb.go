// Package usb carries bundles on removable drives: it writes one bundle per paired device
// into a folder atomically (temp file, fsync, rename) and reads every bundle it finds.
package usb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"zhibu/assets"
	"zhibu/store/atomicfile"
	"zhibu/sync/bundle"
	"zhibu/sync/exchange"
)

// Folder is the folder on a drive that holds Zhibu bundles.
const Folder = "zhibu-sync"

// Written is one bundle written for a paired device.
type Written struct {
	Peer    string `json:"peer"`
	Name    string `json:"name"`
	File    string `json:"file"`
	Seq     int64  `json:"seq"`
	Changes int    `json:"changes"`
	Bytes   int    `json:"bytes"`
}

// FileName names a bundle after its sender, recipient and number, so bundles for several
// villages can share a stick and a newer bundle never overwrites an older one.
func FileName(from, to string, seq int64) string {
	return fmt.Sprintf("zhibu-%s-to-%s-%06d%s", short(from), short(to), seq, bundle.Ext)
}

func short(id string) string {
	if i := strings.IndexByte(id, '-'); i > 0 {
		return id[:i]
	}
	return id
}

// Export writes a bundle for each named paired device (all of them if to is empty) into dir.
func Export(ctx context.Context, n *exchange.Node, dir string, to []string) ([]Written, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, assets.Wrap(err, "Cannot write to %s. Check that the USB stick is plugged in and not write-protected.", dir)
	}
	if len(to) == 0 {
		peers, err := n.DB.Peers(ctx)
		if err != nil {
			return nil, err
		}
		if len(peers) == 0 {
			return nil, assets.Errorf("This PC is not paired with any other PC yet. Pair first (exchange enrolment files), then write bundles.")
		}
		for _, p := range peers {
			to = append(to, p.DeviceID)
		}
	}
	var out []Written
	for _, id := range to {
		data, og, err := n.BuildBundle(ctx, id)
		if err != nil {
			return out, err
		}
		name := FileName(n.Self(), id, og.Seq)
		path := filepath.Join(dir, name)
		if err := atomicfile.WriteFile(path, data); err != nil {
			return out, assets.Wrap(err, "Cannot write %s. Check that the USB stick is plugged in and has space, then try again.", path)
		}
		if err := n.Sent(ctx, og); err != nil {
			os.Remove(path) // not recorded as sent: the next export writes it again, same number
			return out, err
		}
		p, _ := n.DB.Peer(ctx, id)
		out = append(out, Written{Peer: id, Name: p.OrgName, File: path, Seq: og.Seq, Changes: len(og.Changes), Bytes: len(data)})
	}
	return out, nil
}

// findDepth is how deep Find looks into a folder (a stick's root, its zhibu-sync folder,
// and folders people make on it, such as one per village).
const findDepth = 4

// Find lists the bundle files in the paths (files, or folders searched with their
// subfolders, a few levels deep), oldest number first, skipping unfinished temporary files
// and hidden folders.
func Find(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, assets.Wrap(err, "Cannot find %s. Check the path and that the USB stick is plugged in.", p)
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		root := filepath.Clean(p)
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == root {
					return err
				}
				return fs.SkipDir // an unreadable folder on the stick (e.g. System Volume Information)
			}
			name := d.Name()
			if d.IsDir() {
				rel, _ := filepath.Rel(root, path)
				if path != root && (strings.HasPrefix(name, ".") || strings.Count(rel, string(filepath.Separator)) >= findDepth-1) {
					return fs.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(name, atomicfile.TempPrefix) || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, bundle.Ext) {
				return nil
			}
			files = append(files, path)
			return nil
		})
		if err != nil {
			return nil, assets.Wrap(err, "Cannot read the folder %s.", p)
		}
	}
	sort.SliceStable(files, func(i, j int) bool { return filepath.Base(files[i]) < filepath.Base(files[j]) })
	return files, nil
}

// Import verifies and applies the bundles in paths. Bundles in folders that are meant for
// other devices (a township's stick carries several villages') are passed over; a bundle
// named directly is read whatever it is.
func Import(ctx context.Context, n *exchange.Node, paths []string) ([]exchange.Report, error) {
	named := map[string]bool{}
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			named[p] = true
		}
	}
	files, err := Find(paths)
	if err != nil {
		return nil, err
	}
	var out []exchange.Report
	for _, f := range files {
		env, size, perr := bundle.PeekFile(f)
		if perr == nil && !named[f] && !n.ForEnvelope(env) {
			continue // another device's bundle: not read further
		}
		if errors.Is(perr, bundle.ErrTooLarge) {
			r := exchange.Report{File: f, From: env.From, Status: exchange.Rejected, Err: perr}
			e := assets.Wrap(perr, "%s is %d MB, larger than any bundle can be (at most %d MB). It was not read; write the bundle again on the other PC.", filepath.Base(f), size>>20, bundle.MaxFileBytes>>20)
			r.Message, r.English = e.Chinese(), e.Error()
			out = append(out, r)
			continue
		}
		if errors.Is(perr, bundle.ErrNotRegular) {
			out = append(out, unreadable(f, perr))
			continue
		}
		data, err := bundle.ReadFileSafe(f, bundle.MaxFileBytes)
		if errors.Is(err, bundle.ErrNotRegular) || errors.Is(err, bundle.ErrSlow) || errors.Is(err, bundle.ErrTooLarge) {
			out = append(out, unreadable(f, err))
			continue
		}
		if err != nil {
			r := exchange.Report{File: f, Status: exchange.Rejected, Err: err}
			e := assets.Wrap(err, "Cannot read %s. Check that the USB stick is plugged in.", f)
			r.Message, r.English = e.Chinese(), e.Error()
			out = append(out, r)
			continue
		}
		if !named[f] && !n.ForMe(data) {
			continue
		}
		r := n.Import(ctx, data)
		r.File = f
		out = append(out, r)
	}
	return out, nil
}

// unreadable reports a file that is not read: not a regular file, too slow, or too large.
func unreadable(f string, err error) exchange.Report {
	r := exchange.Report{File: f, Status: exchange.Rejected, Err: err}
	var e *assets.Error
	switch {
	case errors.Is(err, bundle.ErrNotRegular):
		e = assets.Wrap(err, "%s is not an ordinary file (a pipe, a device, or a link out of its folder). It was not read.", filepath.Base(f))
	case errors.Is(err, bundle.ErrSlow):
		e = assets.Wrap(err, "Reading %s took longer than %d seconds; it was stopped. Check the USB stick or the network folder, then import again.", filepath.Base(f), int(bundle.ReadDeadline.Seconds()))
	default:
		e = assets.Wrap(err, "%s is larger than any bundle can be (at most %d MB). It was not read; write the bundle again on the other PC.", filepath.Base(f), bundle.MaxFileBytes>>20)
	}
	r.Message, r.English = e.Chinese(), e.Error()
	return r
}
