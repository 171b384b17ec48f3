package store

import (
	"context"
	"math"
	"strings"
	"time"

	"zhibu/assets"
	"zhibu/store/replica"
)

// The member's part in village life (党员作用发挥, 分类管理): per member and year the
// commitments made and fulfilled (承诺践诺, 三亮三诺), the posts held with their duties (设岗
// 定责), the households linked with (联系户, 结对帮扶, 微心愿) and visits to them, volunteer
// service, and the contacts that the management modes call for: a quarterly contact with a
// floating member (跟踪式) and care visits to an elderly one (关爱式). These records feed the
// member's points (points.go) so nothing is typed twice.

// DutyKind is the kind of post a member holds (设岗定责).
var DutyKind = &enum{name: "post kind", values: []enumValue{
	{"pioneer", "Party member pioneer post"}, {"area", "Area of responsibility"}, {"grid", "Grid or building"}, {"volunteer", "Volunteer service post"}},
	aliases: map[string]string{"先锋岗": "pioneer", "党员先锋岗": "pioneer", "责任区": "area", "党员责任区": "area", "网格": "grid", "楼栋": "grid",
		"网格/楼栋": "grid", "志愿服务岗": "volunteer", "志愿岗": "volunteer"}}

// ContactKind is what a contact record is: a visit to a linked household, the contact with
// a floating member (跟踪式), or a care visit to an elderly member (关爱式).
var ContactKind = &enum{name: "contact kind", values: []enumValue{
	{"household", "Visit to a linked household"}, {"track", "Contact with a floating member"}, {"care", "Care visit"}},
	aliases: map[string]string{"走访": "household", "联系户": "household", "入户走访": "household", "跟踪": "track", "联系": "track",
		"关爱": "care", "慰问": "care", "关爱走访": "care"}}

// ContactHow is how a member was reached or visited.
var ContactHow = &enum{name: "contact method", values: []enumValue{
	{"visit", "In person"}, {"phone", "By phone"}, {"wechat", "WeChat"}, {"video", "Video call"}, {"study", "Study materials delivered (送学上门)"}},
	aliases: map[string]string{"上门": "visit", "当面": "visit", "入户": "visit", "电话": "phone", "微信": "wechat", "视频": "video", "送学上门": "study"}}

// ManagementMode is the 分类管理 mode of a member category: 在职→承诺式, 无职→定岗式,
// 流动→跟踪式, 夕阳红→关爱式 ("" for a member without a category).
func ManagementMode(category string) string {
	return map[string]string{"working": "commitment", "no_post": "post", "floating": "tracking", "elderly": "care"}[category]
}

// ManagementModeLabel is the mode's name in Chinese.
func ManagementModeLabel(mode string) string {
	switch mode {
	case "commitment":
		return assets.T("Commitment mode (承诺式)")
	case "post":
		return assets.T("Post mode (定岗式)")
	case "tracking":
		return assets.T("Tracking mode (跟踪式)")
	case "care":
		return assets.T("Care mode (关爱式)")
	}
	return ""
}

// Commitment is one 承诺 of a member for a year and its fulfilment (践诺).
type Commitment struct {
	ID       string `json:"id"`
	OrgID    string `json:"org_id"`
	MemberID string `json:"member_id"`
	Year     int    `json:"year"`
	Content  string `json:"content"`
	MadeDate string `json:"made_date"`
	DoneDate string `json:"done_date"` // "" while open
	Evidence string `json:"evidence"`
}

// Duty is a post a member holds (设岗定责).
type Duty struct {
	ID       string `json:"id"`
	OrgID    string `json:"org_id"`
	MemberID string `json:"member_id"`
	Kind     string `json:"kind"`
	Name     string `json:"name"`
	Duties   string `json:"duties"`
	From     string `json:"from_date"`
	To       string `json:"to_date"` // "" while held
}

