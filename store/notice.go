package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"zhibu/assets"
	"zhibu/store/replica"
)

// Wall notices (公示栏, 党务公开条例 2017): the record that a notice was printed and posted,
// with a photo as proof; the township's wording templates; the branch's objection contact.

// MaxNoticePhotoBytes bounds the photo of a posted notice (5 MB).
const MaxNoticePhotoBytes = 5 << 20

// Notice is a notice printed for the board.
type Notice struct {
	ID        string `json:"id"`
	OrgID     string `json:"org_id"`
	Kind      string `json:"kind"`
	Period    string `json:"period"`
	Subject   string `json:"subject,omitempty"`
	PrintedAt string `json:"printed_at"`
	PostedAt  string `json:"posted_at,omitempty"`
	HasPhoto  bool   `json:"has_photo"`
}

var noticeSpace = uuid.MustParse("6f7a6869-6275-4e6f-7469-636500000000")

// noticeID is derived from what the notice is, so printing it again (or on a second PC)
// updates one row instead of adding another.
func noticeID(orgID, kind, period, subject string) string {
	return uuid.NewSHA1(noticeSpace, []byte(orgID+"\x00"+kind+"\x00"+period+"\x00"+subject)).String()
}

// RecordNoticePrinted notes that a notice was printed now and returns its ID.
func (db *DB) RecordNoticePrinted(ctx context.Context, orgID, kind, period, subject string) (string, error) {
	id := noticeID(orgID, kind, period, subject)
	err := db.Write(ctx, func(tx *Tx) error {
		_, err := tx.r.Put(ctx, "notices", id, map[string]any{"org_id": orgID, "deleted": int64(0), "kind": kind,
			"period": period, "subject": subject, "printed_at": db.now().Format("2006-01-02 15:04")})
		return err
	})
	return id, err
}

// MarkNoticePosted records the day a notice went up on the board and, if given, a photo of
// the posted sheet (JPEG or PNG, at most 5 MB).
func (db *DB) MarkNoticePosted(ctx context.Context, id, date string, photo []byte) error {
	if _, ok := parseDay(date); !ok {
		return assets.Wrap(ErrInvalid, "The date %s is not valid; write it as YYYY-MM-DD, e.g. 2026-11-30.", date)
	}
	if photo != nil {
		if len(photo) > MaxNoticePhotoBytes {
			return assets.Wrap(ErrInvalid, "The photo is larger than 5 MB. Take it again with a smaller size, or shrink it first.")
		}
		if _, err := decodePhoto("", photo); err != nil {
			return err
		}
	}
	return db.Write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.r.QueryRowContext(ctx, "SELECT count(*) FROM notices WHERE id=? AND deleted=0", id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return assets.Wrap(ErrNotFound, "There is no printed notice with ID %s. Print the notice first.", id)
		}
		vals := map[string]any{"posted_at": date}
		if photo != nil {
			vals["photo"] = photo
		}
		_, err := tx.r.Put(ctx, "notices", id, vals)
		return err
	})
}

const noticeCols = "id, org_id, kind, period, subject, printed_at, posted_at, photo IS NOT NULL AND length(photo)>0"

func scanNotice(s interface{ Scan(...any) error }) (Notice, error) {
	var n Notice
	err := s.Scan(&n.ID, &n.OrgID, &n.Kind, &n.Period, &n.Subject, &n.PrintedAt, &n.PostedAt, &n.HasPhoto)
	return n, err
}

// Notices lists an organisation's printed notices, newest first.
func (db *DB) Notices(ctx context.Context, orgID string) ([]Notice, error) {
	return replica.Collect(ctx, db.sql, scanNotice, "SELECT "+noticeCols+" FROM notices WHERE org_id=? AND deleted=0 ORDER BY printed_at DESC, id", orgID)
}

