package store

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"path/filepath"

	"zhibu/assets"
	"zhibu/store/replica"
)

// Photo limits: photos are stored in the database and sync with it, so they are kept small.
const (
	MaxPhotoBytes = 1 << 20 // a photo file of at most 1 MB
	ThumbSize     = 160     // thumbnails fit in ThumbSize×ThumbSize pixels
)

// Photo is a meeting photo.
type Photo struct {
	ID        string `json:"id"`
	MeetingID string `json:"meeting_id"`
	Name      string `json:"name"`
	Image     []byte `json:"-"` // the file as given (JPEG or PNG)
	Thumb     []byte `json:"-"` // a JPEG thumbnail
}

// AddPhoto stores a photo of a meeting (a JPEG or PNG file of at most MaxPhotoBytes) with a
// thumbnail, and returns its ID.
func (db *DB) AddPhoto(ctx context.Context, meetingID, name string, data []byte) (string, error) {
	if len(data) > MaxPhotoBytes {
		return "", assets.Wrap(ErrInvalid, "The photo %s is too large (%.1f MB; at most 1 MB). Make it smaller, e.g. send it to yourself by WeChat and save that copy, then add it again.",
			filepath.Base(name), float64(len(data))/(1<<20))
	}
	img, err := decodePhoto(name, data)
	if err != nil {
		return "", err
	}
	thumb, err := Thumbnail(img, ThumbSize)
	if err != nil {
		return "", err
	}
	id := NewID()
	err = db.Write(ctx, func(tx *Tx) error {
		var org string
		if err := tx.r.QueryRowContext(ctx, "SELECT org_id FROM meetings WHERE id=? AND deleted=0", meetingID).Scan(&org); err != nil {
			return assets.Wrap(ErrNotFound, "There is no meeting with ID %s.", meetingID)
		}
		_, err := tx.r.Put(ctx, "meeting_photos", id, map[string]any{"org_id": org, "meeting_id": meetingID,
			"name": filepath.Base(name), "image": data, "thumb": thumb})
		return err
	})
	return id, err
}

// Thumbnail scales img down to fit in size×size pixels and encodes it as JPEG.
func Thumbnail(img image.Image, size int) ([]byte, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > size || h > size {
		if w >= h {
			w, h = size, max(1, h*size/w)
		} else {
			w, h = max(1, w*size/h), size
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	// Box filter: each thumbnail pixel is the average of the source pixels it covers.
	for y := 0; y < h; y++ {
		y0, y1 := b.Min.Y+y*b.Dy()/h, b.Min.Y+(y+1)*b.Dy()/h
		for x := 0; x < w; x++ {
			x0, x1 := b.Min.X+x*b.Dx()/w, b.Min.X+(x+1)*b.Dx()/w
			var r, g, bl, n uint64
			for sy := y0; sy < max(y1, y0+1); sy++ {
				for sx := x0; sx < max(x1, x0+1); sx++ {
					cr, cg, cb, _ := img.At(sx, sy).RGBA()
					r, g, bl, n = r+uint64(cr), g+uint64(cg), bl+uint64(cb), n+1
				}
			}
			dst.Set(x, y, color.RGBA64{R: uint16(r / n), G: uint16(g / n), B: uint16(bl / n), A: 0xffff})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 80}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Photos lists a meeting's photos (with thumbnails; Image is left empty).
func (db *DB) Photos(ctx context.Context, meetingID string) ([]Photo, error) {
	return replica.Collect(ctx, db.sql, func(s replica.Scanner) (p Photo, err error) {
		return p, s.Scan(&p.ID, &p.MeetingID, &p.Name, &p.Thumb)
	}, "SELECT id, meeting_id, name, thumb FROM meeting_photos WHERE meeting_id=? AND deleted=0 ORDER BY id", meetingID)
}

// PhotoImage returns a photo's full image.
func (db *DB) PhotoImage(ctx context.Context, id string) ([]byte, error) {
	var b []byte
	if err := db.sql.QueryRowContext(ctx, "SELECT image FROM meeting_photos WHERE id=? AND deleted=0", id).Scan(&b); err != nil {
		return nil, assets.Wrap(ErrNotFound, "The photo was not found; it may have been removed.")
	}
	return b, nil
}

// DeletePhoto removes a photo.
func (db *DB) DeletePhoto(ctx context.Context, id string) error {
	return db.Write(ctx, func(tx *Tx) error { return tx.r.Delete(ctx, "meeting_photos", id) })
}
