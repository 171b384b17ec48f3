package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"zhibu/assets"
	"zhibu/store/replica"
)

// 组织关系转接: moving a member between branches without duplicating or losing them.
//
//   - out (owned by the sending branch): the member's state becomes transferred_out with the
//     date; the record names the receiving branch (to_org_id) or the place in words, and
//     carries the member file so the receiving side can make theirs.
//   - forward (owned by the township, addressed to the receiving village): within a
//     township a transfer goes village A → township → village B; the township's forward row
//     is what reaches village B by sync.
//   - in (owned by the receiving branch): the new member file and the link to both member
//     IDs. One out record is received at most once.

// Transfer is one record of a transfer.
type Transfer struct {
	ID          string `json:"id"`
	OrgID       string `json:"org_id"`
	Kind        string `json:"kind"` // out, forward, in
	RefID       string `json:"ref_id"`
	MemberID    string `json:"member_id"`
	NewMemberID string `json:"new_member_id"`
	FromOrgID   string `json:"from_org_id"`
	ToOrgID     string `json:"to_org_id"`
	Place       string `json:"place"`
	Date        string `json:"date"`
	Name        string `json:"name"`
	IDNumber    string `json:"id_number"`
	Note        string `json:"note"`
	Received    bool   `json:"received"` // out/forward: an in record exists
	snapshot    string
}

// TransferOut records a member leaving the branch: to another branch of the township
// (toOrgID) or elsewhere (place in words). It returns the transfer's ID.
func (db *DB) TransferOut(ctx context.Context, memberID, date, toOrgID, place, note string) (string, error) {
	m, err := db.Member(ctx, memberID)
	if err != nil {
		return "", err
	}
	if m.State != "active" {
		return "", assets.Wrap(ErrInvalid, "%s is not on the roll (%s); only a member on the roll can be transferred out.", m.Name, State.Label(m.State))
	}
	d, ok := parseDay(date)
	if !ok {
		return "", assets.Wrap(ErrInvalid, "The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-10-01.", date)
	}
	if d.After(db.today()) {
		return "", assets.Wrap(ErrInvalid, "The date %s is in the future; record the transfer on the day the letter is issued.", date)
	}
	place = strings.TrimSpace(place)
	if toOrgID != "" {
		o, err := db.Org(ctx, toOrgID)
		if err != nil {
			return "", assets.Wrap(ErrNotFound, "There is no organisation with code %s. Check the code.", toOrgID)
		}
		if o.ID == m.OrgID {
			return "", assets.Wrap(ErrInvalid, "%s is already in %s.", m.Name, o.Name)
		}
		if place == "" {
			place = o.Name
		}
	} else if place == "" {
		return "", assets.Wrap(ErrInvalid, "Say where %s is transferred to: a branch code of this township or the receiving organisation's name.", m.Name)
	}
	snap, _ := json.Marshal(m)
	id := NewID()
	err = db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.r.Put(ctx, "members", m.ID, map[string]any{"state": "transferred_out", "state_date": fmtDay(d)}); err != nil {
			return err
		}
		_, err := tx.r.Put(ctx, "transfers", id, map[string]any{"org_id": m.OrgID, "kind": "out", "member_id": m.ID,
			"from_org_id": m.OrgID, "to_org_id": toOrgID, "place": place, "date": fmtDay(d), "name": m.Name,
			"id_number": m.IDNumber, "snapshot": string(snap), "note": strings.TrimSpace(note)})
		return err
	})
	return id, err
}

// ForwardTransfer is the township passing a transfer out of one village on to the
// receiving village (village A → township → village B). It returns the forward record's ID.
func (db *DB) ForwardTransfer(ctx context.Context, outID, date string) (string, error) {
	role, err := db.Role(ctx)
	if err != nil {
		return "", err
	}
	if role != RoleTownship {
		return "", assets.Wrap(ErrDenied, "Only the township office forwards a transfer to the receiving village.")
	}
	t, err := db.transfer(ctx, outID)
	if err != nil {
		return "", err
	}
	if t.Kind != "out" || t.ToOrgID == "" {
		return "", assets.Wrap(ErrInvalid, "This transfer is not addressed to a branch of the township; nothing to forward.")
	}
	var n int
	db.sql.QueryRowContext(ctx, "SELECT count(*) FROM transfers WHERE deleted=0 AND kind='forward' AND ref_id=?", outID).Scan(&n)
	if n > 0 {
		return "", assets.Wrap(ErrDuplicateRow, "This transfer was already forwarded.")
	}
	if date == "" {
		date = fmtDay(db.today())
	}
	if _, ok := parseDay(date); !ok {
		return "", assets.Wrap(ErrInvalid, "The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-10-01.", date)
	}
	// The forward record belongs to the receiving village: sync carries it to that village
	// only. Owned by the township it would be broadcast, with the member's personal data,
	// to every village.
	id := NewID()
	err = db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "transfers", id, map[string]any{"org_id": t.ToOrgID, "kind": "forward", "ref_id": outID,
			"member_id": t.MemberID, "from_org_id": t.FromOrgID, "to_org_id": t.ToOrgID, "place": t.Place, "date": date,
			"name": t.Name, "id_number": t.IDNumber, "snapshot": t.snapshot, "note": t.Note})
		return err
	})
	return id, err
}

