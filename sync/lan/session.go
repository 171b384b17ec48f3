package lan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/syncthing/syncthing/lib/protocol"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/sync/exchange"
	"zhibu/sync/folder"
)

var errCut = errors.New("connection cut on purpose")

type ack struct {
	peer  string
	known replica.VV
}

// session is one connection with a paired device or a carrier; it is the lib/protocol Model.
//
// Both sides announce the files they write: bundles (addressed end to end to their real
// recipient) and receipts for the bundles they imported. A side fetches what is addressed to
// it: bundles for it, and receipts for its own bundles. Having imported a bundle it offers
// its signed receipt and announces the bundle deleted; having read a receipt it records what
// the recipient now holds, and announces the receipt and the bundle deleted. A deletion's
// version dominates the file's (the file's vector with this device's counter bumped), so a
// stock Syncthing carrier honours it. With a paired device the session is complete when
// each side has imported the other's bundles and read the other's receipts; with a carrier,
// when the carrier holds everything this PC announced (offers and deletions alike).
type session struct {
	ctx     context.Context
	node    *exchange.Node
	peer    replica.Peer     // the paired device (empty for a carrier)
	carrier *replica.Carrier // the carrier, if the other side is one
	box     *box
	opt     Options
	conn    protocol.Connection
	self    protocol.ShortID
	me      string // this device's short ID, as file names carry it
	legacy  bool   // a Zhibu 1.0 peer: its receipt is a deletion; it reads no receipt files

	mu        sync.Mutex
	seq       int64
	ours      map[string]protocol.FileInfo // what this side announces of each file
	remote    map[string]protocol.FileInfo // what the other side announces
	fetching  map[string]bool
	handled   map[string]bool // remote files dealt with that need nothing more this session
	acks      []ack
	gotIndex  bool
	sent      []string
	reports   []exchange.Report
	problems  []string
	fetched   int
	err       error
	closedBy  error
	finished  chan struct{}
	indexSent chan struct{} // closed once this side's full index is on its way
	closedCh  chan struct{} // closed when lib/protocol reports the connection closed
	closeOnce sync.Once
	wg        sync.WaitGroup
}

func newSession(ctx context.Context, n *exchange.Node, p replica.Peer, c *replica.Carrier, opt Options) (*session, error) {
	name, peers := short(p.DeviceID), []replica.Peer{p}
	if c != nil {
		var err error
		if peers, err = n.DB.Peers(ctx); err != nil {
			return nil, err
		}
		name = carrierBox
	}
	b, err := newBox(n.DB.Path()+".lan", name)
	if err != nil {
		return nil, err
	}
	self, _ := protocol.DeviceIDFromString(n.Self())
	s := &session{ctx: ctx, node: n, peer: p, carrier: c, box: b, opt: opt, self: self.Short(), me: short(n.Self()),
		ours: map[string]protocol.FileInfo{}, remote: map[string]protocol.FileInfo{}, fetching: map[string]bool{},
		handled: map[string]bool{}, finished: make(chan struct{}), indexSent: make(chan struct{}), closedCh: make(chan struct{})}
	// The newest bundle for each recipient (kept from an earlier session if it still carries
	// what is pending, so a cut transfer resumes), and any receipts not yet read.
	if _, _, err := folder.Prepare(ctx, n, b.out, b.out, peers); err != nil {
		return nil, err
	}
	names, err := b.outbox()
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		data, stamp, err := b.readOut(name)
		if err != nil {
			return nil, err
		}
		s.seq++
		s.ours[name] = fileInfo(name, data, s.seq, s.self, stamp)
	}
	return s, nil
}

func (s *session) label() string {
	if s.carrier != nil {
		return s.carrier.Name
	}
	if l := s.peer.Label(); l != "" {
		return l
	}
	return assets.T("an unknown PC")
}

func (s *session) index() []protocol.FileInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []protocol.FileInfo
	for _, f := range s.ours {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Sequence < out[j].Sequence })
	return out
}

func (s *session) result() Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := Result{Peer: s.peer, Sent: append([]string(nil), s.sent...), Reports: append([]exchange.Report(nil), s.reports...),
		Problems: append([]string(nil), s.problems...), BlocksFetched: s.fetched}
	if s.carrier != nil {
		r.Carrier = *s.carrier
	}
	return r
}

