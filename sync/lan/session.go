package lan

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/syncthing/syncthing/lib/protocol"

	"zhibu/store/replica"
	"zhibu/sync/exchange"
	"zhibu/sync/usb"
)

var errCut = errors.New("connection cut on purpose")

// session is one connection with a paired device; it is the lib/protocol Model.
type session struct {
	ctx  context.Context
	node *exchange.Node
	peer replica.Peer
	box  *box
	opt  Options
	conn protocol.Connection
	self protocol.ShortID

	mu        sync.Mutex
	seq       int64
	offered   map[string]protocol.FileInfo // our bundles for the peer, not yet confirmed
	fetching  map[string]bool
	gotIndex  bool
	sent      []string
	reports   []exchange.Report
	fetched   int
	err       error
	finished  chan struct{}
	closeOnce sync.Once
	wg        sync.WaitGroup
}

func newSession(ctx context.Context, n *exchange.Node, p replica.Peer, opt Options) (*session, error) {
	b, err := newBox(n.DB.Path()+".lan", p.DeviceID)
	if err != nil {
		return nil, err
	}
	self, _ := protocol.DeviceIDFromString(n.Self())
	s := &session{ctx: ctx, node: n, peer: p, box: b, opt: opt, self: self.Short(), offered: map[string]protocol.FileInfo{},
		fetching: map[string]bool{}, finished: make(chan struct{})}
	names, err := b.outbox()
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		// Nothing waiting from an earlier, cut session: make a fresh bundle (it also tells the
		// peer what this PC has received, so it can stop re-sending).
		data, og, err := n.MakeBundle(ctx, p.DeviceID)
		if err != nil {
			return nil, err
		}
		name := usb.FileName(n.Self(), p.DeviceID, og.Seq)
		if err := b.writeOut(name, data); err != nil {
			return nil, err
		}
		names = []string{name}
	}
	for _, name := range names {
		data, err := b.readOut(name)
		if err != nil {
			return nil, err
		}
		s.seq++
		s.offered[name] = fileInfo(name, data, s.seq, s.self)
	}
	return s, nil
}

func (s *session) index() []protocol.FileInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []protocol.FileInfo
	for _, f := range s.offered {
		out = append(out, f)
	}
	return out
}

func (s *session) result() Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Result{Peer: s.peer, Sent: append([]string(nil), s.sent...), Reports: append([]exchange.Report(nil), s.reports...), BlocksFetched: s.fetched}
}

// complete: the peer's offers are all imported and ours all confirmed.
func (s *session) complete() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gotIndex && len(s.fetching) == 0 && len(s.offered) == 0
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

// Index and IndexUpdate: the peer's offers (bundles for this PC) and its receipts (our
// bundles it has imported, announced as deleted entries).
func (s *session) Index(_ protocol.Connection, idx *protocol.Index) error {
	return s.files(idx.Folder, idx.Files)
}

func (s *session) IndexUpdate(_ protocol.Connection, idx *protocol.IndexUpdate) error {
	return s.files(idx.Folder, idx.Files)
}

func (s *session) files(folder string, fs []protocol.FileInfo) error {
	if folder != folderID {
		return nil
	}
	mine := "-to-" + short(s.node.Self()) + "-"
	var receipts []protocol.FileInfo
	s.mu.Lock()
	for _, f := range fs {
		if f.Deleted {
			if _, ok := s.offered[f.Name]; ok {
				delete(s.offered, f.Name)
				s.box.confirmed(f.Name)
				s.sent = append(s.sent, f.Name)
			}
			continue
		}
		if !strings.Contains(f.Name, mine) || s.fetching[f.Name] {
			continue
		}
		if err := checkOffer(f); err != nil {
			continue // not a bundle for us: ignore, never fetch
		}
		if s.box.isDone(f.Name) {
			receipts = append(receipts, s.receipt(f.Name))
			continue
		}
		s.fetching[f.Name] = true
		s.wg.Add(1)
		go s.fetch(f)
	}
	s.gotIndex = true
	s.mu.Unlock()
	if len(receipts) > 0 {
		s.announce(receipts)
	}
	s.checkFinished()
	return nil
}

// receipt is the index entry that tells the peer a bundle was imported. Call with mu held.
func (s *session) receipt(name string) protocol.FileInfo {
	s.seq++
	return protocol.FileInfo{Name: name, Deleted: true, ModifiedS: 1, ModifiedBy: s.self, Version: protocol.Vector{}.Update(s.self), Sequence: s.seq}
}

func (s *session) announce(fs []protocol.FileInfo) {
	s.mu.Lock()
	seq := s.seq
	s.mu.Unlock()
	s.conn.IndexUpdate(s.ctx, &protocol.IndexUpdate{Folder: folderID, Files: fs, LastSequence: seq})
}

// fetch requests the blocks of a bundle not yet here, checks each one's size and hash, keeps
// it, then imports the whole bundle and announces the receipt.
func (s *session) fetch(f protocol.FileInfo) {
	defer s.wg.Done()
	for i, b := range f.Blocks {
		if s.box.haveBlock(f.Name, i, b.Hash) {
			continue
		}
		data, err := s.conn.Request(s.ctx, &protocol.Request{Folder: folderID, Name: f.Name, Offset: b.Offset, Size: b.Size, Hash: b.Hash})
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
	r := s.node.Import(s.ctx, data)
	r.File = f.Name
	if err := s.box.markDone(f.Name); err != nil {
		s.fail(err)
		return
	}
	s.mu.Lock()
	s.reports = append(s.reports, r)
	delete(s.fetching, f.Name)
	rc := s.receipt(f.Name)
	s.mu.Unlock()
	s.announce([]protocol.FileInfo{rc})
	s.checkFinished()
}

// Request serves a block of one of our outbox bundles, after checking its bounds.
func (s *session) Request(_ protocol.Connection, req *protocol.Request) (protocol.RequestResponse, error) {
	if req.Folder != folderID {
		return nil, protocol.ErrNoSuchFile
	}
	s.mu.Lock()
	f, ok := s.offered[req.Name]
	s.mu.Unlock()
	if !ok {
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

func (s *session) Closed(protocol.Connection, error) {}

func (s *session) DownloadProgress(protocol.Connection, *protocol.DownloadProgress) error {
	return nil
}
