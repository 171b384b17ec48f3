// Package lan syncs two paired PCs over the office network: BEP (Syncthing's Block Exchange
// Protocol, lib/protocol) over mutual TLS 1.3. Each side offers an outbox of immutable bundle
// files; the other fetches the blocks it lacks, checks every block's SHA-256, imports the
// bundle and announces it back as its receipt, so the sender stops offering it. Blocks are
// kept as they arrive, so a cut connection resumes without fetching them again. Only paired
// devices connect. lib/protocol stays inside this package.
package lan

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/syncthing/syncthing/lib/protocol"
	"github.com/syncthing/syncthing/lib/tlsutil"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/sync/exchange"
)

// DefaultPort is where "sync serve" listens.
const DefaultPort = 22070

const folderID = "zhibu"

var (
	ErrUnpaired  = errors.New("device not paired")
	ErrWrongPeer = errors.New("unexpected device at address")
)

// Options tune a session (tests cut connections on purpose).
type Options struct {
	// StopAfterBlocks, if > 0, cuts the connection after fetching that many blocks.
	StopAfterBlocks int
	// Timeout bounds a "sync with" session. Default 2 minutes.
	Timeout time.Duration
}

// Result is what one session did.
type Result struct {
	Peer          replica.Peer
	Sent          []string // bundles the peer confirmed
	Reports       []exchange.Report
	BlocksFetched int
}

func tlsConfig(n *exchange.Node) *tls.Config {
	c := tlsutil.SecureDefaultTLS13()
	c.Certificates = []tls.Certificate{n.ID.Cert}
	c.NextProtos = []string{"bep/1.0"}
	c.ClientAuth = tls.RequireAnyClientCert
	c.InsecureSkipVerify = true // devices are authenticated by their certificate's hash below
	return c
}

// peerOf authorises a TLS connection by the certificate's device ID.
func peerOf(ctx context.Context, n *exchange.Node, c *tls.Conn) (replica.Peer, error) {
	st := c.ConnectionState()
	if len(st.PeerCertificates) == 0 {
		return replica.Peer{}, ErrUnpaired
	}
	id := protocol.NewDeviceID(st.PeerCertificates[0].Raw)
	p, err := n.DB.Peer(ctx, id.String())
	if err != nil {
		return replica.Peer{}, assets.Wrap(ErrUnpaired, "The PC with device ID %s is not paired with this PC, so it was refused. Pair the two PCs first.", id.String())
	}
	return p, nil
}

// Serve accepts sync connections from paired devices on l until ctx ends.
func Serve(ctx context.Context, n *exchange.Node, l net.Listener, opt Options, done func(Result, error)) error {
	go func() { <-ctx.Done(); l.Close() }()
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		raw, err := l.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := tls.Server(raw, tlsConfig(n))
			res, err := run(ctx, n, c, "", false, opt)
			if done != nil {
				done(res, err)
			}
		}()
	}
}

// With dials addr, syncs both ways with the paired device there (if want is not empty, it
// must be that device) and returns when both sides have what the other offered.
func With(ctx context.Context, n *exchange.Node, addr, want string, opt Options) (Result, error) {
	if opt.Timeout == 0 {
		opt.Timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	var d net.Dialer
	raw, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return Result{}, assets.Wrap(err, "Cannot reach %s on the network. Check that the other PC is on, runs \"sync serve\" (or has the sync page open), and is on the same network.", addr)
	}
	c := tls.Client(raw, tlsConfig(n))
	return run(ctx, n, c, want, true, opt)
}

