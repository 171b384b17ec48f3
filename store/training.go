package store

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"zhibu/assets"
	"zhibu/store/replica"
	"zhibu/store/rules"
)

// 党员教育培训 学时 (中国共产党党员教育管理工作条例, 2019): a member needs 32 class hours a year of
// concentrated study and training (集中学习培训), a branch secretary or committee member 56, and
// a 预备党员 is trained once in the probation. The branch records each training its members
// attended (its own 专题党课 — whose date, topic and attendees can come from the meeting — or
// the township's 集中培训, the county party school, an online course) with its class hours;
// each member's hours for the year are summed against the requirement, the fourth quarter's
// check lists those still short, and the township sees its village secretaries' hours (书记
// 培训覆盖, source 003 「对全县党组织书记开展全覆盖培训」).

// SourceTraining names the rule's text, for findings.
const SourceTraining = "中国共产党党员教育管理工作条例（2019）"

// Kinds of training.
const (
	TrainingCentral = "central" // 集中培训
	TrainingSchool  = "school"  // 党校
	TrainingLecture = "lecture" // 专题党课
	TrainingOnline  = "online"  // 网络培训
)

var trainingKinds = []string{TrainingCentral, TrainingSchool, TrainingLecture, TrainingOnline}
var trainingKindLabels = map[string]string{TrainingCentral: "Concentrated training (kind)", TrainingSchool: "Party school",
	TrainingLecture: "Special party lecture", TrainingOnline: "Online training"}

// TrainingKinds lists the kinds in order.
func TrainingKinds() []string { return append([]string(nil), trainingKinds...) }

// TrainingKindLabel names a kind in Chinese.
func TrainingKindLabel(k string) string { return assets.T(trainingKindLabels[k]) }

// MaxTrainingTenths bounds one training's class hours (×10): a fortnight's full-time course.
const MaxTrainingTenths = 1200

var trainingSpace = uuid.MustParse("7d6f3c2a-1b8e-4f59-a0c4-5e2f9b6d8a13")

// Training is one training with who attended.
type Training struct {
	ID        string   `json:"id"`
	OrgID     string   `json:"org_id"`
	Title     string   `json:"title"`
	Date      string   `json:"date"`
	Hours     float64  `json:"hours"`
	Kind      string   `json:"kind"`
	Organiser string   `json:"organiser"`
	MeetingID string   `json:"meeting_id,omitempty"`
	Note      string   `json:"note"`
	Attendees []string `json:"attendees"` // member IDs
}

// NewTraining is what recording a training takes. With MeetingID (a 党课), an empty title,
// date or list of attendees comes from the meeting (its topic, date and those present).
type NewTraining struct {
	OrgID                                         string // the branch ("": this PC's own; the demo names a township's villages)
	Title, Date, Kind, Organiser, MeetingID, Note string
	Tenths                                        int // class hours × 10
	Attendees                                     []string
}

// ParseHours reads class hours ("3", "1.5") as tenths.
func ParseHours(s string) (int, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f <= 0 || f*10 > MaxTrainingTenths {
		return 0, assets.Wrap(ErrInvalid, "The class hours %s are not valid; write a number from 0.5 to %d, e.g. 3 or 1.5.", s, MaxTrainingTenths/10)
	}
	return int(f*10 + 0.5), nil
}

// AddTraining records a training of this branch's members and returns its ID.
func (db *DB) AddTraining(ctx context.Context, n NewTraining) (string, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return "", err
	}
	if n.OrgID != "" && n.OrgID != home.ID {
		if home, err = db.Org(ctx, n.OrgID); err != nil {
			return "", err
		}
	} else if home.Kind == KindTownship || home.Kind == KindCounty {
		return "", assets.Wrap(ErrDenied, "Trainings are recorded by the village branch whose members attended.")
	}
	if err := db.mayWrite(ctx); err != nil {
		return "", err
	}
	day, attendees, err := db.checkTraining(ctx, home, &n)
	if err != nil {
		return "", err
	}
	id := NewID()
	err = db.Write(ctx, func(tx *Tx) error { return tx.putTraining(ctx, id, home.ID, n, day, attendees) })
	return id, err
}

