package store

import (
	"context"

	"zhibu/assets"
	"zhibu/store/replica"
)

// Who read a 通知: the first time someone on a village PC opens an announcement, the village
// records when and by whom (announcement_reads, the village's own row, so it goes up to the
// township with the next sync). The village's 通知 screen counts the ones nobody there has
// opened yet; the township lists per announcement which villages received and read it.

// Read is a village's first reading of an announcement.
type Read struct {
	At string `json:"read_at"` // YYYY-MM-DD HH:MM
	By string `json:"read_by"`
}

// MarkAnnouncementRead records that the logged-in user opened the announcement on this
// village PC, unless someone here already did (the first reading counts). A township PC
// records nothing. Reading is not a change of the records, so a read-only user counts too.
func (db *DB) MarkAnnouncementRead(ctx context.Context, announcementID string) error {
	home, err := db.Home(ctx)
	if err != nil || home.Kind == KindTownship || home.Kind == KindCounty {
		return err
	}
	u, ok := db.actor(ctx)
	if !ok {
		return assets.Wrap(ErrDenied, "Log in first: changes are recorded under the name of the person who makes them.")
	}
	var n int
	if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM announcements WHERE id=? AND deleted=0", announcementID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return assets.Wrap(ErrNotFound, "There is no such announcement.")
	}
	return db.write(ctx, func(tx *Tx) error {
		var seen int
		if err := tx.r.QueryRowContext(ctx, "SELECT count(*) FROM announcement_reads WHERE announcement_id=? AND org_id=? AND deleted=0",
			announcementID, home.ID).Scan(&seen); err != nil || seen > 0 {
			return err
		}
		_, err := tx.r.Put(ctx, "announcement_reads", NewID(), map[string]any{"org_id": home.ID, "announcement_id": announcementID,
			"read_at": db.now().Format("2006-01-02 15:04"), "read_by": u.Name})
		return err
	})
}

// AnnouncementReads maps announcement ID → village org ID → the village's first reading.
func (db *DB) AnnouncementReads(ctx context.Context) (map[string]map[string]Read, error) {
	type row struct {
		ann, org string
		r        Read
	}
	rows, err := replica.Collect(ctx, db.sql, func(s replica.Scanner) (row, error) {
		var r row
		return r, s.Scan(&r.ann, &r.org, &r.r.At, &r.r.By)
	}, "SELECT announcement_id, org_id, read_at, read_by FROM announcement_reads WHERE deleted=0 ORDER BY read_at, id")
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]Read{}
	for _, r := range rows {
		if out[r.ann] == nil {
			out[r.ann] = map[string]Read{}
		}
		if _, dup := out[r.ann][r.org]; !dup { // two PCs of one village: the first reading
			out[r.ann][r.org] = r.r
		}
	}
	return out, nil
}

// UnreadAnnouncements counts the announcements addressed to this village that nobody here
// has opened yet (0 on a township PC).
func (db *DB) UnreadAnnouncements(ctx context.Context) (int, error) {
	home, err := db.Home(ctx)
	if err != nil || home.Kind == KindTownship || home.Kind == KindCounty {
		return 0, err
	}
	as, err := db.Announcements(ctx)
	if err != nil {
		return 0, err
	}
	reads, err := db.AnnouncementReads(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, a := range as {
		if _, ok := reads[a.ID][home.ID]; !ok {
			n++
		}
	}
	return n, nil
}

// AnnouncementVillage is what one village has done with one announcement.
type AnnouncementVillage struct {
	OrgID    string `json:"org_id"`
	OrgCode  string `json:"org_code"`
	OrgName  string `json:"org_name"`
	Received bool   `json:"received"` // the village's PC holds it (its newest bundle says so)
	Read     *Read  `json:"read"`     // nil: not opened there yet (as far as the township knows)
}

// AnnouncementStatus is, for the township, one announcement with every village it is for.
type AnnouncementStatus struct {
	Announcement
	Villages []AnnouncementVillage `json:"to"`
	Received int                   `json:"received"`
	ReadBy   int                   `json:"read"`
}

// AnnouncementStatuses lists the township's announcements, newest first, each with who
// received and who read it, villages in code order.
func (db *DB) AnnouncementStatuses(ctx context.Context) ([]AnnouncementStatus, error) {
	as, err := db.Announcements(ctx)
	if err != nil {
		return nil, err
	}
	reads, err := db.AnnouncementReads(ctx)
	if err != nil {
		return nil, err
	}
	villages, err := db.Orgs(ctx, KindVillage)
	if err != nil {
		return nil, err
	}
	peers, err := db.r.Peers(ctx)
	if err != nil {
		return nil, err
	}
	best := map[string]replica.Peer{}
	for _, p := range peers {
		if b, ok := best[p.OrgID]; !ok || p.LastSync > b.LastSync {
			best[p.OrgID] = p
		}
	}
	out := make([]AnnouncementStatus, 0, len(as))
	for _, a := range as {
		st := AnnouncementStatus{Announcement: a, Villages: []AnnouncementVillage{}}
		for _, v := range villages {
			if !a.For(v.ID) {
				continue
			}
			av := AnnouncementVillage{OrgID: v.ID, OrgCode: v.Code, OrgName: v.Name}
			if r, ok := reads[a.ID][v.ID]; ok {
				r := r
				av.Read, av.Received = &r, true
			} else if p, ok := best[v.ID]; ok {
				if av.Received, err = db.r.Held(ctx, p, "announcements", a.ID); err != nil {
					return nil, err
				}
			}
			if av.Received {
				st.Received++
			}
			if av.Read != nil {
				st.ReadBy++
			}
			st.Villages = append(st.Villages, av)
		}
		out = append(out, st)
	}
	return out, nil
}