// Household is a household a member is linked with (联系户).
type Household struct {
	ID       string `json:"id"`
	OrgID    string `json:"org_id"`
	MemberID string `json:"member_id"`
	Name     string `json:"name"`
	Address  string `json:"address"`
	Needs    string `json:"needs"`  // needs and 微心愿
	Paired   bool   `json:"paired"` // 结对帮扶
	From     string `json:"from_date"`
}

// Contact is a visit or contact (see ContactKind).
type Contact struct {
	ID          string `json:"id"`
	OrgID       string `json:"org_id"`
	MemberID    string `json:"member_id"` // household: the visiting member; track/care: the member reached
	Kind        string `json:"kind"`
	HouseholdID string `json:"household_id"`
	Date        string `json:"date"`
	How         string `json:"how"`
	Done        string `json:"done"` // what was done
	By          string `json:"by"`   // track/care: who made the contact
}

// Service is one volunteer service (志愿服务).
type Service struct {
	ID       string  `json:"id"`
	OrgID    string  `json:"org_id"`
	MemberID string  `json:"member_id"`
	Date     string  `json:"date"`
	Activity string  `json:"activity"`
	Hours    float64 `json:"hours"`
}

// The columns of the member's records (their tables' descriptors) bound to the fields that
// hold them.
func (c *Commitment) bind() *binding {
	return bind("member_commitments", &c.ID, map[string]any{"org_id": &c.OrgID, "member_id": &c.MemberID, "year": &c.Year,
		"content": &c.Content, "made_date": &c.MadeDate, "done_date": &c.DoneDate, "evidence": &c.Evidence}, nil)
}

func (d *Duty) bind() *binding {
	return bind("member_duties", &d.ID, map[string]any{"org_id": &d.OrgID, "member_id": &d.MemberID, "kind": &d.Kind,
		"name": &d.Name, "duties": &d.Duties, "from_date": &d.From, "to_date": &d.To}, nil)
}

func (h *Household) bind() *binding {
	return bind("member_households", &h.ID, map[string]any{"org_id": &h.OrgID, "member_id": &h.MemberID, "name": &h.Name,
		"address": &h.Address, "needs": &h.Needs, "paired": &h.Paired, "from_date": &h.From}, nil)
}

func (c *Contact) bind() *binding {
	return bind("member_contacts", &c.ID, map[string]any{"org_id": &c.OrgID, "member_id": &c.MemberID, "kind": &c.Kind,
		"household_id": &c.HouseholdID, "date": &c.Date, "how": &c.How, "done": &c.Done, "by_person": &c.By}, nil)
}

// memberForPart is the member a record is about; it must be on the roll.
func (db *DB) memberForPart(ctx context.Context, id string) (Member, error) {
	m, err := db.Member(ctx, id)
	if err != nil {
		return m, err
	}
	if m.State != "active" && m.State != "" {
		return m, assets.Wrap(ErrInvalid, "%s is no longer on the roll (%s); nothing can be recorded.", m.Name, State.Label(m.State))
	}
	return m, nil
}

// pastDay checks a date that must not be in the future.
func (db *DB) pastDay(s string) (string, error) {
	d, ok := parseDay(s)
	if !ok {
		return "", assets.Wrap(ErrInvalid, "The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-10-01.", s)
	}
	if d.After(db.today()) {
		return "", assets.Wrap(ErrInvalid, "The date %s is in the future; record it on the day it is done.", s)
	}
	return fmtDay(d), nil
}

func required(s, what string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", assets.Wrap(ErrInvalid, "Enter %s.", assets.T(what))
	}
	return s, nil
}

// AddCommitment records a member's commitment for a year; it returns the ID.
func (db *DB) AddCommitment(ctx context.Context, c Commitment) (string, error) {
	m, err := db.memberForPart(ctx, c.MemberID)
	if err != nil {
		return "", err
	}
	if c.Content, err = required(c.Content, "what the member commits to"); err != nil {
		return "", err
	}
	if c.MadeDate, err = db.pastDay(c.MadeDate); err != nil {
		return "", err
	}
	if c.Year == 0 {
		c.Year, _ = yearOf(c.MadeDate)
	}
	if y, _ := yearOf(c.MadeDate); c.Year < y-1 || c.Year > y+1 {
		return "", assets.Wrap(ErrInvalid, "A commitment made on %s cannot be for %d.", c.MadeDate, c.Year)
	}
	id := NewID()
	err = db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "member_commitments", id, map[string]any{"org_id": m.OrgID, "member_id": m.ID, "year": int64(c.Year),
			"content": c.Content, "made_date": c.MadeDate, "done_date": "", "evidence": ""})
		return err
	})
	return id, err
}

