package store

import (
	"bytes"
	"image"
	_ "image/jpeg" // decode JPEG photos
	_ "image/png"  // decode PNG photos
	"path/filepath"

	"zhibu/assets"
)

// MaxImageSide bounds each side of every picture the app takes (meeting photos, photos of
// posted notices), in pixels: a phone photo is at most about 4000×3000, and a file that
// declares more could take gigabytes to decode (a 74-byte PNG can declare 10^12 pixels).
const MaxImageSide = 8000

// decodePhoto reads a JPEG or PNG picture, checking its declared size before decoding it;
// name is the file's, "" if unknown.
func decodePhoto(name string, data []byte) (image.Image, error) {
	base := filepath.Base(name)
	unreadable := func() error {
		if name == "" {
			return assets.Wrap(ErrInvalid, "The photo is not a picture this program can read. Choose a JPG or PNG picture.")
		}
		return assets.Wrap(ErrInvalid, "The file %s is not a photo this program can read. Choose a JPG or PNG picture.", base)
	}
	if name == "" {
		base = assets.T("the photo")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "jpeg" && format != "png") {
		return nil, unreadable()
	}
	if cfg.Width > MaxImageSide || cfg.Height > MaxImageSide || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, assets.Wrap(ErrInvalid, "The picture %s is %d×%d pixels; at most %d×%d can be used. Take it again at a smaller size, or shrink it first.",
			base, cfg.Width, cfg.Height, MaxImageSide, MaxImageSide)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, unreadable()
	}
	return img, nil
}
