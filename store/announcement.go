package store

import (
	"context"
	"strings"

	"zhibu/assets"
	"zhibu/store/replica"
)

// Announcements (通知) the township sends down: a title, a text, attachments of at most
// MaxAnnouncementFileBytes each, and the villages it is for. The rows belong to the
// township, so they travel to every village with the next sync (an announcement holds no
// personal data); a village shows the ones addressed to it. What each village has received,
// of these and of the month's theme, the notice templates and the rule settings, the
// township reads from the version vector the village's own bundles carry (SentDown).

// MaxAnnouncementFileBytes is the largest attachment of an announcement (1 MB): bundles go
// by USB stick and slow links.
const MaxAnnouncementFileBytes = 1 << 20

// Announcement is one 通知.
type Announcement struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Body     string   `json:"body"`
	Villages []string `json:"villages"` // village org IDs; empty: every village
	SentAt   string   `json:"sent_at"`
	Files    []string `json:"files"` // attachment names
}

// Attachment is a file sent with an announcement.
type Attachment struct {
	Name string
	Data []byte
}

// For reports whether the announcement is addressed to a village.
func (a Announcement) For(villageID string) bool {
	if len(a.Villages) == 0 {
		return true
	}
	for _, v := range a.Villages {
		if v == villageID {
			return true
		}
	}
	return false
}

// SendAnnouncement stores a township's announcement for the villages with the codes (none:
// every village) and returns its ID; it goes down with the next sync.
func (db *DB) SendAnnouncement(ctx context.Context, title, body string, codes []string, files []Attachment) (string, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return "", err
	}
	if home.Kind != KindTownship {
		return "", assets.Wrap(ErrDenied, "Only the township sends announcements down to the villages.")
	}
	if err := db.mayWrite(ctx); err != nil {
		return "", err
	}
	title, body = strings.TrimSpace(title), strings.TrimSpace(body)
	if title == "" || body == "" {
		return "", assets.Wrap(ErrInvalid, "Enter the announcement's title and text.")
	}
	if n := len([]rune(title)); n > 100 {
		return "", assets.Wrap(ErrInvalid, "The title is too long (%d characters; at most %d).", n, 100)
	}
	var ids []string
	for _, c := range codes {
		if c = strings.TrimSpace(c); c == "" {
			continue
		}
		o, err := db.villageByCode(ctx, c)
		if err != nil {
			return "", err
		}
		ids = append(ids, o.ID)
	}
	for _, f := range files {
		if len(f.Data) > MaxAnnouncementFileBytes {
			return "", assets.Wrap(ErrInvalid, "The attachment %s is %d KB; an attachment may have at most 1 MB. Make it smaller (e.g. save the document as PDF) and send it again.", f.Name, len(f.Data)/1024)
		}
		if strings.TrimSpace(f.Name) == "" || len(f.Data) == 0 {
			return "", assets.Wrap(ErrInvalid, "An attachment is empty or has no name.")
		}
	}
	files = append([]Attachment(nil), files...)
	for i, f := range files { // attachment_check.go
		if files[i].Name, files[i].Data, err = CheckAttachment(f.Name, f.Data); err != nil {
			return "", err
		}
	}
	id := NewID()
	err = db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.r.Put(ctx, "announcements", id, map[string]any{"org_id": home.ID, "title": title, "body": body,
			"villages": strings.Join(ids, ","), "sent_at": db.now().Format("2006-01-02 15:04")}); err != nil {
			return err
		}
		for _, f := range files {
			if _, err := tx.r.Put(ctx, "announcement_files", NewID(), map[string]any{"org_id": home.ID, "announcement_id": id,
				"name": strings.TrimSpace(f.Name), "data": f.Data}); err != nil {
				return err
			}
		}
		return nil
	})
	return id, err
}

// Announcements lists the announcements, newest first: on a village PC those addressed to
// it, on the township every one.
func (db *DB) Announcements(ctx context.Context) ([]Announcement, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return nil, err
	}
	type row struct {
		a        Announcement
		villages string
	}
	rows, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (row, error) {
		var r row
		return r, s.Scan(&r.a.ID, &r.a.Title, &r.a.Body, &r.villages, &r.a.SentAt)
	}, "SELECT id, title, body, villages, sent_at FROM announcements WHERE deleted=0 ORDER BY sent_at DESC, id DESC")
	if err != nil {
		return nil, err
	}
	files, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) ([2]string, error) {
		var f [2]string
		return f, s.Scan(&f[0], &f[1])
	}, "SELECT announcement_id, name FROM announcement_files WHERE deleted=0 ORDER BY name, id")
	if err != nil {
		return nil, err
	}
	out := []Announcement{}
	for _, r := range rows {
		a := r.a
		a.Villages, a.Files = []string{}, []string{}
		if r.villages != "" {
			a.Villages = strings.Split(r.villages, ",")
		}
		if home.Kind != KindTownship && !a.For(home.ID) {
			continue
		}
		for _, f := range files {
			if f[0] == a.ID {
				a.Files = append(a.Files, f[1])
			}
		}
		out = append(out, a)
	}
	return out, nil
}