// run does one session over an established TLS connection.
func run(ctx context.Context, n *exchange.Node, c *tls.Conn, want string, client bool, opt Options) (Result, error) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	if err := c.HandshakeContext(ctx); err != nil {
		return Result{}, assets.Wrap(err, "The secure connection with the other PC failed. Check that both PCs run Zhibu and are paired.")
	}
	p, err := peerOf(ctx, n, c)
	if err != nil {
		return Result{}, err
	}
	if want != "" && p.DeviceID != want {
		return Result{Peer: p}, assets.Wrap(ErrWrongPeer, "At that address is %s, not the PC you asked for. Check the address.", p.OrgName)
	}
	if _, err := protocol.ExchangeHello(c, protocol.Hello{DeviceName: n.Self(), ClientName: "zhibu", ClientVersion: "v1.0.0", Timestamp: time.Now().UnixNano()}); err != nil {
		return Result{Peer: p}, assets.Wrap(err, "The other PC closed the connection. Try again; if it keeps happening, check both PCs run the same Zhibu version.")
	}
	c.SetDeadline(time.Time{})
	if client {
		n.DB.SetPeerAddr(ctx, p.DeviceID, c.RemoteAddr().String())
	}
	// One session per peer at a time: a session cut a moment ago may still be finishing
	// with the same files.
	unlock := lockPeer(n.DB.Path() + "\x00" + p.DeviceID)
	defer unlock()
	s, err := newSession(ctx, n, p, opt)
	if err != nil {
		return Result{Peer: p}, err
	}
	pid, _ := protocol.DeviceIDFromString(p.DeviceID)
	info := &connInfo{remote: c.RemoteAddr(), at: time.Now(), client: client}
	conn := protocol.NewConnection(pid, c, c, c, s, info, protocol.CompressionMetadata, protocol.NewKeyGenerator())
	s.conn = conn
	conn.Start()
	self, _ := protocol.DeviceIDFromString(n.Self())
	conn.ClusterConfig(&protocol.ClusterConfig{Folders: []protocol.Folder{{ID: folderID, Label: "Zhibu",
		Devices: []protocol.Device{{ID: self, CertName: "syncthing"}, {ID: pid, CertName: "syncthing"}}}}}, nil)
	if err := conn.Index(ctx, &protocol.Index{Folder: folderID, Files: s.index(), LastSequence: s.seq}); err != nil {
		conn.Close(err)
		return s.result(), err
	}
	select {
	case <-s.finished:
	case <-conn.Closed():
	case <-ctx.Done():
	}
	conn.Close(errors.New("done"))
	<-conn.Closed()
	s.wg.Wait()
	res := s.result()
	if s.err != nil {
		n.DB.SetPeerError(ctx, p.DeviceID, assets.Chinese(s.err))
		return res, s.err
	}
	if !s.complete() && client {
		s.mu.Lock()
		state := fmt.Errorf("session incomplete: index %v, fetching %d, unconfirmed %d", s.gotIndex, len(s.fetching), len(s.offered))
		s.mu.Unlock()
		err := assets.Wrap(state, "The connection with %s was cut before the sync finished. Run it again: it continues where it stopped.", p.OrgName)
		n.DB.SetPeerError(ctx, p.DeviceID, assets.Chinese(err))
		return res, err
	}
	return res, nil
}

var (
	peerLocksMu sync.Mutex
	peerLocks   = map[string]*sync.Mutex{}
)

func lockPeer(key string) func() {
	peerLocksMu.Lock()
	m := peerLocks[key]
	if m == nil {
		m = &sync.Mutex{}
		peerLocks[key] = m
	}
	peerLocksMu.Unlock()
	m.Lock()
	return m.Unlock
}

type connInfo struct {
	remote net.Addr
	at     time.Time
	client bool
}

func (c *connInfo) Type() string {
	if c.client {
		return "tcp-client"
	}
	return "tcp-server"
}
func (c *connInfo) Transport() string        { return "tcp" }
func (c *connInfo) IsLocal() bool            { return true }
func (c *connInfo) RemoteAddr() net.Addr     { return c.remote }
func (c *connInfo) Priority() int            { return 0 }
func (c *connInfo) String() string           { return c.remote.String() }
func (c *connInfo) Crypto() string           { return "TLS1.3" }
func (c *connInfo) EstablishedAt() time.Time { return c.at }
func (c *connInfo) ConnectionID() string     { return fmt.Sprintf("%s-%d", c.remote, c.at.UnixNano()) }

type response struct{ data []byte }

func (r *response) Data() []byte { return r.data }
func (r *response) Close()       {}
func (r *response) Wait()        {}

func blockHash(data []byte) []byte {
	s := sha256.Sum256(data)
	return s[:]
}
