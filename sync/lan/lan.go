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
	"strings"
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
	// StopAfterBlocks, if > 0, cuts the connection after fetching that many bundle blocks.
	StopAfterBlocks int
	// Timeout bounds a "sync with" session. Default 2 minutes.
	Timeout time.Duration
}

// Result is what one session did.
type Result struct {
	Device        string          // the other side's device ID (also when it was refused)
	Peer          replica.Peer    // the paired device (empty for a carrier)
	Carrier       replica.Carrier // the carrier, if the other side is one
	Sent          []string        // this PC's bundles the recipient confirmed
	Reports       []exchange.Report
	Problems      []string // receipts that failed verification (Chinese)
	BlocksFetched int      // bundle blocks fetched in this session
	Complete      bool     // both sides have what they need (with a carrier: it holds all)
}

// Name names the other side in messages.
func (r Result) Name() string {
	switch {
	case r.Carrier.DeviceID != "":
		return r.Carrier.Name
	case r.Peer.DeviceID != "":
		return r.Peer.Label()
	}
	return r.Device
}

func tlsConfig(n *exchange.Node) *tls.Config {
	c := tlsutil.SecureDefaultTLS13()
	c.Certificates = []tls.Certificate{n.ID.Cert}
	c.NextProtos = []string{"bep/1.0"}
	c.ClientAuth = tls.RequireAnyClientCert
	c.InsecureSkipVerify = true // devices are authenticated by their certificate's hash below
	return c
}

// peerOf authorises a TLS connection by the certificate's device ID: a paired device, or a
// carrier.
func peerOf(ctx context.Context, n *exchange.Node, c *tls.Conn) (string, replica.Peer, *replica.Carrier, error) {
	st := c.ConnectionState()
	if len(st.PeerCertificates) == 0 {
		return "", replica.Peer{}, nil, ErrUnpaired
	}
	id := protocol.NewDeviceID(st.PeerCertificates[0].Raw).String()
	if p, err := n.DB.Peer(ctx, id); err == nil {
		return id, p, nil, nil
	}
	if cr, err := n.DB.Carrier(ctx, id); err == nil {
		return id, replica.Peer{}, &cr, nil
	}
	return id, replica.Peer{}, nil, assets.Wrap(ErrUnpaired, "The PC with device ID %s is not paired with this PC, so it was refused. Pair the two PCs first.", id)
}

// Serve accepts sync connections from paired devices and carriers on l until ctx ends.
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

// With dials addr, syncs with the paired device or carrier there (if want is not empty, it
// must be that device) and returns when both sides have what they need.
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

// clientVersion is what this build says in the BEP hello; Zhibu 1.0 peers said v1.0.0 and
// took a deletion of their bundle as its receipt.
const clientVersion = "v1.1.0"

