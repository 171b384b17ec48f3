package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/store/rules"
)

// MeetingSummary is a meeting as listed: its record without minutes, with the attendance
// counted and the quorum checked.
type MeetingSummary struct {
	ID        string `json:"id"`
	OrgID     string `json:"org_id"`
	Kind      string `json:"kind"`
	KindLabel string `json:"kind_label"`
	Date      string `json:"date"`
	Time      string `json:"time"`
	Topic     string `json:"topic"`
	Place     string `json:"place"`
	GroupID   string `json:"group_id,omitempty"`
	Expected  int    `json:"expected"`  // 应到
	Present   int    `json:"present"`   // 实到
	Absent    int    `json:"absent"`    // 缺席 of every reason
	Floating  int    `json:"floating"`  // absent as 流动在外 (excused)
	Unexcused int    `json:"unexcused"` // 无故缺席
	Reached   int    `json:"reached"`   // floating members reached another way (送学上门 …, noted)
	// QuorumRequired: the kind needs a quorum (general and committee meetings); Quorum: it
	// was reached (always true when not required).
	QuorumRequired bool   `json:"quorum_required"`
	Quorum         bool   `json:"quorum"`
	QuorumRule     string `json:"quorum_rule,omitempty"` // the quorum rule's key
	Photos         int    `json:"photos"`
	// Recorded is when the meeting was first entered (on whichever PC), from the change log.
	Recorded time.Time `json:"recorded"`
}

// Rate is the share of expected members present (1 when nobody was expected).
func (s MeetingSummary) Rate() float64 {
	if s.Expected == 0 {
		return 1
	}
	return float64(s.Present) / float64(s.Expected)
}

// ExcusedRate is the attendance with excused floating members left out of 应到: the figure
// compared with the attendance rule.
func (s MeetingSummary) ExcusedRate() float64 {
	n := s.Expected - s.Floating
	if n <= 0 {
		return 1
	}
	return float64(s.Present) / float64(n)
}

// MeetingFilter selects meetings for a list.
type MeetingFilter struct {
	OrgID  string  // "" for every organisation
	Kind   string  // "" for every kind
	Period *Period // nil for all time
}

// meetingCols are the meetings columns a Meeting is read from (the table's descriptor).
func meetingCols() string { return mustTable("meetings").selectList() }

func scanMeeting(s interface{ Scan(...any) error }) (Meeting, error) {
	var m Meeting
	err := m.bind().scan(s)
	return m, err
}

