package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/google/uuid"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/store/rules"
)

// Meetings of organisational life (组织生活): 三会一课, 主题党日, 组织生活会, 民主评议, 谈心谈话.
// A meeting row holds what happened; meeting_attendance one row per member expected (应到),
// meeting_items a theme day's items, meeting_photos its photos.

// Meeting kinds (CLI.md slugs).
const (
	MeetingGeneral   = "general"   // 支部党员大会
	MeetingCommittee = "committee" // 支委会
	MeetingGroup     = "group"     // 党小组会
	MeetingLecture   = "lecture"   // 党课
	MeetingThemeDay  = "theme-day" // 主题党日
	MeetingLife      = "life"      // 组织生活会
	MeetingAppraisal = "appraisal" // 民主评议
	MeetingTalk      = "talk"      // 谈心谈话
)

// Attendance statuses.
const (
	AttendPresent   = "present"
	AttendLeave     = "leave"     // 请假
	AttendFloating  = "floating"  // 流动在外
	AttendSick      = "sick"      // 病
	AttendUnexcused = "unexcused" // 无故缺席
)

var (
	// MeetingKind is the kind of a meeting: the slugs and labels of rules.MeetingKinds.
	MeetingKind = &enum{name: "kind", values: meetingKindValues(),
		aliases: map[string]string{"支部大会": MeetingGeneral, "党员大会": MeetingGeneral, "支部委员会会议": MeetingCommittee,
			"支委会会议": MeetingCommittee, "党小组会议": MeetingGroup, "上党课": MeetingLecture, "主题党日活动": MeetingThemeDay,
			"theme_day": MeetingThemeDay, "themeday": MeetingThemeDay, "民主评议党员": MeetingAppraisal, "谈心": MeetingTalk}}
	// Attendance is a member's attendance at a meeting.
	Attendance = &enum{name: "status", values: []enumValue{
		{AttendPresent, "Present"}, {AttendLeave, "On leave"}, {AttendFloating, "Away (floating member)"},
		{AttendSick, "Sick"}, {AttendUnexcused, "Absent without reason"}},
		aliases: map[string]string{"出席": AttendPresent, "到会": AttendPresent, "实到": AttendPresent, "请假": AttendLeave,
			"事假": AttendLeave, "流动在外": AttendFloating, "外出": AttendFloating, "病": AttendSick, "病假": AttendSick,
			"无故": AttendUnexcused, "无故缺席": AttendUnexcused, "缺席": AttendUnexcused, "absent": AttendUnexcused}}
)

func meetingKindValues() []enumValue {
	out := make([]enumValue, len(rules.MeetingKinds))
	for i, k := range rules.MeetingKinds {
		out[i] = enumValue{k.Slug, k.Label}
	}
	return out
}

// Meeting is one meeting record (会议记录).
type Meeting struct {
	ID          string        `json:"id"`
	OrgID       string        `json:"org_id"`
	Kind        string        `json:"kind"`
	Date        string        `json:"date"` // YYYY-MM-DD
	Time        string        `json:"time"` // HH:MM or ""
	Place       string        `json:"place"`
	Topic       string        `json:"topic"`
	HostID      string        `json:"host_id"`
	RecorderID  string        `json:"recorder_id"`
	GroupID     string        `json:"group_id"` // party group of a group meeting
	ThemeID     string        `json:"theme_id"` // the month's theme of a theme day
	Guests      string        `json:"guests"`   // 列席
	Minutes     string        `json:"minutes"`
	Resolutions string        `json:"resolutions"`
	Attendance  []Attendee    `json:"attendance"`
	Items       []MeetingItem `json:"items"`
	// More holds the text columns of meetings this struct has no field for (tables_decl.go):
	// a field added by a migration and a descriptor is read, written and checked with the rest.
	More map[string]string `json:"more,omitempty"`
}

// bind ties the meetings columns (the table's descriptor) to the fields of m that hold them.
func (m *Meeting) bind() *binding {
	return bind("meetings", &m.ID, map[string]any{"org_id": &m.OrgID, "kind": &m.Kind, "date": &m.Date, "time": &m.Time,
		"place": &m.Place, "topic": &m.Topic, "host_id": &m.HostID, "recorder_id": &m.RecorderID, "group_id": &m.GroupID,
		"theme_id": &m.ThemeID, "guests": &m.Guests, "minutes": &m.Minutes, "resolutions": &m.Resolutions}, &m.More)
}

// Attendee is one expected member's attendance.
type Attendee struct {
	MemberID string `json:"member_id"`
	Name     string `json:"name"` // filled by reads
	Status   string `json:"status"`
	Voting   bool   `json:"voting"` // a full member when the meeting was recorded
	Note     string `json:"note"`   // how an absent member was reached (送学上门 …)
}

