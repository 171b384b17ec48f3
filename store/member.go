package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"zhibu/assets"
	"zhibu/store/pinyin"
	"zhibu/store/replica"
)

// deriveMember refreshes the local search keys and pinyin sort key from the name.
func deriveMember(ctx context.Context, tx *replica.Tx, id string) error {
	var name string
	if err := tx.QueryRowContext(ctx, "SELECT name FROM members WHERE id=?", id).Scan(&name); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "UPDATE members SET search_keys=?, sort_key=? WHERE id=?",
		" "+strings.Join(pinyin.Keys(name), " ")+" ", pinyin.SortKey(name), id)
	return err
}

// Member is a member file (党员档案). Enum fields hold slugs (see Gender, Status, …); dates are
// YYYY-MM-DD or empty.
type Member struct {
	ID            string `json:"id"`
	OrgID         string `json:"org_id"`
	Name          string `json:"name"`
	Gender        string `json:"gender"`
	Ethnicity     string `json:"ethnicity"`
	BirthDate     string `json:"birth_date"`
	IDNumber      string `json:"id_number"`
	Education     string `json:"education"`
	Phone         string `json:"phone"`
	Address       string `json:"address"`
	JoinedDate    string `json:"joined_date"`
	ConfirmedDate string `json:"confirmed_date"`
	Status        string `json:"status"`
	Position      string `json:"position"`
	GroupID       string `json:"group_id"`
	Category      string `json:"category"`
	State         string `json:"state"`
	StateDate     string `json:"state_date"`
	Notes         string `json:"notes"`
	Photo         []byte `json:"-"`
	// More holds the fields of MemberFields that have no struct field of their own.
	More map[string]string `json:"more,omitempty"`
}

func (m *Member) values() map[string]any {
	vals := map[string]any{"org_id": m.OrgID, "photo": m.Photo}
	for _, f := range memberFields {
		vals[f.column()] = f.Get(m)
	}
	return vals
}

var memberCols = "id, org_id, " + strings.Join(memberColumns(), ", ")

// memberColsNoPhoto is memberCols with a NULL for the photo: the columns of a listing.
var memberColsNoPhoto = strings.TrimSuffix(memberCols, "photo") + "NULL"

func scanMember(s replica.Scanner) (Member, error) {
	var m Member
	vals := make([]string, len(memberFields))
	dest := []any{&m.ID, &m.OrgID}
	for i := range vals {
		dest = append(dest, &vals[i])
	}
	err := s.Scan(append(dest, &m.Photo)...)
	for i, f := range memberFields {
		f.set(&m, vals[i])
	}
	return m, err
}

// Member returns one member file (ID number and phone masked unless the user may see them).
func (db *DB) Member(ctx context.Context, id string) (Member, error) {
	m, err := scanMember(db.sql.QueryRowContext(ctx, "SELECT "+memberCols+" FROM members WHERE id=? AND deleted=0", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Member{}, assets.Wrap(ErrNotFound, "There is no member with ID %s.", id)
	}
	ms := []Member{m}
	db.maskMembers(ctx, ms)
	return ms[0], err
}

// MemberFilter selects members for a list.
type MemberFilter struct {
	OrgID    string // "" for every organisation in the database
	Query    string // name part, pinyin initials or full pinyin prefix, or ID-number tail
	All      bool   // include members no longer on the roll (transferred, deceased, …)
	Limit    int    // 0: no limit
	Category string // "" for all
}

// Members lists members in pinyin order of their names (surname readings respected),
// without their photos (Member has it). On the database itself it filters the roster kept
// in memory (member_search.go); a transaction's view reads the table, seeing its writes.
func (db *DB) Members(ctx context.Context, f MemberFilter) ([]Member, error) {
	if db.members != nil {
		return db.members.list(ctx, db, f)
	}
	return db.membersFromTable(ctx, f)
}

// membersFromTable is Members read from the table.
func (db *DB) membersFromTable(ctx context.Context, f MemberFilter) ([]Member, error) {
	q := "SELECT " + memberColsNoPhoto + " FROM members WHERE deleted=0"
	var args []any
	if f.OrgID != "" {
		q += " AND org_id=?"
		args = append(args, f.OrgID)
	}
	if !f.All {
		q += " AND state IN ('', 'active')"
	}
	if f.Category != "" {
		q += " AND category=?"
		args = append(args, f.Category)
	}
	if cond, a := parseMemberQuery(f.Query).sql(); cond != "" {
		q += " AND " + cond
		args = append(args, a...)
	}
	q += " ORDER BY sort_key, id"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	out, err := replica.Collect(ctx, db.sql, scanMember, q, args...)
	db.maskMembers(ctx, out)
	return out, err
}

// AddMember validates and stores a new member file and returns its ID.
func (db *DB) AddMember(ctx context.Context, m Member) (string, error) {
	var id string
	err := db.Write(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.AddMember(ctx, m)
		return err
	})
	return id, err
}

