package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/store/rules"
)

// Dues (党费): each member's monthly amount from the rates of 关于中国共产党党费收缴、使用和
// 管理的规定 (2008). A member's basis (income kind and amount, or an amount the branch set)
// is kept in dues_profiles, one row per member keyed by the member's ID and owned by the
// member's organisation.

// Dues kinds: how a member's monthly amount is worked out.
var DuesKind = &enum{name: "dues kind", values: []enumValue{
	{"farmer", "Farmer member"}, {"salaried", "Salaried member"}, {"retired", "Retired member"},
	{"student", "Student"}, {"unemployed", "Unemployed"}, {"relief", "On relief or 低保"}},
	aliases: map[string]string{"农民": "farmer", "在职": "salaried", "工资": "salaried", "离退休": "retired", "退休": "retired",
		"学生": "student", "失业": "unemployed", "低保": "relief", "困难": "relief"}}

// DuesProfile is a member's dues basis. Amounts are in fen.
type DuesProfile struct {
	MemberID     string `json:"member_id"`
	Kind         string `json:"kind"`          // a DuesKind slug; "" (never set) counts as farmer
	Income       int64  `json:"income"`        // monthly after-tax income, or total pension
	BasicPension int64  `json:"basic_pension"` // retired members: basic pension
	Fixed        *int64 `json:"fixed"`         // an amount the branch set; nil: computed
	Note         string `json:"note"`
	PaidTo       string `json:"paid_to"` // YYYY-MM: paid up to this month before the app kept dues ("" none)
	// 少交或免交: the branch's decision and the higher committee's approval of Fixed ("" none).
	ExemptDecidedOn  string `json:"exempt_decided_on,omitempty"`
	ExemptApprovedBy string `json:"exempt_approved_by,omitempty"`
	ExemptApprovedOn string `json:"exempt_approved_on,omitempty"`
}

// DuesRates are the rules in force for computing dues.
type DuesRates struct {
	Salaried    []DuesBand
	Retired     []DuesBand
	RetiredBase string // "total" or "basic"
	Farmer      int64  // fen per month
	Minimum     int64  // fen per month
}

// DuesBand is one income band: up to Upper fen (inclusive; 0: no upper bound) the rate is
// PerMille ‰ ... of the whole base (not progressive).
type DuesBand struct {
	Upper    int64
	PerMille int64 // 0.5% = 5‰
}

// parseBands reads "3000:0.5,5000:1,*:2".
func parseBands(s string) ([]DuesBand, error) {
	var out []DuesBand
	for _, part := range strings.Split(s, ",") {
		up, pct, ok := strings.Cut(strings.TrimSpace(part), ":")
		if !ok {
			return nil, fmt.Errorf("dues band %q", part)
		}
		var b DuesBand
		if up != "*" {
			y, err := strconv.ParseInt(up, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("dues band %q: %w", part, err)
			}
			b.Upper = y * 100
		}
		f, err := strconv.ParseFloat(pct, 64)
		if err != nil {
			return nil, fmt.Errorf("dues band %q: %w", part, err)
		}
		b.PerMille = int64(f*10 + 0.5)
		out = append(out, b)
	}
	return out, nil
}

// DuesRates reads the rates in force (township settings or national defaults).
func (db *DB) DuesRates(ctx context.Context) (DuesRates, error) {
	var r DuesRates
	get := func(key string) string {
		v, err := db.RuleValue(ctx, key)
		if err != nil {
			return ""
		}
		return v
	}
	var err error
	if r.Salaried, err = parseBands(get(rules.DuesSalariedBands.Key)); err != nil {
		return r, err
	}
	if r.Retired, err = parseBands(get(rules.DuesRetiredBands.Key)); err != nil {
		return r, err
	}
	r.RetiredBase = get(rules.DuesRetiredBase.Key)
	if r.Farmer, err = ParseYuan(get(rules.DuesFarmer.Key)); err != nil {
		return r, err
	}
	if r.Minimum, err = ParseYuan(get(rules.DuesMinimum.Key)); err != nil {
		return r, err
	}
	return r, nil
}

// ComputeDues returns a member's monthly amount in fen and a Chinese sentence saying how it
// was worked out. Percentages apply to the whole base, rounded to the fen (half up).
func ComputeDues(p DuesProfile, r DuesRates) (int64, string) {
	if p.Fixed != nil && p.ExemptApprovedBy != "" {
		return *p.Fixed, assets.T("Reduced or exempted (少交或免交): decided by the branch on %s, approved by %s on %s: %s yuan a month.",
			p.ExemptDecidedOn, p.ExemptApprovedBy, p.ExemptApprovedOn, Yuan(*p.Fixed))
	}
	if p.Fixed != nil {
		return *p.Fixed, assets.T("Amount set by the branch: %s yuan a month.", Yuan(*p.Fixed))
	}
	band := func(bands []DuesBand, base int64) int64 {
		for _, b := range bands {
			if b.Upper == 0 || base <= b.Upper {
				return b.PerMille
			}
		}
		return 0
	}
	pct := func(pm int64) string {
		return strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%d.%d", pm/10, pm%10), ".0"), ".")
	}
	switch p.Kind {
	case "salaried":
		pm := band(r.Salaried, p.Income)
		amt := (p.Income*pm + 500) / 1000
		return amt, assets.T("Salaried: monthly after-tax income %s yuan × %s%% = %s yuan.", Yuan(p.Income), pct(pm), Yuan(amt))
	case "retired":
		base := p.Income
		which := assets.T("total pension")
		if r.RetiredBase == "basic" && p.BasicPension > 0 {
			base, which = p.BasicPension, assets.T("basic pension")
		}
		pm := band(r.Retired, base)
		amt := (base*pm + 500) / 1000
		return amt, assets.T("Retired: %s %s yuan × %s%% = %s yuan.", which, Yuan(base), pct(pm), Yuan(amt))
	case "student", "unemployed", "relief":
		return r.Minimum, assets.T("%s: %s yuan a month.", DuesKind.Label(p.Kind), Yuan(r.Minimum))
	}
	return r.Farmer, assets.T("Farmer member: %s yuan a month (provincial standard).", Yuan(r.Farmer))
}

