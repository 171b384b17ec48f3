package pairing

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"zhibu/assets"
	"zhibu/store"
	"zhibu/store/replica"
	"zhibu/sync/bundle"
	"zhibu/sync/device"
)

// handoverDomain separates handover signatures from any other use of the device key (the
// same statement a restored PC's bundles carry, see bundle.Takeover).
const handoverDomain = bundle.HandoverDomain

// Handover is a device identity's statement, signed with its key, that another identity
// (the enrolment's) takes its place.
type Handover struct {
	DeviceID string `json:"device_id"`
	Cert     []byte `json:"cert"`
	Sig      []byte `json:"sig"`
}

// makeHandover signs, with the identity id replaced (if any), that id takes its place.
func makeHandover(id *device.Identity) (*Handover, error) {
	prev := id.Previous()
	if prev == nil {
		return nil, nil
	}
	sig, err := prev.Sign([]byte(handoverDomain + id.ID.String()))
	if err != nil {
		return nil, err
	}
	return &Handover{DeviceID: prev.ID.String(), Cert: prev.CertDER(), Sig: sig}, nil
}

// handover returns the paired device the enrolment's device takes the place of: one whose
// key signed the handover and that is the same organisation in the same role (zero Peer if
// there is none).
func handover(ctx context.Context, db *store.DB, e Enrolment) (replica.Peer, error) {
	h := e.Replaces
	if h == nil {
		return replica.Peer{}, nil
	}
	signer, err := device.Verify(h.Cert, []byte(handoverDomain+e.DeviceID), h.Sig)
	if err != nil || signer.String() != h.DeviceID {
		return replica.Peer{}, assets.Wrap(ErrForgedKey, "The enrolment file has been altered: its keys do not match its device ID. Do not use it; write it again on the other PC.")
	}
	old, err := db.Replica().Peer(ctx, h.DeviceID)
	if errors.Is(err, replica.ErrNotFound) {
		return replica.Peer{}, nil // not paired with the old identity: an ordinary enrolment
	}
	if err != nil {
		return replica.Peer{}, err
	}
	if old.Role != e.Role || old.OrgID != e.OrgID || old.OrgCode != e.OrgCode {
		return replica.Peer{}, nil // a handover does not change what a device is
	}
	return old, nil
}

// replaceDevice unpairs the device a restored or replaced PC's new identity takes over.
// What the old identity acknowledged goes with it: the new one starts from nothing, so the
// next bundle for it carries everything in its scope again.
func replaceDevice(ctx context.Context, db *store.DB, old, _ string) error {
	return db.Replica().RemovePeer(ctx, old)
}