// AddMember is AddMember within a transaction (used by roster import and demo data).
func (tx *Tx) AddMember(ctx context.Context, m Member) (string, error) {
	if m.OrgID == "" {
		home, err := tx.db.Home(ctx)
		if err != nil {
			return "", err
		}
		m.OrgID = home.ID
	}
	fillDefaults(&m)
	if err := ValidateMember(&m, tx.db.now()); err != nil {
		return "", err
	}
	if err := tx.checkDuplicate(ctx, m); err != nil {
		return "", err
	}
	if m.ID == "" {
		m.ID = NewID()
	}
	if _, err := tx.r.Put(ctx, "members", m.ID, m.values()); err != nil {
		return "", err
	}
	return m.ID, nil
}

// UpdateMember validates and stores changes to a member file; only changed fields are logged.
// A nil Photo keeps the stored photo (listings leave it out); an empty one clears it.
func (db *DB) UpdateMember(ctx context.Context, m Member) error {
	return db.Write(ctx, func(tx *Tx) error { return tx.UpdateMember(ctx, m) })
}

// Member returns one member file as the transaction sees it.
func (tx *Tx) Member(ctx context.Context, id string) (Member, error) {
	m, err := scanMember(tx.r.QueryRowContext(ctx, "SELECT "+memberCols+" FROM members WHERE id=? AND deleted=0", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Member{}, assets.Wrap(ErrNotFound, "There is no member with ID %s.", id)
	}
	return m, err
}

// UpdateMember is UpdateMember within a transaction.
func (tx *Tx) UpdateMember(ctx context.Context, m Member) error {
	old, err := tx.Member(ctx, m.ID)
	if err != nil {
		return err
	}
	m.OrgID = old.OrgID
	fillDefaults(&m)
	if err := ValidateMember(&m, tx.db.now()); err != nil {
		return err
	}
	if err := tx.checkDuplicate(ctx, m); err != nil {
		return err
	}
	vals := m.values()
	if m.Photo == nil {
		delete(vals, "photo") // a member from a listing: the photo was not loaded, keep it
	}
	_, err = tx.r.Put(ctx, "members", m.ID, vals)
	return err
}

// DeleteMember removes a member file entered by mistake (a tombstone; the audit trail stays).
// Members who leave are not deleted: their state changes instead.
func (db *DB) DeleteMember(ctx context.Context, id string) error {
	return db.Write(ctx, func(tx *Tx) error { return tx.r.Delete(ctx, "members", id) })
}

func fillDefaults(m *Member) {
	if m.Status == "" {
		m.Status = "full"
	}
	if m.Position == "" {
		m.Position = "member"
	}
	if m.State == "" {
		m.State = "active"
	}
}

func (tx *Tx) checkDuplicate(ctx context.Context, m Member) error {
	if m.IDNumber == "" || m.State == "transferred_out" {
		return nil
	}
	var other string
	err := tx.r.QueryRowContext(ctx, `SELECT name FROM members WHERE id_number=? AND id<>? AND deleted=0
		AND state<>'transferred_out' LIMIT 1`, m.IDNumber, m.ID).Scan(&other)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return &ValidationError{Problems: []FieldProblem{{Field: "id_number",
		Err: assets.Errorf("The ID number %s is already in the member file of %s. Check the number; a member is entered only once.", m.IDNumber, other)}}}
}

// WithDefaults returns m with the values a new member file starts with (full member,
// ordinary member, on the roll) where it has none.
func WithDefaults(m Member) Member {
	fillDefaults(&m)
	return m
}
