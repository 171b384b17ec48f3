package lan

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/syncthing/syncthing/lib/beacon"

	"zhibu/assets"
)

// BeaconPort is the UDP port of LAN discovery broadcasts.
const BeaconPort = 21029

const beaconMagic = "ZHIBU1"

// Announce broadcasts on the LAN, every few seconds until ctx ends, that this device
// accepts sync connections on port.
func Announce(ctx context.Context, self string, port int) {
	b := beacon.NewBroadcast(BeaconPort)
	go b.Serve(ctx)
	msg := []byte(fmt.Sprintf("%s %s %d", beaconMagic, self, port))
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		b.Send(msg)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Find listens for the announcement of a device on the LAN and returns its address.
func Find(ctx context.Context, device string, timeout time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	b := beacon.NewBroadcast(BeaconPort)
	go b.Serve(ctx)
	found := make(chan string, 1)
	go func() {
		for ctx.Err() == nil {
			data, src := b.Recv()
			if addr, ok := parseAnnouncement(data, src, device); ok {
				found <- addr
				return
			}
		}
	}()
	select {
	case a := <-found:
		return a, nil
	case <-ctx.Done():
		return "", assets.Errorf("The PC %s was not found on the network. Check that it is on and runs \"sync serve\", or give its address (e.g. 192.168.1.20:22070).", device)
	}
}

func parseAnnouncement(data []byte, src net.Addr, device string) (string, bool) {
	f := strings.Fields(string(data))
	if len(f) != 3 || f[0] != beaconMagic || f[1] != device {
		return "", false
	}
	port, err := strconv.Atoi(f[2])
	if err != nil || port <= 0 || port > 65535 {
		return "", false
	}
	host, _, err := net.SplitHostPort(src.String())
	if err != nil {
		return "", false
	}
	return net.JoinHostPort(host, f[2]), true
}