// DefaultDuesKind is how a member whose dues basis was never set pays: as a farmer member
// (第六条), the usual case in a village branch.
const DefaultDuesKind = "farmer"

const duesProfileCols = "kind, income, basic_pension, fixed, note, paid_to, exempt_decided_on, exempt_approved_by, exempt_approved_on"

// scanDuesProfile scans duesProfileCols into p, after the columns lead scans (if any).
func scanDuesProfile(s replica.Scanner, p *DuesProfile, lead ...any) error {
	var fixed sql.NullInt64
	if err := s.Scan(append(lead, &p.Kind, &p.Income, &p.BasicPension, &fixed, &p.Note, &p.PaidTo, &p.ExemptDecidedOn, &p.ExemptApprovedBy, &p.ExemptApprovedOn)...); err != nil {
		return err
	}
	if fixed.Valid {
		p.Fixed = &fixed.Int64
	}
	if p.Kind == "" {
		p.Kind = DefaultDuesKind
	}
	return nil
}

// DuesProfile returns a member's dues basis (a farmer member's if never set).
func (db *DB) DuesProfile(ctx context.Context, memberID string) (DuesProfile, error) {
	p := DuesProfile{MemberID: memberID}
	err := scanDuesProfile(db.sql.QueryRowContext(ctx, "SELECT "+duesProfileCols+" FROM dues_profiles WHERE id=? AND deleted=0", memberID), &p)
	if errors.Is(err, sql.ErrNoRows) {
		return DuesProfile{MemberID: memberID, Kind: DefaultDuesKind}, nil
	}
	return p, err
}

// duesProfiles returns the dues basis of every member of an organisation who has one.
func (db *DB) duesProfiles(ctx context.Context, orgID string) (map[string]DuesProfile, error) {
	ps, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (DuesProfile, error) {
		var p DuesProfile
		err := scanDuesProfile(s, &p, &p.MemberID)
		return p, err
	}, "SELECT id, "+duesProfileCols+" FROM dues_profiles WHERE org_id=? AND deleted=0", orgID)
	out := make(map[string]DuesProfile, len(ps))
	for _, p := range ps {
		out[p.MemberID] = p
	}
	return out, err
}

// SetDuesProfile stores a member's dues basis.
func (db *DB) SetDuesProfile(ctx context.Context, p DuesProfile) error {
	m, err := db.Member(ctx, p.MemberID)
	if err != nil {
		return err
	}
	if _, ok := DuesKind.Parse(p.Kind); !ok || p.Kind == "" {
		return assets.Wrap(ErrInvalid, "Choose how %s pays dues: farmer, salaried, retired, student, unemployed or on relief.", m.Name)
	}
	p.Kind, _ = DuesKind.Parse(p.Kind)
	if p.Income < 0 || p.BasicPension < 0 || (p.Fixed != nil && *p.Fixed < 0) {
		return assets.Wrap(ErrInvalid, "Amounts cannot be negative.")
	}
	if (p.Kind == "salaried" || p.Kind == "retired") && p.Income == 0 && p.Fixed == nil {
		return assets.Wrap(ErrInvalid, "Enter the monthly income (or pension) of %s; the dues are a percentage of it.", m.Name)
	}
	var fixed any
	if p.Fixed != nil {
		fixed = *p.Fixed
	}
	vals := map[string]any{"org_id": m.OrgID, "deleted": int64(0), "kind": p.Kind,
		"income": p.Income, "basic_pension": p.BasicPension, "fixed": fixed, "note": strings.TrimSpace(p.Note)}
	// An approved reduction or exemption (少交或免交) holds for its amount: a basis saved with
	// another amount, or computed again, ends it, so the approval is never shown beside an
	// amount nobody approved.
	if cur, err := db.DuesProfile(ctx, m.ID); err == nil && cur.ExemptApprovedBy != "" && cur.Fixed != nil &&
		(p.Fixed == nil || *p.Fixed != *cur.Fixed) {
		vals["exempt_decided_on"], vals["exempt_approved_by"], vals["exempt_approved_on"] = "", "", ""
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "dues_profiles", m.ID, vals)
		return err
	})
}

// MonthlyDues returns a member's monthly amount in fen and how it was worked out.
func (db *DB) MonthlyDues(ctx context.Context, memberID string) (int64, string, error) {
	p, err := db.DuesProfile(ctx, memberID)
	if err != nil {
		return 0, "", err
	}
	r, err := db.DuesRates(ctx)
	if err != nil {
		return 0, "", err
	}
	amt, basis := ComputeDues(p, r)
	return amt, basis, nil
}
