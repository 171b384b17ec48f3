package store

import "context"

// The attendance a new meeting's list starts with, in one place for every form, the CLI and
// the theme-day draft. DOMAIN (支部工作条例; 党章 第九条 on taking part in organisational life):
// 流动党员 attend remotely or not at all and must not be counted present by default nor absent
// without reason when excused; how they were reached (送学上门) is noted on their row.

// NoteTaughtAtHome is the note of a member away who was reached by 送学上门 (the study brought
// to them): a floating member so noted counts as taking part (DOMAIN, 党员平均参会率).
const NoteTaughtAtHome = "送学上门"

// DefaultStatus is the attendance a member starts with on a new meeting: present, except a
// floating member (党员类别 流动), who starts as 流动在外.
func DefaultStatus(m Member) string {
	if m.Category == "floating" {
		return AttendFloating
	}
	return AttendPresent
}

// DefaultAttendance is the starting list of a new meeting for the members expected at it.
func DefaultAttendance(exp []Member) []Attendee {
	out := make([]Attendee, 0, len(exp))
	for _, x := range exp {
		out = append(out, Attendee{MemberID: x.ID, Name: x.Name, Status: DefaultStatus(x), Voting: x.Status == "full"})
	}
	return out
}

// NewAttendance is the starting list of a new meeting of a kind (and party group, for a group
// meeting) of an organisation: the members expected, with their default status.
func (db *DB) NewAttendance(ctx context.Context, orgID, kind, groupID string) ([]Attendee, error) {
	exp, err := db.Expected(ctx, orgID, kind, groupID)
	if err != nil {
		return nil, err
	}
	return DefaultAttendance(exp), nil
}
