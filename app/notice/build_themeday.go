package notice

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg" // meeting photos are JPEG or PNG
	_ "image/png"
	"strconv"
	"strings"
	"time"

	"zhibu/assets"
	"zhibu/store"
)

// The 主题党日活动情况 notice: printed after the day from the meeting record itself — what
// was done for each item, who came, and a few of the photos.

// Photo limits on the notice: a few photos, scaled down so the PDF stays small.
const (
	maxNoticePhotos = 6
	noticePhotoPx   = 640 // the longer side, in pixels (≈ 200 dpi at the printed size)
)

func buildThemeDayReport(ctx context.Context, b *build) error {
	if b.req.Subject == "" {
		return assets.Errorf("Name the theme-day record to print with --subject (its ID; \"zhibu meeting list --kind theme-day\" shows them).")
	}
	m, err := b.db.Meeting(ctx, b.req.Subject)
	if err != nil {
		return err
	}
	if m.OrgID != b.org.ID {
		return assets.Errorf("The meeting %s belongs to another organisation.", m.ID)
	}
	if m.Kind != store.MeetingThemeDay {
		return assets.Errorf("The meeting %s is not a theme party day; this notice reports a theme party day.", m.ID)
	}
	day, err := time.Parse(time.DateOnly, m.Date)
	if err != nil {
		return assets.Errorf("The meeting %s has no valid date.", m.ID)
	}
	b.period = store.MonthOf(day)
	b.data.Period, b.data.EventDate, b.data.Place = b.period.Label(), ShortDate(day), m.Place
	b.data.Subject = m.Topic
	if m.ThemeID != "" || m.Topic == "" {
		if th, ok, err := b.db.ThemeFor(ctx, b.org.ID, b.period.String()); err == nil && ok && th.Title != "" {
			b.data.Subject = th.Title
		}
	}

	items := Table{Caption: assets.T("How the items went"), Columns: []Column{{Header: assets.T("No."), Weight: 0.7},
		{Header: assets.T("Activity"), Weight: 2.6, Align: "L"}, {Header: assets.T("Kind of item"), Weight: 1.3},
		{Header: assets.T("What was done"), Weight: 3.4, Align: "L"}},
		Empty: assets.T("The record lists no items.")}
	for i, it := range m.Items {
		kind := assets.T("set item")
		if it.Kind == "own" {
			kind = assets.T("own item")
		}
		items.Rows = append(items.Rows, []string{seq(i), it.Title, kind, it.Done})
	}

	// Attendance by status, in the order of the statuses, with the names.
	// A floating member reached by 送学上门 takes part (DOMAIN, 党员平均参会率) though not
	// there: the name says so and the opening line counts them among the 流动在外.
	names := map[string][]string{}
	reached := 0
	for _, a := range m.Attendance {
		name := a.Name
		if a.Status == store.AttendFloating && a.Note == store.NoteTaughtAtHome {
			name = assets.T("%s (送学上门)", a.Name)
			reached++
		}
		names[a.Status] = append(names[a.Status], name)
		b.doc.Subjects = append(b.doc.Subjects, a.Name)
	}
	att := Table{Caption: assets.T("Attendance at the day"), Columns: []Column{{Header: assets.T("Attendance at the day"), Weight: 1.6},
		{Header: assets.T("Number of people"), Weight: 0.9}, {Header: assets.T("Names (notice)"), Weight: 5.5, Align: "L", Names: true}},
		Empty: assets.T("No attendance was recorded.")}
	var absent []string
	for _, st := range store.Attendance.Slugs() {
		ns := names[st]
		if len(ns) == 0 {
			continue
		}
		label := store.Attendance.Label(st)
		att.Rows = append(att.Rows, []string{label, strconv.Itoa(len(ns)), strings.Join(ns, "、")})
		if st != store.AttendPresent {
			absent = append(absent, assets.T("%s %d", label, len(ns)))
			b.data.Absent += len(ns)
		}
	}
	b.data.Expected, b.data.Present = len(m.Attendance), len(names[store.AttendPresent])
	b.data.Absence = strings.Join(absent, "、")
	if reached > 0 {
		b.data.Absence += assets.T(", of them %d reached by 送学上门", reached)
	}
	b.data.Count = len(items.Rows)
	b.doc.Tables = []Table{items, att}

	photos, err := b.db.Photos(ctx, m.ID)
	if err != nil {
		return err
	}
	for _, p := range photos[:min(len(photos), maxNoticePhotos)] {
		data, err := b.db.PhotoImage(ctx, p.ID)
		if err != nil {
			return err
		}
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			continue // the store accepts only readable photos; a damaged one is left out
		}
		small, err := store.Thumbnail(img, noticePhotoPx)
		if err != nil {
			return err
		}
		b.doc.Photos = append(b.doc.Photos, small)
	}
	b.data.Photos = len(photos)
	return nil
}