// AnnouncementFile returns an attachment's bytes by announcement and name.
func (db *DB) AnnouncementFile(ctx context.Context, announcementID, name string) ([]byte, error) {
	var b []byte
	err := db.sql.QueryRowContext(ctx, "SELECT data FROM announcement_files WHERE announcement_id=? AND name=? AND deleted=0", announcementID, name).Scan(&b)
	if err != nil {
		return nil, assets.Wrap(ErrNotFound, "There is no attachment %s.", name)
	}
	return b, nil
}

// SentItem is one thing the township sent down: the month's theme, a notice template, a
// rule setting or an announcement.
type SentItem struct {
	Table    string   `json:"-"`
	ID       string   `json:"id"`
	Kind     string   `json:"kind"` // theme, template, rule, scheme, announcement
	Name     string   `json:"name"` // in Chinese
	Villages []string `json:"-"`    // the villages it is for; nil: every village
}

// Receipt is what one village has received of what was sent down.
type Receipt struct {
	OrgID    string          `json:"org_id"`
	OrgCode  string          `json:"org_code"`
	OrgName  string          `json:"org_name"`
	Received map[string]bool `json:"received"` // item ID → held by the village's PC
	Due      int             `json:"due"`      // items for this village
	Got      int             `json:"got"`
}

// SentDown lists what the township sent down for a month (its theme) and in force (notice
// templates, rule settings, announcements), and per village what its PC has received: an
// item counts as received when the village's newest bundle shows it held the item's current
// version.
func (db *DB) SentDown(ctx context.Context, month string) ([]SentItem, []Receipt, error) {
	home, err := db.Home(ctx)
	if err != nil {
		return nil, nil, err
	}
	var items []SentItem
	if t, ok, err := db.ThemeFor(ctx, home.ID, month); err != nil {
		return nil, nil, err
	} else if ok && t.OrgID == home.ID {
		items = append(items, SentItem{Table: "theme_days", ID: t.ID, Kind: "theme", Name: assets.T("Theme of %s: %s", month, t.Title)})
	}
	sets, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) ([2]string, error) {
		var x [2]string
		return x, s.Scan(&x[0], &x[1])
	}, "SELECT id, key FROM settings WHERE org_id=? AND deleted=0 AND (key LIKE 'rule.%' OR key LIKE 'notice.template.%') ORDER BY key", home.ID)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range sets {
		if strings.HasPrefix(s[1], "notice.template.") {
			items = append(items, SentItem{Table: "settings", ID: s[0], Kind: "template", Name: assets.T("Notice wording: %s", strings.TrimPrefix(s[1], "notice.template."))})
		} else {
			items = append(items, SentItem{Table: "settings", ID: s[0], Kind: "rule", Name: assets.T("Rule setting: %s", strings.TrimPrefix(s[1], "rule."))})
		}
	}
	if it, ok, err := db.schemeSent(ctx, home.ID, month); err != nil {
		return nil, nil, err
	} else if ok {
		items = append(items, it)
	}
	as, err := db.Announcements(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, a := range as {
		it := SentItem{Table: "announcements", ID: a.ID, Kind: "announcement", Name: assets.T("Announcement: %s", a.Title)}
		if len(a.Villages) > 0 {
			it.Villages = a.Villages
		}
		items = append(items, it)
	}
	villages, err := db.Orgs(ctx, KindVillage)
	if err != nil {
		return nil, nil, err
	}
	peers, err := db.r.Peers(ctx)
	if err != nil {
		return nil, nil, err
	}
	best := map[string]replica.Peer{}
	for _, p := range peers {
		if b, ok := best[p.OrgID]; !ok || p.LastSync > b.LastSync {
			best[p.OrgID] = p
		}
	}
	var out []Receipt
	for _, v := range villages {
		r := Receipt{OrgID: v.ID, OrgCode: v.Code, OrgName: v.Name, Received: map[string]bool{}}
		p, paired := best[v.ID]
		for _, it := range items {
			if it.Villages != nil && !(Announcement{Villages: it.Villages}).For(v.ID) {
				continue
			}
			r.Due++
			held := false
			if paired {
				if held, err = db.r.Held(ctx, p, it.Table, it.ID); err != nil {
					return nil, nil, err
				}
			}
			r.Received[it.ID] = held
			if held {
				r.Got++
			}
		}
		out = append(out, r)
	}
	return items, out, nil
}