// Meeting returns one meeting with its attendance (members by name order) and items.
func (db *DB) Meeting(ctx context.Context, id string) (Meeting, error) {
	m, err := scanMeeting(db.sql.QueryRowContext(ctx, "SELECT "+meetingCols()+" FROM meetings WHERE id=? AND deleted=0", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Meeting{}, assets.Wrap(ErrNotFound, "There is no meeting with ID %s.", id)
	}
	if err != nil {
		return Meeting{}, err
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT a.member_id, coalesce(m.name,''), a.status, a.voting, a.note
		FROM meeting_attendance a LEFT JOIN members m ON m.id=a.member_id
		WHERE a.meeting_id=? AND a.deleted=0 ORDER BY m.sort_key, a.member_id`, id)
	if err != nil {
		return Meeting{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var a Attendee
		if err := rows.Scan(&a.MemberID, &a.Name, &a.Status, &a.Voting, &a.Note); err != nil {
			return Meeting{}, err
		}
		m.Attendance = append(m.Attendance, a)
	}
	if err := rows.Err(); err != nil {
		return Meeting{}, err
	}
	irows, err := db.sql.QueryContext(ctx, "SELECT id, kind, title, done FROM meeting_items WHERE meeting_id=? AND deleted=0 ORDER BY ord, id", id)
	if err != nil {
		return Meeting{}, err
	}
	defer irows.Close()
	for irows.Next() {
		var it MeetingItem
		if err := irows.Scan(&it.ID, &it.Kind, &it.Title, &it.Done); err != nil {
			return Meeting{}, err
		}
		m.Items = append(m.Items, it)
	}
	return m, irows.Err()
}

// MeetingSummary returns one meeting as listed.
func (db *DB) MeetingSummary(ctx context.Context, id string) (MeetingSummary, error) {
	list, err := db.meetingSummaries(ctx, "m.id=?", id)
	if err != nil {
		return MeetingSummary{}, err
	}
	if len(list) == 0 {
		return MeetingSummary{}, assets.Wrap(ErrNotFound, "There is no meeting with ID %s.", id)
	}
	return list[0], nil
}

// Meetings lists meetings, oldest first.
func (db *DB) Meetings(ctx context.Context, f MeetingFilter) ([]MeetingSummary, error) {
	conds := []string{"1=1"}
	var args []any
	if f.OrgID != "" {
		conds = append(conds, "m.org_id=?")
		args = append(args, f.OrgID)
	}
	if f.Kind != "" {
		conds = append(conds, "m.kind=?")
		args = append(args, f.Kind)
	}
	if f.Period != nil {
		conds = append(conds, "m.date BETWEEN ? AND ?")
		args = append(args, f.Period.FirstDay(), f.Period.LastDay())
	}
	where := strings.Join(conds, " AND ")
	// The year's meetings with their attendance tallies are what the home's KPI block, its
	// findings and its star rating all start from: loaded once per state of the records.
	list, err := shared(ctx, db, fmt.Sprintf("meetings %s %q", where, args), func() ([]MeetingSummary, error) {
		return db.meetingSummaries(ctx, where, args...)
	})
	return slices.Clone(list), err // the caller's to change
}

func (db *DB) meetingSummaries(ctx context.Context, where string, args ...any) ([]MeetingSummary, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT m.id, m.org_id, m.kind, m.date, m.time, m.topic, m.place, m.group_id,
		count(a.id), coalesce(sum(a.status='present'),0), coalesce(sum(a.status='floating'),0), coalesce(sum(a.status='unexcused'),0),
		coalesce(sum(a.voting),0), coalesce(sum(a.voting AND a.status='present'),0),
		coalesce(sum(a.status='floating' AND a.note<>''),0),
		(SELECT count(*) FROM meeting_photos p WHERE p.meeting_id=m.id AND p.deleted=0),
		coalesce((SELECT r.born FROM crr_rows r WHERE r.row_id=m.id AND r.tbl=(SELECT id FROM crr_names WHERE name='meetings')),0)
		FROM meetings m LEFT JOIN meeting_attendance a ON a.meeting_id=m.id AND a.deleted=0
		WHERE m.deleted=0 AND `+where+` GROUP BY m.id ORDER BY m.date, m.time, m.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	quorum := map[string]string{} // rule key → value in force
	for _, k := range rules.MeetingKinds {
		if k.Quorum != nil {
			v, err := db.RuleValue(ctx, k.Quorum.Key)
			if err != nil {
				return nil, err
			}
			quorum[k.Quorum.Key] = v
		}
	}
	out := []MeetingSummary{}
	for rows.Next() {
		var s MeetingSummary
		var voting, votingPresent int
		var recorded int64
		if err := rows.Scan(&s.ID, &s.OrgID, &s.Kind, &s.Date, &s.Time, &s.Topic, &s.Place, &s.GroupID, &s.Expected, &s.Present,
			&s.Floating, &s.Unexcused, &voting, &votingPresent, &s.Reached, &s.Photos, &recorded); err != nil {
			return nil, err
		}
		if recorded != 0 {
			s.Recorded = replica.HLC(recorded).Wall()
		}
		s.KindLabel = MeetingKind.Label(s.Kind)
		s.Absent = s.Expected - s.Present
		s.Quorum = true
		if k, ok := rules.Kind(s.Kind); ok && k.Quorum != nil {
			s.QuorumRequired = true
			s.QuorumRule = k.Quorum.Key
			if k.QuorumVoting {
				s.Quorum = AtLeast(votingPresent, voting, quorum[k.Quorum.Key])
			} else {
				s.Quorum = AtLeast(s.Present, s.Expected, quorum[k.Quorum.Key])
			}
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// QuorumWarning is the sentence shown when a meeting that needs a quorum did not reach it
// ("" when it did), citing the rule's article.
func (s MeetingSummary) QuorumWarning() string {
	if !s.QuorumRequired || s.Quorum {
		return ""
	}
	if s.Expected == 0 && s.Kind == MeetingCommittee {
		return assets.T("No committee member is recorded, so nobody is expected at a 支委会. Mark the 书记, 副书记 and 委员 (党内职务) first: on the home screen, or in each member's file.")
	}
	r, _ := rules.Lookup(s.QuorumRule)
	return assets.T("Warning: only %d of %d expected were present, fewer than half (%s): the meeting has no quorum and its decisions are not valid.",
		s.Present, s.Expected, r.Source)
}

// AtLeast reports whether n out of total is at least the fraction ("1/2"): the quorum test
// of "半数以上", where 以上 includes the figure itself (条例 第十一条, 第十二条). Nobody
// present of nobody expected is not a quorum.
func AtLeast(n, total int, fraction string) bool {
	num, den := parseFraction(fraction)
	if total == 0 {
		return false
	}
	return n*den >= total*num
}

// MoreThan reports whether n out of total is more than the fraction: the test of "超过半数"
// (a vote that must exceed half). Nothing of nothing is not more.
func MoreThan(n, total int, fraction string) bool {
	num, den := parseFraction(fraction)
	if total == 0 {
		return false
	}
	return n*den > total*num
}

// AtMost reports whether n out of total is at most the fraction (the 1/3 优秀 limit).
func AtMost(n, total int, fraction string) bool {
	num, den := parseFraction(fraction)
	return n*den <= total*num
}

// parseFraction reads "a/b" (or a whole number); a bad value reads as 1/2.
func parseFraction(s string) (int, int) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "/")
	num, err1 := strconv.Atoi(strings.TrimSpace(a))
	den := 1
	var err2 error
	if ok {
		den, err2 = strconv.Atoi(strings.TrimSpace(b))
	}
	if err1 != nil || err2 != nil || den <= 0 || num < 0 {
		return 1, 2
	}
	return num, den
}

// Expected lists the members expected at a meeting of the kind (应到), in name order: the
// roll; for a committee meeting the committee (书记, 副书记, 委员); for a group meeting the
// group's members.
func (db *DB) Expected(ctx context.Context, orgID, kind, groupID string) ([]Member, error) {
	ms, err := db.Members(ctx, MemberFilter{OrgID: orgID})
	if err != nil {
		return nil, err
	}
	var out []Member
	for _, m := range ms {
		if expectedAt(m, kind, groupID) {
			out = append(out, m)
		}
	}
	return out, nil
}

func expectedAt(m Member, kind, groupID string) bool {
	k, _ := rules.Kind(kind)
	switch k.Expect {
	case rules.ExpectCommittee:
		return isCommittee(m)
	case rules.ExpectGroup:
		return m.GroupID == groupID
	}
	return true
}

// isCommittee reports whether a member sits on the branch committee (书记, 副书记, 委员).
func isCommittee(m Member) bool {
	return m.Position == "secretary" || m.Position == "deputy" || m.Position == "committee"
}
