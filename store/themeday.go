package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"zhibu/assets"
	"zhibu/store/rules"
)

// 主题党日: once a month on a fixed day (rules.ThemeDayDay), "x+X": the month's 规定动作 (set
// items, which the township may send down) and the branch's 自选动作 (own items). The month's
// programme is a theme_days row owned by whoever wrote it: the township's rows reach every
// village by sync; a village records its own when none came. The day itself is a meeting of
// kind theme-day whose items say what was done.

// Theme is a month's theme-day programme.
type Theme struct {
	ID       string   `json:"id"`
	OrgID    string   `json:"org_id"`
	Month    string   `json:"month"` // YYYY-MM
	Title    string   `json:"title"`
	SetItems []string `json:"set_items"` // 规定动作
	Note     string   `json:"note"`
	// FromTownship: the programme was sent down by the township.
	FromTownship bool `json:"from_township"`
}

var themeSpace = uuid.MustParse("6f7a6869-6275-5468-656d-650000000000")

func themeID(orgID, month string) string {
	return uuid.NewSHA1(themeSpace, []byte(orgID+"\x00"+month)).String()
}

// SetTheme stores the month's programme of this installation's organisation: on a township
// PC it is sent down to every village; on a village PC it is the branch's own.
func (db *DB) SetTheme(ctx context.Context, t Theme) (string, error) {
	p, err := ParsePeriod(t.Month)
	if err != nil || p.Kind != PeriodMonth {
		return "", assets.Wrap(ErrInvalid, "The month %s is not valid; write it as YYYY-MM, e.g. 2026-11.", t.Month)
	}
	t.Title = strings.TrimSpace(t.Title)
	if t.Title == "" {
		return "", assets.Wrap(ErrInvalid, "Enter the month's theme.")
	}
	var items []string
	for _, it := range t.SetItems {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	home, err := db.Home(ctx)
	if err != nil {
		return "", err
	}
	t.Month, t.SetItems = p.String(), items
	var id string
	err = db.Write(ctx, func(tx *Tx) error {
		id, err = tx.PutTheme(ctx, home.ID, t)
		return err
	})
	return id, err
}

// PutTheme stores an organisation's programme of a month (already validated) within a
// transaction: one row per organisation and month.
func (tx *Tx) PutTheme(ctx context.Context, orgID string, t Theme) (string, error) {
	id := themeID(orgID, t.Month)
	_, err := tx.r.Put(ctx, "theme_days", id, map[string]any{"org_id": orgID, "deleted": int64(0), "month": t.Month,
		"title": t.Title, "set_items": strings.Join(t.SetItems, "\n"), "note": strings.TrimSpace(t.Note)})
	return id, err
}

// ThemeFor returns the programme in force for an organisation's month: the township's if one
// came, else the branch's own. ok is false when there is none.
func (db *DB) ThemeFor(ctx context.Context, orgID, month string) (t Theme, ok bool, err error) {
	row := db.sql.QueryRowContext(ctx, `SELECT t.id, t.org_id, t.month, t.title, t.set_items, t.note, coalesce(o.kind,'')=?
		FROM theme_days t LEFT JOIN orgs o ON o.id=t.org_id
		WHERE t.month=? AND t.deleted=0 AND (t.org_id=? OR o.kind=?)
		ORDER BY coalesce(o.kind,'')=? DESC, t.id LIMIT 1`, KindTownship, month, orgID, KindTownship, KindTownship)
	var items string
	err = row.Scan(&t.ID, &t.OrgID, &t.Month, &t.Title, &items, &t.Note, &t.FromTownship)
	if errors.Is(err, sql.ErrNoRows) {
		return Theme{}, false, nil
	}
	if err != nil {
		return Theme{}, false, err
	}
	if items != "" {
		t.SetItems = strings.Split(items, "\n")
	}
	return t, true, nil
}

// ThemeDayOfMonth is the fixed day of the month in force (rules.ThemeDayDay).
func (db *DB) ThemeDayOfMonth(ctx context.Context) (int, error) {
	v, err := db.RuleValue(ctx, rules.ThemeDayDay.Key)
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 31 {
		return 0, fmt.Errorf("rule %s: %q is not a day of the month", rules.ThemeDayDay.Key, v)
	}
	return n, nil
}

// ThemeDayIn is the theme party day of a month: its fixed day, or its last day if shorter.
func (db *DB) ThemeDayIn(ctx context.Context, month Period) (time.Time, error) {
	n, err := db.ThemeDayOfMonth(ctx)
	return ThemeDayDate(month, n), err
}

// ThemeDayDate is the fixed day in a month (the month's last day if it is shorter).
func ThemeDayDate(month Period, day int) time.Time {
	last := month.Last().Day()
	return time.Date(month.Year, time.Month(month.Index), min(day, last), 0, 0, 0, 0, time.UTC)
}

// NewThemeDay returns the record of a month's theme day as the form starts it: the fixed day,
// the programme's theme and set items, and every member expected with their default status
// (present; a floating member 流动在外: DefaultStatus). If the month
// already has a theme-day record, that record is returned instead.
func (db *DB) NewThemeDay(ctx context.Context, orgID, month string) (Meeting, error) {
	p, err := ParsePeriod(month)
	if err != nil || p.Kind != PeriodMonth {
		return Meeting{}, assets.Wrap(ErrInvalid, "The month %s is not valid; write it as YYYY-MM, e.g. 2026-11.", month)
	}
	held, err := db.Meetings(ctx, MeetingFilter{OrgID: orgID, Kind: MeetingThemeDay, Period: &p})
	if err != nil {
		return Meeting{}, err
	}
	if len(held) > 0 {
		return db.Meeting(ctx, held[len(held)-1].ID)
	}
	day, err := db.ThemeDayIn(ctx, p)
	if err != nil {
		return Meeting{}, err
	}
	m := Meeting{OrgID: orgID, Kind: MeetingThemeDay, Date: fmtDay(day)}
	t, ok, err := db.ThemeFor(ctx, orgID, p.String())
	if err != nil {
		return Meeting{}, err
	}
	if ok {
		m.ThemeID, m.Topic = t.ID, t.Title
		for _, it := range t.SetItems {
			m.Items = append(m.Items, MeetingItem{Kind: "set", Title: it})
		}
	}
	if m.Attendance, err = db.NewAttendance(ctx, orgID, MeetingThemeDay, ""); err != nil {
		return Meeting{}, err
	}
	return m, nil
}
