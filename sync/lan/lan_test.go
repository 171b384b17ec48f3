package lan_test

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/syncthing/syncthing/lib/protocol"

	"zhibu/assets"

	"zhibu/store"
	"zhibu/store/storetest"
	"zhibu/sync/exchange"
	"zhibu/sync/lan"
	"zhibu/sync/pairing"
	"zhibu/sync/synctest"
	"zhibu/sync/usb"
)

// serve runs a LAN server for d on a loopback port until the test ends.
func serve(t *testing.T, d *synctest.Device) string { return serveReport(t, d, nil) }

func serveReport(t *testing.T, d *synctest.Device, done func(lan.Result, error)) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	report := done
	stopped := make(chan struct{})
	go func() { lan.Serve(ctx, d.Node, l, lan.Options{}, report); close(stopped) }()
	t.Cleanup(func() { cancel(); <-stopped })
	return l.Addr().String()
}

// addYear gives a village a year of members, some with photos (so the bundle spans several
// blocks).
func addYear(t *testing.T, v *synctest.Device, n int) {
	for i := range n {
		id := v.AddMember(t, "张建国", "1960-03-01", "1990-07-01", i)
		if i%4 == 0 {
			photo := make([]byte, 40<<10)
			rand.Read(photo)
			m, err := v.DB.Member(v.Ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			m.Photo = photo
			if err := v.DB.UpdateMember(v.Ctx, m); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestSyncWithOverLoopback(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	addYear(t, v, 60)
	if err := town.DB.SetSetting(town.Ctx, town.Org.ID, "theme", "学党史"); err != nil {
		t.Fatal(err)
	}
	addr := serve(t, town)

	res, err := lan.With(ctx, v.Node, addr, town.Node.Self(), lan.Options{})
	if err != nil {
		t.Fatalf("sync with the township: %v", err)
	}
	for _, r := range res.Reports {
		if r.Status != exchange.Applied {
			t.Errorf("village import: %+v", r)
		}
	}
	if len(res.Sent) != 1 {
		t.Errorf("village's bundle not confirmed by the township: %+v", res.Sent)
	}
	a, _ := town.DB.Digest(ctx, v.Org.Code)
	b, _ := v.DB.Digest(ctx, v.Org.Code)
	if a != b {
		t.Errorf("digests differ after LAN sync")
	}
	if got, _ := v.DB.Setting(ctx, town.Org.ID, "theme", ""); got != "学党史" {
		t.Errorf("broadcast not received: %q", got)
	}
}

// The township fetching a big bundle is cut halfway; the next session fetches only the
// blocks it lacks.
func TestResumeDoesNotRefetchBlocks(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	addYear(t, v, 80)
	data, _, _ := v.Node.MakeBundle(ctx, town.Node.Self()) // the same content, to count blocks
	total := (len(data) + 128<<10 - 1) / (128 << 10)
	addr := serveReport(t, v, func(r lan.Result, err error) { t.Logf("village side: complete=%v err=%v", r.Complete, err) }) // the village serves; the township pulls
	res, err := lan.With(ctx, town.Node, addr, v.Node.Self(), lan.Options{StopAfterBlocks: 3})
	if err == nil || res.BlocksFetched != 3 {
		t.Fatalf("cut session: %v, %d blocks", err, res.BlocksFetched)
	}
	if msg := assets.Chinese(err); !strings.Contains(msg, "中断") {
		t.Errorf("a cut session says %q", msg)
	}
	res, err = lan.With(ctx, town.Node, addr, v.Node.Self(), lan.Options{})
	if err != nil {
		t.Fatalf("%v (%v)", err, errors.Unwrap(err))
	}
	t.Logf("bundle ≈ %d blocks; fetched %d after resuming", total, res.BlocksFetched)
	if res.BlocksFetched != total-3 || total < 5 {
		t.Errorf("resumed session fetched %d blocks, want %d", res.BlocksFetched, total-3)
	}
	if len(res.Reports) != 1 || res.Reports[0].Status != exchange.Applied {
		t.Fatalf("reports: %+v", res.Reports)
	}
	a, _ := town.DB.Digest(ctx, v.Org.Code)
	b, _ := v.DB.Digest(ctx, v.Org.Code)
	if a != b {
		t.Errorf("digests differ after resume")
	}
}

// A device the township never paired with is refused, even if it imported the township's
// enrolment file itself.
func TestUnpairedDeviceIsRefused(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	stranger := synctest.New(t, storetest.Params{Role: store.RoleVillage, OrgCode: "410928009", OrgName: "外村党支部"})
	e, err := pairing.Make(ctx, town.DB, town.Node.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pairing.Accept(ctx, stranger.DB, e); err != nil {
		t.Fatal(err)
	}
	refused := make(chan error, 1)
	addr := serveReport(t, town, func(_ lan.Result, err error) { refused <- err })
	before, _ := town.DB.Digest(ctx, "")
	if _, err := lan.With(ctx, stranger.Node, addr, "", lan.Options{}); err == nil {
		t.Fatal("the stranger's session succeeded")
	}
	if err := <-refused; !errors.Is(err, lan.ErrUnpaired) {
		t.Fatalf("township's verdict: %v", err)
	} else {
		t.Log(err)
	}
	if after, _ := town.DB.Digest(ctx, ""); after != before {
		t.Error("township's data changed")
	}
	// And the stranger refuses a township it has not paired with.
	other := synctest.Township(t)
	if _, err := lan.With(ctx, stranger.Node, serve(t, other), "", lan.Options{}); !errors.Is(err, lan.ErrUnpaired) {
		t.Errorf("connecting to an unpaired township: %v", err)
	}
}

// After one two-way session neither side has anything pending: each side's receipt tells
// the other what it now holds.
func TestTwoWaySessionLeavesNothingPending(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	addYear(t, v, 30)
	town.DB.SetSetting(town.Ctx, town.Org.ID, "theme", "学党史")
	served := make(chan lan.Result, 1)
	addr := serveReport(t, town, func(r lan.Result, err error) {
		if err != nil {
			t.Errorf("township side: %v", err)
		}
		served <- r
	})
	res, err := lan.With(ctx, v.Node, addr, town.Node.Self(), lan.Options{})
	if err != nil || !res.Complete {
		t.Fatalf("sync with: %v %+v", err, res)
	}
	if r := <-served; !r.Complete || len(r.Sent) != 1 || len(r.Reports) != 1 {
		t.Errorf("township side: %+v", r)
	}
	if p, q := pendingOut(t, v), pendingOut(t, town); p != 0 || q != 0 {
		t.Errorf("pending after a two-way sync: village %d, township %d", p, q)
	}
	// A second session has nothing to move and still completes.
	res, err = lan.With(ctx, v.Node, addr, town.Node.Self(), lan.Options{})
	if err != nil || !res.Complete || len(res.Reports) != 0 || len(res.Sent) != 0 {
		t.Fatalf("second session: %v %+v", err, res)
	}
	<-served
}

// A peer that never answers: the session ends at its time limit and says so (not "the
// connection was cut"), and the last error is recorded although the context has ended.
func TestTimeoutSaysSo(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{town.Node.ID.Cert},
		NextProtos: []string{"bep/1.0"}, ClientAuth: tls.RequireAnyClientCert, MinVersion: tls.VersionTLS13})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		c, err := l.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		protocol.ExchangeHello(c, protocol.Hello{DeviceName: "mute", ClientName: "zhibu", ClientVersion: "v1.1.0", Timestamp: time.Now().UnixNano()})
		io.Copy(io.Discard, c) // reads everything, says nothing
	}()
	_, err = lan.With(ctx, v.Node, l.Addr().String(), "", lan.Options{Timeout: 2 * time.Second})
	if err == nil {
		t.Fatal("a mute peer's session succeeded")
	}
	msg := assets.Chinese(err)
	if !strings.Contains(msg, "2 秒内没有完成") || strings.Contains(msg, "中断") {
		t.Errorf("timeout message: %s", msg)
	}
	p, _ := v.DB.Replica().Peer(ctx, town.Node.Self())
	if p.LastError != msg {
		t.Errorf("last error recorded: %q, want %q", p.LastError, msg)
	}
}

// A bundle the recipient rejects gets no receipt: the sender keeps it, and both sides end
// saying why.
func TestRejectedBundleIsNotReceipted(t *testing.T) {
	ctx := context.Background()
	town := synctest.Township(t)
	v := synctest.Village(t, "410928001", "张庄村党支部")
	synctest.Pair(t, town, v)
	v.AddMember(t, "张建国", "1960-03-01", "1990-07-01", 1)
	// The village's outbox holds a damaged bundle that still carries what is pending.
	data, og, err := v.Node.MakeBundle(ctx, town.Node.Self())
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)-20] ^= 0xff
	out := filepath.Join(v.DB.Path()+".lan", "out", strings.SplitN(town.Node.Self(), "-", 2)[0])
	os.MkdirAll(out, 0o700)
	name := usb.FileName(v.Node.Self(), town.Node.Self(), og.Seq)
	os.WriteFile(filepath.Join(out, name), data, 0o600)
	p, _ := v.DB.Replica().Peer(ctx, town.Node.Self())
	_, mark, _ := v.DB.Replica().OutgoingMark(ctx, p)
	os.WriteFile(filepath.Join(out, name+".mark"), []byte(mark), 0o600)

	townSide := make(chan lan.Result, 1)
	addr := serveReport(t, town, func(r lan.Result, err error) { townSide <- r })
	res, err := lan.With(ctx, v.Node, addr, town.Node.Self(), lan.Options{Timeout: 20 * time.Second})
	if err == nil || res.Complete || len(res.Sent) != 0 {
		t.Fatalf("village: %v %+v", err, res)
	}
	if msg := assets.Chinese(err); !strings.Contains(msg, "拒收") || strings.Contains(msg, "中断") {
		t.Errorf("the village's message: %s (%v / %v)", msg, err, errors.Unwrap(err))
	}
	r := <-townSide
	if len(r.Reports) != 1 || r.Reports[0].Status != exchange.Rejected {
		t.Fatalf("township: %+v", r.Reports)
	}
	if _, err := os.Stat(filepath.Join(out, name)); err == nil {
		t.Error("the rejected bundle is still offered")
	}
	rcpts, _ := filepath.Glob(filepath.Join(town.DB.Path()+".lan", "out", "*", "*.zreceipt"))
	if len(rcpts) != 0 {
		t.Errorf("receipts written for a rejected bundle: %v", rcpts)
	}
	// The next session sends a fresh bundle, which is applied.
	res, err = lan.With(ctx, v.Node, addr, town.Node.Self(), lan.Options{Timeout: 20 * time.Second})
	if err != nil || !res.Complete || len(res.Sent) != 1 {
		t.Fatalf("after the rejection: %v %+v", err, res)
	}
	<-townSide
	a, _ := town.DB.Digest(ctx, v.Org.Code)
	b, _ := v.DB.Digest(ctx, v.Org.Code)
	if a != b {
		t.Error("digests differ after the fresh bundle")
	}
	t.Log(assets.Chinese(err))
}
