package store_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"zhibu/store"
	"zhibu/store/storetest"
)

// TestAttachmentsAreCheckedByContent (issue 20, failure 9): program files and double
// extensions are refused, a file whose content is not its type is refused, a JPEG with a
// ZIP appended is not stored verbatim, and the village saves an attachment only to a new file.
func TestAttachmentsAreCheckedByContent(t *testing.T) {
	town := storetest.Township(t)
	pe := append([]byte("MZ\x90\x00"), bytes.Repeat([]byte{0}, 200)...)
	var jpg bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		img.Set(x, x%30, color.RGBA{200, 0, 0, 255})
	}
	jpeg.Encode(&jpg, img, nil)
	withZip := append(bytes.Clone(jpg.Bytes()), []byte("PK\x03\x04hidden archive: payload.exe")...)
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"setup.exe", pe},
		{"培训安排.pdf.exe", pe},
		{"培训安排.exe.pdf", append([]byte("%PDF-1.4 "), pe...)},
		{"培训安排.pdf", pe},
		{"照片.jpg", []byte("not a picture")},
	} {
		if _, err := town.DB.SendAnnouncement(town.Ctx, "通知", "正文", nil, []store.Attachment{{Name: c.name, Data: c.data}}); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("attachment %s accepted: %v", c.name, err)
		}
	}
	id, err := town.DB.SendAnnouncement(town.Ctx, "通知", "正文", nil, []store.Attachment{{Name: "现场.jpg", Data: withZip}})
	if err != nil {
		t.Fatal(err)
	}
	stored, err := town.DB.AnnouncementFile(town.Ctx, id, "现场.jpg")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(stored, []byte("PK\x03\x04")) || !bytes.HasPrefix(stored, []byte("\xff\xd8\xff")) {
		t.Errorf("the JPEG was stored with what was appended to it (%d bytes)", len(stored))
	}
	path := filepath.Join(t.TempDir(), "现场.jpg")
	if err := town.DB.SaveAnnouncementFile(town.Ctx, id, "现场.jpg", path); err != nil {
		t.Fatal(err)
	}
	if err := town.DB.SaveAnnouncementFile(town.Ctx, id, "现场.jpg", path); err == nil {
		t.Error("saving over an existing file was allowed")
	}
	if b, _ := os.ReadFile(path); !bytes.HasPrefix(b, []byte("\xff\xd8\xff")) || bytes.Contains(b, []byte("PK\x03\x04")) {
		t.Error("the saved file is not the checked picture")
	}
}