// FulfilCommitment records that a commitment was kept (践诺): the date and the evidence.
func (db *DB) FulfilCommitment(ctx context.Context, id, date, evidence string) error {
	var made, member string
	if err := db.sql.QueryRowContext(ctx, "SELECT made_date, member_id FROM member_commitments WHERE id=? AND deleted=0", id).Scan(&made, &member); err != nil {
		return assets.Wrap(ErrNotFound, "There is no commitment %s.", id)
	}
	d, err := db.pastDay(date)
	if err != nil {
		return err
	}
	if d < made {
		return assets.Wrap(ErrInvalid, "A commitment made on %s cannot be fulfilled on %s, before it was made.", made, d)
	}
	if evidence, err = required(evidence, "how the fulfilment is shown (evidence)"); err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "member_commitments", id, map[string]any{"done_date": d, "evidence": evidence})
		return err
	})
}

// AddDuty records a post a member holds; it returns the ID.
func (db *DB) AddDuty(ctx context.Context, d Duty) (string, error) {
	m, err := db.memberForPart(ctx, d.MemberID)
	if err != nil {
		return "", err
	}
	kind, ok := DutyKind.Parse(d.Kind)
	if !ok || kind == "" {
		return "", assets.Wrap(ErrInvalid, "The kind of post must be one of: %s.", strings.Join(DutyKind.Labels(), "、"))
	}
	if d.Name, err = required(d.Name, "the name of the post"); err != nil {
		return "", err
	}
	if d.Duties, err = required(d.Duties, "the duties of the post"); err != nil {
		return "", err
	}
	if d.From, err = db.pastDay(d.From); err != nil {
		return "", err
	}
	id := NewID()
	err = db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "member_duties", id, map[string]any{"org_id": m.OrgID, "member_id": m.ID, "kind": kind, "name": d.Name,
			"duties": d.Duties, "from_date": d.From, "to_date": ""})
		return err
	})
	return id, err
}

// EndDuty records the last day a post was held.
func (db *DB) EndDuty(ctx context.Context, id, date string) error {
	var from string
	if err := db.sql.QueryRowContext(ctx, "SELECT from_date FROM member_duties WHERE id=? AND deleted=0", id).Scan(&from); err != nil {
		return assets.Wrap(ErrNotFound, "There is no post %s.", id)
	}
	d, err := db.pastDay(date)
	if err != nil {
		return err
	}
	if d < from {
		return assets.Wrap(ErrInvalid, "The post was taken on %s; it cannot end on %s.", from, d)
	}
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "member_duties", id, map[string]any{"to_date": d})
		return err
	})
}

// AddHousehold links a member with a household; it returns the ID.
func (db *DB) AddHousehold(ctx context.Context, h Household) (string, error) {
	m, err := db.memberForPart(ctx, h.MemberID)
	if err != nil {
		return "", err
	}
	if h.Name, err = required(h.Name, "the name of the head of the household"); err != nil {
		return "", err
	}
	if h.Address, err = required(h.Address, "the household's address"); err != nil {
		return "", err
	}
	if h.From, err = db.pastDay(h.From); err != nil {
		return "", err
	}
	paired := int64(0)
	if h.Paired {
		paired = 1
	}
	id := NewID()
	err = db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "member_households", id, map[string]any{"org_id": m.OrgID, "member_id": m.ID, "name": h.Name,
			"address": h.Address, "needs": strings.TrimSpace(h.Needs), "paired": paired, "from_date": h.From})
		return err
	})
	return id, err
}