// complete reports whether the session has done all it can; call with mu held.
func (s *session) completeLocked() bool {
	if !s.gotIndex || len(s.fetching) > 0 {
		return false
	}
	for name, o := range s.ours {
		r, ok := s.remote[name]
		if s.carrier != nil {
			if !ok || r.Deleted != o.Deleted {
				return false
			}
			if c := r.Version.Compare(o.Version); c != protocol.Equal && c != protocol.Greater {
				return false
			}
			continue
		}
		if o.Deleted {
			continue // a paired peer does not mirror this side's deletions
		}
		if nm, _ := folder.ParseName(name); s.legacy && nm.Receipt {
			continue
		}
		if !ok || !r.Deleted {
			return false
		}
	}
	return true
}

func (s *session) complete() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.completeLocked()
}

// state describes what is missing, for an incomplete session's message.
func (s *session) state() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	waiting := 0
	for name, o := range s.ours {
		if r, ok := s.remote[name]; !ok || r.Deleted != o.Deleted {
			waiting++
		}
	}
	return fmt.Sprintf("index received %v, fetching %d, waiting for %d of %d announced files", s.gotIndex, len(s.fetching), waiting, len(s.ours))
}

func (s *session) checkFinished() {
	if s.complete() {
		s.closeOnce.Do(func() { close(s.finished) })
	}
}

func (s *session) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.mu.Unlock()
	s.conn.Close(err)
}

// Index and IndexUpdate: the other side's files.
func (s *session) Index(_ protocol.Connection, idx *protocol.Index) error {
	return s.files(idx.Folder, idx.Files, true)
}

func (s *session) IndexUpdate(_ protocol.Connection, idx *protocol.IndexUpdate) error {
	return s.files(idx.Folder, idx.Files, false)
}

func (s *session) files(dir string, fs []protocol.FileInfo, full bool) error {
	if dir != folderID {
		return nil
	}
	var announce []protocol.FileInfo
	s.mu.Lock()
	for _, f := range fs {
		s.remote[f.Name] = f
	}
	for _, f := range fs {
		nm, ok := folder.ParseName(f.Name)
		if !ok {
			continue // not a Zhibu file: never fetched
		}
		switch {
		case (!nm.Receipt && nm.From == s.me) || (nm.Receipt && nm.To == s.me):
			announce = append(announce, s.ownFile(f, nm)...)
		case !nm.Receipt && nm.To == s.me:
			if f.Deleted {
				continue
			}
			if s.box.marked(f.Name, ".done") {
				announce = append(announce, s.deletion(f.Name)...) // imported earlier: it can go
				continue
			}
			s.startFetch(f)
		case nm.Receipt && nm.From == s.me:
			if f.Deleted {
				continue
			}
			if s.box.marked(f.Name, ".read") {
				announce = append(announce, s.deletion(folder.BundleName(f.Name))...)
				announce = append(announce, s.deletion(f.Name)...)
				continue
			}
			s.startFetch(f)
		}
	}
	if full {
		s.gotIndex = true
	}
	s.mu.Unlock()
	s.announce(announce)
	s.checkFinished()
	return nil
}

// ownFile handles the other side's view of a file this PC writes. Call with mu held.
func (s *session) ownFile(f protocol.FileInfo, nm folder.Name) []protocol.FileInfo {
	if f.IsInvalid() && s.carrier == nil && !nm.Receipt {
		// The peer rejected this bundle: it will not be receipted. A fresh one is made next time.
		if _, ok := s.ours[f.Name]; ok && s.box.has(f.Name) {
			s.box.drop(f.Name)
			d := f
			d.Deleted, d.Sequence = true, s.ours[f.Name].Sequence
			s.ours[f.Name] = d
			if s.err == nil {
				s.err = assets.Wrap(errRejected, "%s rejected the bundle from this PC (its sync page says why); nothing from it was imported there. Sync again to send a new one; if it keeps happening, tell the township office.", s.label())
			}
		}
		return nil
	}
	if f.Deleted {
		o, ok := s.ours[f.Name]
		if !ok || o.Deleted || !s.box.has(f.Name) {
			return nil
		}
		// The peer imported it (a bundle) or read it (a receipt), or the carrier was told
		// so by the recipient: this side no longer offers it.
		s.box.drop(f.Name)
		if !nm.Receipt {
			s.sent = append(s.sent, f.Name)
		}
		d := f
		d.Sequence = o.Sequence
		s.ours[f.Name] = d
		return nil
	}
	if s.box.has(f.Name) {
		return nil // the carrier holds this PC's file
	}
	return s.deletion(f.Name) // a file this PC no longer offers (answered, or superseded)
}

