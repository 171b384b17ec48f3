package replica

import "context"

// Policy is what the layer above decides about sync: which organisations' rows travel to and
// from each peer, and whose knowledge of other devices counts. The engine asks it before it
// reads or writes anything for a peer.
type Policy interface {
	// Outbound says what a bundle for p may carry: the rows of orgs (nil: every row) and,
	// when relay is set, other devices' changes besides this device's own.
	Outbound(ctx context.Context, tx *Tx, p Peer) (orgs map[string]bool, relay bool, err error)
	// Inbound returns the organisations whose rows a bundle from p may touch (nil: all).
	Inbound(ctx context.Context, tx *Tx, p Peer) (map[string]bool, error)
	// Relays reports whether p forwards other devices' changes, so that what it says it
	// holds of them counts as held here once its bundle is applied.
	Relays(p Peer) bool
	// CheckInbound refuses, with a message saying why, a bundle from p holding a change p may
	// not make although the row is in its scope (a field or table only another side writes).
	// It runs after the scope check and before anything is written; a refusal rejects the
	// whole bundle.
	CheckInbound(ctx context.Context, tx *Tx, p Peer, cs []Change) error
	// OrgLabel names an organisation in messages.
	OrgLabel(ctx context.Context, tx *Tx, orgID string) string
	// Guard returns the check of rows closed to change for one merge of a bundle from p, or
	// for this device's own writes when p is the zero Peer; nil when no row is closed.
	Guard(ctx context.Context, tx *Tx, p Peer) (Guard, error)
}

// Guard reports whether a row is closed to change: cur is the row as stored (nil if it is
// new), in the fields the changes would set. It returns an error wrapping ErrClosed, with
// the sentence a user reads, for a closed row; any other error fails the write. A local
// write to a closed row is refused; a merged change that would alter one is kept as a
// conflict for a person to review, and the row keeps its value.
type Guard func(ctx context.Context, tbl, id string, cur, in map[string]any) error