// Notice returns one printed notice.
func (db *DB) Notice(ctx context.Context, id string) (Notice, error) {
	n, err := scanNotice(db.sql.QueryRowContext(ctx, "SELECT "+noticeCols+" FROM notices WHERE id=? AND deleted=0", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Notice{}, assets.Wrap(ErrNotFound, "There is no printed notice with ID %s. Print the notice first.", id)
	}
	return n, err
}

// NoticePhoto returns the photo of a posted notice (nil if none).
func (db *DB) NoticePhoto(ctx context.Context, id string) ([]byte, error) {
	var b []byte
	err := db.sql.QueryRowContext(ctx, "SELECT photo FROM notices WHERE id=? AND deleted=0", id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return b, err
}

// NoticeTemplateKey is the setting under which the township sends down its wording of a
// notice kind.
func NoticeTemplateKey(kind string) string { return "notice.template." + kind }

// NoticeTemplate returns the township's wording of a notice kind, if it has sent one (on a
// village PC: once it has arrived by sync).
func (db *DB) NoticeTemplate(ctx context.Context, kind string) (string, bool, error) {
	var v string
	err := db.sql.QueryRowContext(ctx, `SELECT s.value FROM settings s JOIN orgs o ON o.id=s.org_id
		WHERE s.key=? AND s.deleted=0 AND o.kind=? ORDER BY s.id LIMIT 1`, NoticeTemplateKey(kind), KindTownship).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) || err == nil && strings.TrimSpace(v) == "" {
		return "", false, nil
	}
	return v, err == nil, err
}

// SetNoticeTemplate stores the township's wording of a notice kind ("" returns to the
// built-in wording). Only a township PC may send templates down; the caller checks that the
// text is a valid template first.
func (db *DB) SetNoticeTemplate(ctx context.Context, kind, text string) error {
	home, err := db.Home(ctx)
	if err != nil {
		return err
	}
	if home.Kind != KindTownship {
		return assets.Wrap(ErrDenied, "Only the township sets the wording of notices; it reaches the villages with the next sync.")
	}
	return db.SetSetting(ctx, home.ID, NoticeTemplateKey(kind), text)
}

// NoticeContact is what a notice prints about who issues it and how to object.
type NoticeContact struct {
	Person string `json:"person"` // 联系人
	Phone  string `json:"phone"`  // 监督电话
	Issuer string `json:"issuer"` // 中共××村支部委员会; "" derives it from the branch's name
}

// NoticeContact returns an organisation's notice contact settings.
func (db *DB) NoticeContact(ctx context.Context, orgID string) (NoticeContact, error) {
	var c NoticeContact
	for key, dst := range map[string]*string{"notice.contact": &c.Person, "notice.phone": &c.Phone, "notice.issuer": &c.Issuer} {
		v, err := db.Setting(ctx, orgID, key, "")
		if err != nil {
			return c, err
		}
		*dst = v
	}
	return c, nil
}

// SetNoticeContact validates and stores an organisation's notice contact settings.
func (db *DB) SetNoticeContact(ctx context.Context, orgID string, c NoticeContact) error {
	c.Person, c.Phone, c.Issuer = strings.TrimSpace(c.Person), strings.TrimSpace(c.Phone), strings.TrimSpace(c.Issuer)
	if strings.Trim(c.Phone, "0123456789-— ") != "" || c.Phone != "" && len(strings.Trim(c.Phone, "-— ")) < 5 {
		return assets.Wrap(ErrInvalid, "The telephone number %s is not valid: use digits and dashes, e.g. 0371-12345678.", c.Phone)
	}
	if utf8.RuneCountInString(c.Person) > 20 || utf8.RuneCountInString(c.Issuer) > 40 {
		return assets.Wrap(ErrInvalid, "The contact person or the issuing body is too long.")
	}
	return db.Write(ctx, func(tx *Tx) error {
		for _, kv := range [][2]string{{"notice.contact", c.Person}, {"notice.phone", c.Phone}, {"notice.issuer", c.Issuer}} {
			if err := tx.SetSetting(ctx, orgID, kv[0], kv[1]); err != nil {
				return err
			}
		}
		return nil
	})
}