// deletion announces that a file is gone, with a version that dominates every version the
// two sides know of it. Call with mu held.
func (s *session) deletion(name string) []protocol.FileInfo {
	o, mine := s.ours[name]
	r, theirs := s.remote[name]
	if !mine && !theirs {
		return nil
	}
	if mine && o.Deleted && (!theirs || o.Version.Compare(r.Version) == protocol.Equal || o.Version.Compare(r.Version) == protocol.Greater) {
		return nil
	}
	v := o.Version.Merge(r.Version).Update(s.self)
	s.seq++
	d := protocol.FileInfo{Name: name, Deleted: true, Version: v, Sequence: s.seq, ModifiedS: time.Now().Unix(),
		ModifiedBy: s.self, Permissions: 0o644, RawBlockSize: int32(blockSize)}
	s.ours[name] = d
	return []protocol.FileInfo{d}
}

// startFetch fetches a file addressed to this PC. Call with mu held.
func (s *session) startFetch(f protocol.FileInfo) {
	if s.fetching[f.Name] || s.handled[f.Name] {
		return
	}
	if err := checkOffer(f); err != nil {
		s.handled[f.Name] = true // malformed: ignored, never fetched
		return
	}
	s.fetching[f.Name] = true
	s.wg.Add(1)
	go s.fetch(f)
}

func (s *session) announce(fs []protocol.FileInfo) {
	if len(fs) == 0 {
		return
	}
	// Updates follow this side's full index, never precede it.
	select {
	case <-s.indexSent:
	case <-s.ctx.Done():
		return
	}
	s.mu.Lock()
	seq := s.seq
	s.mu.Unlock()
	s.conn.IndexUpdate(s.ctx, &protocol.IndexUpdate{Folder: folderID, Files: fs, LastSequence: seq})
}

// fetch requests the blocks of a file not yet here, checks each one's size and hash, keeps
// it, then acts on the whole file.
func (s *session) fetch(f protocol.FileInfo) {
	defer s.wg.Done()
	nm, _ := folder.ParseName(f.Name)
	for i, b := range f.Blocks {
		if s.box.haveBlock(f.Name, i, b.Hash) {
			continue
		}
		data, err := s.conn.Request(s.ctx, &protocol.Request{Folder: folderID, Name: f.Name, Offset: b.Offset, Size: b.Size, Hash: b.Hash, BlockNo: i})
		if err != nil {
			return // connection gone: the blocks fetched so far stay for the next session
		}
		if len(data) != b.Size || !bytes.Equal(blockHash(data), b.Hash) {
			s.fail(errors.New("block hash mismatch"))
			return
		}
		if err := s.box.putBlock(f.Name, i, data); err != nil {
			s.fail(err)
			return
		}
		if nm.Receipt {
			continue
		}
		s.mu.Lock()
		s.fetched++
		cut := s.opt.StopAfterBlocks > 0 && s.fetched >= s.opt.StopAfterBlocks
		s.mu.Unlock()
		if cut {
			s.conn.Close(errCut)
			return
		}
	}
	data, err := s.box.assemble(f)
	if err != nil {
		s.fail(err)
		return
	}
	if nm.Receipt {
		s.gotReceipt(f, data)
	} else {
		s.gotBundle(f, data)
	}
	s.checkFinished()
}