// MeetingItem is an item of a meeting: a theme day's 规定动作 (kind "set") or 自选动作 ("own").
type MeetingItem struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
	Done  string `json:"done"` // what was done
}

var reTime = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d$`)

// attendanceID derives an attendance row's ID from its meeting and member, so two devices
// recording the same member converge on one row.
var attendanceSpace = uuid.MustParse("6f7a6869-6275-4174-7465-6e6400000000")

func attendanceID(meetingID, memberID string) string {
	return uuid.NewSHA1(attendanceSpace, []byte(meetingID+"\x00"+memberID)).String()
}

// SaveMeeting validates and stores a meeting (new if m.ID is empty) with its attendance and
// items, in one transaction, and returns it as listed (counts, quorum).
func (db *DB) SaveMeeting(ctx context.Context, m Meeting) (MeetingSummary, error) {
	var id string
	err := db.Write(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.SaveMeeting(ctx, m)
		return err
	})
	if err != nil {
		return MeetingSummary{}, err
	}
	return db.MeetingSummary(ctx, id)
}

// SaveMeeting is SaveMeeting within a transaction (demo data, imports).
func (tx *Tx) SaveMeeting(ctx context.Context, m Meeting) (string, error) {
	if m.OrgID == "" {
		home, err := tx.db.Home(ctx)
		if err != nil {
			return "", err
		}
		m.OrgID = home.ID
	}
	if m.ID != "" {
		var org string
		err := tx.r.QueryRowContext(ctx, "SELECT org_id FROM meetings WHERE id=? AND deleted=0", m.ID).Scan(&org)
		if errors.Is(err, sql.ErrNoRows) {
			return "", assets.Wrap(ErrNotFound, "There is no meeting with ID %s.", m.ID)
		}
		if err != nil {
			return "", err
		}
		m.OrgID = org
	}
	if err := tx.validateMeeting(ctx, &m); err != nil {
		return "", err
	}
	if m.ID == "" {
		m.ID = NewID()
	}
	if _, err := tx.r.Put(ctx, "meetings", m.ID, m.bind().values()); err != nil {
		return "", err
	}
	if err := tx.putAttendance(ctx, m); err != nil {
		return "", err
	}
	if err := tx.putItems(ctx, m); err != nil {
		return "", err
	}
	return m.ID, nil
}

func (tx *Tx) validateMeeting(ctx context.Context, m *Meeting) error {
	kind, ok := MeetingKind.Parse(m.Kind)
	if !ok || kind == "" {
		return assets.Wrap(ErrInvalid, "Unknown kind of meeting %s. Choose one of: %s.", m.Kind, strings.Join(MeetingKind.Labels(), "、"))
	}
	m.Kind = kind
	d, ok := parseDay(m.Date)
	if !ok {
		return assets.Wrap(ErrInvalid, "The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-10-01.", m.Date)
	}
	m.Date = fmtDay(d)
	m.Time = strings.TrimSpace(m.Time)
	if m.Time != "" && !reTime.MatchString(m.Time) {
		return assets.Wrap(ErrInvalid, "The time %s is not valid; write it as HH:MM, e.g. 09:30.", m.Time)
	}
	if m.Topic = strings.TrimSpace(m.Topic); m.Topic == "" {
		return assets.Wrap(ErrInvalid, "Enter the meeting's topic.")
	}
	if err := m.bind().check(); err != nil { // every text column trimmed and within its limit
		return err
	}
	roll, err := rollOf(ctx, tx.r, m.OrgID)
	if err != nil {
		return err
	}
	for _, who := range []struct{ id, column string }{{m.HostID, "host_id"}, {m.RecorderID, "recorder_id"}} {
		if who.id != "" && roll[who.id] == nil {
			return assets.Wrap(ErrInvalid, "The %s (ID %s) is not a member on this branch's roll.", ColumnLabel("meetings", who.column), who.id)
		}
	}
	if m.Kind == MeetingGroup {
		if m.GroupID == "" {
			return assets.Wrap(ErrInvalid, "Choose the party group that held this group meeting.")
		}
		var n int
		if err := tx.r.QueryRowContext(ctx, "SELECT count(*) FROM orgs WHERE id=? AND kind=? AND parent_id=? AND deleted=0",
			m.GroupID, KindGroup, m.OrgID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return assets.Wrap(ErrInvalid, "There is no party group %s in this branch.", m.GroupID)
		}
	} else {
		m.GroupID = ""
	}
	seen := map[string]bool{}
	for i := range m.Attendance {
		a := &m.Attendance[i]
		mem := roll[a.MemberID]
		if mem == nil {
			return assets.Wrap(ErrInvalid, "The member with ID %s is not on this branch's roll; list non-members as guests.", a.MemberID)
		}
		if seen[a.MemberID] {
			return assets.Wrap(ErrInvalid, "%s is listed twice in the attendance.", mem.Name)
		}
		seen[a.MemberID] = true
		st, ok := Attendance.Parse(a.Status)
		if !ok {
			return assets.Wrap(ErrInvalid, "Unknown attendance %s for %s. Use one of: %s.", a.Status, mem.Name, strings.Join(Attendance.Labels(), "、"))
		}
		if st == "" {
			st = AttendPresent
		}
		a.Status = st
		a.Voting = mem.Status == "full"
		a.Note = strings.TrimSpace(a.Note)
	}
	for i := range m.Items {
		it := &m.Items[i]
		it.Title, it.Done = strings.TrimSpace(it.Title), strings.TrimSpace(it.Done)
		if it.Kind != "set" && it.Kind != "own" {
			return fmt.Errorf("meeting item kind %q", it.Kind)
		}
		if it.Title == "" {
			return assets.Wrap(ErrInvalid, "Item %d has no title; enter what the item is or remove it.", i+1)
		}
	}
	return nil
}

// rollOf returns the members on an organisation's roll by ID.
func rollOf(ctx context.Context, q replica.Querier, orgID string) (map[string]*Member, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+memberCols+" FROM members WHERE org_id=? AND deleted=0 AND state IN ('','active')", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]*Member{}
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		out[m.ID] = &m
	}
	return out, rows.Err()
}

func (tx *Tx) putAttendance(ctx context.Context, m Meeting) error {
	keep := map[string]bool{}
	for _, a := range m.Attendance {
		id := attendanceID(m.ID, a.MemberID)
		keep[id] = true
		voting := int64(0)
		if a.Voting {
			voting = 1
		}
		if _, err := tx.r.Put(ctx, "meeting_attendance", id, map[string]any{"org_id": m.OrgID, "deleted": int64(0),
			"meeting_id": m.ID, "member_id": a.MemberID, "status": a.Status, "voting": voting, "note": a.Note}); err != nil {
			return err
		}
	}
	return tx.dropChildren(ctx, "meeting_attendance", m.ID, keep)
}

func (tx *Tx) putItems(ctx context.Context, m Meeting) error {
	keep := map[string]bool{}
	for i, it := range m.Items {
		if it.ID == "" {
			it.ID = NewID()
		}
		keep[it.ID] = true
		if _, err := tx.r.Put(ctx, "meeting_items", it.ID, map[string]any{"org_id": m.OrgID, "deleted": int64(0),
			"meeting_id": m.ID, "ord": int64(i + 1), "kind": it.Kind, "title": it.Title, "done": it.Done}); err != nil {
			return err
		}
	}
	return tx.dropChildren(ctx, "meeting_items", m.ID, keep)
}

// dropChildren deletes a meeting's rows in tbl that are not in keep.
func (tx *Tx) dropChildren(ctx context.Context, tbl, meetingID string, keep map[string]bool) error {
	return tx.dropRows(ctx, tbl, "meeting_id", meetingID, keep)
}

// dropRows deletes (tombstones) the rows of tbl whose column col holds parentID and that are
// not in keep.
func (tx *Tx) dropRows(ctx context.Context, tbl, col, parentID string, keep map[string]bool) error {
	rows, err := tx.r.QueryContext(ctx, "SELECT id FROM "+tbl+" WHERE "+col+"=? AND deleted=0", parentID)
	if err != nil {
		return err
	}
	var drop []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		if !keep[id] {
			drop = append(drop, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range drop {
		if err := tx.r.Delete(ctx, tbl, id); err != nil {
			return err
		}
	}
	return nil
}

// DeleteMeeting removes a meeting recorded by mistake, with its attendance, items and photos.
func (db *DB) DeleteMeeting(ctx context.Context, id string) error {
	return db.Write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.r.QueryRowContext(ctx, "SELECT count(*) FROM meetings WHERE id=? AND deleted=0", id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return assets.Wrap(ErrNotFound, "There is no meeting with ID %s.", id)
		}
		for _, t := range []string{"meeting_attendance", "meeting_items", "meeting_photos"} {
			if err := tx.dropChildren(ctx, t, id, nil); err != nil {
				return err
			}
		}
		return tx.r.Delete(ctx, "meetings", id)
	})
}