// checkReEnrolment refuses the new enrolment of a paired device that changes its role, its
// organisation or that organisation's code: they are fixed at pairing.
func checkReEnrolment(ctx context.Context, db *store.DB, e Enrolment, opt Options) error {
	old, err := db.Replica().Peer(ctx, e.DeviceID)
	if errors.Is(err, replica.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if old.Role == e.Role && old.OrgID == e.OrgID && old.OrgCode == e.OrgCode {
		return nil
	}
	return assets.Wrap(ErrChanged, "This PC is already paired with %s (device %s) as %s, code %s. The new enrolment file says it is %s (%s, code %s): what a paired PC is cannot change this way. If this is really intended, an administrator can pair it anyway with \"zhibu pair import FILE --override --reason REASON\"; the reason is recorded and shown.",
		old.OrgName, shortID(e.DeviceID), store.DeviceRoleLabel(old.Role), old.OrgCode, e.OrgName, store.DeviceRoleLabel(e.Role), e.OrgCode)
}

// kindsOf are the organisation kinds a device of the role may belong to.
var kindsOf = map[string]map[string]bool{
	store.RoleVillage:  {store.KindVillage: true, store.KindGeneralBranch: true},
	store.RoleTownship: {store.KindTownship: true},
	store.RoleCounty:   {store.KindCounty: true},
}

// checkKnown refuses an enrolment whose organisation disagrees with what this PC already
// knows: an organisation ID it knows under another code or kind, a code it knows under
// another ID, this PC's own organisation in another role or code, or a village code that
// nests like a township's (another known organisation's code starts with it, or it starts
// with a known village's).
func checkKnown(ctx context.Context, db *store.DB, role string, home store.Org, parent string, e Enrolment, replaces string) error {
	override := assets.T("If this is really intended, an administrator can pair them anyway with \"zhibu pair import FILE --override\".")
	if e.OrgID == home.ID && (e.Role != role || e.OrgCode != home.Code) {
		return assets.Wrap(ErrMismatch, "The enrolment file claims this PC's own organisation (%s) but as %s with code %s. Do not use it. %s", home.Name, store.DeviceRoleLabel(e.Role), e.OrgCode, override)
	}
	if role == store.RoleVillage && e.Role != store.RoleVillage && home.ParentID != "" && e.OrgID != home.ParentID {
		return assets.Wrap(ErrMismatch, "The enrolment file is from %s (code %s), but this village belongs to another township organisation. Use the file of your own township. %s", e.OrgName, e.OrgCode, override)
	}
	if o, err := db.Org(ctx, e.OrgID); err == nil && (o.Code != e.OrgCode || !kindsOf[e.Role][o.Kind]) {
		return assets.Wrap(ErrMismatch, "The enrolment file claims the organisation %s, which this PC knows with code %s, but gives code %s and role %s. Do not use it. %s", o.Name, o.Code, e.OrgCode, store.DeviceRoleLabel(e.Role), override)
	} else if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if o, err := db.OrgByCode(ctx, e.OrgCode); err == nil && o.ID != e.OrgID {
		return assets.Wrap(ErrDuplicate, "This PC already knows the organisation with code %s (%s), set up on another PC. Pairing this PC's copy would make two organisations with one code. %s", e.OrgCode, o.Name, override)
	}
	if e.Role != store.RoleVillage || role != store.RoleTownship {
		return nil
	}
	orgs, err := db.Orgs(ctx, "")
	if err != nil {
		return err
	}
	peers, err := db.Replica().Peers(ctx)
	if err != nil {
		return err
	}
	codes := []string{}
	for _, o := range orgs {
		if o.ID != e.OrgID && o.Code != "" && (kindsOf[store.RoleVillage][o.Kind] || o.Kind == store.KindTownship) {
			codes = append(codes, o.Code)
		}
	}
	for _, p := range peers {
		if p.DeviceID != e.DeviceID && p.DeviceID != replaces && p.OrgID != e.OrgID && p.OrgCode != "" && p.Role == store.RoleVillage {
			codes = append(codes, p.OrgCode)
		}
	}
	for _, c := range codes {
		if c == home.Code {
			continue
		}
		if strings.HasPrefix(c, e.OrgCode) || strings.HasPrefix(e.OrgCode, c) {
			return assets.Wrap(ErrMismatch, "The village %s (code %s) nests with the code %s of another organisation this township knows: a village's code is not a prefix of another's. Check the village's code. %s", e.OrgName, e.OrgCode, c, override)
		}
	}
	return nil
}

// Override is an administrator's decision to pair outside the rules, as recorded.
type Override struct {
	User    string `json:"user"`
	At      string `json:"at"`
	OrgCode string `json:"org_code"`
	OrgName string `json:"org_name"`
	Role    string `json:"role,omitempty"`
	Why     string `json:"why"`              // the refusal overridden (English)
	WhyZh   string `json:"why_zh,omitempty"` // the same in Chinese
	Reason  string `json:"reason,omitempty"` // the administrator's reason
}

// Overrides returns the recorded overrides by device ID.
func Overrides(ctx context.Context, db *store.DB) (map[string]Override, error) {
	rows, err := db.SQL().QueryContext(ctx, "SELECT key, value FROM meta WHERE key LIKE 'pair_override/%'")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]Override{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		var o Override
		_ = json.Unmarshal([]byte(v), &o)
		out[strings.TrimPrefix(k, "pair_override/")] = o
	}
	return out, rows.Err()
}