// AddContact records a visit or contact; it returns the ID. A household visit names one of
// the member's linked households; every contact says how it was made and what was done.
func (db *DB) AddContact(ctx context.Context, c Contact) (string, error) {
	m, err := db.memberForPart(ctx, c.MemberID)
	if err != nil {
		return "", err
	}
	kind, ok := ContactKind.Parse(c.Kind)
	if !ok || kind == "" {
		return "", assets.Wrap(ErrInvalid, "The kind of contact must be one of: %s.", strings.Join(ContactKind.Labels(), "、"))
	}
	how, ok := ContactHow.Parse(c.How)
	if !ok || how == "" {
		return "", assets.Wrap(ErrInvalid, "Say how the member was reached: %s.", strings.Join(ContactHow.Labels(), "、"))
	}
	if c.Date, err = db.pastDay(c.Date); err != nil {
		return "", err
	}
	if c.Done, err = required(c.Done, "what was done"); err != nil {
		return "", err
	}
	switch kind {
	case "household":
		var owner, from string
		err := db.sql.QueryRowContext(ctx, "SELECT member_id, from_date FROM member_households WHERE id=? AND deleted=0", c.HouseholdID).Scan(&owner, &from)
		if err != nil || owner != m.ID {
			return "", assets.Wrap(ErrInvalid, "Choose one of the households %s is linked with.", m.Name)
		}
	case "track", "care":
		if c.HouseholdID != "" {
			return "", assets.Wrap(ErrInvalid, "Only a visit to a linked household names a household.")
		}
	}
	if kind == "track" && m.Category != "floating" {
		return "", assets.Wrap(ErrInvalid, "%s is not a floating member; the tracking contact is for floating members.", m.Name)
	}
	id := NewID()
	err = db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "member_contacts", id, map[string]any{"org_id": m.OrgID, "member_id": m.ID, "kind": kind,
			"household_id": c.HouseholdID, "date": c.Date, "how": how, "done": c.Done, "by_person": strings.TrimSpace(c.By)})
		return err
	})
	return id, err
}

// AddService records a volunteer service; it returns the ID.
func (db *DB) AddService(ctx context.Context, s Service) (string, error) {
	m, err := db.memberForPart(ctx, s.MemberID)
	if err != nil {
		return "", err
	}
	if s.Date, err = db.pastDay(s.Date); err != nil {
		return "", err
	}
	if s.Activity, err = required(s.Activity, "the activity"); err != nil {
		return "", err
	}
	if s.Hours <= 0 || s.Hours > 24 || math.IsNaN(s.Hours) {
		return "", assets.Wrap(ErrInvalid, "Enter the hours of service, more than 0 and at most 24 (e.g. 2 or 1.5).")
	}
	id := NewID()
	err = db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "member_services", id, map[string]any{"org_id": m.OrgID, "member_id": m.ID, "date": s.Date,
			"activity": s.Activity, "tenths": int64(math.Round(s.Hours * 10))})
		return err
	})
	return id, err
}

// memberPartTables are the tables DeleteMemberPart may remove a row of.
var memberPartTables = map[string]bool{"member_commitments": true, "member_duties": true, "member_households": true,
	"member_contacts": true, "member_services": true}

// DeleteMemberPart removes a record entered by mistake (any of the tables above).
func (db *DB) DeleteMemberPart(ctx context.Context, id string) error {
	for t := range memberPartTables {
		var n int
		if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM "+t+" WHERE id=? AND deleted=0", id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return db.Write(ctx, func(tx *Tx) error { return tx.r.Delete(ctx, t, id) })
		}
	}
	return assets.Wrap(ErrNotFound, "There is no record %s.", id)
}

