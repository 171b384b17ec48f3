package exchange

import (
	"context"
	"time"

	"zhibu/store/replica"
)

// PeerStatus is what the sync page and "sync status" show for one paired device.
type PeerStatus struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	OrgCode    string  `json:"org_code"`
	Role       string  `json:"role"`
	Addr       string  `json:"addr,omitempty"`
	LastSync   string  `json:"last_sync"`   // RFC 3339, "" if never
	LastSent   string  `json:"last_sent"`   // RFC 3339, "" if never
	PendingOut int     `json:"pending_out"` // changes the peer has not confirmed receiving
	Conflicts  int     `json:"conflicts"`   // open conflicts on rows the peer may change
	LastError  string  `json:"last_error"`  // Chinese
	ClockSkew  float64 `json:"clock_skew_days"`
}

// Status reports every paired device's sync state.
func Status(ctx context.Context, db *replica.DB) ([]PeerStatus, error) {
	peers, err := db.Peers(ctx)
	if err != nil {
		return nil, err
	}
	pending, err := db.PendingCounts(ctx, peers)
	if err != nil {
		return nil, err
	}
	out := []PeerStatus{}
	for _, p := range peers {
		s := PeerStatus{ID: p.DeviceID, Name: p.OrgName, OrgCode: p.OrgCode, Role: p.Role, Addr: p.Addr,
			LastSync: stamp(p.LastSync), LastSent: stamp(p.LastSent), LastError: p.LastError,
			ClockSkew: float64(p.ClockSkewMs) / float64(24*time.Hour/time.Millisecond)}
		s.PendingOut = pending[p.DeviceID]
		if s.Conflicts, err = db.PeerConflicts(ctx, p); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func stamp(ms int64) string {
	if ms == 0 {
		return ""
	}
	return time.UnixMilli(ms).Local().Format(time.RFC3339)
}