// TransferIn receives a transfer addressed to this branch (by the ID of the out or forward
// record): it makes the member file in the receiving branch and links the two. It returns
// the new member's ID.
func (db *DB) TransferIn(ctx context.Context, refID, date, toOrgID string) (string, error) {
	t, err := db.transfer(ctx, refID)
	if err != nil {
		return "", err
	}
	if t.Kind == "forward" {
		refID = t.RefID
	} else if t.Kind != "out" {
		return "", assets.Wrap(ErrInvalid, "This record is not a transfer out; give the ID of the transfer letter.")
	}
	if toOrgID == "" {
		toOrgID = t.ToOrgID
	}
	if toOrgID == "" {
		home, err := db.Home(ctx)
		if err != nil {
			return "", err
		}
		toOrgID = home.ID
	}
	if t.ToOrgID != "" && toOrgID != t.ToOrgID {
		return "", assets.Wrap(ErrInvalid, "This transfer is addressed to another branch.")
	}
	d, ok := parseDay(date)
	if !ok {
		return "", assets.Wrap(ErrInvalid, "The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-10-01.", date)
	}
	if out, _ := parseDay(t.Date); d.Before(out) {
		return "", assets.Wrap(ErrInvalid, "The member cannot arrive (%s) before leaving (%s).", fmtDay(d), t.Date)
	}
	var m Member
	if err := json.Unmarshal([]byte(t.snapshot), &m); err != nil {
		return "", assets.Wrap(err, "The transfer record of %s is damaged; ask the sending branch to issue it again.", t.Name)
	}
	var newID string
	err = db.Write(ctx, func(tx *Tx) error {
		var have string
		err := tx.r.QueryRowContext(ctx, "SELECT new_member_id FROM transfers WHERE deleted=0 AND kind='in' AND ref_id=?", refID).Scan(&have)
		if err == nil {
			return assets.Wrap(ErrDuplicateRow, "%s was already received; the member file exists only once.", t.Name)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		m.ID, m.OrgID, m.GroupID, m.Position = "", toOrgID, "", "member"
		m.State, m.StateDate = "active", fmtDay(d)
		if newID, err = tx.AddMember(ctx, m); err != nil {
			return err
		}
		_, err = tx.r.Put(ctx, "transfers", NewID(), map[string]any{"org_id": toOrgID, "kind": "in", "ref_id": refID,
			"member_id": t.MemberID, "new_member_id": newID, "from_org_id": t.FromOrgID, "to_org_id": toOrgID, "place": t.Place,
			"date": fmtDay(d), "name": t.Name, "id_number": t.IDNumber})
		return err
	})
	return newID, err
}

// transferCols are the columns a Transfer is read from (the table's descriptor).
func transferCols() string { return mustTable("transfers").selectList() }

// bind ties the transfers columns to the fields of t that hold them.
func (t *Transfer) bind() *binding {
	return bind("transfers", &t.ID, map[string]any{"org_id": &t.OrgID, "kind": &t.Kind, "ref_id": &t.RefID, "member_id": &t.MemberID,
		"new_member_id": &t.NewMemberID, "from_org_id": &t.FromOrgID, "to_org_id": &t.ToOrgID, "place": &t.Place, "date": &t.Date,
		"name": &t.Name, "id_number": &t.IDNumber, "snapshot": &t.snapshot, "note": &t.Note}, nil)
}

func scanTransfer(s interface{ Scan(...any) error }) (Transfer, error) {
	var t Transfer
	err := t.bind().scan(s)
	return t, err
}

func (db *DB) transfer(ctx context.Context, id string) (Transfer, error) {
	t, err := scanTransfer(db.sql.QueryRowContext(ctx, "SELECT "+transferCols()+" FROM transfers WHERE id=? AND deleted=0", id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, assets.Wrap(ErrNotFound, "There is no transfer with ID %s.", id)
	}
	return t, err
}

// Transfers lists the transfer records that concern an organisation ("" for all): sent
// from it, addressed to it, or owned by it; newest first.
func (db *DB) Transfers(ctx context.Context, orgID string) ([]Transfer, error) {
	out, err := replica.Collect(ctx, db.sql, scanTransfer, "SELECT "+transferCols()+` FROM transfers WHERE deleted=0
		AND (?='' OR org_id=? OR from_org_id=? OR to_org_id=?) ORDER BY date DESC, id`, orgID, orgID, orgID, orgID)
	if err != nil {
		return nil, err
	}
	received := map[string]bool{}
	for _, t := range out {
		if t.Kind == "in" {
			received[t.RefID] = true
		}
	}
	for i := range out {
		ref := out[i].ID
		if out[i].Kind == "forward" {
			ref = out[i].RefID
		}
		out[i].Received = out[i].Kind != "in" && received[ref]
	}
	return out, nil
}

// TransferInFrom receives a member from outside the township (no record to link): it makes
// the member file and an in record naming where they came from. It returns the member's ID.
func (db *DB) TransferInFrom(ctx context.Context, m Member, place, date string) (string, error) {
	place = strings.TrimSpace(place)
	if place == "" {
		return "", assets.Wrap(ErrInvalid, "Say which organisation the member comes from.")
	}
	d, ok := parseDay(date)
	if !ok {
		return "", assets.Wrap(ErrInvalid, "The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-10-01.", date)
	}
	if m.OrgID == "" {
		home, err := db.Home(ctx)
		if err != nil {
			return "", err
		}
		m.OrgID = home.ID
	}
	m.State, m.StateDate = "active", fmtDay(d)
	var id string
	err := db.Write(ctx, func(tx *Tx) error {
		var err error
		if id, err = tx.AddMember(ctx, m); err != nil {
			return err
		}
		_, err = tx.r.Put(ctx, "transfers", NewID(), map[string]any{"org_id": m.OrgID, "kind": "in", "new_member_id": id,
			"to_org_id": m.OrgID, "place": place, "date": fmtDay(d), "name": m.Name, "id_number": m.IDNumber})
		return err
	})
	return id, err
}