// MemberPart is everything recorded of one member's part in a year.
type MemberPart struct {
	MemberID    string       `json:"id"`
	Name        string       `json:"name"`
	Category    string       `json:"category"`
	Mode        string       `json:"mode"`
	Year        int          `json:"year"`
	Commitments []Commitment `json:"commitments"`
	Duties      []Duty       `json:"duties"`     // held at some time in the year
	Households  []Household  `json:"households"` // all linked households
	Contacts    []Contact    `json:"contacts"`   // made by (household) or with (track, care) the member in the year
	Services    []Service    `json:"services"`
	Hours       float64      `json:"hours"` // volunteer hours in the year
}

// MemberPartOf returns a member's records of a year.
func (db *DB) MemberPartOf(ctx context.Context, memberID string, year int) (MemberPart, error) {
	m, err := db.Member(ctx, memberID)
	if err != nil {
		return MemberPart{}, err
	}
	ps, err := db.memberParts(ctx, m.OrgID, year, []Member{m})
	if err != nil {
		return MemberPart{}, err
	}
	return ps[0], nil
}

// MemberParts returns the records of a year of every member on an organisation's roll.
func (db *DB) MemberParts(ctx context.Context, orgID string, year int) ([]MemberPart, error) {
	ms, err := db.Members(ctx, MemberFilter{OrgID: orgID})
	if err != nil {
		return nil, err
	}
	return db.memberParts(ctx, orgID, year, ms)
}

func (db *DB) memberParts(ctx context.Context, orgID string, year int, ms []Member) ([]MemberPart, error) {
	from, to := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	byID := map[string]*MemberPart{}
	out := make([]MemberPart, len(ms))
	for i, m := range ms {
		out[i] = MemberPart{MemberID: m.ID, Name: m.Name, Category: m.Category, Mode: ManagementMode(m.Category), Year: year,
			Commitments: []Commitment{}, Duties: []Duty{}, Households: []Household{}, Contacts: []Contact{}, Services: []Service{}}
		byID[m.ID] = &out[i]
	}
	f, t := fmtDay(from), fmtDay(to)
	cs, err := selectBound(ctx, db.sql, "member_commitments", (*Commitment).bind,
		"deleted=0 AND org_id=? AND year=? ORDER BY made_date, id", orgID, year)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if p := byID[c.MemberID]; p != nil {
			p.Commitments = append(p.Commitments, c)
		}
	}
	ds, err := selectBound(ctx, db.sql, "member_duties", (*Duty).bind,
		"deleted=0 AND org_id=? AND from_date<=? AND (to_date='' OR to_date>=?) ORDER BY from_date, id", orgID, t, f)
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		if p := byID[d.MemberID]; p != nil {
			p.Duties = append(p.Duties, d)
		}
	}
	hs, err := selectBound(ctx, db.sql, "member_households", (*Household).bind,
		"deleted=0 AND org_id=? ORDER BY from_date, id", orgID)
	if err != nil {
		return nil, err
	}
	for _, h := range hs {
		if p := byID[h.MemberID]; p != nil {
			p.Households = append(p.Households, h)
		}
	}
	cts, err := selectBound(ctx, db.sql, "member_contacts", (*Contact).bind,
		"deleted=0 AND org_id=? AND date>=? AND date<=? ORDER BY date, id", orgID, f, t)
	if err != nil {
		return nil, err
	}
	for _, c := range cts {
		if p := byID[c.MemberID]; p != nil {
			p.Contacts = append(p.Contacts, c)
		}
	}
	ss, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (Service, error) {
		var v Service
		var tenths int64
		err := s.Scan(&v.ID, &v.OrgID, &v.MemberID, &v.Date, &v.Activity, &tenths)
		v.Hours = float64(tenths) / 10
		return v, err
	}, `SELECT id, org_id, member_id, date, activity, tenths FROM member_services
		WHERE deleted=0 AND org_id=? AND date>=? AND date<=? ORDER BY date, id`, orgID, f, t)
	if err != nil {
		return nil, err
	}
	for _, v := range ss {
		if p := byID[v.MemberID]; p != nil {
			p.Services = append(p.Services, v)
			p.Hours += v.Hours
		}
	}
	return out, nil
}

func yearOf(day string) (int, bool) {
	d, ok := parseDay(day)
	return d.Year(), ok
}