// gotBundle imports a bundle for this PC; an imported bundle is answered with a receipt
// and announced deleted, a rejected one with neither.
func (s *session) gotBundle(f protocol.FileInfo, data []byte) {
	r := s.node.Import(s.ctx, data)
	r.File = f.Name
	if r.Status == exchange.Rejected {
		s.box.mark(f.Name, ".rejected") // clears the blocks: a new copy is fetched whole
		s.mu.Lock()
		s.reports = append(s.reports, r)
		delete(s.fetching, f.Name)
		s.handled[f.Name] = true
		s.mu.Unlock()
		if s.carrier == nil {
			// The sender waits for a receipt that will not come: tell it (the bundle marked
			// invalid in this side's index), make sure it has read that, and end the session.
			s.mu.Lock()
			s.seq++
			inv := protocol.FileInfo{Name: f.Name, RawInvalid: true, Version: f.Version, Sequence: s.seq, ModifiedS: time.Now().Unix(),
				ModifiedBy: s.self, Size: f.Size, Blocks: f.Blocks, Permissions: 0o644, RawBlockSize: int32(blockSize)}
			if s.err == nil {
				s.err = assets.Wrap(fmt.Errorf("%w: %s", errRejected, r.English), "The bundle from %s was rejected: %s", s.label(), r.Message)
			}
			s.mu.Unlock()
			s.announce([]protocol.FileInfo{inv})
			s.flush()
			s.conn.Close(errRejected)
		}
		return
	}
	rc, err := folder.MakeReceipt(s.ctx, s.node, f.Name, data, r.Status)
	if err == nil {
		err = s.box.writeOut(folder.ReceiptName(f.Name), rc)
	}
	if err == nil {
		err = s.box.mark(f.Name, ".done")
	}
	if err != nil {
		s.fail(err)
		return
	}
	name := folder.ReceiptName(f.Name)
	s.mu.Lock()
	s.reports = append(s.reports, r)
	delete(s.fetching, f.Name)
	s.seq++
	s.ours[name] = fileInfo(name, rc, s.seq, s.self, time.Now().Unix())
	announce := append([]protocol.FileInfo{s.ours[name]}, s.deletion(f.Name)...)
	s.mu.Unlock()
	s.announce(announce)
}

var errRejected = errors.New("zhibu: bundle rejected")

// gotReceipt acts on a receipt for one of this PC's bundles: once verified, what the
// recipient holds is recorded (when the session ends, after the imports) and the bundle and
// the receipt are announced deleted.
func (s *session) gotReceipt(f protocol.FileInfo, data []byte) {
	r, p, err := folder.ReadReceipt(s.ctx, s.node, f.Name, data)
	s.mu.Lock()
	delete(s.fetching, f.Name)
	if err != nil {
		s.problems = append(s.problems, assets.Chinese(err))
		s.handled[f.Name] = true
		s.mu.Unlock()
		return
	}
	s.acks = append(s.acks, ack{p.DeviceID, r.Known})
	if s.box.has(r.Bundle) {
		s.box.drop(r.Bundle)
		s.sent = append(s.sent, r.Bundle)
	}
	s.box.mark(f.Name, ".read")
	announce := append(s.deletion(r.Bundle), s.deletion(f.Name)...)
	s.mu.Unlock()
	s.announce(announce)
}

// flush returns once the other side has read everything this side sent before: a request
// is answered only after the messages before it were handled.
func (s *session) flush() {
	// Generous: on a busy PC the other side may still be importing what it received, and a
	// flush cut short closes the connection under it ("cut" on the other side).
	ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
	defer cancel()
	s.conn.Request(ctx, &protocol.Request{Folder: folderID, Name: "zhibu-flush", Size: 1})
}

// recordAcks records, after every import, what the recipients' receipts say they hold.
func (s *session) recordAcks(ctx context.Context) {
	s.mu.Lock()
	acks := s.acks
	s.acks = nil
	s.mu.Unlock()
	for _, a := range acks {
		if err := s.node.DB.RecordAck(ctx, a.peer, a.known); err != nil {
			s.mu.Lock()
			if s.err == nil {
				s.err = err
			}
			s.mu.Unlock()
		}
	}
}

// Request serves a block of one of this side's files, after checking its bounds.
func (s *session) Request(_ protocol.Connection, req *protocol.Request) (protocol.RequestResponse, error) {
	if req.Folder != folderID {
		return nil, protocol.ErrNoSuchFile
	}
	s.mu.Lock()
	f, ok := s.ours[req.Name]
	s.mu.Unlock()
	if !ok || f.Deleted {
		return nil, protocol.ErrNoSuchFile
	}
	data, err := s.box.readBlock(req.Name, req.Offset, req.Size)
	if err != nil {
		return nil, err
	}
	i := int(req.Offset / blockSize)
	if i >= len(f.Blocks) || !bytes.Equal(blockHash(data), f.Blocks[i].Hash) {
		return nil, protocol.ErrInvalid
	}
	return &response{data: data}, nil
}

func (s *session) ClusterConfig(protocol.Connection, *protocol.ClusterConfig) error { return nil }

func (s *session) Closed(_ protocol.Connection, err error) {
	s.mu.Lock()
	s.closedBy = err
	s.mu.Unlock()
	close(s.closedCh)
}

func (s *session) DownloadProgress(protocol.Connection, *protocol.DownloadProgress) error {
	return nil
}
