package lan

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/syncthing/syncthing/lib/protocol"

	"zhibu/store/atomicfile"
	"zhibu/sync/bundle"
)

// The files a session works with, beside the database: out/<peer>/ holds the bundles
// offered to a peer until it confirms them; in/<peer>/<name>.part/ holds the verified blocks
// of a bundle being fetched (so a cut connection resumes where it stopped), and
// in/<peer>/<name>.done marks a bundle imported (the receipt announced back).

const blockSize = protocol.MinBlockSize

// maxBundle bounds what a peer may offer.
const maxBundle = 256 << 20

var nameRe = regexp.MustCompile(`^zhibu-[A-Z2-7]{7}-to-[A-Z2-7]{7}-[0-9]{6}` + regexp.QuoteMeta(bundle.Ext) + `$`)

// box is the outbox and inbox of one peer.
type box struct{ out, in string }

func newBox(root, peer string) (*box, error) {
	b := &box{out: filepath.Join(root, "out", short(peer)), in: filepath.Join(root, "in", short(peer))}
	for _, d := range []string{b.out, b.in} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func short(id string) string { return strings.SplitN(id, "-", 2)[0] }

// fileInfo describes a bundle file for the index: its blocks and their SHA-256 hashes.
func fileInfo(name string, data []byte, seq int64, self protocol.ShortID) protocol.FileInfo {
	var blocks []protocol.BlockInfo
	for off := 0; off < len(data) || off == 0; off += blockSize {
		end := min(off+blockSize, len(data))
		sum := sha256.Sum256(data[off:end])
		blocks = append(blocks, protocol.BlockInfo{Offset: int64(off), Size: end - off, Hash: sum[:]})
		if end == len(data) {
			break
		}
	}
	return protocol.FileInfo{Name: name, Size: int64(len(data)), ModifiedS: 1, ModifiedBy: self,
		Version: protocol.Vector{}.Update(self), Sequence: seq, Blocks: blocks, BlocksHash: protocol.BlocksHash(blocks),
		Permissions: 0o644, RawBlockSize: int32(blockSize)}
}

// checkOffer refuses a file description that is not a well-formed bundle offer.
func checkOffer(f protocol.FileInfo) error {
	if !nameRe.MatchString(f.Name) {
		return fmt.Errorf("bad name %q", f.Name)
	}
	if f.Size <= 0 || f.Size > maxBundle {
		return fmt.Errorf("%s: bad size %d", f.Name, f.Size)
	}
	n := int((f.Size + blockSize - 1) / blockSize)
	if len(f.Blocks) != n {
		return fmt.Errorf("%s: %d blocks for %d bytes", f.Name, len(f.Blocks), f.Size)
	}
	for i, b := range f.Blocks {
		want := min(int64(blockSize), f.Size-int64(i)*blockSize)
		if b.Offset != int64(i)*blockSize || int64(b.Size) != want || len(b.Hash) != sha256.Size {
			return fmt.Errorf("%s: block %d malformed", f.Name, i)
		}
	}
	return nil
}

// outbox lists the bundles offered to the peer, by name.
func (b *box) outbox() ([]string, error) { return list(b.out, bundle.Ext) }

func (b *box) done() ([]string, error) {
	names, err := list(b.in, ".done")
	for i, n := range names {
		names[i] = strings.TrimSuffix(n, ".done")
	}
	return names, err
}

func list(dir, ext string) ([]string, error) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range es {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ext) && !strings.HasPrefix(e.Name(), atomicfile.TempPrefix) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

func (b *box) isDone(name string) bool {
	_, err := os.Stat(filepath.Join(b.in, name+".done"))
	return err == nil
}

func (b *box) markDone(name string) error {
	os.RemoveAll(filepath.Join(b.in, name+".part"))
	return atomicfile.WriteFile(filepath.Join(b.in, name+".done"), nil)
}

// confirmed removes an outbox bundle the peer has imported.
func (b *box) confirmed(name string) { os.Remove(filepath.Join(b.out, name)) }

func (b *box) partDir(name string) string { return filepath.Join(b.in, name+".part") }

// haveBlock reports whether block i of a bundle being fetched is already here and intact.
func (b *box) haveBlock(name string, i int, hash []byte) bool {
	data, err := os.ReadFile(filepath.Join(b.partDir(name), fmt.Sprintf("%06d", i)))
	if err != nil {
		return false
	}
	sum := sha256.Sum256(data)
	return string(sum[:]) == string(hash)
}

func (b *box) putBlock(name string, i int, data []byte) error {
	if err := os.MkdirAll(b.partDir(name), 0o700); err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(b.partDir(name), fmt.Sprintf("%06d", i)), data)
}

func (b *box) assemble(f protocol.FileInfo) ([]byte, error) {
	out := make([]byte, 0, f.Size)
	for i := range f.Blocks {
		data, err := os.ReadFile(filepath.Join(b.partDir(f.Name), fmt.Sprintf("%06d", i)))
		if err != nil {
			return nil, err
		}
		out = append(out, data...)
	}
	if int64(len(out)) != f.Size {
		return nil, errors.New("assembled size differs")
	}
	return out, nil
}

// readBlock serves a block of an outbox bundle after checking the request's bounds.
func (b *box) readBlock(name string, offset int64, size int) ([]byte, error) {
	if !nameRe.MatchString(name) || offset < 0 || size <= 0 || size > blockSize || offset%blockSize != 0 {
		return nil, protocol.ErrInvalid
	}
	data, err := os.ReadFile(filepath.Join(b.out, name))
	if err != nil {
		return nil, protocol.ErrNoSuchFile
	}
	if offset+int64(size) > int64(len(data)) {
		return nil, protocol.ErrInvalid
	}
	return data[offset : offset+int64(size)], nil
}

func (b *box) readOut(name string) ([]byte, error) { return os.ReadFile(filepath.Join(b.out, name)) }

func (b *box) writeOut(name string, data []byte) error {
	return atomicfile.WriteFile(filepath.Join(b.out, name), data)
}
