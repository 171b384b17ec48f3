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
	bin := Binary(t)
	home := t.TempDir()
	if folder == "" {
		folder = t.TempDir()
	}
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
	if err := os.MkdirAll(filepath.Join(folder, ".stfolder"), 0o755); err != nil {
		t.Fatal(err)
	}
	var k [16]byte
	rand.Read(k[:])
	d := &Daemon{ID: id, Folder: folder, home: home, key: hex.EncodeToString(k[:]), t: t,
		Addr: fmt.Sprintf("127.0.0.1:%d", freePort(t)), gui: fmt.Sprintf("127.0.0.1:%d", freePort(t))}
	var devs, shares strings.Builder
	for _, dev := range append([]string{id}, devices...) {
		fmt.Fprintf(&shares, "    <device id=%q></device>\n", dev)
		if dev != id {
			fmt.Fprintf(&devs, "  <device id=%q name=\"zhibu\" compression=\"metadata\"><address>dynamic</address></device>\n", dev)
		}
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
    <minHomeDiskFree unit="%%">0</minHomeDiskFree>
  </options>
</configuration>
`, FolderID, folder, shares.String(), id, devs.String(), d.gui, d.key, d.Addr)
	if err := os.WriteFile(filepath.Join(home, "config.xml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	cmd := exec.Command(bin, "serve", "--home", home, "--no-browser", "--no-restart", "--no-upgrade")
	cmd.Env = append(os.Environ(), "STNOUPGRADE=1", "STNORESTART=1")
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("syncthing log:\n%s", logs.String())
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		if err := d.get("/rest/system/ping", nil); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("syncthing did not start:\n%s", logs.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	return d
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
