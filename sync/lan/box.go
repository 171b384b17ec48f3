package lan

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/syncthing/syncthing/lib/protocol"

	"zhibu/store/atomicfile"
	"zhibu/sync/folder"
)

// The files a session works with, beside the database: out/<peer>/ holds what this PC
// offers a paired peer (its bundle for it, and its receipts for the peer's bundles) until
// the peer has them; out/carrier/ holds what it offers carriers (its bundles for every paired
// device, and its receipts), shared by all carriers. in/<peer>/<name>.part/ holds the
// verified blocks of a file being fetched (so a cut connection resumes where it stopped),
// in/<peer>/<name>.done marks a bundle imported, and <receipt>.read a receipt acted on.

const blockSize = protocol.MinBlockSize

// maxBundle bounds what a peer may offer; maxReceipt a receipt.
const (
	maxBundle  = 256 << 20
	maxReceipt = 1 << 20
)

// carrierBox names the outbox shared by all carriers.
const carrierBox = "carrier"

// box is the outbox and inbox of one peer (or of the carriers).
type box struct{ out, in string }

func newBox(root, name string) (*box, error) {
	b := &box{out: filepath.Join(root, "out", name), in: filepath.Join(root, "in", name)}
	for _, d := range []string{b.out, b.in} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func short(id string) string { return folder.Short(id) }

// fileInfo describes a file for the index: its blocks and their SHA-256 hashes, and a
// version that stays the same for the same file in every session (from its modification
// time), so a carrier never takes an old offer for a new edit.
func fileInfo(name string, data []byte, seq int64, self protocol.ShortID, stamp int64) protocol.FileInfo {
	var blocks []protocol.BlockInfo
	for off := 0; off < len(data) || off == 0; off += blockSize {
		end := min(off+blockSize, len(data))
		sum := sha256.Sum256(data[off:end])
		blocks = append(blocks, protocol.BlockInfo{Offset: int64(off), Size: end - off, Hash: sum[:]})
		if end == len(data) {
			break
		}
	}
	v := protocol.Vector{Counters: []protocol.Counter{{ID: self, Value: uint64(max(stamp, 1))}}}
	return protocol.FileInfo{Name: name, Size: int64(len(data)), ModifiedS: max(stamp, 1), ModifiedBy: self,
		Version: v, Sequence: seq, Blocks: blocks, BlocksHash: protocol.BlocksHash(blocks),
		Permissions: 0o644, RawBlockSize: int32(blockSize)}
}

// checkOffer refuses a file description that is not a well-formed bundle or receipt.
func checkOffer(f protocol.FileInfo) error {
	nm, ok := folder.ParseName(f.Name)
	if !ok {
		return fmt.Errorf("bad name %q", f.Name)
	}
	limit := int64(maxBundle)
	if nm.Receipt {
		limit = maxReceipt
	}
	if f.Size <= 0 || f.Size > limit {
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

// outbox lists the files offered, by name.
func (b *box) outbox() ([]string, error) {
	es, err := os.ReadDir(b.out)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range es {
		if _, ok := folder.ParseName(e.Name()); ok && !e.IsDir() {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

func (b *box) has(name string) bool {
	_, err := os.Stat(filepath.Join(b.out, name))
	return err == nil
}

func (b *box) marked(name, mark string) bool {
	_, err := os.Stat(filepath.Join(b.in, name+mark))
	return err == nil
}

func (b *box) mark(name, mark string) error {
	os.RemoveAll(b.partDir(name))
	return atomicfile.WriteFile(filepath.Join(b.in, name+mark), nil)
}

// drop removes an outbox file the peer no longer needs.
func (b *box) drop(name string) {
	os.Remove(filepath.Join(b.out, name))
	os.Remove(filepath.Join(b.out, name+".mark"))
}

func (b *box) partDir(name string) string { return filepath.Join(b.in, name+".part") }

// haveBlock reports whether block i of a file being fetched is already here and intact.
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

// readBlock serves a block of an outbox file after checking the request's bounds.
func (b *box) readBlock(name string, offset int64, size int) ([]byte, error) {
	if _, ok := folder.ParseName(name); !ok || offset < 0 || size <= 0 || size > blockSize || offset%blockSize != 0 {
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

// readOut reads an outbox file and its modification time (Unix seconds).
func (b *box) readOut(name string) ([]byte, int64, error) {
	p := filepath.Join(b.out, name)
	st, err := os.Stat(p)
	if err != nil {
		return nil, 0, err
	}
	data, err := os.ReadFile(p)
	return data, st.ModTime().Unix(), err
}

func (b *box) writeOut(name string, data []byte) error {
	return folder.WriteFile(filepath.Join(b.out, name), data)
}