// checkTraining validates a training of the branch home's members, filling what a 党课
// meeting gives, and returns its day and the attendees.
func (db *DB) checkTraining(ctx context.Context, home Org, n *NewTraining) (time.Time, map[string]bool, error) {
	n.Title, n.Organiser, n.Note = strings.TrimSpace(n.Title), strings.TrimSpace(n.Organiser), strings.TrimSpace(n.Note)
	if n.MeetingID != "" {
		m, err := db.Meeting(ctx, n.MeetingID)
		if err != nil {
			return time.Time{}, nil, err
		}
		if m.Kind != "lecture" {
			return time.Time{}, nil, assets.Wrap(ErrInvalid, "Only a party lecture (党课) meeting can be taken as a training.")
		}
		if n.Title == "" {
			n.Title = m.Topic
		}
		if n.Date == "" {
			n.Date = m.Date
		}
		if n.Kind == "" {
			n.Kind = TrainingLecture
		}
		if n.Organiser == "" {
			n.Organiser = home.Name
		}
		if len(n.Attendees) == 0 {
			for _, a := range m.Attendance {
				if a.Status == AttendPresent {
					n.Attendees = append(n.Attendees, a.MemberID)
				}
			}
		}
	}
	if n.Title == "" {
		return time.Time{}, nil, assets.Wrap(ErrInvalid, "Enter what the training was about (its title).")
	}
	if k := len([]rune(n.Title)); k > 100 {
		return time.Time{}, nil, assets.Wrap(ErrInvalid, "The title is too long (%d characters; at most %d).", k, 100)
	}
	day, ok := parseDay(n.Date)
	if !ok {
		return time.Time{}, nil, assets.Wrap(ErrInvalid, "The date %s is not a date; write it as YYYY-MM-DD, e.g. 2026-12-31.", n.Date)
	}
	if day.After(db.today()) {
		return time.Time{}, nil, assets.Wrap(ErrInvalid, "The date %s is in the future; record a training after it took place.", n.Date)
	}
	if n.Kind == "" {
		n.Kind = TrainingCentral
	}
	if _, ok := trainingKindLabels[n.Kind]; !ok {
		return time.Time{}, nil, assets.Wrap(ErrInvalid, "The kind of training %s is not known; write central, school, lecture or online.", n.Kind)
	}
	if n.Tenths <= 0 || n.Tenths > MaxTrainingTenths {
		return time.Time{}, nil, assets.Wrap(ErrInvalid, "Enter the class hours of the training (from 0.5 to %d).", MaxTrainingTenths/10)
	}
	if len(n.Attendees) == 0 {
		return time.Time{}, nil, assets.Wrap(ErrInvalid, "Choose the members who attended.")
	}
	seen := map[string]bool{}
	for _, id := range n.Attendees {
		m, err := db.Member(ctx, id)
		if err != nil {
			return time.Time{}, nil, err
		}
		if m.OrgID != home.ID {
			return time.Time{}, nil, assets.Wrap(ErrInvalid, "%s is not a member of this branch.", m.Name)
		}
		seen[id] = true
	}
	return day, seen, nil
}

// putTraining writes a training and its attendance: the attendees not in the list any more
// are deleted (tombstones), so that an edit syncs as the change it is.
func (tx *Tx) putTraining(ctx context.Context, id, orgID string, n NewTraining, day time.Time, attendees map[string]bool) error {
	if _, err := tx.r.Put(ctx, "trainings", id, map[string]any{"org_id": orgID, "deleted": int64(0), "title": n.Title, "date": fmtDay(day),
		"tenths": int64(n.Tenths), "kind": n.Kind, "organiser": n.Organiser, "meeting_id": n.MeetingID, "note": n.Note}); err != nil {
		return err
	}
	keep := map[string]bool{}
	for m := range attendees {
		aid := uuid.NewSHA1(trainingSpace, []byte(id+"\x00"+m)).String()
		keep[aid] = true
		if _, err := tx.r.Put(ctx, "training_attendance", aid, map[string]any{"org_id": orgID, "deleted": int64(0), "training_id": id, "member_id": m}); err != nil {
			return err
		}
	}
	return tx.dropRows(ctx, "training_attendance", "training_id", id, keep)
}

// Trainings lists the trainings of a year, newest first: on a village its own, on the
// township every village's (or one's, orgID not "").
func (db *DB) Trainings(ctx context.Context, orgID string, year int) ([]Training, error) {
	ts, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (Training, error) {
		var t Training
		var tenths int
		err := s.Scan(&t.ID, &t.OrgID, &t.Title, &t.Date, &tenths, &t.Kind, &t.Organiser, &t.MeetingID, &t.Note)
		t.Hours = float64(tenths) / 10
		return t, err
	}, `SELECT id, org_id, title, date, tenths, kind, organiser, meeting_id, note FROM trainings
		WHERE deleted=0 AND (?='' OR org_id=?) AND substr(date,1,4)=? ORDER BY date DESC, id`, orgID, orgID, strconv.Itoa(year))
	if err != nil {
		return nil, err
	}
	at := map[string]*Training{}
	for i := range ts {
		ts[i].Attendees = []string{}
		at[ts[i].ID] = &ts[i]
	}
	type att struct{ t, m string }
	as, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (att, error) {
		var a att
		return a, s.Scan(&a.t, &a.m)
	}, `SELECT a.training_id, a.member_id FROM training_attendance a JOIN trainings t ON t.id=a.training_id
		WHERE a.deleted=0 AND t.deleted=0 AND (?='' OR t.org_id=?) AND substr(t.date,1,4)=?`, orgID, orgID, strconv.Itoa(year))
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		if t := at[a.t]; t != nil {
			t.Attendees = append(t.Attendees, a.m)
		}
	}
	return ts, nil
}

