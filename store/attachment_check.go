package store

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"zhibu/assets"
)

// attachmentKinds are the document and image types an announcement may carry, by extension,
// with the start every such file has (checked: a program renamed .pdf is refused).
var attachmentKinds = map[string][]string{
	".pdf":  {"%PDF-"},
	".jpg":  {"\xff\xd8\xff"},
	".jpeg": {"\xff\xd8\xff"},
	".png":  {"\x89PNG\r\n\x1a\n"},
	".docx": {"PK\x03\x04"},
	".xlsx": {"PK\x03\x04"},
	".pptx": {"PK\x03\x04"},
	".doc":  {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"},
	".xls":  {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"},
	".ppt":  {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"},
	".wps":  {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "PK\x03\x04"},
	".et":   {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "PK\x03\x04"},
	".txt":  nil, // checked as text
}

// maxAttachmentPixels bounds an image attachment before it is decoded (a bomb declares more).
const maxAttachmentPixels = 40_000_000

// CheckAttachment returns the name and bytes an attachment is stored and saved with: a plain
// file name (no folders) with one extension from the allow-list whose content matches it.
// An image is re-encoded, so nothing appended to it (a ZIP after a JPEG) is kept.
func CheckAttachment(name string, data []byte) (string, []byte, error) {
	name = strings.TrimSpace(filepath.Base(strings.ReplaceAll(name, "\\", "/")))
	ext := strings.ToLower(filepath.Ext(name))
	stem := strings.TrimSuffix(name, filepath.Ext(name))
	starts, ok := attachmentKinds[ext]
	if !ok || stem == "" || strings.HasPrefix(name, ".") {
		return "", nil, assets.Wrap(ErrInvalid, "The attachment %s is not a document or picture that may be sent (PDF, Word, Excel, PowerPoint, WPS, text, JPEG or PNG).", name)
	}
	if inner := strings.ToLower(filepath.Ext(stem)); inner != "" && len(inner) <= 5 && !strings.ContainsAny(inner, " 　") {
		if _, known := attachmentKinds[inner]; known || dangerousExt[inner] {
			return "", nil, assets.Wrap(ErrInvalid, "The attachment %s has two extensions, which hides what it really is. Rename it with one extension and send it again.", name)
		}
	}
	matches := ext == ".txt" && utf8.Valid(data) && !bytes.ContainsRune(data, 0)
	for _, s := range starts {
		matches = matches || bytes.HasPrefix(data, []byte(s))
	}
	if !matches {
		return "", nil, assets.Wrap(ErrInvalid, "The attachment %s is not really a %s file (its content is something else). Nothing was sent.", name, strings.TrimPrefix(ext, "."))
	}
	switch ext {
	case ".jpg", ".jpeg", ".png":
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width*cfg.Height > maxAttachmentPixels || cfg.Width <= 0 || cfg.Height <= 0 {
			return "", nil, assets.Wrap(ErrInvalid, "The picture %s cannot be read or is too large. Save it again as JPEG or PNG and send it again.", name)
		}
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			return "", nil, assets.Wrap(ErrInvalid, "The picture %s cannot be read or is too large. Save it again as JPEG or PNG and send it again.", name)
		}
		var out bytes.Buffer
		if ext == ".png" {
			err = png.Encode(&out, img)
		} else {
			err = jpeg.Encode(&out, img, &jpeg.Options{Quality: 90})
		}
		if err != nil {
			return "", nil, err
		}
		data = out.Bytes()
	}
	return name, data, nil
}

// dangerousExt are extensions of programs and scripts, refused even inside a name.
var dangerousExt = map[string]bool{".exe": true, ".com": true, ".bat": true, ".cmd": true, ".scr": true, ".pif": true,
	".js": true, ".vbs": true, ".lnk": true, ".msi": true, ".ps1": true, ".hta": true, ".jar": true}

// SaveAnnouncementFile saves an announcement's attachment at path, for the village's 通知
// screen: only an attachment that passes CheckAttachment, and never over an existing file.
func (db *DB) SaveAnnouncementFile(ctx context.Context, announcementID, name, path string) error {
	data, err := db.AnnouncementFile(ctx, announcementID, name)
	if err != nil {
		return err
	}
	if _, data, err = CheckAttachment(name, data); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return assets.Wrap(err, "%s already exists. Choose another name or folder; nothing was overwritten.", path)
	}
	if err != nil {
		return assets.Wrap(err, "Cannot write %s. Check that the USB stick or folder is writable and has space.", path)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return assets.Wrap(err, "Cannot write %s. Check that the USB stick or folder is writable and has space.", path)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return assets.Wrap(err, "Cannot write %s. Check that the USB stick or folder is writable and has space.", path)
	}
	return nil
}