// run does one session over an established TLS connection.
func run(ctx context.Context, n *exchange.Node, c *tls.Conn, want string, client bool, opt Options) (Result, error) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	if err := c.HandshakeContext(ctx); err != nil {
		return Result{}, assets.Wrap(err, "The secure connection with the other PC failed. Check that both PCs run Zhibu and are paired.")
	}
	id, p, cr, err := peerOf(ctx, n, c)
	res := Result{Device: id, Peer: p}
	if cr != nil {
		res.Carrier = *cr
	}
	if err != nil {
		return res, err
	}
	if want != "" && id != want {
		return res, assets.Wrap(ErrWrongPeer, "At that address is %s, not the PC you asked for. Check the address.", res.Name())
	}
	hello, err := protocol.ExchangeHello(c, protocol.Hello{DeviceName: n.Self(), ClientName: "zhibu", ClientVersion: clientVersion, Timestamp: time.Now().UnixNano()})
	if err != nil {
		return res, assets.Wrap(err, "The other PC closed the connection. Try again; if it keeps happening, check both PCs run the same Zhibu version.")
	}
	c.SetDeadline(time.Time{})
	if client && cr == nil {
		n.DB.SetPeerAddr(ctx, p.DeviceID, c.RemoteAddr().String())
	}
	// One session per peer at a time (a session cut a moment ago may still be finishing
	// with the same files); carriers share one outbox, so one carrier session at a time.
	key := id
	if cr != nil {
		key = carrierBox
	}
	unlock := lockPeer(n.DB.Path() + "\x00" + key)
	defer unlock()
	s, err := newSession(ctx, n, p, cr, opt)
	if err != nil {
		return res, err
	}
	s.legacy = hello.ClientName == "zhibu" && hello.ClientVersion == "v1.0.0"
	pid, _ := protocol.DeviceIDFromString(id)
	info := &connInfo{remote: c.RemoteAddr(), at: time.Now(), client: client}
	conn := protocol.NewConnection(pid, c, c, c, s, info, protocol.CompressionMetadata, protocol.NewKeyGenerator())
	s.conn = conn
	conn.Start()
	self, _ := protocol.DeviceIDFromString(n.Self())
	conn.ClusterConfig(&protocol.ClusterConfig{Folders: []protocol.Folder{{ID: folderID, Label: "Zhibu",
		Devices: []protocol.Device{{ID: self, CertName: "syncthing", IndexID: protocol.NewIndexID(), MaxSequence: int64(len(s.ours))},
			{ID: pid, CertName: "syncthing"}}}}}, nil)
	err = conn.Index(ctx, &protocol.Index{Folder: folderID, Files: s.index(), LastSequence: int64(len(s.ours))})
	close(s.indexSent)
	if err != nil {
		conn.Close(err)
		<-conn.Closed()
		s.wg.Wait()
		return s.result(), err
	}
	select {
	case <-s.finished:
	case <-conn.Closed():
	case <-ctx.Done():
	}
	complete := s.complete()
	if complete {
		s.flush() // the last announcements reach the other side before the connection closes
	}
	conn.Close(errors.New("done"))
	<-conn.Closed()
	select {
	case <-s.closedCh:
	case <-time.After(2 * time.Second):
	}
	s.wg.Wait()
	// The context may have ended (a timeout): record with one that has not.
	live, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	s.recordAcks(live)
	res = s.result()
	res.Device, res.Complete = id, complete && s.err == nil
	note := func(err error) {
		msg := ""
		if err != nil {
			msg = assets.Chinese(err)
		}
		if cr == nil {
			n.DB.SetPeerError(live, p.DeviceID, msg)
		}
	}
	if s.err != nil {
		note(s.err)
		return res, s.err
	}
	if !complete {
		state := errors.New(s.state())
		var err error
		switch {
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			err = assets.Wrap(state, "The sync with %s did not finish within %d seconds. Run it again: it continues where it stopped.", res.Name(), int(opt.Timeout.Seconds()))
		case ctx.Err() != nil:
			err = assets.Wrap(state, "The sync with %s was stopped before it finished. Run it again: it continues where it stopped.", res.Name())
		default:
			s.mu.Lock()
			by := s.closedBy
			s.mu.Unlock()
			if by != nil {
				state = fmt.Errorf("%w: %w", state, by)
			}
			err = assets.Wrap(state, "The connection with %s was cut before the sync finished. Run it again: it continues where it stopped.", res.Name())
		}
		note(err)
		return res, err
	}
	note(nil) // a finished session clears the last problem
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

// ErrBadDeviceID: not a Syncthing device ID.
var ErrBadDeviceID = errors.New("invalid device ID")

// AddCarrier allows the Syncthing device with the ID (as Syncthing shows it, with or
// without dashes) to carry bundles to and from this PC. It is never trusted for content:
// bundles through it are verified as from any other source.
func AddCarrier(ctx context.Context, db *replica.DB, id, name string) (replica.Carrier, error) {
	d, err := protocol.DeviceIDFromString(strings.TrimSpace(id))
	if err != nil {
		return replica.Carrier{}, assets.Wrap(fmt.Errorf("%w: %v", ErrBadDeviceID, err), "\"%s\" is not a valid device ID. Copy it from Syncthing (Actions → Show ID) on the carrier.", id)
	}
	if err := db.AddCarrier(ctx, replica.Carrier{DeviceID: d.String(), Name: name}); err != nil {
		return replica.Carrier{}, err
	}
	return db.Carrier(ctx, d.String())
}