// MemberHours is one member's class hours of a year against the requirement.
type MemberHours struct {
	MemberID string  `json:"id"`
	Name     string  `json:"name"`
	OrgID    string  `json:"org_id"`
	Position string  `json:"position"`
	Status   string  `json:"status"`
	Hours    float64 `json:"hours"`
	Required int     `json:"required"`
	Short    bool    `json:"short"`     // fewer hours than required
	Trained  int     `json:"trainings"` // trainings attended in the year
	// EverTrained: a 预备党员 attended a training since joining (trained once in the probation).
	EverTrained bool `json:"trained_since_joining"`
	tenths      int
}

// TrainingHours sums each member's class hours of the year (members on the roll): on a
// village its own, on the township every village's (or one's).
func (db *DB) TrainingHours(ctx context.Context, orgID string, year int) ([]MemberHours, error) {
	member, err := db.ruleInt(ctx, rules.TrainingMemberHours.Key)
	if err != nil {
		return nil, err
	}
	cadre, err := db.ruleInt(ctx, rules.TrainingCadreHours.Key)
	if err != nil {
		return nil, err
	}
	ms, err := db.Members(ctx, MemberFilter{OrgID: orgID})
	if err != nil {
		return nil, err
	}
	type sum struct {
		m           string
		tenths, n   int
		lastTrained string
	}
	ss, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (sum, error) {
		var x sum
		return x, s.Scan(&x.m, &x.tenths, &x.n, &x.lastTrained)
	}, `SELECT a.member_id, coalesce(sum(CASE WHEN substr(t.date,1,4)=? THEN t.tenths ELSE 0 END),0),
		coalesce(sum(substr(t.date,1,4)=?),0), coalesce(max(t.date),'')
		FROM training_attendance a JOIN trainings t ON t.id=a.training_id
		WHERE a.deleted=0 AND t.deleted=0 AND (?='' OR t.org_id=?) GROUP BY a.member_id`, strconv.Itoa(year), strconv.Itoa(year), orgID, orgID)
	if err != nil {
		return nil, err
	}
	by := map[string]sum{}
	for _, s := range ss {
		by[s.m] = s
	}
	out := []MemberHours{}
	for _, m := range ms {
		s := by[m.ID]
		h := MemberHours{MemberID: m.ID, Name: m.Name, OrgID: m.OrgID, Position: m.Position, Status: m.Status,
			Hours: float64(s.tenths) / 10, Required: member, Trained: s.n, tenths: s.tenths}
		if m.Position == "secretary" || m.Position == "deputy" || m.Position == "committee" {
			h.Required = cadre
		}
		h.Short = s.tenths < h.Required*10
		h.EverTrained = s.lastTrained != "" && s.lastTrained >= m.JoinedDate
		out = append(out, h)
	}
	return out, nil
}

func init() { RegisterChecker(checkTraining) }

