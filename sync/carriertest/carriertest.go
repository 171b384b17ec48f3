// Package carriertest runs a stock Syncthing daemon (Debian's syncthing package) for the
// sync tests, in a temporary home, on loopback only: no global or local discovery, relays,
// NAT, usage or crash reporting, or upgrades. A test that needs it is skipped with a clear
// message when the binary is not installed ("make test" installs it).
package carriertest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/syncthing/syncthing/lib/protocol"
)

// Daemon is a running Syncthing.
type Daemon struct {
	ID     string // its device ID
	Addr   string // its BEP listen address (127.0.0.1:port)
	Folder string // the path of the shared folder (ID FolderID)
	gui    string
	key    string
	home   string
	t      testing.TB
}

// FolderID is the folder Zhibu's BEP peer syncs.
const FolderID = "zhibu"

// Binary finds the syncthing binary or skips the test.
func Binary(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("syncthing")
	if err != nil {
		t.Skip("the syncthing binary is not installed (Debian package syncthing; \"make test\" installs it): skipping the stock-Syncthing carrier test")
	}
	return bin
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Start generates a Syncthing home, shares folder FolderID (at folder, or a new temporary
// folder if "") with the given device IDs, starts the daemon and waits until it answers. The
// daemon is stopped when the test ends.
func Start(t testing.TB, folder string, devices ...string) *Daemon {
	t.Helper()
	d := Generate(t)
	d.Run(folder, nil, devices...)
	return d
}

// Generate makes a daemon's home and identity without starting it (to introduce two daemons
// to each other before either runs).
func Generate(t testing.TB) *Daemon {
	t.Helper()
	bin := Binary(t)
	home := t.TempDir()
	if out, err := exec.Command(bin, "generate", "--home", home, "--no-default-folder").CombinedOutput(); err != nil {
		t.Fatalf("syncthing generate: %v\n%s", err, out)
	}
	certPEM, err := os.ReadFile(filepath.Join(home, "cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	id, err := deviceIDFromPEM(certPEM)
	if err != nil {
		t.Fatal(err)
	}
	var k [16]byte
	rand.Read(k[:])
	return &Daemon{ID: id, home: home, key: hex.EncodeToString(k[:]), t: t,
		Addr: fmt.Sprintf("127.0.0.1:%d", freePort(t)), gui: fmt.Sprintf("127.0.0.1:%d", freePort(t))}
}

// Run writes the daemon's configuration — folder FolderID at folder (a new temporary one if
// ""), shared with the other daemons (reached at their loopback addresses) and the devices —
// starts it and waits until it answers.
func (d *Daemon) Run(folder string, daemons []*Daemon, devices ...string) {
	t := d.t
	t.Helper()
	if folder == "" {
		folder = t.TempDir()
	}
	d.Folder = folder
	if err := os.MkdirAll(filepath.Join(folder, ".stfolder"), 0o755); err != nil {
		t.Fatal(err)
	}
	var devs, shares strings.Builder
	fmt.Fprintf(&shares, "    <device id=%q></device>\n", d.ID)
	for _, o := range daemons {
		fmt.Fprintf(&shares, "    <device id=%q></device>\n", o.ID)
		fmt.Fprintf(&devs, "  <device id=%q name=\"node\" compression=\"metadata\"><address>tcp://%s</address></device>\n", o.ID, o.Addr)
	}
	for _, dev := range devices {
		fmt.Fprintf(&shares, "    <device id=%q></device>\n", dev)
		fmt.Fprintf(&devs, "  <device id=%q name=\"zhibu\" compression=\"metadata\"><address>dynamic</address></device>\n", dev)
	}
	cfg := fmt.Sprintf(`<configuration version="36">
  <folder id=%q label="Zhibu" path=%q type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="false" ignorePerms="true">
    <filesystemType>basic</filesystemType>
%s    <minDiskFree unit="%%">0</minDiskFree>
  </folder>
  <device id=%q name="carrier" compression="metadata"><address>dynamic</address></device>
%s  <gui enabled="true" tls="false"><address>%s</address><apikey>%s</apikey></gui>
  <options>
    <listenAddress>tcp://%s</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled>
    <localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled>
    <natEnabled>false</natEnabled>
    <urAccepted>-1</urAccepted>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
    <crashReportingEnabled>false</crashReportingEnabled>
    <startBrowser>false</startBrowser>
    <reconnectionIntervalS>1</reconnectionIntervalS>
    <minHomeDiskFree unit="%%">0</minHomeDiskFree>
  </options>
</configuration>
`, FolderID, folder, shares.String(), d.ID, devs.String(), d.gui, d.key, d.Addr)
	if err := os.WriteFile(filepath.Join(d.home, "config.xml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	var mu sync.Mutex
	cmd := exec.Command(Binary(t), "serve", "--home", d.home, "--no-browser", "--no-restart", "--no-upgrade")
	cmd.Env = append(os.Environ(), "STNOUPGRADE=1", "STNORESTART=1")
	w := lockedWriter{&mu, &logs}
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			mu.Lock()
			t.Logf("syncthing %s log:\n%s", d.ID[:7], logs.String())
			mu.Unlock()
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		if err := d.get("/rest/system/ping", nil); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("syncthing did not start")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// Scan asks the daemon to rescan the folder now (it does not watch it: the tests say when).
func (d *Daemon) Scan() {
	req, _ := http.NewRequest("POST", "http://"+d.gui+"/rest/db/scan?folder="+FolderID, nil)
	req.Header.Set("X-API-Key", d.key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		d.t.Fatal(err)
	}
	resp.Body.Close()
}

func (d *Daemon) get(path string, v any) error {
	req, _ := http.NewRequest("GET", "http://"+d.gui+path, nil)
	req.Header.Set("X-API-Key", d.key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return fmt.Errorf("%s: %s", path, resp.Status)
	}
	if v == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// Files lists the files in the shared folder on disk (not Syncthing's own marker).
func (d *Daemon) Files() []string {
	es, err := os.ReadDir(d.Folder)
	if err != nil {
		d.t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if e.Name() != ".stfolder" {
			out = append(out, e.Name())
		}
	}
	return out
}

func deviceIDFromPEM(b []byte) (string, error) {
	for {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			return "", fmt.Errorf("no certificate in cert.pem")
		}
		if blk.Type == "CERTIFICATE" {
			return protocol.NewDeviceID(blk.Bytes).String(), nil
		}
	}
}