// checkTraining: in the fourth quarter (or for the whole year) the members still short of
// their class hours, the committee apart from the members; at any time the 预备党员 not yet
// trained since joining.
func checkTraining(ctx context.Context, db *DB, orgID, period string) ([]Finding, error) {
	p, err := ParsePeriod(period)
	if err != nil {
		return nil, err
	}
	hs, err := db.TrainingHours(ctx, orgID, p.Year)
	if err != nil {
		return nil, err
	}
	var out []Finding
	due := strconv.Itoa(p.Year) + "-12-31"
	if p.Last().Month() >= 10 { // a period ending in the fourth quarter: time to catch up
		var cadres, members []string
		memberHours := db.mustRuleInt(ctx, rules.TrainingMemberHours.Key) // read once, not once per member
		for _, h := range hs {
			if !h.Short {
				continue
			}
			s := assets.T("%s %s hours", h.Name, fmtHours(h.tenths))
			if h.Required > memberHours {
				cadres = append(cadres, s)
			} else {
				members = append(members, s)
			}
		}
		add := func(kind string, names []string, need int, title string) {
			if len(names) == 0 {
				return
			}
			out = append(out, Finding{Kind: kind, Severity: SeverityWarning, OrgID: orgID, Due: due, Source: SourceTraining,
				Title:  assets.T(title, len(names), need, p.Year, listSome(names, 6)),
				Action: assets.T("Arrange concentrated study or training before the year ends and record it (党员教育培训).")})
		}
		add("training_short_cadre", cadres, db.mustRuleInt(ctx, rules.TrainingCadreHours.Key),
			"%d committee members have fewer than the %d class hours required in %d: %s.")
		add("training_short", members, memberHours,
			"%d members have fewer than the %d class hours required in %d: %s.")
	}
	nf, err := db.newSecretaryFindings(ctx, orgID, period)
	if err != nil {
		return nil, err
	}
	out = append(out, nf...)
	var probation []string
	for _, h := range hs {
		if h.Status == "probationary" && !h.EverTrained {
			probation = append(probation, h.Name)
		}
	}
	if len(probation) > 0 {
		sort.Strings(probation)
		out = append(out, Finding{Kind: "training_probation", Severity: SeverityInfo, OrgID: orgID, Due: due, Source: SourceTraining,
			Title:  assets.T("Probationary members not yet trained since joining: %s.", listSome(probation, 6)),
			Action: assets.T("A probationary member takes part in a concentrated training once during the probation.")})
	}
	return out, nil
}

func (db *DB) mustRuleInt(ctx context.Context, key string) int {
	n, _ := db.ruleInt(ctx, key)
	return n
}

// fmtHours shows tenths of hours as "3" or "1.5".
func fmtHours(tenths int) string {
	if tenths%10 == 0 {
		return strconv.Itoa(tenths / 10)
	}
	return strconv.FormatFloat(float64(tenths)/10, 'f', 1, 64)
}

// FmtHours shows class hours as "3" or "1.5".
func FmtHours(h float64) string { return fmtHours(int(h*10 + 0.5)) }

// listSome joins the first n items with 、 and says how many more.
func listSome(xs []string, n int) string {
	if len(xs) <= n {
		return strings.Join(xs, "、")
	}
	return strings.Join(xs[:n], "、") + assets.T(" and %d more", len(xs)-n)
}

// newSecretaryMonths: 中国共产党党员教育管理工作条例 (2019): a newly appointed secretary of a
// basic-level party organisation is trained within half a year of taking office (DOMAIN.md,
// Training; article not verified, see the test). The day of taking office is the member's
// 任职时间 (position_since), entered by the branch; a secretary whose 任职时间 is not filled in
// gives no finding (the member file shows 「任职时间未填」 instead). Any training attended on or
// after that day counts.
const newSecretaryMonths = 6

// newSecretaryFindings names, for each branch, a secretary who took office within the last half
// year or so (by their 任职时间) and has not attended a training since: information while the
// half year runs, a warning once it is over, until a year after taking office (by then the
// yearly hours of training_short_cadre speak for the secretary).
func (db *DB) newSecretaryFindings(ctx context.Context, orgID, period string) ([]Finding, error) {
	asOf, err := db.checkAsOf(period)
	if err != nil {
		return nil, err
	}
	type sec struct {
		id, org, name, since, trained string
	}
	ss, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (sec, error) {
		var x sec
		return x, s.Scan(&x.id, &x.org, &x.name, &x.since, &x.trained)
	}, `SELECT m.id, m.org_id, m.name, m.position_since,
			coalesce((SELECT max(t.date) FROM training_attendance a JOIN trainings t ON t.id=a.training_id
				WHERE a.member_id=m.id AND a.deleted=0 AND t.deleted=0), '')
		FROM members m
		WHERE m.deleted=0 AND m.position='secretary' AND m.position_since<>'' AND (?='' OR m.org_id=?)`, orgID, orgID)
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, x := range ss {
		set, ok := parseDate(x.since)
		if !ok || x.trained >= x.since || set.After(asOf) || set.AddDate(1, 0, 0).Before(asOf) {
			continue // unknown, trained since, not yet in office, or no longer new (a year on, the yearly 56 hours speak)
		}
		due := addMonths(set, newSecretaryMonths)
		f := Finding{Kind: "training_new_secretary", Severity: SeverityInfo, OrgID: x.org, Subject: x.id, Due: fmtDay(due),
			Source: SourceTraining + "（任职时间按党员档案）",
			Title:  assets.T("%s became secretary on %s and has not attended a training since; a new secretary is trained within half a year, by %s.", x.name, x.since, fmtDay(due)),
			Action: assets.T("Send the new secretary to the township's or county's training for secretaries and record it (党员教育培训).")}
		if due.Before(asOf) {
			f.Severity = SeverityWarning
		}
		out = append(out, f)
	}
	return out, nil
}
